import type { AudienceEntry } from '../../../framework/index.ts'
import { FieldProblems, type FormProblem, invalidField } from '../form-problems.tsx'
import { href, type PageContext } from '../page-context.ts'
import { SessionField } from '../parts.tsx'

/** The grades (khối) a course of pupils may have. */
const GRADES = Array.from({ length: 12 }, (_, i) => String(i + 1))

/** The course's table form: the table as saved, or as typed in a refused form. */
export interface CourseTableFormProps {
  readonly ctx: PageContext
  /** The tables in force, in the order the form offers them. */
  readonly tables: readonly AudienceEntry[]
  /** The school's default table (what "the school's default" stands for). */
  readonly schoolAudience: string
  /** The table's audience ID ('' for the school's default) and grade ('' for none), as text. */
  readonly audience: string
  readonly grade: string
  /** The tables that take a grade (the pupils'). */
  readonly graded: readonly string[]
  readonly problems?: readonly FormProblem[]
}

/**
 * The table a course develops, set by its trainer: a table in force or the school's default,
 * and for a pupils' table the class's grade. Works without script: both fields are always
 * shown, and a grade on a table without grades is refused at its field.
 */
export function CourseTableForm(props: CourseTableFormProps) {
  const { ctx, tables, problems = [] } = props
  const name = (entry: AudienceEntry) => entry.audience.name[ctx.lang] ?? entry.audience.name.vi
  const known = props.audience === '' || tables.some((t) => t.id === props.audience)
  return (
    <form method="post" action={href(ctx, '/app/course/table')} data-course-table>
      <SessionField ctx={ctx} />
      <h2>{ctx.t('courseTable.title')}</h2>
      <p>{ctx.t('courseTable.intro')}</p>
      <label for="audience">{ctx.t('courseTable.audience')}</label>
      <select id="audience" name="audience" {...invalidField(problems, 'audience')}>
        <option value="" selected={props.audience === ''}>
          {ctx.t('courseTable.schoolDefault', { audience: props.schoolAudience })}
        </option>
        {tables.map((t) => (
          <option value={t.id} selected={t.id === props.audience}>
            {t.id} — {name(t)}
          </option>
        ))}
        {!known && (
          <option value={props.audience} selected>
            {props.audience}
          </option>
        )}
      </select>
      <FieldProblems problems={problems} field="audience" />
      <label for="grade">{ctx.t('courseTable.grade', { tables: props.graded.join(', ') })}</label>
      <select id="grade" name="grade" {...invalidField(problems, 'grade')}>
        <option value="" selected={props.grade === ''}>
          {ctx.t('courseTable.noGrade')}
        </option>
        {GRADES.map((g) => (
          <option value={g} selected={g === props.grade}>
            {ctx.t('courseTable.gradeN', { grade: g })}
          </option>
        ))}
        {props.grade !== '' && !GRADES.includes(props.grade) && (
          <option value={props.grade} selected>
            {props.grade}
          </option>
        )}
      </select>
      <FieldProblems problems={problems} field="grade" />
      <p>
        <button type="submit">{ctx.t('courseTable.save')}</button>
      </p>
    </form>
  )
}
