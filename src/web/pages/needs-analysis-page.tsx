import type { ReportRule } from '../../reports/one-rule.ts'
import type { AudienceEntry, Catalog } from '../../../framework/index.ts'
import type { NeedsAnalysis, NeedsCell, NeedsGroup } from '../../reports/needs-analysis.ts'
import type { Tenant } from '../../store/index.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { Bilingual, formatShare, levelName, QueryFields, Scroll, TableSelect } from '../parts.tsx'
import { ReportTabs } from './report-tabs.tsx'
import { RuleNotice } from './rule-notice.tsx'

/** The plan whose targets are followed, as the chooser names it. */
export interface PlanChoice {
  readonly id: string
  readonly code: string
  readonly name: string
}

export interface NeedsAnalysisPageProps {
  readonly ctx: PageContext
  readonly catalog: Catalog
  readonly audience: AudienceEntry
  readonly audiences: readonly AudienceEntry[]
  readonly plans: readonly PlanChoice[]
  readonly plan: PlanChoice | undefined
  /** From the manager's own tenant down to the node shown. */
  readonly path: readonly Pick<Tenant, 'id' | 'name'>[]
  /** The nodes directly under it, one of which the analysis may be narrowed to. */
  readonly parts: readonly Pick<Tenant, 'id' | 'name'>[]
  readonly part: string | undefined
  readonly analysis: NeedsAnalysis
  /** The rule of the schools added up (those that lowered it are named). */
  readonly rule: ReportRule
}

/** How many components of the ranking each group shows. */
const PRIORITIES_SHOWN = 5

/**
 * A node's training-needs analysis: choosers, a heat-map of the share below target per group
 * (columns) and component (rows), then per group the components to design courses for first,
 * with the evidence and the people's own view side by side.
 */
export function NeedsAnalysisPage(props: NeedsAnalysisPageProps) {
  const { ctx, audience, plan, path, analysis } = props
  const own = path[0]
  const node = path.length > 1 && own ? path[path.length - 1]!.id : undefined
  const query = { node, plan: plan?.id, audience: audience.id, part: props.part }
  return (
    <Layout ctx={ctx} title={ctx.t('needsAnalysis.title')}>
      <ReportTabs ctx={ctx} current="needs" path={path} params={{ plan: plan?.id }} />
      <p>{ctx.t('needsAnalysis.intro')}</p>
      <Choosers {...props} node={node} />
      <p data-targets={plan ? 'plan' : 'default'}>
        {plan
          ? ctx.t('needsAnalysis.targetsByPlan', { code: plan.code, name: plan.name })
          : ctx.t('needsAnalysis.targetsDefault')}
      </p>
      <RuleNotice ctx={ctx} rule={props.rule} />
      {analysis.groups.length === 0 ? (
        <p class="muted" data-empty>
          {ctx.t('needsAnalysis.empty')}
        </p>
      ) : (
        <>
          <p>
            <a class="button secondary" href={href(ctx, '/app/reports/needs.csv', query)} data-csv>
              {ctx.t('needsAnalysis.csv')}
            </a>
          </p>
          <HeatMap {...props} />
          <section aria-labelledby="needs-priorities">
            <h2 id="needs-priorities">{ctx.t('needsAnalysis.priorities')}</h2>
            <p class="muted">{ctx.t('needsAnalysis.prioritiesHint')}</p>
            {analysis.groups.map((g) => (
              <Priorities {...props} group={g} />
            ))}
          </section>
        </>
      )}
    </Layout>
  )
}

