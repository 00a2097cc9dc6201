import type { ComponentModel, InferenceModel } from '../inference/index.ts'
import { type Agreement, agreement } from './self-assessment.ts'

/**
 * Where a component's target comes from: the person, the school, or by default the table's first
 * level (Cơ bản, "the level every teacher needs", Circular 18); none only for a component
 * without levels.
 */
export type TargetSource = 'me' | 'school' | 'default' | 'none'

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
    const { target, source } = chosenTarget(input, componentId, component && firstLevel(component))
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

/** How the person's own level of a component stands to the inferred one. */
export interface SelfView {
  readonly level: string | null
  readonly agreement: Agreement
}

/** A component in a report: the level reached, the target, and the self-assessment beside. */
export interface ComponentSummary {
  readonly componentId: string
  readonly level: string | null
  readonly target: string | null
  readonly source: TargetSource
  /** Absent when the person has not assessed themselves on it. */
  readonly self?: SelfView
}

/** A component where the person holds something: the level and the criteria met. */
export interface Strength {
  readonly componentId: string
  readonly level: string | null
  /** Distinct statements behind the component's evidence. */
  readonly evidence: number
  /** The criteria met, highest level first, each with the statements that evidence it. */
  readonly criteria: readonly { readonly id: string; readonly evidence: number }[]
}

/** A component below its target, and the nearest step up: the next level's unmet criteria. */
export interface AreaToImprove {
  readonly componentId: string
  readonly level: string | null
  readonly target: string
  readonly source: TargetSource
  /** Levels between the one reached and the target. */
  readonly gap: number
  /** The level just above the one reached. */
  readonly next: string
  /** How many of `unmet` must still be met to reach `next` (the tenant's required share). */
  readonly moreNeeded: number
  /** The criteria of `next` not met yet, in the framework's order. */
  readonly unmet: readonly string[]
}

/** An activity of the learning plan and the unmet criteria it would evidence. */
export interface PlanItem {
  readonly activity: NeedActivity
  readonly criteria: readonly string[]
}

/** One domain ("miền") of a needs report. */
export interface DomainReport {
  readonly domainId: string
  readonly components: readonly ComponentSummary[]
  /** How many components are at each level: no level first, then the levels from lowest. */
  readonly mix: readonly { readonly code: string | null; readonly count: number }[]
  /** Strongest first: highest level, then most criteria met, then most evidence. */
  readonly strengths: readonly Strength[]
  readonly areas: readonly AreaToImprove[]
  /** Most unmet criteria covered first, then by course and name. */
  readonly plan: readonly PlanItem[]
  /** Components whose self-assessed level differs from the inferred one. */
  readonly selfDiffers: readonly (ComponentSummary & { readonly self: SelfView })[]
}

export interface NeedsReportInput extends Omit<NeedsInput, 'components' | 'activities'> {
  /** Per component, in the framework's order: its domain, level and criteria as they count. */
  readonly components: readonly {
    readonly componentId: string
    readonly domainId: string
    readonly level: string | null
    /** Distinct statements behind the component's evidence. */
    readonly evidence: number
    /** The person's self-assessed level; absent when never assessed. */
    readonly selfLevel?: string | null
    readonly levels: readonly {
      readonly code: string
      /** Criteria that must be met to hold the level. */
      readonly needed: number
      readonly criteria: readonly {
        readonly id: string
        readonly met: boolean
        /** Distinct statements behind the criterion. */
        readonly evidence: number
      }[]
    }[]
  }[]
  readonly activities: readonly (NeedActivity & {
    /** The course (LMS context) the activity is in, by its title. */
    readonly course?: string
    readonly competencyIds: readonly string[]
  })[]
}

/**
 * A training-needs report per domain, after SELFIE for Teachers: the level reached per component
 * and the domain's level mix, the strengths held, the areas below target with the nearest next
 * level's unmet criteria, a learning plan of tagged activities that would evidence them, and
 * where the self-assessment differs from the evidence. Pure.
 */
export function needsReport(model: InferenceModel, input: NeedsReportInput): DomainReport[] {
  const domains = new Map<string, ReportComponent[]>()
  for (const c of input.components) {
    if (!model.components.has(c.componentId)) continue
    const list = domains.get(c.domainId)
    if (list) list.push(c)
    else domains.set(c.domainId, [c])
  }
  const catalogue = planCatalogue(model, input.activities)
  return [...domains].map(([domainId, components]) => {
    const parts = components.map((c) => componentParts(model, input, c))
    const summaries = parts.map((p) => p.summary)
    const areas = parts.flatMap((p) => p.area ?? [])
    // Levels of the domain's components, lowest first (one framework: the same levels).
    const codes = new Map(
      components.flatMap((c) =>
        model.components.get(c.componentId)!.levels.map((l) => [l.code, l.rank]),
      ),
    )
    const order = [null, ...[...codes].sort((a, b) => a[1] - b[1]).map(([code]) => code)]
    return {
      domainId,
      components: summaries,
      mix: order.map((code) => ({ code, count: summaries.filter((s) => s.level === code).length })),
      // A stable sort: equals keep the framework's order.
      strengths: parts
        .flatMap((p) => (p.strength ? [{ ...p.strength, rank: p.rank }] : []))
        .sort(
          (a, b) =>
            b.rank - a.rank || b.criteria.length - a.criteria.length || b.evidence - a.evidence,
        )
        .map(({ rank: _, ...strength }) => strength),
      areas,
      plan: learningPlan(
        catalogue,
        areas.flatMap((a) => a.unmet),
      ),
      selfDiffers: summaries.filter(
        (s): s is ComponentSummary & { self: SelfView } =>
          s.self !== undefined && s.self.agreement !== 'agree',
      ),
    }
  })
}

