import type { EvidenceItem, TagRules } from './match.ts'
import type { ComponentModel, InferenceModel } from './model.ts'

/** A trainer's verdict on one criterion (a descriptor, or a level without descriptor text). */
export interface CriterionOverride {
  readonly kind: 'criterion'
  readonly criterionId: string
  readonly verdict: 'confirm' | 'reject'
  readonly reason: string
  readonly by?: string
  readonly at: Date
}

/** A trainer's level for a component, whatever inference says (null: no level). */
export interface LevelOverride {
  readonly kind: 'level'
  readonly componentId: string
  readonly level: string | null
  readonly reason: string
  readonly by?: string
  readonly at: Date
}

export type Override = CriterionOverride | LevelOverride

/** A tenant's choices for inference. */
export interface InferenceSettings {
  /**
   * The share of a level's criteria that must be met to hold it, from 0 (exclusive) to 1. At 1
   * (the default) every descriptor of the level is needed.
   */
  readonly requiredShare: number
}

export const DEFAULT_SETTINGS: InferenceSettings = { requiredShare: 1 }

/** What one tag contributes to one criterion. */
export interface SourceCredit {
  readonly tagId: string
  /** The distinct qualifying statements, oldest first. */
  readonly statements: readonly { readonly id: string; readonly observedAt: Date }[]
  /** Statements the tag's rule needs for its full weight. */
  readonly needed: number
  readonly weight: number
  /** weight × min(1, statements / needed). */
  readonly credit: number
}

export interface CriterionResult {
  /** A descriptor ID, or a level's ID when the level has no descriptor text. */
  readonly id: string
  /** As it counts: inference, unless a trainer confirmed or rejected it. */
  readonly met: boolean
  /** As the evidence alone says. */
  readonly inferredMet: boolean
  /** The sum of the sources' credits, at most 1; met at 1. */
  readonly credit: number
  readonly sources: readonly SourceCredit[]
  readonly override?: CriterionOverride
}

export interface LevelResult {
  readonly code: string
  readonly rank: number
  readonly criteria: readonly CriterionResult[]
  readonly metCount: number
  /** Criteria that must be met (the tenant's share of them, at least one). */
  readonly needed: number
  /** This level's own criteria are met (lower levels aside). */
  readonly criteriaMet: boolean
}

/** What stands between a person and the next level. */
export interface NextStep {
  readonly level: string
  /** Unmet criteria of that level (for a cumulative framework, lower levels are all held). */
  readonly missing: readonly string[]
  /** How many of `missing` must still be met. */
  readonly moreNeeded: number
}

/** A person's level of one component, and everything that explains it. */
export interface ComponentResult {
  readonly componentId: string
  readonly frameworkVersion: string
  /** The level that stands: the trainer's override, else inference with criterion verdicts. */
  readonly level: string | null
  /** The level the evidence alone gives (no trainer verdicts). */
  readonly inferredLevel: string | null
  readonly override?: LevelOverride
  readonly levels: readonly LevelResult[]
  /** Absent at the top level. */
  readonly next?: NextStep
  /** Distinct statements behind the component's evidence. */
  readonly evidenceCount: number
  readonly lastEvidenceAt?: Date
}

const FULL = 1 - 1e-9

/**
 * Infers a person's level of each component: the components given, or else every component
 * their evidence or overrides touch (in the order first met) and those included. Pure: the same input always gives
 * the same result.
 */
export function inferLevels(
  model: InferenceModel,
  input: {
    readonly evidence: readonly EvidenceItem[]
    readonly rules: TagRules
    readonly overrides?: readonly Override[]
    readonly settings?: InferenceSettings
    /** Report exactly these components (in this order). */
    readonly componentIds?: readonly string[]
    /** Report these components too, after those the evidence and overrides touch. */
    readonly include?: readonly string[]
  },
): ComponentResult[] {
  const settings = input.settings ?? DEFAULT_SETTINGS
  // criterion → the evidence of it (grouped by tag and statement when the criterion is worked
  // out: most criteria have one piece, and people have hundreds of criteria)
  const byCriterion = new Map<string, EvidenceItem[]>()
  const touched: string[] = []
  const touch = (componentId: string) => {
    if (!touched.includes(componentId)) touched.push(componentId)
  }
  for (const item of input.evidence) {
    const target = model.target(item.competencyId)
    if (!target || !input.rules.has(item.tagId)) continue
    touch(target.componentId)
    for (const criterion of target.criteria) {
      const items = byCriterion.get(criterion)
      if (items) items.push(item)
      else byCriterion.set(criterion, [item])
    }
  }
  const criterionOverrides = new Map<string, CriterionOverride>()
  const levelOverrides = new Map<string, LevelOverride>()
  for (const o of input.overrides ?? []) {
    if (o.kind === 'criterion') {
      criterionOverrides.set(o.criterionId, o)
      const target = model.target(o.criterionId)
      if (target) touch(target.componentId)
    } else {
      levelOverrides.set(o.componentId, o)
      touch(o.componentId)
    }
  }
  for (const id of input.include ?? []) touch(id)
  const wanted = input.componentIds ?? touched
  const results: ComponentResult[] = []
  for (const componentId of wanted) {
    const component = model.components.get(componentId)
    if (!component) continue
    results.push(
      inferComponent(component, byCriterion, input.rules, criterionOverrides, settings, {
        override: levelOverrides.get(componentId),
      }),
    )
  }
  return results
}

