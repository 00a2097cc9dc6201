import type { CsvFileProblemCode, CsvProblem } from '../csv/read-csv.ts'
import type { TagCsvColumn } from './tag-csv.ts'
import type { CourseCsvColumn } from './tag-csv-course.ts'

/** What is wrong with a tag file or a row of it; the pages' locales say each in words. */
export type TagCsvProblemCode =
  | CsvFileProblemCode
  | 'ERR_TAG_CSV_EMPTY'
  | 'ERR_TAG_CSV_HEADER_MISSING'
  | 'ERR_TAG_CSV_COLUMN_UNKNOWN'
  | 'ERR_TAG_CSV_COLUMN_TWICE'
  | 'ERR_TAG_CSV_COMPETENCY_COLUMN_MISSING'
  | 'ERR_TAG_CSV_TARGET_COLUMN_MISSING'
  | 'ERR_TAG_CSV_CELL_UNNAMED'
  | 'ERR_TAG_CSV_CELLS_BEYOND'
  | 'ERR_TAG_CSV_TARGET_NONE'
  | 'ERR_TAG_CSV_TARGET_SEVERAL'
  | 'ERR_TAG_CSV_NAME_ON_PREFIX'
  | 'ERR_TAG_CSV_MIN_SCORE_INVALID'
  | 'ERR_TAG_CSV_WEIGHT_INVALID'
  | 'ERR_TAG_CSV_COUNT_INVALID'
  | 'ERR_TAG_CSV_FLAG_INVALID'
  | 'ERR_TAG_CSV_GRADEBOOK_INVALID'
  | 'ERR_TAG_CSV_VERB_INVALID'
  | 'ERR_TAG_CSV_VERB_NONE'
  | 'ERR_TAG_CSV_COMPETENCY_NONE'
  | 'ERR_TAG_CSV_COMPETENCY_TOO_MANY'
  | 'ERR_TAG_CSV_COMPETENCY_UNKNOWN'
  | 'ERR_TAG_CSV_VALUE_INVALID'
  | 'ERR_TAG_CSV_ALREADY_TAGGED'
  | 'ERR_TAG_CSV_SAME_AS_ROW'
  | 'ERR_TAG_CSV_OTHER_RULE'
  | 'ERR_TAG_CSV_COURSE_DIFFERS'
  | 'ERR_TAG_CSV_COURSE_NONE'
  | 'ERR_TAG_CSV_COURSE_TABLE_UNKNOWN'
  | 'ERR_TAG_CSV_COURSE_GRADE_INVALID'
  | 'ERR_TAG_CSV_COURSE_GRADE_NOT_TAKEN'

/**
 * What is wrong with a tag file (no `row`) or with a row of it, and in which column: its code and
 * values, and the same in English as `message`.
 */
export interface TagCsvProblem extends CsvProblem<TagCsvProblemCode> {
  readonly column?: TagCsvColumn | CourseCsvColumn
  readonly code: TagCsvProblemCode
}

export const MIN_SCORE_HELP = 'must be a share from 0 to 1 such as 0.8, or a percentage such as 80%'
export const COUNT_HELP = 'must be a whole number of statements from 1 to 1000'
export const FLAG_HELP = 'must be true or false (or yes/no, 1/0, có/không)'
export const GRADEBOOK_HELP =
  'must be level (0–3 of 3) or share (of the criteria the link asks for, met), or empty'
export const WEIGHT_HELP = 'must be a number more than 0 and at most 1, such as 0.5'

export type ColumnProblem = Omit<TagCsvProblem, 'line' | 'row'>

/** A problem of the header or of a row, its column (if one) set by the caller. */
export function problemOf(
  code: TagCsvProblemCode,
  values: Record<string, string | number>,
  message: string,
  column?: TagCsvColumn,
): ColumnProblem {
  return { ...(column && { column }), code, values, message }
}

/** A row's non-empty cells by column, trimmed. */
export type Cells = Partial<Record<TagCsvColumn, string>>

/** A rule's setting the row gives but the rule refuses: what the cell must hold, and what it held. */
export function helpProblem(
  column: TagCsvColumn,
  code: TagCsvProblemCode,
  help: string,
  cells: Cells,
): ColumnProblem {
  const got = cells[column]
  return problemOf(code, got ? { got } : {}, gotten(help, got), column)
}

/** A problem NewTag's schema finds in a column, with its English words as the detail. */
export function issueProblem(
  column: TagCsvColumn,
  issue: { readonly path: readonly PropertyKey[]; readonly code: string; readonly message: string },
  cells: Cells,
): ColumnProblem {
  const { path, message } = issue
  if (column === 'min_score')
    return helpProblem(column, 'ERR_TAG_CSV_MIN_SCORE_INVALID', MIN_SCORE_HELP, cells)
  if (column === 'verbs' && typeof path[2] === 'number') {
    const verb = splitList(cells.verbs, /\s+/)[path[2]] ?? ''
    return problemOf(
      'ERR_TAG_CSV_VERB_INVALID',
      { verb, detail: message },
      `"${verb}" ${message}`,
      column,
    )
  }
  if (column === 'verbs')
    return problemOf('ERR_TAG_CSV_VERB_NONE', { detail: message }, message, column)
  if (column === 'competency_ids') {
    const id =
      typeof path[1] === 'number' ? splitList(cells.competency_ids, /[\s,;]+/)[path[1]] : undefined
    if (id !== undefined)
      return problemOf('ERR_TAG_CSV_COMPETENCY_UNKNOWN', { id, detail: message }, message, column)
    const code =
      issue.code === 'too_big' ? 'ERR_TAG_CSV_COMPETENCY_TOO_MANY' : 'ERR_TAG_CSV_COMPETENCY_NONE'
    return problemOf(code, { detail: message }, message, column)
  }
  const got = cells[column]
  return problemOf(
    'ERR_TAG_CSV_VALUE_INVALID',
    { detail: message, ...(got && { got }) },
    gotten(message, got),
    column,
  )
}

function gotten(message: string, value: string | undefined): string {
  return value ? `${message} (got "${value}")` : message
}

/** The distinct items of a list cell. */
export function splitList(cell: string | undefined, separator: RegExp): string[] {
  return [...new Set((cell ?? '').split(separator).filter((s) => s !== ''))]
}
