// Training-needs analysis for managers (Circular 18: the framework serves self-assessment and
// finding training needs; the city's scheme surveys each person's skills and needs before
// designing courses): per staff group and component, the self-assessed levels beside the
// evidenced ones and the gap to target, and where courses are needed first. Pure.
import { type Plan, type Target, targetComponentIds } from '../plans/plan.ts'

/** Staff groups as columns, in this order; '' is staff without a position. */
export const NEEDS_GROUPS = ['GV', 'TTCM', 'CBQL', 'NV', ''] as const

/** How many are at each level: null (no level) first, then the levels from lowest. */
export type LevelMix = readonly { readonly code: string | null; readonly count: number }[]

/** How a group stands on one component. */
export interface NeedsCell {
  readonly componentId: string
  /** The level the group is aimed at on it. */
  readonly target: string
  readonly staff: number
  /** Evidenced levels of the group's staff. */
  readonly evidenced: LevelMix
  /** Self-assessed levels of those who assessed themselves on the component. */
  readonly self: LevelMix
  /** How many assessed themselves on the component. */
  readonly assessed: number
  /** Below target by evidence: the training need. */
  readonly below: number
  /** Below target by their own view (of those who assessed themselves). */
  readonly belowBySelf: number
  /** Rate themselves higher, or lower, than the evidence shows. */
  readonly selfHigher: number
  readonly selfLower: number
  /** Mean levels missing to the target by evidence, over the group's staff. */
  readonly meanGap: number
}

/** A staff group: its cells in the table's order and its components ranked by need. */
export interface NeedsGroup {
  readonly position: string
  readonly staff: number
  /** Fewer staff than the smallest group shown: no figures. */
  readonly hidden: boolean
  readonly cells: readonly NeedsCell[]
  /** Most below target first (then the larger mean gap, then the table's order); need only. */
  readonly ranked: readonly NeedsCell[]
}

export interface NeedsAnalysis {
  /** The groups with staff, in NEEDS_GROUPS order. */
  readonly groups: readonly NeedsGroup[]
  readonly minGroupSize: number
}

/** How many staff of a position there are ('' for those without one). */
export interface NeedsStaff {
  readonly position: string
  readonly staff: number
}

/**
 * How many staff of a position stand so on a component: their newest self-assessment (`assessed`
 * false when they never gave one; `self` null for no level) and their evidenced level (null:
 * none). Staff with neither on the component are not counted here: they are the rest of the
 * position's staff.
 */
export interface NeedsCount {
  readonly position: string
  readonly componentId: string
  readonly assessed: boolean
  readonly self: string | null
  readonly evidenced: string | null
  readonly count: number
}

export interface NeedsAnalysisInput {
  /** The table's components, in its order, with their numbers (1.1). */
  readonly components: readonly { readonly id: string; readonly number: string }[]
  /** The framework's levels with their ranks. */
  readonly levels: readonly { readonly code: string; readonly rank: number }[]
  readonly staff: readonly NeedsStaff[]
  readonly counts: readonly NeedsCount[]
  /** The plan whose staff targets set the levels aimed at; none: the first level everywhere. */
  readonly plan?: Plan
  readonly minGroupSize: number
}

/**
 * The level a position is aimed at on a component: the highest minimum level of the plan's staff
 * targets naming the position (at any school level) and the component (an ID exactly, a number
 * in the target's tables), else the table's first level, Cơ bản, the level every teacher needs.
 */
export function targetLevel(
  plan: Plan | undefined,
  levels: NeedsAnalysisInput['levels'],
  position: string,
  componentId: string,
): string {
  const rank = rankOf(levels)
  const first = [...levels].sort((a, b) => a.rank - b.rank)[0]?.code ?? ''
  return (plan?.targets ?? [])
    .filter((t) => appliesTo(t, position, componentId))
    .reduce((best, t) => (rank(t.minLevel) > rank(best) ? t.minLevel : best), first)
}

function appliesTo(target: Target, position: string, componentId: string): boolean {
  return (
    target.group.kind === 'staff' &&
    (target.group.positions as readonly string[]).includes(position) &&
    targetComponentIds(target).some((ids) => ids.includes(componentId))
  )
}

/** Per staff group and component: self-assessed and evidenced levels and the gap to target. */
export function needsAnalysis(input: NeedsAnalysisInput): NeedsAnalysis {
  const rank = rankOf(input.levels)
  const order = [null, ...[...input.levels].sort((a, b) => a.rank - b.rank).map((l) => l.code)]
  const staffOf = new Map(input.staff.map((s) => [s.position, s.staff]))
  const countsOf = new Map<string, NeedsAnalysisInput['counts'][number][]>()
  for (const c of input.counts) {
    const key = `${c.position}\t${c.componentId}`
    countsOf.set(key, [...(countsOf.get(key) ?? []), c])
  }
  const groups = NEEDS_GROUPS.filter((g) => (staffOf.get(g) ?? 0) > 0).map((position) => {
    const staff = staffOf.get(position)!
    const cells = input.components.map((component, index) => {
      const target = targetLevel(input.plan, input.levels, position, component.id)
      const rows = countsOf.get(`${position}\t${component.id}`) ?? []
      const tally = (pick: (r: (typeof rows)[number]) => boolean) =>
        rows.reduce((n, r) => n + (pick(r) ? r.count : 0), 0)
      const assessed = tally((r) => r.assessed)
      const counted = tally(() => true)
      // Those the counts leave out have neither a level nor a self-assessment.
      const evidenced = order.map((code) => ({
        code,
        count: tally((r) => r.evidenced === code) + (code === null ? staff - counted : 0),
      }))
      const gaps = rows.reduce(
        (sum, r) => sum + r.count * Math.max(0, rank(target) - rank(r.evidenced)),
        (staff - counted) * rank(target),
      )
      const cell: NeedsCell = {
        componentId: component.id,
        target,
        staff,
        evidenced,
        self: order.map((code) => ({ code, count: tally((r) => r.assessed && r.self === code) })),
        assessed,
        below: evidenced.reduce((n, m) => n + (rank(m.code) < rank(target) ? m.count : 0), 0),
        belowBySelf: tally((r) => r.assessed && rank(r.self) < rank(target)),
        selfHigher: tally((r) => r.assessed && rank(r.self) > rank(r.evidenced)),
        selfLower: tally((r) => r.assessed && rank(r.self) < rank(r.evidenced)),
        meanGap: staff === 0 ? 0 : gaps / staff,
      }
      return { cell, index }
    })
    const hidden = staff < input.minGroupSize
    return {
      position,
      staff,
      hidden,
      cells: hidden ? [] : cells.map((c) => c.cell),
      ranked: hidden
        ? []
        : cells
            .filter((c) => c.cell.below > 0)
            .sort(
              (a, b) =>
                b.cell.below - a.cell.below || b.cell.meanGap - a.cell.meanGap || a.index - b.index,
            )
            .map((c) => c.cell),
    }
  })
  return { groups, minGroupSize: input.minGroupSize }
}

/** A level's rank (0 for none or an unknown code). */
function rankOf(levels: NeedsAnalysisInput['levels']) {
  const ranks = new Map(levels.map((l) => [l.code, l.rank]))
  return (code: string | null | undefined) => (code == null ? 0 : (ranks.get(code) ?? 0))
}
