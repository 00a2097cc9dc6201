import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import type { WaitingStatements } from '../../evaluation/waiting-statements.ts'
import { Scroll } from '../parts.tsx'
import { RosterProblems } from './roster-problems.tsx'
import { Waiting } from './waiting-section.tsx'
import { UploadForm } from '../upload-form.tsx'

export interface RosterPageProps {
  readonly ctx: PageContext
  /** Staff per unit ('' for none). */
  readonly units: readonly { readonly unit: string; readonly staff: number }[]
  /** Statements kept for actors nobody is known by yet. */
  readonly waiting: WaitingStatements
  /** The outcome of an import just made. */
  readonly result?: {
    readonly added: number
    readonly updated: number
    readonly problems: readonly string[]
    readonly imported: boolean
  }
  /** The upload form as it was sent: its choice of valid rows, and why it was refused. */
  readonly upload?: { readonly problem?: string; readonly validOnly: boolean }
}

/**
 * The staff roster of a school without an LMS roster: who is on it by unit, and a CSV import
 * (email or a pupil's code, name, class, unit, table, account; position, school level, grade)
 * with each problem named by row and column. With script, the upload shows its progress; without,
 * the form posts as it is.
 */
export function RosterPage({ ctx, units, waiting, result, upload }: RosterPageProps) {
  return (
    <Layout
      ctx={ctx}
      title={ctx.t('roster.title')}
      notice={
        result?.imported
          ? ctx.t('roster.imported', { added: result.added, updated: result.updated })
          : undefined
      }
    >
      {result && <RosterProblems ctx={ctx} result={result} />}
      <p>{ctx.t('roster.intro')}</p>
      <p>{ctx.t('roster.accountIntro')}</p>
      <p data-pupil-columns>{ctx.t('roster.pupilIntro')}</p>
      <p data-group-columns>{ctx.t('roster.groupIntro')}</p>
      <p>
        <a href={href(ctx, '/app/roster/template.csv')} data-template>
          {ctx.t('roster.template')}
        </a>
      </p>
      <UploadForm ctx={ctx} action="/app/roster" {...upload} />
      <h2>{ctx.t('roster.byUnit')}</h2>
      <Scroll label={ctx.t('roster.byUnit')}>
        <table data-roster-units>
          <thead>
            <tr>
              <th scope="col">{ctx.t('reports.unit')}</th>
              <th scope="col">{ctx.t('reports.staff')}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr data-unit={u.unit}>
                <th scope="row">{u.unit || ctx.t('reports.noUnit')}</th>
                <td>{u.staff}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <Waiting ctx={ctx} waiting={waiting} />
    </Layout>
  )
}
