import { isDeepStrictEqual } from 'node:util'
import type { ComponentResult, InferenceModel } from '../inference/index.ts'
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

/** What is kept of a result: the level, and per level how many criteria are met of those needed. */
export function levelInput(result: ComponentResult, changeSeq = 0): LevelInput {
  return {
    changeSeq,
    componentId: result.componentId,
    level: result.level,
    inferredLevel: result.inferredLevel,
    evidenceCount: result.evidenceCount,
    frameworkVersion: result.frameworkVersion,
    reasons: result.levels.map((l) => ({ level: l.code, met: l.metCount, needed: l.needed })),
  }
}

/**
 * The results that differ from what is saved (only those are written), and the level changes
 * among them. A saved component absent from the results is not touched.
 */
export function levelsToSave(
  results: readonly ComponentResult[],
  saved: readonly ComponentLevel[],
): { save: LevelInput[]; changes: LevelChange[] } {
  const before = new Map(saved.map((l) => [l.componentId, l]))
  const save: LevelInput[] = []
  const changes: LevelChange[] = []
  for (const result of results) {
    const old = before.get(result.componentId)
    // A first row with no level is no change; a new level (or none after one) is.
    const changed = (old?.level ?? null) !== result.level
    const input = levelInput(result, (old?.changeSeq ?? 0) + (changed ? 1 : 0))
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
  return { save, changes }
}

function sameLevel(a: LevelInput, b: LevelInput): boolean {
  return (
    a.level === b.level &&
    a.inferredLevel === b.inferredLevel &&
    a.evidenceCount === b.evidenceCount &&
    a.frameworkVersion === b.frameworkVersion &&
    // Saved reasons come back from JSONB with their keys reordered: compare by value.
    isDeepStrictEqual(a.reasons, b.reasons)
  )
}

/** Whether a change raises or lowers the level (no level ranks below every level). */
export function changeDirection(model: InferenceModel, change: LevelChange): 'up' | 'down' {
  const levels = model.components.get(change.componentId)?.levels ?? []
  const rank = (code: string | null | undefined) =>
    code ? (levels.find((l) => l.code === code)?.rank ?? 0) : 0
  return rank(change.to) >= rank(change.from) ? 'up' : 'down'
}
