import type { Catalog } from '../../../framework/index.ts'
import type { ProgrammeFigures } from '../../reports/programme-effect.ts'
import { shareBars } from '../charts.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { Bilingual, formatDate, formatShare, levelName, QueryFields, Scroll } from '../parts.tsx'
import { LEVEL_COLOURS } from './level-mix-chart.tsx'
import { nodeParamOf, type ProgrammeNode } from './programmes-page.tsx'
import { ReportTabs } from './report-tabs.tsx'

/** A programme's effect as the page and its export show it. */
export interface EffectView {
  /** The course's title, or the tag set's name. */
  readonly name: string
  readonly schoolName: string
  /** The last day counted (YYYY-MM-DD, Vietnam). */
  readonly untilDate: string
  /** Competency IDs of the tags that name no descriptor nor level. */
  readonly unknown: readonly string[]
  readonly minGroupSize: number
  /** Undefined: fewer participants than the smallest group shown. */
  readonly figures: ProgrammeFigures | undefined
}

export interface ProgrammeEffectPageProps {
  readonly ctx: PageContext
  readonly catalog: Catalog
  readonly node: ProgrammeNode
  /** The parameters naming the programme (node, course or school and prefix, until). */
  readonly query: Readonly<Record<string, string | undefined>>
  readonly view: EffectView
}

const EXPLAINED = [
  'explainTags',
  'explainTarget',
  'explainParticipants',
  'explainStart',
  'explainLevels',
  'explainCriteria',
  'explainReached',
] as const

/** What a programme changed: participants, levels before and after, criteria, the target. */
export function ProgrammeEffectPage({ ctx, catalog, node, query, view }: ProgrammeEffectPageProps) {
  const t = (key: string, options?: Record<string, unknown>) => ctx.t(`programmes.${key}`, options)
  const f = view.figures
  const { until: _until, ...programme } = query
  return (
    <Layout ctx={ctx} title={t('effectTitle', { name: view.name })}>
      <ReportTabs ctx={ctx} current="programmes" path={node.path} />
      <p>
        <a href={href(ctx, '/app/reports/programmes', { node: nodeParamOf(node) })}>{t('back')}</a>
      </p>
      <p data-school>
        {t('school')}: {view.schoolName}
      </p>
      <form method="get" action="/app/reports/programmes/effect" class="inline">
        <QueryFields ctx={ctx} />
        {Object.entries(programme).map(
          ([name, value]) =>
            value !== undefined && <input type="hidden" name={name} value={value} />,
        )}
        <div>
          <label for="until">{t('until')}</label>
          <input id="until" name="until" type="date" value={view.untilDate} />
        </div>
        <button type="submit">{t('show')}</button>
      </form>
      <p data-as-of>
        {t('asOf', { date: formatDate(ctx.lang, `${view.untilDate}T12:00:00+07:00`) })}
      </p>
      <p>
        <a
          class="button"
          data-export="csv"
          href={href(ctx, '/app/reports/programmes/effect.csv', query)}
        >
          {t('export')}
        </a>
      </p>
      {view.unknown.length > 0 && (
        <p class="muted" data-unknown>
          {t('unknownIds', { ids: view.unknown.join(', ') })}
        </p>
      )}
      {!f ? (
        <p data-hidden>{t('hidden', { count: view.minGroupSize })}</p>
      ) : (
        <Figures ctx={ctx} catalog={catalog} f={f} />
      )}
      <h2>{t('explainTitle')}</h2>
      <ul data-explanation>
        {EXPLAINED.map((key) => (
          <li>{t(key)}</li>
        ))}
      </ul>
    </Layout>
  )
}

function Figures({ ctx, catalog, f }: { ctx: PageContext; catalog: Catalog; f: ProgrammeFigures }) {
  const t = (key: string, options?: Record<string, unknown>) => ctx.t(`programmes.${key}`, options)
  const share = (n: number) => (f.participants > 0 ? n / f.participants : 0)
  const number = (n: number) =>
    new Intl.NumberFormat(ctx.lang === 'vi' ? 'vi-VN' : 'en-GB', {
      maximumFractionDigits: 2,
    }).format(n)
  const rows: [string, string, string][] = [
    ['participants', t('participants'), String(f.participants)],
    ['started', t('started'), String(f.started)],
    ['criteria-newly-met', t('criteriaNewlyMet'), String(f.criteriaNewlyMet)],
    ['per-participant', t('perParticipant'), number(f.criteriaPerParticipant)],
    [
      'reached-before',
      t('reachedBefore'),
      `${formatShare(ctx.lang, f.reachedBefore.share)} (${f.reachedBefore.count}/${f.participants})`,
    ],
    [
      'reached-after',
      t('reachedAfter'),
      `${formatShare(ctx.lang, f.reachedAfter.share)} (${f.reachedAfter.count}/${f.participants})`,
    ],
  ]
  const first = f.components[0]
  const component = (id: string) => catalog.getOf(id, 'component').component
  return (
    <>
      <h2>{t('summary')}</h2>
      <table data-summary>
        <tbody>
          {rows.map(([key, label, value]) => (
            <tr data-figure={key}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('levelsTitle')}</h2>
      {!first ? (
        <p data-no-components>{t('noComponents')}</p>
      ) : (
        <>
          <figure
            class="chart bars"
            role="img"
            aria-label={t('levelsTitle')}
            dangerouslySetInnerHTML={{
              __html: shareBars(
                f.components.flatMap((c) => {
                  const n = component(c.componentId).number
                  return [`${n} ${t('before')}`, `${n} ${t('after')}`]
                }),
                first.before.map((l, i) => ({
                  name: levelName(ctx, catalog, first.frameworkId, l.level),
                  color: LEVEL_COLOURS[i] ?? '#999',
                  values: f.components.flatMap((c) => [
                    share(c.before[i]?.count ?? 0),
                    share(c.after[i]?.count ?? 0),
                  ]),
                })),
                { stacked: true },
              ),
            }}
          />
          <p class="muted">{t('chartCaption')}</p>
          <Scroll label={t('levelsTitle')}>
            <table data-effect-table class="stack">
              <thead>
                <tr>
                  <th scope="col">{t('component')}</th>
                  <th scope="col">{t('target')}</th>
                  <th scope="col">{t('level')}</th>
                  <th scope="col">{t('before')}</th>
                  <th scope="col">{t('after')}</th>
                </tr>
              </thead>
              <tbody>
                {f.components.flatMap((c) => {
                  const entry = component(c.componentId)
                  return [
                    ...c.before.map((b, i) => (
                      <tr data-component={c.componentId} data-level={b.level ?? 'none'}>
                        {i === 0 && (
                          <>
                            <th scope="rowgroup" rowSpan={c.before.length + 1}>
                              {entry.number} <Bilingual text={entry.name} lang={ctx.lang} />
                            </th>
                            <td rowSpan={c.before.length + 1} data-target={c.target}>
                              {levelName(ctx, catalog, c.frameworkId, c.target)}
                            </td>
                          </>
                        )}
                        <td>{levelName(ctx, catalog, c.frameworkId, b.level)}</td>
                        <td data-before={b.count}>{b.count}</td>
                        <td data-after={c.after[i]?.count ?? 0}>{c.after[i]?.count ?? 0}</td>
                      </tr>
                    )),
                    <tr data-component={c.componentId} data-went-up={c.wentUp}>
                      <td colSpan={2}>{t('wentUp')}</td>
                      <td>{c.wentUp}</td>
                    </tr>,
                  ]
                })}
              </tbody>
            </table>
          </Scroll>
        </>
      )}
    </>
  )
}
