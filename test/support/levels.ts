// A component level to save, as inference would save it, for tests and benchmarks that set up
// people's levels directly.
import type { LevelInput } from '../../src/store/index.ts'

/** A level held on a component (`code` null: none), inferred as held unless `more` says else. */
export function heldLevel(
  componentId: string,
  code: string | null,
  more: Partial<Omit<LevelInput, 'componentId' | 'level'>> = {},
): LevelInput {
  return {
    componentId,
    level: code,
    inferredLevel: code,
    changeSeq: 1,
    evidenceCount: 1,
    frameworkVersion: '2026',
    reasons: { levels: [] },
    ...more,
  }
}