function inferComponent(
  component: ComponentModel,
  byCriterion: ReadonlyMap<string, readonly EvidenceItem[]>,
  rules: TagRules,
  overrides: ReadonlyMap<string, CriterionOverride>,
  settings: InferenceSettings,
  { override }: { override?: LevelOverride },
): ComponentResult {
  const statements = new Set<string>()
  let lastEvidenceAt: Date | undefined
  const levels = component.levels.map((level): LevelResult => {
    const criteria = level.criteria.map((id): CriterionResult => {
      const sources: SourceCredit[] = []
      const items = byCriterion.get(id) ?? []
      // By tag, then statement, then time: each tag's statements together, a statement's
      // earliest piece first.
      const ordered = items.length > 1 ? [...items].sort(byTagStatementTime) : items
      for (let i = 0; i < ordered.length;) {
        const tagId = ordered[i]!.tagId
        const list: { id: string; observedAt: Date }[] = []
        for (; i < ordered.length && ordered[i]!.tagId === tagId; i++) {
          const item = ordered[i]!
          if (list.at(-1)?.id === item.statementId) continue
          list.push({ id: item.statementId, observedAt: item.observedAt })
        }
        if (list.length > 1) list.sort(byTimeThenId)
        for (const s of list) {
          statements.add(s.id)
          if (!lastEvidenceAt || s.observedAt > lastEvidenceAt) lastEvidenceAt = s.observedAt
        }
        const rule = rules.get(tagId)!
        const credit = rule.weight * Math.min(1, list.length / rule.count)
        sources.push({ tagId, statements: list, needed: rule.count, weight: rule.weight, credit })
      }
      let sum = 0
      for (const source of sources) sum += source.credit
      const credit = Math.min(1, sum)
      const inferredMet = credit >= FULL
      const verdict = overrides.get(id)
      if (!verdict) return { id, met: inferredMet, inferredMet, credit, sources }
      const met = verdict.verdict === 'confirm'
      return { id, met, inferredMet, credit, sources, override: verdict }
    })
    const needed = Math.max(1, Math.ceil(settings.requiredShare * criteria.length - 1e-9))
    const metCount = criteria.filter((c) => c.met).length
    return {
      code: level.code,
      rank: level.rank,
      criteria,
      metCount,
      needed,
      criteriaMet: metCount >= needed,
    }
  })
  const inferredLevel = heldLevel(
    component.cumulative,
    levels.map((l) => ({
      code: l.code,
      met: l.criteria.filter((c) => c.inferredMet).length >= l.needed,
    })),
  )
  const withVerdicts = heldLevel(
    component.cumulative,
    levels.map((l) => ({ code: l.code, met: l.criteriaMet })),
  )
  const level = override ? override.level : withVerdicts
  const next = nextStep(levels, level)
  return {
    componentId: component.id,
    frameworkVersion: component.frameworkVersion,
    level,
    inferredLevel,
    ...(override && { override }),
    levels,
    ...(next && { next }),
    evidenceCount: statements.size,
    ...(lastEvidenceAt && { lastEvidenceAt }),
  }
}

/**
 * The level held: for a cumulative framework the highest level such that it and every level
 * below it are met; otherwise the highest level met.
 */
function heldLevel(
  cumulative: boolean,
  levels: readonly { code: string; met: boolean }[],
): string | null {
  let held: string | null = null
  for (const level of levels) {
    if (level.met) held = level.code
    else if (cumulative) break
  }
  return held
}

function nextStep(levels: readonly LevelResult[], held: string | null): NextStep | undefined {
  const index = held === null ? 0 : levels.findIndex((l) => l.code === held) + 1
  const next = levels[index]
  if (!next || (held !== null && index === 0)) return undefined
  return {
    level: next.code,
    missing: next.criteria.filter((c) => !c.met).map((c) => c.id),
    moreNeeded: Math.max(0, next.needed - next.metCount),
  }
}

function byTagStatementTime(a: EvidenceItem, b: EvidenceItem): number {
  return (
    cmp(a.tagId, b.tagId) ||
    cmp(a.statementId, b.statementId) ||
    a.observedAt.getTime() - b.observedAt.getTime()
  )
}

function byTimeThenId(
  a: { readonly id: string; readonly observedAt: Date },
  b: { readonly id: string; readonly observedAt: Date },
): number {
  return a.observedAt.getTime() - b.observedAt.getTime() || cmp(a.id, b.id)
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
