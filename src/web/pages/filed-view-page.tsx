import type { FiledSnapshot, FiledText } from '../../reports/filed-report.ts'
import { percent, type Cell } from '../../reports/report-rows.ts'
import type { TargetFigure, TargetStatus } from '../../reports/targets-report.ts'
import type { Tenant } from '../../store/index.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { formatDate, formatShare, Scroll } from '../parts.tsx'
import { ReportTabs } from './report-tabs.tsx'

/** The live figures of a plan's targets now, by target id: in total and per part (by node id). */
export interface LiveFigures {
  readonly asOf: Date
  readonly targets: ReadonlyMap<
    string,
    { readonly total: TargetFigure; readonly parts: ReadonlyMap<string, TargetFigure> }
  >
}

export interface FiledViewPageProps {
  readonly ctx: PageContext
  readonly path: readonly Pick<Tenant, 'id' | 'name'>[]
  readonly nodeParam?: string
  readonly id: string
  readonly snapshot: FiledSnapshot
  readonly periodName: string
  /** None when the plan no longer applies (or none was reported against). */
  readonly live?: LiveFigures
  /** Each frozen table's rows (as its files write them). */
  readonly levels: readonly { readonly title: string; readonly rows: readonly Cell[][] }[]
  readonly notice?: string
}