function Choosers(props: NeedsAnalysisPageProps & { node: string | undefined }) {
  const { ctx, audience, audiences, plans, plan, parts, part, node } = props
  return (
    <form method="get" action="/app/reports/needs" class="inline" data-choosers>
      <QueryFields ctx={ctx} />
      {node && <input type="hidden" name="node" value={node} />}
      <div>
        <label for="plan">{ctx.t('needsAnalysis.plan')}</label>
        <select id="plan" name="plan">
          <option value="">{ctx.t('needsAnalysis.noPlanOption')}</option>
          {plans.map((p) => (
            <option value={p.id} selected={p.id === plan?.id}>
              {p.code} — {p.name}
            </option>
          ))}
        </select>
      </div>
      <TableSelect
        ctx={ctx}
        label={ctx.t('needsAnalysis.table')}
        audiences={audiences}
        audience={audience}
      />
      {parts.length > 0 && (
        <div>
          <label for="part">{ctx.t('needsAnalysis.part')}</label>
          <select id="part" name="part">
            <option value="">{ctx.t('needsAnalysis.allParts')}</option>
            {parts.map((p) => (
              <option value={p.id} selected={p.id === part}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit">{ctx.t('needsAnalysis.show')}</button>
    </form>
  )
}

/** A group's name: its position in words. */
export function groupName(ctx: Pick<PageContext, 't'>, position: string): string {
  return ctx.t(`needsAnalysis.groups.${position || 'none'}`)
}

/** The heat class of a share below target: 0 none, then quarters. */
function heat(share: number): number {
  return share === 0 ? 0 : Math.min(4, 1 + Math.floor(share * 4))
}

function HeatMap({ ctx, catalog, audience, analysis }: NeedsAnalysisPageProps) {
  const fw = audience.framework.id
  const first = [...audience.framework.levels].sort((a, b) => a.rank - b.rank)[0]?.code
  const hiddenText = ctx.t('needsAnalysis.hidden', { count: analysis.minGroupSize })
  return (
    <section aria-labelledby="needs-heatmap">
      <h2 id="needs-heatmap">{ctx.t('needsAnalysis.heatmap')}</h2>
      <p class="muted">{ctx.t('needsAnalysis.heatmapHint')}</p>
      {analysis.groups.some((g) => g.hidden) && (
        <p class="muted" data-hidden-note>
          {ctx.t('needsAnalysis.hiddenNote', { count: analysis.minGroupSize })}
        </p>
      )}
      <Scroll label={ctx.t('needsAnalysis.heatmap')}>
        <table class="needs-map" data-needs-map>
          <thead>
            <tr>
              <th scope="col">{ctx.t('needsAnalysis.component')}</th>
              {analysis.groups.map((g) => (
                <th scope="col" data-group={g.position}>
                  {groupName(ctx, g.position)}
                  <br />
                  <span class="muted">
                    {g.hidden ? hiddenText : ctx.t('needsAnalysis.staffCount', { count: g.staff })}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {audience.audience.components.map((component, i) => (
              <tr data-component={component.id}>
                <th scope="row">
                  {component.number} <Bilingual text={component.name} lang={ctx.lang} />
                </th>
                {analysis.groups.map((g) => {
                  const cell = g.cells[i]
                  if (g.hidden || !cell) {
                    return (
                      <td class="muted" data-group={g.position} data-hidden>
                        —
                      </td>
                    )
                  }
                  const share = cell.staff === 0 ? 0 : cell.below / cell.staff
                  return (
                    <td
                      class={`need-${heat(share)}`}
                      data-group={g.position}
                      data-below={cell.below}
                      data-target={cell.target}
                    >
                      <strong>{formatShare(ctx.lang, share)}</strong>
                      <br />
                      {cell.below}/{cell.staff}
                      {cell.target !== first && (
                        <>
                          <br />
                          <small>
                            {ctx.t('needsAnalysis.target', {
                              level: levelName(ctx, catalog, fw, cell.target),
                            })}
                          </small>
                        </>
                      )}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </section>
  )
}

function Priorities(props: NeedsAnalysisPageProps & { group: NeedsGroup }) {
  const { ctx, audience, analysis, group } = props
  const id = `needs-group-${group.position || 'none'}`
  return (
    <section data-priorities={group.position} aria-labelledby={id}>
      <h3 id={id}>
        {group.hidden
          ? groupName(ctx, group.position)
          : ctx.t('needsAnalysis.groupHeading', {
              group: groupName(ctx, group.position),
              count: group.staff,
            })}
      </h3>
      {group.hidden ? (
        <p class="muted" data-hidden>
          {ctx.t('needsAnalysis.hidden', { count: analysis.minGroupSize })}
        </p>
      ) : group.ranked.length === 0 ? (
        <p class="muted">{ctx.t('needsAnalysis.noNeed')}</p>
      ) : (
        <ol>
          {group.ranked.slice(0, PRIORITIES_SHOWN).map((cell) => (
            <Priority ctx={ctx} audience={audience} cell={cell} />
          ))}
        </ol>
      )}
    </section>
  )
}

function Priority(props: { ctx: PageContext; audience: AudienceEntry; cell: NeedsCell }) {
  const { ctx, audience, cell } = props
  const component = audience.audience.components.find((c) => c.id === cell.componentId)
  const gap = new Intl.NumberFormat(ctx.lang === 'vi' ? 'vi-VN' : 'en-GB', {
    maximumFractionDigits: 1,
  }).format(cell.meanGap)
  return (
    <li data-priority={cell.componentId} data-below={cell.below}>
      <strong>
        {component?.number ?? cell.componentId}{' '}
        {component && <Bilingual text={component.name} lang={ctx.lang} />}
      </strong>
      <dl class="needs-sides">
        <div data-side="evidence">
          <dt>{ctx.t('needsAnalysis.byEvidence')}</dt>
          <dd>
            <meter min={0} max={cell.staff} value={cell.below} />{' '}
            {ctx.t('needsAnalysis.belowOf', { count: cell.below, total: cell.staff })}
          </dd>
        </div>
        <div data-side="self">
          <dt>{ctx.t('needsAnalysis.bySelf')}</dt>
          <dd>
            {cell.assessed === 0 ? (
              ctx.t('needsAnalysis.notAssessed')
            ) : (
              <>
                <meter min={0} max={cell.assessed} value={cell.belowBySelf} />{' '}
                {ctx.t('needsAnalysis.belowOf', {
                  count: cell.belowBySelf,
                  total: cell.assessed,
                })}
              </>
            )}
          </dd>
        </div>
      </dl>
      <p class="muted">
        {ctx.t('needsAnalysis.selfHigher', { count: cell.selfHigher })},{' '}
        {ctx.t('needsAnalysis.selfLower', { count: cell.selfLower })} ·{' '}
        {ctx.t('needsAnalysis.meanGap', { gap })}
      </p>
    </li>
  )
}