type ReportComponent = NeedsReportInput['components'][number]

/** One component's part of a report: its summary, its strength and its area to improve. */
function componentParts(model: InferenceModel, input: NeedsReportInput, c: ReportComponent) {
  const component = model.components.get(c.componentId)!
  const rank = rankIn(component)
  const { target, source } = chosenTarget(input, c.componentId, firstLevel(component))
  const self =
    c.selfLevel === undefined
      ? undefined
      : { level: c.selfLevel, agreement: agreement(rank(c.selfLevel), rank(c.level)) }
  const summary: ComponentSummary = {
    componentId: c.componentId,
    level: c.level,
    target,
    source,
    ...(self && { self }),
  }
  const held = [...c.levels]
    .sort((a, b) => rank(b.code) - rank(a.code))
    .flatMap((l) => l.criteria.filter((x) => x.met).map(({ id, evidence }) => ({ id, evidence })))
  const strength: Strength | undefined =
    c.level !== null || held.length > 0
      ? { componentId: c.componentId, level: c.level, evidence: c.evidence, criteria: held }
      : undefined
  return { summary, strength, rank: rank(c.level), area: areaOf(component, c, target, source) }
}

/** The nearest step to a target above the level reached: the next level's unmet criteria. */
function areaOf(
  component: ComponentModel,
  c: ReportComponent,
  target: string | null,
  source: TargetSource,
): AreaToImprove | undefined {
  const rank = rankIn(component)
  const gap = target === null ? 0 : rank(target) - rank(c.level)
  const nextCode = component.levels.find((l) => l.rank > rank(c.level))?.code
  const next = c.levels.find((l) => l.code === nextCode)
  if (target === null || gap <= 0 || !next) return undefined
  const unmet = next.criteria.filter((x) => !x.met).map((x) => x.id)
  const metCount = next.criteria.length - unmet.length
  return {
    componentId: c.componentId,
    level: c.level,
    target,
    source,
    gap,
    next: next.code,
    moreNeeded: Math.max(0, Math.min(unmet.length, next.needed - metCount)),
    unmet,
  }
}

interface CatalogueEntry {
  readonly activity: NeedActivity
  readonly course: string
  readonly criteria: ReadonlySet<string>
}

/**
 * The tenant's tagged activities with the criteria each would evidence: tags of one activity (by
 * IRI, else prefix) merged into one entry, named by its first tag in ID order.
 */
function planCatalogue(
  model: InferenceModel,
  activities: NeedsReportInput['activities'],
): CatalogueEntry[] {
  const byKey = new Map<string, { activity: NeedActivity; course: string; criteria: Set<string> }>()
  for (const { competencyIds, course, ...activity } of [...activities].sort((a, b) =>
    compare(a.tagId, b.tagId),
  )) {
    const key = activity.iri
      ? `iri:${activity.iri}`
      : activity.prefix
        ? `prefix:${activity.prefix}`
        : `tag:${activity.tagId}`
    const entry = byKey.get(key) ?? { activity, course: course ?? '', criteria: new Set<string>() }
    byKey.set(key, entry)
    for (const id of competencyIds)
      for (const c of model.target(id)?.criteria ?? []) entry.criteria.add(c)
  }
  return [...byKey.values()]
}

/** The activities that would evidence any of `unmet`, most covered first, then course and name. */
function learningPlan(catalogue: readonly CatalogueEntry[], unmet: readonly string[]): PlanItem[] {
  return catalogue
    .flatMap((entry) => {
      const criteria = unmet.filter((c) => entry.criteria.has(c))
      return criteria.length > 0 ? [{ entry, criteria }] : []
    })
    .sort(
      (a, b) =>
        b.criteria.length - a.criteria.length ||
        byName(a.entry.course, b.entry.course) ||
        byName(activityLabel(a.entry.activity), activityLabel(b.entry.activity)) ||
        compare(a.entry.activity.tagId, b.entry.activity.tagId),
    )
    .map(({ entry, criteria }) => ({ activity: entry.activity, criteria }))
}

/** What an activity is called: its name, else its IRI, else the tagged prefix. */
export function activityLabel(activity: NeedActivity): string {
  return activity.name ?? activity.iri ?? activity.prefix ?? activity.tagId
}

function rankIn(component: ComponentModel) {
  return (code: string | null | undefined) =>
    code == null ? 0 : (component.levels.find((l) => l.code === code)?.rank ?? 0)
}

/** The lowest level of a component (Cơ bản in Circular 18's tables). */
function firstLevel(component: ComponentModel): string | undefined {
  return component.levels.reduce<ComponentModel['levels'][number] | undefined>(
    (low, l) => (low === undefined || l.rank < low.rank ? l : low),
    undefined,
  )?.code
}

/**
 * The person's own target, else the school's for the component, else for its whole table, else
 * the table's first level: Circular 18 makes Cơ bản the level every teacher needs.
 */
function chosenTarget(
  input: Pick<NeedsInput, 'own' | 'school' | 'audienceOf'>,
  componentId: string,
  defaultLevel: string | undefined,
): { target: string | null; source: TargetSource } {
  const own = input.own.get(componentId)
  if (own) return { target: own, source: 'me' }
  const audience = input.audienceOf(componentId)
  const school = input.school[componentId] ?? (audience ? input.school[audience] : undefined)
  if (school) return { target: school, source: 'school' }
  return defaultLevel
    ? { target: defaultLevel, source: 'default' }
    : { target: null, source: 'none' }
}

/** Vietnamese alphabetical order (Đ after D), for courses and activity names. */
const byName = new Intl.Collator('vi').compare

/** Code-point order, for IDs. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
