import type { Catalog } from '../../../framework/index.ts'
import type { PlanText, Target, TargetGroup } from '../../plans/plan.ts'
import { targetComponentIds, targetTables } from '../../plans/plan.ts'
import type { ReportRule } from '../../reports/one-rule.ts'
import {
  stillNeeded,
  type TargetFigure,
  type TargetResult,
  type TargetsReport,
  type TargetStatus,
} from '../../reports/targets-report.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { formatDate, formatShare, levelName, QueryFields, Scroll } from '../parts.tsx'
import { NodeLink, ReportTabs } from './report-tabs.tsx'
import { RuleNotice } from './rule-notice.tsx'

export interface TargetsPageProps {
  readonly ctx: PageContext
  readonly catalog: Catalog
  /** From the manager's own tenant down to the node shown. */
  readonly path: readonly { readonly id: string; readonly name: string }[]
  /** The plans that apply to the node (its own and those of the nodes above it). */
  readonly plans: readonly { readonly id: string; readonly code: string; readonly name: string }[]
  /** The chosen plan's targets; none when no plan applies. */
  readonly report: TargetsReport | undefined
  /** Staff of the node with no position (in no staff group). */
  readonly withoutPosition: number
}

/** A plan's text in the page's language. */
export function planText(ctx: Pick<PageContext, 'lang'>, text: PlanText): string {
  return ctx.lang === 'en' ? (text.en ?? text.vi) : text.vi
}

/** A target's group in words: the positions and school levels, or the pupils' grades. */
export function groupInWords(ctx: Pick<PageContext, 't'>, group: TargetGroup): string {
  if (group.kind === 'pupils') {
    return ctx.t('targets.pupilGroup', { grades: group.grades.join(', ') })
  }
  const positions = group.positions.map((p) => ctx.t(`targets.positions.${p}`)).join(', ')
  return group.schoolLevels
    ? ctx.t('targets.staffGroupLevels', { positions, levels: group.schoolLevels.join(', ') })
    : ctx.t('targets.staffGroup', { positions })
}

/** The node's id as a query parameter: none for the manager's own tenant. */
export function nodeParam(path: TargetsPageProps['path']): string | undefined {
  return path.length > 1 ? path[path.length - 1]!.id : undefined
}

