import type { Framework } from '../../framework/index.ts'

/**
 * How a pupil's level on a component stands against the level expected of them: `none` without
 * a level, `unknown` with a level but no target (no grade known), else below, at or above it.
 */
export type TargetVerdict = 'none' | 'unknown' | 'below' | 'at' | 'above'

/** The verdict of `level` against `target` in `framework`'s order of levels. */
export function targetVerdict(
  framework: Framework,
  level: string | null | undefined,
  target: string | undefined,
): TargetVerdict {
  if (level == null) return 'none'
  const rank = new Map(framework.levels.map((l) => [l.code, l.rank]))
  const have = rank.get(level)
  const want = target === undefined ? undefined : rank.get(target)
  if (have === undefined || want === undefined) return 'unknown'
  if (have < want) return 'below'
  return have === want ? 'at' : 'above'
}

/** Whether a verdict counts as reaching the target (at it or above). */
export function reachesTarget(verdict: TargetVerdict): boolean {
  return verdict === 'at' || verdict === 'above'
}
