import type { WaitingStatements } from '../../evaluation/waiting-statements.ts'
import type { PageContext } from '../page-context.ts'
import { formatDate, Scroll } from '../parts.tsx'

/** The statements waiting for someone to be known by their actor, with the top actors. */
export function Waiting({
  ctx,
  waiting,
}: {
  ctx: Pick<PageContext, 't' | 'lang'>
  waiting: WaitingStatements
}) {
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
