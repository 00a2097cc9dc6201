// The course's table and grade in a tag file: optional columns course_table (TT02.NH) and
// course_grade (1–12), for a trainer who keeps a course's tags and its table in one spreadsheet.
// Every row that fills a column must agree with the others; empty cells say nothing. Pure.
import type { Catalog } from '../../framework/index.ts'
import { type CourseTableProblem, readCourseTable, takesGrade } from '../evaluation/course-table.ts'
import type { CourseTable } from '../store/course-store.ts'
import type { TagCsvProblem } from './tag-csv-problem.ts'

/** The columns of the course's table, as export writes them (after the tag's own). */
export const COURSE_CSV_COLUMNS = ['course_table', 'course_grade'] as const
export type CourseCsvColumn = (typeof COURSE_CSV_COLUMNS)[number]

/** A value a tag file gives for the course, and the line it first appears on. */
export interface CourseCsvValue {
  readonly value: string
  readonly line: number
}

/** The course's table and grade a tag file gives; a column absent or empty gives none. */
export interface TagCsvCourse {
  readonly course_table?: CourseCsvValue
  readonly course_grade?: CourseCsvValue
}

/**
 * The course's table and grade of a file's data rows, or where two rows disagree (a problem of
 * the file, which refuses it: a course has one table).
 */
export function readCourseColumns(
  rows: readonly { readonly line: number; readonly cells: readonly string[] }[],
  columns: readonly (string | undefined)[],
): { readonly course: TagCsvCourse; readonly problems: TagCsvProblem[] } {
  const course: { -readonly [C in CourseCsvColumn]?: CourseCsvValue } = {}
  const problems: TagCsvProblem[] = []
  for (const column of COURSE_CSV_COLUMNS) {
    const at = columns.indexOf(column)
    if (at < 0) continue
    for (const { line, cells } of rows) {
      const value = (cells[at] ?? '').trim().toUpperCase()
      if (value === '') continue
      const first = course[column]
      if (!first) course[column] = { value, line }
      else if (first.value !== value) {
        problems.push({
          line,
          column,
          code: 'ERR_TAG_CSV_COURSE_DIFFERS',
          values: { got: value, first: first.value, firstLine: first.line },
          message: `${column}: ${value} differs from ${first.value} on line ${first.line}: a course has one table and one grade`,
        })
      }
    }
  }
  return { course, problems }
}

/**
 * The course's table after the file: the values it gives, the course's own for the rest (a new
 * table without grades drops the grade), checked against the frameworks in force. Undefined when
 * the file gives neither.
 */
export function courseTableOfFile(
  catalog: Catalog,
  schoolAudience: string,
  current: { readonly audience?: string; readonly grade?: number },
  given: TagCsvCourse,
):
  | { readonly table: CourseTable; readonly problems?: undefined }
  | { readonly problems: readonly (CourseTableProblem & { readonly line: number })[] }
  | undefined {
  const { course_table: table, course_grade: grade } = given
  if (!table && !grade) return undefined
  const audience = table?.value ?? current.audience ?? ''
  const keptGrade =
    table && !tableTakesGrade(catalog, audience, schoolAudience) ? '' : String(current.grade ?? '')
  const read = readCourseTable(catalog, schoolAudience, {
    audience,
    grade: grade?.value ?? keptGrade,
  })
  if (!read.problems) return read
  const lineOf = (p: CourseTableProblem) =>
    (p.field === 'audience' ? table?.line : grade?.line) ?? table?.line ?? grade?.line ?? 1
  return { problems: read.problems.map((p) => ({ ...p, line: lineOf(p) })) }
}

/** The column of the file a course table problem is at. */
export function courseColumnOf(problem: CourseTableProblem): CourseCsvColumn {
  return problem.field === 'audience' ? 'course_table' : 'course_grade'
}

/** Whether a table (the school's default for '') takes a grade. */
function tableTakesGrade(catalog: Catalog, audience: string, schoolAudience: string): boolean {
  const entry = catalog.find(audience || schoolAudience)
  return entry?.kind === 'audience' && takesGrade(entry)
}

const PROBLEM_CODES = {
  audienceUnknown: 'ERR_TAG_CSV_COURSE_TABLE_UNKNOWN',
  gradeInvalid: 'ERR_TAG_CSV_COURSE_GRADE_INVALID',
  gradeNotTaken: 'ERR_TAG_CSV_COURSE_GRADE_NOT_TAKEN',
} as const

/**
 * What an upload does to the course's table: the table to set (none when the file gives none),
 * or the problems that refuse the file (course columns on the school's page, which has no
 * course; a table or grade the frameworks refuse).
 */
export function planCourseTable(
  catalog: Catalog,
  schoolAudience: string,
  context: { readonly audience?: string; readonly grade?: number } | undefined,
  given: TagCsvCourse,
): { readonly table?: CourseTable; readonly problems: readonly TagCsvProblem[] } {
  const first = given.course_table ?? given.course_grade
  if (!first) return { problems: [] }
  const column: CourseCsvColumn = given.course_table ? 'course_table' : 'course_grade'
  if (!context) {
    return {
      problems: [
        {
          line: first.line,
          column,
          code: 'ERR_TAG_CSV_COURSE_NONE',
          values: {},
          message: `${column}: the school's page has no course to set a table for; upload the file from the course (opened from the LMS)`,
        },
      ],
    }
  }
  const read = courseTableOfFile(catalog, schoolAudience, context, given)
  if (!read) return { problems: [] }
  if (!read.problems) return { table: read.table, problems: [] }
  return {
    problems: read.problems.map((p) => ({
      line: p.line,
      column: courseColumnOf(p),
      code: PROBLEM_CODES[p.code],
      values: p.values,
      message: `${courseColumnOf(p)}: ${p.message}`,
    })),
  }
}
