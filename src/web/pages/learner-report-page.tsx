import type { Catalog } from '../../../framework/index.ts'
import { bandCodes, type ItemFigures, type LearnerRow } from '../../learners/learner-figures.ts'
import { shareOf } from '../../reports/aggregate.ts'
import type { LearnerReport, LearnerRowOf } from '../../server/pages/learner-report-data.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { formatDate, formatShare, QueryFields, Scroll } from '../parts.tsx'
import { NodeLink, ReportTabs } from './report-tabs.tsx'

export interface LearnerReportPageProps {
  readonly ctx: PageContext
  readonly catalog: Catalog
  /** From the manager's own tenant down to the node shown. */
  readonly path: readonly { readonly id: string; readonly name: string }[]
  /** The school years to choose from, the current first. */
  readonly years: readonly string[]
  readonly report: LearnerReport
}

/**
 * Pupils of Circular 02/2025 at a node for a school year: per unit (or grade and class), per
 * domain and, opened, per component: exposure, attainment of their grade's target, and bands.
 */
export function LearnerReportPage(props: LearnerReportPageProps) {
  const { ctx, report, path } = props
  const node = path.length > 1 ? path[path.length - 1]!.id : undefined
  const query = { node, year: report.year.id }
  const { audience } = report.audience
  const empty = report.figures.total.pupils === 0
  const headings = report.breakdowns.map((rows) =>
    rows[0]?.kind === 'part'
      ? 'byPart'
      : rows[0]?.kind === 'grade'
        ? 'byGrade'
        : rows[0]?.kind === 'class'
          ? 'byClass'
          : undefined,
  )
  return (
    <Layout ctx={ctx} title={ctx.t('learnerReports.title')}>
      <ReportTabs ctx={ctx} current="learners" path={path} params={{ year: report.year.id }} />
      <p>{ctx.t('learnerReports.intro')}</p>
      <form method="get" action="/app/reports/learners" class="inline">
        <QueryFields ctx={ctx} />
        {node && <input type="hidden" name="node" value={node} />}
        <div>
          <label for="year">{ctx.t('learnerReports.year')}</label>
          <select id="year" name="year">
            {props.years.map((y) => (
              <option value={y} selected={y === report.year.id}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{ctx.t('learnerReports.show')}</button>
      </form>
      <p data-as-of>
        {ctx.t('learnerReports.asOf', {
          date: formatDate(ctx.lang, report.asOf),
          from: formatDate(ctx.lang, report.year.start),
        })}
      </p>
      <p data-rule>{ctx.t('learnerReports.rule')}</p>
      <p data-descriptors-missing>{ctx.t('learnerReports.descriptors')}</p>
      <p data-min-group={report.minGroupSize}>
        {ctx.t('learnerReports.hidden', { count: report.minGroupSize })}{' '}
        {ctx.t('learnerReports.namesKept')}
      </p>
      <p>
        <a
          class="button secondary"
          data-export="csv"
          href={href(ctx, '/app/reports/learners/export.csv', query)}
        >
          {ctx.t('learnerReports.csv')}
        </a>{' '}
        <a
          class="button secondary"
          data-export="xlsx"
          href={href(ctx, '/app/reports/learners/export.xlsx', query)}
        >
          {ctx.t('learnerReports.xlsx')}
        </a>
      </p>
      {empty ? (
        <p data-none>{ctx.t('learnerReports.noPupils')}</p>
      ) : (
        report.breakdowns.map((rows, b) => (
          <section data-breakdown={headings[b]}>
            {headings[b] && <h2>{ctx.t(`learnerReports.${headings[b]}`)}</h2>}
            <FigureTable
              ctx={ctx}
              report={report}
              rows={rows}
              figures={report.figures.breakdowns[b]!}
              items={audience.domains.map((d) => ({ id: d.id, label: domainLabel(ctx, d) }))}
              query={query}
            />
            {audience.domains.map((d) => (
              <details data-domain-components={d.id}>
                <summary>
                  {ctx.t('learnerReports.components', { domain: domainLabel(ctx, d) })}
                </summary>
                <FigureTable
                  ctx={ctx}
                  report={report}
                  rows={rows}
                  figures={report.figures.breakdowns[b]!}
                  items={audience.components
                    .filter((c) => c.domain.id === d.id)
                    .map((c) => ({
                      id: c.id,
                      label: `${c.number} ${c.name[ctx.lang] ?? c.name.vi}`,
                    }))}
                  query={query}
                />
              </details>
            ))}
          </section>
        ))
      )}
    </Layout>
  )
}

const domainLabel = (
  ctx: Pick<PageContext, 'lang'>,
  d: { readonly number: string; readonly name: { vi: string; en?: string } },
) => `${d.number}. ${d.name[ctx.lang] ?? d.name.vi}`

/** A row's name on the page (a unit under the node links to its own report). */
function RowName({
  ctx,
  row,
  query,
}: {
  readonly ctx: PageContext
  readonly row: LearnerRowOf | undefined
  readonly query: Readonly<Record<string, string | undefined>>
}) {
  if (row === undefined) return <>{ctx.t('learnerReports.total')}</>
  switch (row.kind) {
    case 'part':
      return <NodeLink ctx={ctx} current="learners" node={row.node} params={{ year: query.year }} />
    case 'grade':
      return (
        <>
          {row.grade === undefined
            ? ctx.t('learnerReports.noGrade')
            : ctx.t('learnerReports.grade', { grade: row.grade })}
        </>
      )
    case 'class':
      return (
        <>
          {row.name === undefined
            ? ctx.t('learnerReports.noClass')
            : ctx.t('learnerReports.class', { name: row.name })}
        </>
      )
  }
}

/** A breakdown's rows and the total, one column per item (a domain or a component). */
function FigureTable({
  ctx,
  report,
  rows,
  figures,
  items,
  query,
}: {
  readonly ctx: PageContext
  readonly report: LearnerReport
  readonly rows: readonly LearnerRowOf[]
  readonly figures: readonly LearnerRow[]
  readonly items: readonly { readonly id: string; readonly label: string }[]
  readonly query: Readonly<Record<string, string | undefined>>
}) {
  const all: [LearnerRowOf | undefined, LearnerRow][] = [
    ...rows.map((r, i): [LearnerRowOf, LearnerRow] => [r, figures[i]!]),
    [undefined, report.figures.total],
  ]
  return (
    <Scroll label={ctx.t('learnerReports.title')}>
      <table class="stack" data-learner-table>
        <thead>
          <tr>
            <th scope="col">{ctx.t('learnerReports.row')}</th>
            <th scope="col">{ctx.t('learnerReports.pupils')}</th>
            {items.map((item) => (
              <th scope="col" data-item={item.id}>
                {item.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {all.map(([row, figure]) => (
            <tr data-row={figure.key} data-hidden={figure.hidden ? '' : undefined}>
              <th scope="row" data-label={ctx.t('learnerReports.row')}>
                <RowName ctx={ctx} row={row} query={query} />
              </th>
              <td data-label={ctx.t('learnerReports.pupils')} data-pupils={figure.pupils}>
                {figure.pupils}
              </td>
              {figure.hidden ? (
                <td colSpan={items.length} data-hidden-cell>
                  {ctx.t('learnerReports.hiddenCell', { count: report.minGroupSize })}
                </td>
              ) : (
                items.map((item) => (
                  <ItemCell
                    ctx={ctx}
                    report={report}
                    label={item.label}
                    figure={figure.items.find((f) => f.item === item.id)}
                  />
                ))
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  )
}

/** An item's figures in a row: exposure, attainment and the bands. */
function ItemCell({
  ctx,
  report,
  label,
  figure,
}: {
  readonly ctx: PageContext
  readonly report: LearnerReport
  readonly label: string
  readonly figure: ItemFigures | undefined
}) {
  if (!figure) return <td data-label={label} />
  const bands = bandCodes(report.audience.framework)
  const share = (n: number) => formatShare(ctx.lang, shareOf(n, figure.pupils))
  return (
    <td
      data-label={label}
      data-item={figure.item}
      data-exposed={figure.exposed}
      data-at-target={figure.atTarget}
      data-bands={bands.map((b) => `${b}:${figure.bands[b] ?? 0}`).join(',')}
    >
      <div>
        {ctx.t('learnerReports.exposed')}: {figure.exposed} ({share(figure.exposed)})
      </div>
      <div>
        {ctx.t('learnerReports.atTarget')}: {figure.atTarget} ({share(figure.atTarget)})
      </div>
      <div class="bands">
        {bands
          .map((b) => `${b === 'none' ? ctx.t('learnerReports.none') : b} ${figure.bands[b] ?? 0}`)
          .join(' · ')}
      </div>
    </td>
  )
}
