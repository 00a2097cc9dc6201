import type { AudienceEntry, Catalog } from '../../../framework/index.ts'
import { shareOf } from '../../reports/aggregate.ts'
import type { Semester } from '../../reports/semester.ts'
import type { Report } from '../../reports/report.ts'
import { shareBars } from '../charts.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { LEVEL_COLOURS, LevelMixChart } from './level-mix-chart.tsx'
import { ReportTabs } from './report-tabs.tsx'
import { RuleNotice } from './rule-notice.tsx'
import {
  Bilingual,
  formatDate,
  formatShare,
  levelName,
  QueryFields,
  Scroll,
  TableSelect,
  UnitSelect,
} from '../parts.tsx'

export interface ReportsPageProps {
  readonly ctx: PageContext
  readonly catalog: Catalog
  readonly report: Report
  readonly audiences: readonly AudienceEntry[]
  readonly semesters: readonly Semester[]
  readonly units: readonly string[]
  /** From the manager's own tenant down to the node shown. */
  readonly path: readonly { readonly id: string; readonly name: string }[]
  /** The nodes directly under the one shown: a row of theirs links to their own report. */
  readonly parts: readonly { readonly id: string; readonly name: string }[]
}

/** A manager's report: levels per component for a semester, by unit, over time; exports. */
export function ReportsPage({
  ctx,
  catalog,
  report,
  audiences,
  semesters,
  units,
  path,
  parts,
}: ReportsPageProps) {
  const { figures, audience } = report
  const fw = audience.framework.id
  const levels = audience.framework.levels
  const components = audience.audience.components
  const node = path.length > 1 ? path[path.length - 1]!.id : undefined
  const query = {
    node,
    audience: audience.id,
    semester: report.semester.id,
    ...(report.unit !== undefined && { unit: report.unit }),
  }
  const total = figures.total
  const shown = figures.units.filter((u) => !u.hidden)
  const mixProps = {
    ctx,
    catalog,
    frameworkId: fw,
    levels: levels.map((l) => l.code),
  }
  const due =
    report.semester.term === 1
      ? `25/12/${report.semester.startYear}`
      : `10/05/${report.semester.startYear + 1}`
  return (
    <Layout ctx={ctx} title={ctx.t('reports.title')}>
      <ReportTabs ctx={ctx} current="levels" path={path} />
      <form method="get" action="/app/reports" class="inline">
        <QueryFields ctx={ctx} />
        {node && <input type="hidden" name="node" value={node} />}
        <div>
          <label for="semester">{ctx.t('reports.semester')}</label>
          <select id="semester" name="semester">
            {semesters.map((s) => (
              <option value={s.id} selected={s.id === report.semester.id}>
                {s.id}
              </option>
            ))}
          </select>
        </div>
        <TableSelect
          ctx={ctx}
          label={ctx.t('reports.table')}
          audiences={audiences}
          audience={audience}
        />
        {units.length > 0 && <UnitSelect ctx={ctx} units={units} unit={report.unit} />}
        <button type="submit">{ctx.t('reports.show')}</button>
      </form>
      <p>
        {ctx.t('reports.asOf', { date: formatDate(ctx.lang, report.asOf) })} ·{' '}
        {ctx.t('reports.due', { date: due })}
      </p>
      <p>
        <a class="button" data-export="csv" href={href(ctx, '/app/reports/export.csv', query)}>
          {ctx.t('reports.exportCsv')}
        </a>{' '}
        <a class="button" data-export="xlsx" href={href(ctx, '/app/reports/export.xlsx', query)}>
          {ctx.t('reports.exportXlsx')}
        </a>
      </p>
      <RuleNotice ctx={ctx} rule={report.rule} />
      <p class="muted">{ctx.t('reports.minGroup', { count: report.minGroupSize })}</p>
      <p class="muted" data-staff-note>
        {ctx.t('staffFigures.note')}
        {report.scope === 'district' && ` ${ctx.t('staffFigures.districtNote')}`}
      </p>
      <h2>
        <Bilingual text={audience.audience.name} lang={ctx.lang} />
      </h2>
      {total.staff === 0 ? (
        <p data-empty>{ctx.t('reports.empty')}</p>
      ) : total.hidden ? (
        <p data-hidden>{ctx.t('reports.hidden', { count: report.minGroupSize })}</p>
      ) : (
        <>
          <p data-headline>
            <strong>{ctx.t('reports.everyComponent')}:</strong>{' '}
            <span data-every>
              {formatShare(ctx.lang, shareOf(total.everyComponent, total.staff))}
            </span>{' '}
            ({total.everyComponent}/{total.staff})
          </p>
          <figure
            class="chart bars"
            role="img"
            aria-label={ctx.t('reports.byComponent')}
            dangerouslySetInnerHTML={{
              __html: shareBars(
                components.map((c) => c.number),
                [null, ...levels].map((l, i) => ({
                  name: levelName(ctx, catalog, fw, l?.code),
                  color: LEVEL_COLOURS[i] ?? '#999',
                  values: total.components.map((c) =>
                    shareOf(c.counts[l?.code ?? 'none'] ?? 0, total.staff),
                  ),
                })),
                { stacked: true },
              ),
            }}
          />
          <h3>{ctx.t('reports.byComponent')}</h3>
          <Scroll label={ctx.t('reports.byComponent')}>
            <table data-report-table class="stack">
              <thead>
                <tr>
                  <th scope="col">{ctx.t('reports.component')}</th>
                  <th scope="col">{ctx.t('levels.none')}</th>
                  {levels.map((l) => (
                    <th scope="col">{l.name[ctx.lang] ?? l.name.vi}</th>
                  ))}
                  <th scope="col">{ctx.t('reports.atLeastFirst')}</th>
                </tr>
              </thead>
              <tbody>
                {total.components.map((c) => {
                  const component = components.find((x) => x.id === c.componentId)!
                  return (
                    <tr data-component={c.componentId}>
                      <th scope="row">
                        {component.number} <Bilingual text={component.name} lang={ctx.lang} />
                      </th>
                      {[null, ...levels].map((l) => {
                        const n = c.counts[l?.code ?? 'none'] ?? 0
                        return (
                          <td
                            data-count={l?.code ?? 'none'}
                            data-label={l ? (l.name[ctx.lang] ?? l.name.vi) : ctx.t('levels.none')}
                          >
                            {n}{' '}
                            <span class="muted">
                              ({formatShare(ctx.lang, shareOf(n, total.staff))})
                            </span>
                          </td>
                        )
                      })}
                      <td data-at-least-first data-label={ctx.t('reports.atLeastFirst')}>
                        {formatShare(ctx.lang, shareOf(c.atLeastFirst, total.staff))}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </Scroll>
        </>
      )}
      {total.staff > 0 && figures.units.length > 1 && (
        <>
          <h3>{ctx.t('reports.byUnit')}</h3>
          {shown.length > 0 && (
            <LevelMixChart
              {...mixProps}
              kind="units"
              title={ctx.t('reports.byUnitMix')}
              groups={shown.map((u) => ({ name: u.unit || ctx.t('reports.noUnit'), figures: u }))}
            />
          )}
          <Scroll label={ctx.t('reports.byUnit')}>
            <table data-units class="stack">
              <thead>
                <tr>
                  <th scope="col">{ctx.t('reports.unit')}</th>
                  <th scope="col">{ctx.t('reports.staff')}</th>
                  <th scope="col">{ctx.t('reports.everyComponent')}</th>
                </tr>
              </thead>
              <tbody>
                {figures.units.map((u) => {
                  const part = parts.find((p) => p.name === u.unit)
                  const lowered = report.loweredUnits.includes(u.unit)
                  return (
                    <tr data-unit={u.unit} data-lowered-rule={lowered ? '' : undefined}>
                      <th scope="row">
                        {part ? (
                          <a
                            href={href(ctx, '/app/reports', {
                              ...query,
                              node: part.id,
                              unit: undefined,
                            })}
                          >
                            {part.name}
                          </a>
                        ) : (
                          u.unit || ctx.t('reports.noUnit')
                        )}
                        {lowered && (
                          <span class="rule-mark" title={ctx.t('oneRule.loweredRow')}>
                            {' '}
                            ⚠ {ctx.t('oneRule.loweredShort')}
                          </span>
                        )}
                      </th>
                      {u.hidden ? (
                        <td colSpan={2} data-hidden>
                          {ctx.t('reports.hidden', { count: report.minGroupSize })}
                        </td>
                      ) : (
                        <>
                          <td data-label={ctx.t('reports.staff')}>{u.staff}</td>
                          <td data-label={ctx.t('reports.everyComponent')}>
                            {formatShare(ctx.lang, shareOf(u.everyComponent, u.staff))}
                          </td>
                        </>
                      )}
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </Scroll>
        </>
      )}
      {total.staff > 0 && (
        <>
          <h3>{ctx.t('reports.trendMix')}</h3>
          <LevelMixChart
            {...mixProps}
            kind="trend"
            title={ctx.t('reports.trend')}
            groups={report.trend.map((t) => ({ name: t.semester.id, figures: t.total }))}
            summary={(i) => {
              const t = report.trend[i]!.total
              return t.hidden || t.staff === 0
                ? '—'
                : formatShare(ctx.lang, shareOf(t.everyComponent, t.staff))
            }}
          />
        </>
      )}
    </Layout>
  )
}
