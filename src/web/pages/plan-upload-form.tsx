import {
  CALENDAR_DEFAULTS,
  formCalendar,
  type PlanUploadFields,
  type PlanUploadProblem,
} from '../../plans/plan-upload.ts'
import { FieldProblems, type FormProblem, invalidField } from '../form-problems.tsx'
import { href, type PageContext } from '../page-context.ts'

/** A refused upload: what was typed, and its problems. */
export interface PlanUploadState {
  readonly fields: PlanUploadFields
  readonly problems: readonly PlanUploadProblem[]
}

/**
 * Where an upload's problem is, in the page's language (a row and column of the CSV file, a line,
 * a path in the JSON plan, or a form field), then what it is.
 */
export function planProblemText(t: PageContext['t'], problem: PlanUploadProblem): string {
  const detail = t(`plans.problem.${problem.code}`, {
    ...problem.values,
    defaultValue: problem.message,
  })
  const where =
    problem.row !== undefined
      ? `${t('look.rowProblem', { row: problem.row, line: problem.line })}${
          problem.column ? `, ${t('look.column', { column: problem.column })}` : ''
        }`
      : problem.line !== undefined
        ? t('look.lineProblem', { line: problem.line })
        : problem.path
          ? t('plans.at', { path: problem.path })
          : fieldLabel(t, problem.field ?? 'file')
  return `${where}: ${detail}`
}

function fieldLabel(t: PageContext['t'], field: string): string {
  if (field.startsWith('due-')) {
    return t('plans.due', { period: t(`plans.period.${field.slice(4)}`) })
  }
  return t(`plans.field.${field}`)
}

/** The form field an upload's problem is shown at: the file's own problems at the file. */
export function problemField(problem: PlanUploadProblem): string {
  return problem.row !== undefined || problem.line !== undefined || problem.path !== undefined
    ? 'file'
    : (problem.field ?? 'file')
}

/**
 * The plan upload: the file (JSON or CSV) and, for a CSV file, the plan's code, name and
 * reporting calendar (each period checked with its due day). A refused upload keeps what was
 * typed and shows each problem at its field. The session rides in the multipart body.
 */
export function PlanUploadForm({
  ctx,
  nodeId,
  upload,
  problems,
}: {
  readonly ctx: PageContext
  /** The node shown, when it is not the manager's own. */
  readonly nodeId: string | undefined
  readonly upload: PlanUploadState | undefined
  readonly problems: readonly FormProblem[]
}) {
  const { t } = ctx
  const fields = upload?.fields ?? {}
  const chosen = upload ? formCalendar(fields) : []
  const text = (name: 'code' | 'name' | 'nameEn') =>
    typeof fields[name] === 'string' ? fields[name] : ''
  return (
    <form
      method="post"
      action={href(ctx, '/app/plans', { node: nodeId })}
      enctype="multipart/form-data"
      data-plan-upload
    >
      <input type="hidden" name="session" value={ctx.token} />
      {nodeId && <input type="hidden" name="node" value={nodeId} />}
      <label for="file">{t('plans.file')}</label>
      <input
        type="file"
        id="file"
        name="file"
        accept=".json,.csv,application/json,text/csv"
        required
        {...invalidField(problems, 'file')}
      />
      <FieldProblems problems={problems} field="file" />
      <fieldset>
        <legend>{t('plans.csvFields')}</legend>
        {(['code', 'name', 'nameEn'] as const).map((name) => (
          <>
            <label for={name}>{t(`plans.${name}`)}</label>
            <input
              id={name}
              name={name}
              value={text(name)}
              maxLength={name === 'code' ? 80 : 400}
              {...invalidField(problems, name)}
            />
            <FieldProblems problems={problems} field={name} />
          </>
        ))}
        <fieldset id="calendar" {...invalidField(problems, 'calendar')}>
          <legend>{t('plans.calendarChoice')}</legend>
          {CALENDAR_DEFAULTS.map(({ period, due }) => {
            const entry = chosen.find((c) => c.period === period)
            const typed = fields[`due-${period}`]
            return (
              <p class="calendar-entry" data-period={period}>
                <label class="check">
                  <input
                    type="checkbox"
                    name="calendar"
                    value={period}
                    checked={entry !== undefined}
                  />
                  <span>{t(`plans.period.${period}`)}</span>
                </label>{' '}
                <label for={`due-${period}`} class="sr-only">
                  {t('plans.due', { period: t(`plans.period.${period}`) })}
                </label>
                <input
                  id={`due-${period}`}
                  name={`due-${period}`}
                  value={typeof typed === 'string' ? typed : due}
                  size={5}
                  pattern="[0-9]{2}-[0-9]{2}"
                  {...invalidField(problems, `due-${period}`)}
                />
                <FieldProblems problems={problems} field={`due-${period}`} />
              </p>
            )
          })}
          <FieldProblems problems={problems} field="calendar" />
        </fieldset>
      </fieldset>
      <p>
        <button type="submit">{t('plans.upload')}</button>
      </p>
    </form>
  )
}
