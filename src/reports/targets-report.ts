// A plan's targets at a node of the organisation tree: for each target, the group's size and
// how many of it meet the target, in total and per part (each node directly under), whether
// the target is met, and which schools use a lowered rule. The figures come from the store;
// this file holds their shape and the pure rules over them.
import type { Target } from '../plans/plan.ts'
import type { ReportRule } from './one-rule.ts'

/** How a group stands against a target. */
export interface TargetFigure {
  /** People of the group (each once). */
  readonly group: number
  /** Those of them who hold at least the level on every component of the target. */
  readonly met: number
}

/**
 * Met: the share is reached. Open: not reached, the deadline still ahead. Missed: not reached
 * by the deadline. Empty: nobody is in the group.
 */
export type TargetStatus = 'met' | 'open' | 'missed' | 'empty'

/** A part of the node (a node directly under it) against a target. */
export interface TargetPart {
  readonly node: { readonly id: string; readonly name: string }
  readonly figure: TargetFigure
  readonly status: TargetStatus
  /** The rule of the schools of the part (lowered ones marked). */
  readonly rule: ReportRule
}

export interface TargetResult {
  readonly target: Target
  readonly total: TargetFigure
  readonly status: TargetStatus
  readonly parts: readonly TargetPart[]
}

export interface TargetsReport {
  readonly node: { readonly id: string; readonly name: string }
  readonly plan: { readonly id: string; readonly code: string; readonly name: string }
  /** The instant the levels are read at. */
  readonly asOf: Date
  readonly rule: ReportRule
  readonly targets: readonly TargetResult[]
}

/** VN midnight after a YYYY-MM-DD day: the first instant past a deadline. */
function endOfDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + 1) - 7 * 3_600_000)
}

/** Whether a figure reaches a target's share ("at least" or "more than"). */
export function reaches(
  target: Pick<Target, 'share' | 'comparison'>,
  figure: TargetFigure,
): boolean {
  if (figure.group === 0) return false
  // A small tolerance, so that 29% of 100 is 29 though 0.29 × 100 is 28.999… in floating point.
  const needed = target.share * figure.group
  const met = figure.met
  return target.comparison === 'more-than' ? met > needed + 1e-9 : met >= needed - 1e-9
}

/** A target's status for a figure at an instant. */
export function targetStatus(
  target: Pick<Target, 'share' | 'comparison' | 'deadline'>,
  figure: TargetFigure,
  at: Date,
): TargetStatus {
  if (figure.group === 0) return 'empty'
  if (reaches(target, figure)) return 'met'
  return at < endOfDay(target.deadline) ? 'open' : 'missed'
}

/** How many more of the group must meet the target for it to be reached (0 when reached). */
export function stillNeeded(
  target: Pick<Target, 'share' | 'comparison'>,
  figure: TargetFigure,
): number {
  if (figure.group === 0 || reaches(target, figure)) return 0
  const needed = target.share * figure.group
  const least =
    target.comparison === 'more-than' ? Math.floor(needed + 1e-9) + 1 : Math.ceil(needed - 1e-9)
  return Math.max(0, least - figure.met)
}

/**
 * The level codes that meet a target's minimum level: it and those ranked above it among a
 * framework's levels (none when the framework has no such level).
 */
export function acceptedCodes(
  levels: readonly { readonly code: string; readonly rank: number }[],
  minLevel: string,
): string[] {
  const least = levels.find((l) => l.code === minLevel)
  if (!least) return []
  return levels.filter((l) => l.rank >= least.rank).map((l) => l.code)
}
