import type { InferenceModel } from '../inference/index.ts'

/** Where a component's target comes from. */
export type TargetSource = 'me' | 'school' | 'none'

/** A tagged activity, as training needs point to it. */
export interface NeedActivity {
  readonly tagId: string
  readonly name?: string
  /** The activity's IRI (a link when it is a web address), or the tagged IRI prefix. */
  readonly iri?: string
  readonly prefix?: string
}

/** What one component needs: the target, the gap to it, what is missing and what would help. */
export interface ComponentNeed {
  readonly componentId: string
  readonly level: string | null
  readonly target: string | null
  readonly source: TargetSource
  /** Target rank minus level rank (0 when reached or no target). */
  readonly gap: number
  /** The criteria of the target (and, cumulatively, below) not met yet. */
  readonly missing: readonly string[]
  /** Activities tagged with a missing criterion, with the criteria each would evidence. */
  readonly activities: readonly { readonly activity: NeedActivity; readonly criteria: string[] }[]
}

export interface NeedsInput {
  /** The person's level and met criteria per component. */
  readonly components: readonly {
    readonly componentId: string
    readonly level: string | null
    readonly met: ReadonlySet<string>
  }[]
  /** The person's own targets by component. */
  readonly own: ReadonlyMap<string, string>
  /** The school's targets: by component ID, or by audience ID for all of its components. */
  readonly school: Readonly<Record<string, string>>
  /** The audience each component belongs to (for audience-wide school targets). */
  readonly audienceOf: (componentId: string) => string | undefined
  readonly activities: readonly (NeedActivity & { readonly competencyIds: readonly string[] })[]
}

/**
 * Training needs, worked out from a profile: per component the target (own, else the school's),
 * the gap in levels, the criteria still missing for it, and the tagged activities that would
 * evidence them. Pure.
 */
export function trainingNeeds(model: InferenceModel, input: NeedsInput): ComponentNeed[] {
  // Which criteria each activity would evidence.
  const helps = input.activities.map((activity) => ({
    activity,
    criteria: new Set(activity.competencyIds.flatMap((id) => model.target(id)?.criteria ?? [])),
  }))
  return input.components.map(({ componentId, level, met }) => {
    const component = model.components.get(componentId)
    const rank = (code: string | null) =>
      code === null ? 0 : (component?.levels.find((l) => l.code === code)?.rank ?? 0)
    const own = input.own.get(componentId)
    const audience = input.audienceOf(componentId)
    const school = input.school[componentId] ?? (audience ? input.school[audience] : undefined)
    const target = own ?? school ?? null
    const source: TargetSource = own ? 'me' : school ? 'school' : 'none'
    const targetRank = rank(target)
    const gap = Math.max(0, targetRank - rank(level))
    const missing =
      gap === 0
        ? []
        : (component?.levels ?? [])
            .filter((l) => l.rank <= targetRank)
            .flatMap((l) => l.criteria)
            .filter((c) => !met.has(c))
    const activities = helps.flatMap(({ activity, criteria }) => {
      const would = missing.filter((c) => criteria.has(c))
      const { competencyIds: _, ...shown } = activity
      return would.length > 0 ? [{ activity: shown, criteria: would }] : []
    })
    return { componentId, level, target, source, gap, missing, activities }
  })
}
