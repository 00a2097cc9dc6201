import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import type { WaitingStatements } from '../../evaluation/waiting-statements.ts'
import { formatDate, Scroll } from '../parts.tsx'
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
}

/**
 * The staff roster of a school without an LMS roster: who is on it by unit, and a CSV import
 * (email, name, unit, table) with each problem named by row and column. With script, the upload
 * shows its progress; without, the form posts as it is.
 */
export function RosterPage({ ctx, units, waiting, result }: RosterPageProps) {
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
      {result && result.problems.length > 0 && (
        <div class="error" role="alert" data-problems>
          <p>
            {result.imported
              ? ctx.t('roster.someLeftOut', { count: result.problems.length })
              : ctx.t('roster.nothingImported', { count: result.problems.length })}
          </p>
          <ul>
            {result.problems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <p>{ctx.t('roster.intro')}</p>
      <p>{ctx.t('roster.accountIntro')}</p>
      <p>
        <a href={href(ctx, '/app/roster/template.csv')} data-template>
          {ctx.t('roster.template')}
        </a>
      </p>
      <UploadForm ctx={ctx} action="/app/roster" />
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

/** The statements waiting for someone to be known by their actor, with the top actors. */
function Waiting({ ctx, waiting }: { ctx: PageContext; waiting: WaitingStatements }) {
  return (
    <section data-waiting>
      <h2>{ctx.t('roster.waitingTitle')}</h2>
      <p data-waiting-summary>
        {waiting.statements === 0
          ? ctx.t('roster.waitingNone')
          : ctx.t('roster.waitingSummary', {
              statements: waiting.statements,
              actors: waiting.actors,
            })}
      </p>
      {waiting.top.length > 0 && (
        <Scroll label={ctx.t('roster.waitingTitle')}>
          <table data-waiting-actors>
            <thead>
              <tr>
                <th scope="col">{ctx.t('roster.actor')}</th>
                <th scope="col">{ctx.t('roster.statements')}</th>
                <th scope="col">{ctx.t('roster.newest')}</th>
              </tr>
            </thead>
            <tbody>
              {waiting.top.map((a) => (
                <tr data-actor={a.actor}>
                  <th scope="row">{a.actor}</th>
                  <td>{a.statements}</td>
                  <td>{formatDate(ctx.lang, a.newest)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </section>
  )
}
