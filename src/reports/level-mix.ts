// The mix of levels of a group: of all its person × component pairs, the share at each level and
// with none. It is worked out from the per-component counts a report already holds, so a chart of
// it shows something even when few people hold Cơ bản on every component. Pure.
import type { UnitFigures } from './aggregate.ts'

/** A level code, or `none` for pairs without a level. */
export interface LevelMixSeries {
  readonly code: string
  /** Shares 0–1, one per group, in the groups' order. */
  readonly values: readonly number[]
}

/**
 * Shares (0–1) of a group's person × component pairs per level code and `none`; all 0 for a
 * hidden or empty group.
 */
export function levelMix(group: UnitFigures, levels: readonly string[]): Record<string, number> {
  const codes = ['none', ...levels]
  const sums = codes.map((code) => group.components.reduce((n, c) => n + (c.counts[code] ?? 0), 0))
  const pairs = sums.reduce((n, s) => n + s, 0)
  return Object.fromEntries(codes.map((code, i) => [code, pairs === 0 ? 0 : sums[i]! / pairs]))
}

/** The level mix of several groups as stacked series: `none` first, then the levels, lowest first. */
export function levelMixSeries(
  groups: readonly UnitFigures[],
  levels: readonly string[],
): LevelMixSeries[] {
  const mixes = groups.map((g) => levelMix(g, levels))
  return ['none', ...levels].map((code) => ({ code, values: mixes.map((m) => m[code] ?? 0) }))
}