/** A manager's plan targets at a node: each target met or not, in total and per part. */
export function TargetsPage({
  ctx,
  catalog,
  path,
  plans,
  report,
  withoutPosition,
}: TargetsPageProps) {
  const node = nodeParam(path)
  const planId = report?.plan.id
  return (
    <Layout ctx={ctx} title={ctx.t('targets.title')}>
      <ReportTabs ctx={ctx} current="targets" path={path} params={{ plan: planId }} />
      {plans.length === 0 || !report ? (
        <p data-no-plan>
          {ctx.t('targets.noPlan')}{' '}
          <a href={href(ctx, '/app/plans', { node })}>{ctx.t('targets.importPlan')}</a>
        </p>
      ) : (
        <>
          <form method="get" action="/app/reports/targets" class="inline">
            <QueryFields ctx={ctx} />
            {node && <input type="hidden" name="node" value={node} />}
            <div>
              <label for="plan">{ctx.t('targets.plan')}</label>
              <select id="plan" name="plan">
                {plans.map((p) => (
                  <option value={p.id} selected={p.id === planId}>
                    {p.code} — {p.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{ctx.t('targets.show')}</button>
          </form>
          <p>{ctx.t('targets.asOf', { date: formatDate(ctx.lang, report.asOf) })}</p>
          <RuleNotice ctx={ctx} rule={report.rule} />
          {withoutPosition > 0 && report.targets.some((r) => r.target.group.kind === 'staff') && (
            <p class="notice warning" role="note" data-without-position={withoutPosition}>
              {ctx.t('targets.withoutPosition', { count: withoutPosition })}{' '}
              {ctx.t('targets.withoutPositionHint')}
            </p>
          )}
          {report.targets.map((result) => (
            <TargetSection
              ctx={ctx}
              catalog={catalog}
              result={result}
              rule={report.rule}
              links={{ node, plan: report.plan.id }}
            />
          ))}
        </>
      )}
    </Layout>
  )
}

function TargetSection({
  ctx,
  catalog,
  result,
  rule,
  links,
}: {
  readonly ctx: PageContext
  readonly catalog: Catalog
  readonly result: TargetResult
  readonly rule: ReportRule
  readonly links: { readonly node: string | undefined; readonly plan: string }
}) {
  const { target, total } = result
  const frameworkId = targetTables(target)[0]!.split('.')[0]!
  const share = formatShare(ctx.lang, target.share)
  const missingHref = (part?: string) =>
    href(ctx, '/app/reports/targets/missing', { ...links, target: target.id, part })
  const needed = stillNeeded(target, total)
  return (
    <section class="target" data-target={target.id} data-status={result.status}>
      <h2>{planText(ctx, target.title)}</h2>
      <dl class="target-facts">
        <dt>{ctx.t('targets.group')}</dt>
        <dd data-group>{groupInWords(ctx, target.group)}</dd>
        <dt>{ctx.t('targets.measure')}</dt>
        <dd data-measure={target.measure ?? 'attainment'}>
          {ctx.t(`targets.measures.${target.measure ?? 'attainment'}`)}
        </dd>
        <dt>{ctx.t(target.domains ? 'targets.domains' : 'targets.components')}</dt>
        <dd>
          <ul>
            {componentNames(ctx, catalog, target).map((c) => (
              <li data-component={c.number}>
                {c.number}
                {c.name && ` — ${c.name}`}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{ctx.t('targets.level')}</dt>
        <dd data-level={target.minLevel}>
          {levelName(ctx, catalog, frameworkId, target.minLevel)}
        </dd>
        <dt>{ctx.t('targets.share')}</dt>
        <dd data-share>
          {ctx.t(target.comparison === 'more-than' ? 'targets.moreThan' : 'targets.atLeast', {
            share,
          })}
        </dd>
        <dt>{ctx.t('targets.deadline')}</dt>
        <dd>{formatDate(ctx.lang, target.deadline)}</dd>
        <dt>{ctx.t('targets.status')}</dt>
        <dd>
          <Status ctx={ctx} status={result.status} />
        </dd>
        <dt>{ctx.t('targets.figure')}</dt>
        <dd>
          <Figure ctx={ctx} figure={total} share={target.share} />
          {needed > 0 && (
            <span data-needed={needed}> {ctx.t('targets.needed', { count: needed })}</span>
          )}
        </dd>
      </dl>
      {rule.lowered.length > 0 && result.parts.length === 0 && <RuleMark ctx={ctx} rule={rule} />}
      <p>
        <a href={missingHref()} data-missing={total.group - total.met}>
          {ctx.t('targets.missingLink', { count: total.group - total.met })}
        </a>
      </p>
      {result.parts.length > 0 && (
        <Scroll label={ctx.t('targets.parts')}>
          <p class="table-title">{ctx.t('targets.parts')}</p>
          <table class="stack lines" data-parts>
            <thead>
              <tr>
                <th scope="col">{ctx.t('targets.part')}</th>
                <th scope="col">{ctx.t('targets.figure')}</th>
                <th scope="col">{ctx.t('targets.status')}</th>
                <th scope="col">{ctx.t('targets.missing.title')}</th>
              </tr>
            </thead>
            <tbody>
              {result.parts.map((part) => (
                <tr data-part={part.node.id} data-status={part.status}>
                  <th scope="row">
                    <NodeLink
                      ctx={ctx}
                      current="targets"
                      node={part.node}
                      params={{ plan: links.plan }}
                    />
                    {part.rule.lowered.length > 0 && <RuleMark ctx={ctx} rule={part.rule} />}
                  </th>
                  <td data-label={ctx.t('targets.figure')}>
                    <Figure ctx={ctx} figure={part.figure} share={target.share} />
                  </td>
                  <td data-label={ctx.t('targets.status')}>
                    <Status ctx={ctx} status={part.status} />
                  </td>
                  <td data-label={ctx.t('targets.missing.title')}>
                    <a href={missingHref(part.node.id)}>
                      {ctx.t('targets.missingLink', { count: part.figure.group - part.figure.met })}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </section>
  )
}

/**
 * The components (or domains) a target names, by number, with the name of the first table that
 * has it.
 */
function componentNames(ctx: Pick<PageContext, 'lang'>, catalog: Catalog, target: Target) {
  if (target.domains) {
    return target.domains.map((number) => {
      const entry = targetTables(target)
        .map((table) => catalog.find(`${table}.${number}`))
        .find((e) => e?.kind === 'domain')
      const name =
        entry?.kind === 'domain' ? (entry.domain.name[ctx.lang] ?? entry.domain.name.vi) : undefined
      return { number, name }
    })
  }
  const ids = targetComponentIds(target)
  return target.components.map((number, i) => {
    const entry = ids[i]!.map((id) => catalog.find(id)).find((e) => e?.kind === 'component')
    const name =
      entry?.kind === 'component'
        ? (entry.component.name[ctx.lang] ?? entry.component.name.vi)
        : undefined
    return { number, name }
  })
}

function Status({ ctx, status }: { readonly ctx: PageContext; readonly status: TargetStatus }) {
  return (
    <span class={`status-${status}`} data-status-text={status}>
      {ctx.t(`targets.statuses.${status}`)}
    </span>
  )
}

/** "met/group (share)" and a small bar of the share, with a mark at the target's share. */
function Figure({
  ctx,
  figure,
  share,
}: {
  readonly ctx: PageContext
  readonly figure: TargetFigure
  readonly share: number
}) {
  const reached = figure.group === 0 ? 0 : figure.met / figure.group
  return (
    <span class="target-figure">
      <span data-figure={`${figure.met}/${figure.group}`}>
        {figure.met}/{figure.group}
        {figure.group > 0 && ` (${formatShare(ctx.lang, reached)})`}
      </span>{' '}
      <svg class="target-bar" width="120" height="10" viewBox="0 0 120 10" aria-hidden="true">
        <rect width="120" height="10" fill="#e4e7ec" />
        <rect width={Math.round(reached * 120)} height="10" fill="#2f6f3e" />
        <line x1={share * 120} x2={share * 120} y1="0" y2="10" stroke="#111" stroke-width="2" />
      </svg>
    </span>
  )
}

/** The lowered rules of the schools a row adds up. */
function RuleMark({ ctx, rule }: { readonly ctx: PageContext; readonly rule: ReportRule }) {
  return (
    <>
      {rule.lowered.map((s) => (
        <span class="rule-mark" data-rule-mark={s.name}>
          {' '}
          ({rule.lowered.length > 1 || rule.schools.length > 1 ? `${s.name}: ` : ''}
          {ctx.t('targets.ruleMark', { share: formatShare(ctx.lang, s.requiredShare) })})
        </span>
      ))}
    </>
  )
}