/** A filed report: its frozen figures, beside each target's the live one and the difference. */
export function FiledViewPage(props: FiledViewPageProps) {
  const { ctx, snapshot, live } = props
  const { rule, plan } = snapshot
  const text = (t: FiledText) => (ctx.lang === 'en' ? (t.en ?? t.vi) : t.vi)
  const file = (suffix: string) =>
    href(ctx, `/app/reports/filed/${props.id}${suffix}`, { node: props.nodeParam })
  return (
    <Layout
      ctx={ctx}
      title={ctx.t('filing.viewTitle', { period: props.periodName })}
      notice={props.notice}
    >
      <ReportTabs ctx={ctx} current="filed" path={props.path} />
      <p>
        <a href={href(ctx, '/app/reports/filed', { node: props.nodeParam })}>
          {ctx.t('filing.back')}
        </a>
      </p>
      <dl data-filed-head>
        <dt>{ctx.t('filing.node')}</dt>
        <dd>{snapshot.node.name}</dd>
        <dt>{ctx.t('filing.period')}</dt>
        <dd>
          {props.periodName} ({snapshot.period.id})
        </dd>
        <dt>{ctx.t('filing.due')}</dt>
        <dd>{formatDate(ctx.lang, snapshot.period.due)}</dd>
        <dt>{ctx.t('filing.asOf')}</dt>
        <dd data-as-of>{formatDate(ctx.lang, snapshot.asOf)}</dd>
        <dt>{ctx.t('filing.filedBy')}</dt>
        <dd data-filed-by>{snapshot.filedBy.name}</dd>
        <dt>{ctx.t('filing.filedAt')}</dt>
        <dd>{formatDate(ctx.lang, snapshot.filedAt)}</dd>
        <dt>{ctx.t('filing.plan')}</dt>
        <dd>{plan ? `${plan.code} — ${plan.name}` : ctx.t('filing.planNone')}</dd>
        <dt>{ctx.t('filing.rule')}</dt>
        <dd data-rule={rule.mixed ? 'mixed' : 'same'}>
          {rule.mixed ? ctx.t('filing.ruleMixed') : ctx.t('filing.ruleSame')}
        </dd>
        <dt>{ctx.t('filing.lowered')}</dt>
        <dd data-lowered>
          {rule.lowered.length === 0
            ? ctx.t('filing.noneLowered')
            : rule.lowered
                .map((s) => `${s.name} (${formatShare(ctx.lang, s.requiredShare)})`)
                .join('; ')}
        </dd>
      </dl>
      <p>
        <a class="button" data-download="csv" href={file('.csv')}>
          {ctx.t('reports.exportCsv')}
        </a>{' '}
        <a class="button" data-download="xlsx" href={file('.xlsx')}>
          {ctx.t('reports.exportXlsx')}
        </a>
      </p>
      {plan && (
        <section data-targets>
          <h2>{ctx.t('filing.targetsTitle')}</h2>
          <p class="muted">
            {live
              ? ctx.t('filing.liveAsOf', { date: formatDate(ctx.lang, live.asOf) })
              : ctx.t('filing.planGone', { code: plan.code })}
          </p>
          <Scroll label={ctx.t('filing.targetsTitle')}>
            <table class="stack lines">
              <thead>
                <tr>
                  <th scope="col">{ctx.t('filing.targets.target')}</th>
                  <th scope="col">{ctx.t('filing.targets.part')}</th>
                  <th scope="col">{ctx.t('filing.targets.share')}</th>
                  <th scope="col">{ctx.t('filing.frozenFigure')}</th>
                  <th scope="col">{ctx.t('filing.targets.status')}</th>
                  <th scope="col">{ctx.t('filing.liveFigure')}</th>
                  <th scope="col">{ctx.t('filing.difference')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.targets.flatMap((r) => {
                  const now = live?.targets.get(r.target.id)
                  const title = `${r.target.id} — ${text(r.target.title)}`
                  return [
                    <FigureRow
                      ctx={ctx}
                      key={`${r.target.id}`}
                      target={title}
                      part={ctx.t('filing.targets.total')}
                      share={r.target.share}
                      frozen={r.total}
                      status={r.status}
                      live={now?.total}
                      data={{ 'data-target': r.target.id }}
                    />,
                    ...r.parts.map((p) => (
                      <FigureRow
                        ctx={ctx}
                        key={`${r.target.id}/${p.node.id}`}
                        target={`${r.target.id} · ${p.node.name}`}
                        part={p.lowered.length > 0 ? `${p.node.name} *` : p.node.name}
                        share={r.target.share}
                        frozen={p.figure}
                        status={p.status}
                        live={now?.parts.get(p.node.id)}
                        data={{ 'data-target-part': `${r.target.id}/${p.node.name}` }}
                      />
                    )),
                  ]
                })}
              </tbody>
            </table>
          </Scroll>
          {plan.targets.some((r) => r.parts.some((p) => p.lowered.length > 0)) && (
            <p class="muted">{ctx.t('filing.loweredMark')}</p>
          )}
        </section>
      )}
      <h2>{ctx.t('filing.levelsTitle')}</h2>
      {props.levels.map((table) => (
        <section data-levels>
          <h3>{table.title}</h3>
          <Scroll label={table.title}>
            <table class="figures">
              <thead>
                <tr>
                  {(table.rows[0] ?? []).map((cell) => (
                    <th scope="col">{cell}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.slice(1).map((row) => (
                  <tr>
                    {row.map((cell) => (
                      <td>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        </section>
      ))}
    </Layout>
  )
}

/** A figure as "met/group (share)". */
const figureText = (ctx: PageContext, f: TargetFigure) =>
  `${f.met}/${f.group} (${formatShare(ctx.lang, f.group === 0 ? 0 : f.met / f.group)})`

/** A target's row (its total or a part): the frozen figure, the live one, and the difference. */
function FigureRow(props: {
  ctx: PageContext
  target: string
  part: string
  share: number
  frozen: TargetFigure
  status: TargetStatus
  live: TargetFigure | undefined
  data: Readonly<Record<string, string>>
}) {
  const { ctx, frozen, live } = props
  const difference =
    live === undefined
      ? ''
      : `${signed(live.met - frozen.met)} (${signed(
          percent(shareOrZero(live)) - percent(shareOrZero(frozen)),
        )} %)`
  return (
    <tr {...props.data}>
      <th scope="row">{props.target}</th>
      <td data-label={ctx.t('filing.targets.part')}>{props.part}</td>
      <td data-label={ctx.t('filing.targets.share')}>{formatShare(ctx.lang, props.share)}</td>
      <td data-frozen data-label={ctx.t('filing.frozenFigure')}>
        {figureText(ctx, frozen)}
      </td>
      <td class={`status-${props.status}`} data-label={ctx.t('filing.targets.status')}>
        {ctx.t(`filing.targets.statuses.${props.status}`)}
      </td>
      <td data-live data-label={ctx.t('filing.liveFigure')}>
        {live ? figureText(ctx, live) : '—'}
      </td>
      <td data-difference data-label={ctx.t('filing.difference')}>
        {difference}
      </td>
    </tr>
  )
}

const shareOrZero = (f: TargetFigure) => (f.group === 0 ? 0 : f.met / f.group)

/** A difference with its sign (+2, −1, 0). */
const signed = (n: number) => {
  const rounded = Math.round(n * 10) / 10
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${-rounded}` : '0'
}
