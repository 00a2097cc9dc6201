// A report's figures: per unit (school) and in total, per component, how many staff hold each
// level and what share that is. Groups too small to keep people unidentifiable are hidden. Pure.

/** How many staff of a unit hold a level of a component (people with no level are not listed). */
export interface LevelTally {
  readonly unit: string
  readonly componentId: string
  readonly level: string
  readonly count: number
}

/** How many staff a unit has, and how many of them hold a level on every component. */
export interface StaffTally {
  readonly unit: string
  readonly staff: number
  readonly everyComponent: number
}

export interface ComponentFigures {
  readonly componentId: string
  /** Staff per level code, and `none` for those without a level. */
  readonly counts: Readonly<Record<string, number>>
  /** Staff holding at least the first level (Cơ bản). */
  readonly atLeastFirst: number
}

export interface UnitFigures {
  /** '' for staff without a unit. */
  readonly unit: string
  readonly staff: number
  /** True when the group is too small to show (its figures are then left out). */
  readonly hidden: boolean
  readonly components: readonly ComponentFigures[]
  /** Staff holding at least the first level on every component of the table. */
  readonly everyComponent: number
}

export interface ReportFigures {
  readonly units: readonly UnitFigures[]
  readonly total: UnitFigures
}

/**
 * Works out the figures of a table's components from the tallies. A unit with fewer staff than
 * `minGroupSize` is hidden; when only one unit would be hidden, the next smallest is hidden too,
 * so that the total minus the others does not give the hidden one away.
 */
export function reportFigures(input: {
  readonly componentIds: readonly string[]
  /** The table's level codes, lowest first. */
  readonly levels: readonly string[]
  readonly staff: readonly StaffTally[]
  readonly tallies: readonly LevelTally[]
  readonly minGroupSize: number
  /**
   * The total counted apart (a district's, each person once though on two schools' rosters);
   * left out, the total is the sum of the units.
   */
  readonly total?: {
    readonly staff: readonly StaffTally[]
    readonly tallies: readonly LevelTally[]
  }
}): ReportFigures {
  const { componentIds, levels, minGroupSize } = input
  const byUnit = tallyMaps(input.tallies)
  const figures = (unit: string, staff: number, everyComponent: number, hidden: boolean) => {
    const held = byUnit.get(unit)
    return {
      unit,
      staff,
      hidden,
      everyComponent: hidden ? 0 : everyComponent,
      components: hidden
        ? []
        : componentIds.map((componentId) => componentFigures(componentId, staff, levels, [held])),
    }
  }
  const units = [...input.staff].sort((a, b) => a.unit.localeCompare(b.unit, 'vi'))
  const small = smallGroups(
    units.map((u) => ({ key: u.unit, size: u.staff })),
    minGroupSize,
  )
  const apart = input.total
  const staff = (apart?.staff ?? units).reduce((n, u) => n + u.staff, 0)
  const everyComponent = (apart?.staff ?? units).reduce((n, u) => n + u.everyComponent, 0)
  const totalHidden = staff < minGroupSize
  const totalHeld = apart ? [...tallyMaps(apart.tallies).values()] : [...byUnit.values()]
  return {
    units: units.map((u) => figures(u.unit, u.staff, u.everyComponent, small.has(u.unit))),
    total: {
      unit: '',
      staff,
      hidden: totalHidden,
      everyComponent: totalHidden ? 0 : everyComponent,
      components: totalHidden
        ? []
        : componentIds.map((id) => componentFigures(id, staff, levels, totalHeld)),
    },
  }
}

/**
 * The groups of a breakdown (the rows that add up to one total) too small to show: those under
 * `minGroupSize`, and when only one is, the next smallest too, so that the total minus the
 * others does not give the hidden one away.
 */
export function smallGroups(
  groups: readonly { readonly key: string; readonly size: number }[],
  minGroupSize: number,
): Set<string> {
  const small = new Set(groups.filter((g) => g.size < minGroupSize).map((g) => g.key))
  if (small.size === 1 && groups.length >= 2) {
    const nextSmallest = groups.filter((g) => !small.has(g.key)).sort((a, b) => a.size - b.size)[0]
    if (nextSmallest) small.add(nextSmallest.key)
  }
  return small
}

/** Level counts by unit, component and level. */
function tallyMaps(tallies: readonly LevelTally[]): Map<string, Map<string, Map<string, number>>> {
  const byUnit = new Map<string, Map<string, Map<string, number>>>()
  for (const t of tallies) {
    const unit = byUnit.get(t.unit) ?? new Map<string, Map<string, number>>()
    byUnit.set(t.unit, unit)
    const component = unit.get(t.componentId) ?? new Map<string, number>()
    unit.set(t.componentId, component)
    component.set(t.level, (component.get(t.level) ?? 0) + t.count)
  }
  return byUnit
}

function componentFigures(
  componentId: string,
  staff: number,
  levels: readonly string[],
  units: readonly (Map<string, Map<string, number>> | undefined)[],
): ComponentFigures {
  const counts: Record<string, number> = {}
  let held = 0
  for (const level of levels) {
    const n = units.reduce((sum, u) => sum + (u?.get(componentId)?.get(level) ?? 0), 0)
    counts[level] = n
    held += n
  }
  counts.none = Math.max(0, staff - held)
  return { componentId, counts, atLeastFirst: held }
}

/** A count as a share of a group (0 for an empty group). */
export function shareOf(count: number, of: number): number {
  return of === 0 ? 0 : count / of
}
