import { z } from 'zod'
import type { AudienceEntry, Catalog } from '../../framework/index.ts'
import { hasGradeTargets } from '../learners/grade-target.ts'
import type { CourseTable } from '../store/course-store.ts'

/** A course's table and grade as the JSON API takes them (`null`: the school's default, none). */
export const CourseTableInput = z
  .object({
    audience: z
      .string()
      .trim()
      .regex(
        /^[A-Z]{2}[0-9]{2}\.[A-Z]{2}$/,
        "must be a table such as TT02.NH, or null for the school's default",
      )
      .nullable(),
    grade: z
      .number({ error: 'must be a grade (khối) from 1 to 12, or null' })
      .int('must be a whole number from 1 to 12')
      .min(1, 'must be a grade (khối) from 1 to 12')
      .max(12, 'must be a grade (khối) from 1 to 12')
      .nullable(),
  })
  .strict()

/** What is wrong with a course's table or grade: the field, a code the pages say in words. */
export interface CourseTableProblem {
  readonly field: 'audience' | 'grade'
  readonly code: 'audienceUnknown' | 'gradeInvalid' | 'gradeNotTaken'
  readonly values: Readonly<Record<string, string>>
  /** The same in English (the API's answer). */
  readonly message: string
}

/** The course's table the course develops: its own, else the school's default. */
export function courseAudience(
  context: { readonly audience?: string } | undefined,
  schoolAudience: string,
): string {
  return context?.audience ?? schoolAudience
}

/**
 * What the frameworks in force refuse of a course's table: a table they do not have, or a grade
 * on a table without grades (only the learners' framework sets levels by grade).
 */
export function checkCourseTable(
  catalog: Catalog,
  schoolAudience: string,
  table: CourseTable,
): CourseTableProblem[] {
  const tables = catalog.audiences().map((a) => a.id)
  if (table.audience !== null && !tables.includes(table.audience)) {
    const accepted = tables.join(', ')
    return [
      {
        field: 'audience',
        code: 'audienceUnknown',
        values: { audience: table.audience, accepted },
        message: `no table ${table.audience} in the frameworks in force; accepted: ${accepted}, or none for the school's default`,
      },
    ]
  }
  if (table.grade === null) return []
  const chosen = table.audience ?? schoolAudience
  const entry = catalog.find(chosen)
  if (entry?.kind === 'audience' && hasGradeTargets(entry.framework)) return []
  const graded = catalog
    .audiences()
    .filter((a) => hasGradeTargets(a.framework))
    .map((a) => a.id)
    .join(', ')
  return [
    {
      field: 'grade',
      code: 'gradeNotTaken',
      values: { audience: chosen, graded },
      message: `a grade (khối) goes with a pupils' table (${graded}); ${chosen} has no grades`,
    },
  ]
}

/**
 * A course's table and grade as a form or a file has them (text; empty: the school's default,
 * no grade), checked against the frameworks in force.
 */
export function readCourseTable(
  catalog: Catalog,
  schoolAudience: string,
  typed: { readonly audience: string; readonly grade: string },
):
  | { readonly table: CourseTable; readonly problems?: undefined }
  | { readonly problems: readonly CourseTableProblem[] } {
  const audience = typed.audience.trim() === '' ? null : typed.audience.trim().toUpperCase()
  const gradeText = typed.grade.trim()
  const grade = gradeText === '' ? null : /^\d{1,2}$/.test(gradeText) ? Number(gradeText) : NaN
  if (grade !== null && !(grade >= 1 && grade <= 12)) {
    return {
      problems: [
        {
          field: 'grade',
          code: 'gradeInvalid',
          values: { got: gradeText },
          message: `must be a grade (khối) from 1 to 12 (got "${gradeText}")`,
        },
      ],
    }
  }
  const table = { audience, grade }
  const problems = checkCourseTable(catalog, schoolAudience, table)
  return problems.length > 0 ? { problems } : { table }
}

/** The tables in force with the course's own first (a chooser offers it first), then the others. */
export function tablesFirst(catalog: Catalog, first: string | undefined): AudienceEntry[] {
  const all = catalog.audiences()
  const own = all.filter((a) => a.id === first)
  return [...own, ...all.filter((a) => a.id !== first)]
}

/** Whether a table takes a grade (its framework sets expected levels by grade). */
export function takesGrade(entry: AudienceEntry): boolean {
  return hasGradeTargets(entry.framework)
}
