/** A school as a needs analysis reads it: the table its people are on unless they name theirs. */
export interface NeedsSchool {
  readonly tenantId: string
  readonly defaultAudience: string
}

/** What a needs analysis reads: the staff of a table over some schools, each person once. */
export interface NeedsQuery {
  readonly schools: readonly NeedsSchool[]
  /** The table (audience ID such as TT18.PT). */
  readonly audience: string
  readonly componentIds: readonly string[]
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

/** Self-assessed and evidenced levels of a node's staff, for training-needs analysis. */
export interface NeedsStore {
  /**
   * The staff of the table over the schools per position, and per position, component, self
   * level and evidenced level how many stand there now; a person on two schools' rosters is
   * counted once (the school that had them first).
   */
  needsCounts(q: NeedsQuery): Promise<{ staff: NeedsStaff[]; counts: NeedsCount[] }>
}
