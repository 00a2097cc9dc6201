import type { NeedsCount, NeedsStaff } from '../reports/needs-analysis.ts'

import type { ReportSchool } from './report-store.ts'

export type { NeedsCount, NeedsStaff }

/** What a needs analysis reads: the staff of a table over some schools, each person once. */
export interface NeedsQuery {
  readonly schools: readonly ReportSchool[]
  /** The table (audience ID such as TT18.PT). */
  readonly audience: string
  readonly componentIds: readonly string[]
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
