import equal from 'fast-deep-equal'
import { z } from 'zod'
import type { ComponentResult, CriterionResult, InferenceModel } from '../inference/index.ts'
import type { ComponentLevel, LevelInput } from '../store/index.ts'

/** A component whose standing level changed (what write-back reports). */
export interface LevelChange {
  readonly componentId: string
  /** undefined: the component had no saved level before. */
  readonly from: string | null | undefined
  readonly to: string | null
  /** The nth change of this person's level on this component. */
  readonly sequence: number
  readonly evidenceCount: number
  readonly frameworkVersion: string
}

/** A criterion a person newly meets (what write-back reports when the tenant asks for it). */
export interface CriterionReached {
  readonly componentId: string
  readonly criterionId: string
  /** The nth time this person reached this criterion. */
  readonly sequence: number
  /** Distinct statements behind it. */
  readonly evidenceCount: number
  readonly frameworkVersion: string
}

/**
 * What is kept of a result to explain it in reports and to notice changes: per level how many
 * criteria are met of those needed, the criteria met now, and how often each was ever reached.
 */
const Reasons = z.object({
  levels: z.array(z.object({ level: z.string(), met: z.number(), needed: z.number() })),
  // Kept only while the tenant writes descriptor statements (they cost a full recompute time).
  met: z.array(z.string()).optional(),
  reached: z.record(z.string(), z.number()).optional(),
})
type Reasons = z.infer<typeof Reasons>

/**
 * What is kept of a result, numbered by `changeSeq`; with `reached` (criteria tracked), the
 * criteria met now and how often each was reached.
 */
export function levelInput(
  result: ComponentResult,
  changeSeq = 0,
  reached?: Readonly<Record<string, number>>,
): LevelInput {
  const reasons: Reasons = {
    levels: result.levels.map((l) => ({ level: l.code, met: l.metCount, needed: l.needed })),
    ...(reached && { met: metCriteria(result).map((c) => c.id), reached: { ...reached } }),
  }
  return {
    changeSeq,
    componentId: result.componentId,
    level: result.level,
    inferredLevel: result.inferredLevel,
    evidenceCount: result.evidenceCount,
    frameworkVersion: result.frameworkVersion,
    reasons,
  }
}

/**
 * The results that differ from what is saved (only those are written), the level changes among
 * them, and (with `trackCriteria`) the criteria newly met. A saved component absent from the
 * results is not touched. A row saved while criteria were not tracked reports none (their history
 * is unknown); tracking starts from it.
 */
export function levelsToSave(
  results: readonly ComponentResult[],
  saved: readonly ComponentLevel[],
  options: { readonly trackCriteria?: boolean } = {},
): { save: LevelInput[]; changes: LevelChange[]; reached: CriterionReached[] } {
  const before = new Map(saved.map((l) => [l.componentId, l]))
  const save: LevelInput[] = []
  const changes: LevelChange[] = []
  const reached: CriterionReached[] = []
  for (const result of results) {
    const old = before.get(result.componentId)
    const oldReasons = old ? Reasons.safeParse(old.reasons) : undefined
    const tracked = oldReasons?.success ? oldReasons.data : undefined
    const known = !old || tracked?.met !== undefined
    const wasMet = new Set(tracked?.met ?? [])
    const counts: Record<string, number> = { ...tracked?.reached }
    for (const criterion of options.trackCriteria ? metCriteria(result) : []) {
      if (known && wasMet.has(criterion.id)) continue
      counts[criterion.id] = (counts[criterion.id] ?? 0) + 1
      if (!known) continue
      reached.push({
        componentId: result.componentId,
        criterionId: criterion.id,
        sequence: counts[criterion.id]!,
        evidenceCount: new Set(criterion.sources.flatMap((s) => s.statements.map((x) => x.id)))
          .size,
        frameworkVersion: result.frameworkVersion,
      })
    }
    // A first row with no level is no change; a new level (or none after one) is.
    const changed = (old?.level ?? null) !== result.level
    const input = levelInput(
      result,
      (old?.changeSeq ?? 0) + (changed ? 1 : 0),
      options.trackCriteria ? counts : undefined,
    )
    if (!old && input.level === null && input.evidenceCount === 0) continue
    if (old && sameLevel(old, input)) continue
    save.push(input)
    if (changed) {
      changes.push({
        componentId: input.componentId,
        from: old?.level,
        to: input.level,
        sequence: input.changeSeq,
        evidenceCount: input.evidenceCount,
        frameworkVersion: input.frameworkVersion,
      })
    }
  }
  return { save, changes, reached }
}

function metCriteria(result: ComponentResult): CriterionResult[] {
  return result.levels.flatMap((l) => l.criteria.filter((c) => c.met))
}

function sameLevel(a: LevelInput, b: LevelInput): boolean {
  return (
    a.level === b.level &&
    a.inferredLevel === b.inferredLevel &&
    a.evidenceCount === b.evidenceCount &&
    a.frameworkVersion === b.frameworkVersion &&
    // Saved reasons come back from JSONB with their keys reordered: compare by value (JSON
    // values only, the many of a recompute compared quickly).
    equal(a.reasons, b.reasons)
  )
}

/** Whether a change raises or lowers the level (no level ranks below every level). */
export function changeDirection(model: InferenceModel, change: LevelChange): 'up' | 'down' {
  const levels = model.components.get(change.componentId)?.levels ?? []
  const rank = (code: string | null | undefined) =>
    code ? (levels.find((l) => l.code === code)?.rank ?? 0) : 0
  return rank(change.to) >= rank(change.from) ? 'up' : 'down'
}
