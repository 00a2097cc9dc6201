import type { AudienceEntry } from '../../framework/index.ts'
import type { ReportFigures, UnitFigures } from './aggregate.ts'
import type { ReportRule } from './one-rule.ts'
import type { Semester } from './semester.ts'

/** A report as the pages and exports show it. */
export interface Report {
  readonly audience: AudienceEntry
  readonly semester: Semester
  readonly asOf: Date
  /** District: the nodes under an organisation (at any depth); school: one tenant's units. */
  readonly scope: 'district' | 'school'
  readonly unit?: string
  readonly figures: ReportFigures
  /** The total of the same table over the last semesters, oldest first. */
  readonly trend: readonly { readonly semester: Semester; readonly total: UnitFigures }[]
  readonly minGroupSize: number
  /** The rule of the schools added up: those that lowered it are marked, and a mix is said. */
  readonly rule: ReportRule
  /** The rows (units) that add up a school with a lowered rule. */
  readonly loweredUnits: readonly string[]
}
