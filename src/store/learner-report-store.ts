import type { LearnerTally } from '../learners/learner-figures.ts'

/** A school of a learners' report, under a row key (a part's id; '' for the total). */
export interface LearnerSchool {
  readonly key: string
  readonly tenantId: string
  /** The school's default table (its pupils without a table of their own are on it). */
  readonly defaultAudience: string
}

/** What a learners' report counts, and the rules' inputs (learnerRuleInputs). */
export interface LearnerQuery {
  /** The table pupils are assessed against (TT02.NH). */
  readonly audience: string
  /** Each school under each row key; a pupil counts once per key. */
  readonly schools: readonly LearnerSchool[]
  /**
   * `parts`: one row per key. `grades-classes`: the keys' pupils again by grade (`g:7`) and by
   * class (`c:7A`), beside the key's own row.
   */
  readonly rows: 'parts' | 'grades-classes'
  readonly components: readonly { readonly id: string; readonly domainId: string }[]
  readonly ranks: readonly { readonly code: string; readonly rank: number }[]
  readonly expected: readonly {
    readonly tenantId: string
    readonly grade: number
    readonly rank: number
  }[]
  /** Levels held at this instant count, and pupils known before it. */
  readonly at: Date
  /** Evidence observed from this instant until `at` is exposure (the school year). */
  readonly since: Date
}

/** Pupils' figures (Circular 02/2025) over a node's schools. */
export interface LearnerReportStore {
  /** Pupils per row key, item (domain and component) and rank, in one statement. */
  tallies(query: LearnerQuery): Promise<LearnerTally[]>
}
