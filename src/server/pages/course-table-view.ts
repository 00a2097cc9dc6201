import type { Catalog } from '../../../framework/index.ts'
import type { CourseTableProblem } from '../../evaluation/course-table.ts'
import { takesGrade } from '../../evaluation/course-table.ts'
import type { Context } from '../../store/index.ts'
import type { FormProblem } from '../../web/form-problems.tsx'
import type { PageContext } from '../../web/page-context.ts'
import type { CourseTableFormProps } from '../../web/pages/course-table-form.tsx'

/** The course's table form as the trainer sent it, with what was refused. */
export interface TypedCourseTable {
  readonly audience: string
  readonly grade: string
  readonly problems: readonly CourseTableProblem[]
}

/** A course table problem in the page's language, at its field. */
export function courseTableProblem(t: PageContext['t'], problem: CourseTableProblem): FormProblem {
  return {
    field: problem.field,
    message: t(`courseTable.problem.${problem.code}`, {
      ...problem.values,
      defaultValue: problem.message,
    }),
  }
}

/**
 * The course's table form: the tables in force, the saved table and grade, or what the trainer
 * typed in a refused form with its problems.
 */
export function courseTableProps(
  catalog: Catalog,
  page: PageContext,
  context: Context,
  schoolAudience: string,
  typed?: TypedCourseTable,
): Omit<CourseTableFormProps, 'ctx'> {
  const tables = catalog.audiences()
  return {
    tables,
    schoolAudience,
    graded: tables.filter(takesGrade).map((t) => t.id),
    audience: typed?.audience ?? context.audience ?? '',
    grade: typed?.grade ?? (context.grade === undefined ? '' : String(context.grade)),
    problems: (typed?.problems ?? []).map((p) => courseTableProblem(page.t, p)),
  }
}
