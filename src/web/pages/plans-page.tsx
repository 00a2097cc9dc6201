import type { Catalog } from '../../../framework/index.ts'
import { type Plan, type Target, targetTables } from '../../plans/plan.ts'
import { PLAN_EXAMPLES } from '../../plans/plan-examples.ts'
import type { Tenant } from '../../store/index.ts'
import { ProblemSummary } from '../form-problems.tsx'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { formatDate, formatShare, levelName, Scroll, SessionField } from '../parts.tsx'
import {
  planProblemText,
  PlanUploadForm,
  type PlanUploadState,
  problemField,
} from './plan-upload-form.tsx'
import { ReportTabs } from './report-tabs.tsx'

/** A plan that applies to the node: whose it is, and its document as checked (none if unreadable). */
export interface ShownPlan {
  readonly id: string
  readonly code: string
  readonly name: string
  readonly owner: Pick<Tenant, 'id' | 'name'>
  /** The node's own plan (it may be deleted here); else one from above, read-only. */
  readonly own: boolean
  readonly importedAt: Date
  readonly plan: Plan | undefined
}

export interface PlansPageProps {
  readonly ctx: PageContext
  readonly catalog: Catalog
  /** From the manager's own tenant down to the node shown. */
  readonly path: readonly Pick<Tenant, 'id' | 'name'>[]
  /** Whether the node may hold plans (an organisation). */
  readonly canImport: boolean
  readonly plans: readonly ShownPlan[]
  readonly notice?: string
  /** A refused upload. */
  readonly upload?: PlanUploadState
}

/**
 * The plans that apply to a node (its own and those above it), each target in words (who, which
 * components, what level, what share, by when) with the reporting calendar; an organisation's
 * manager imports (JSON or CSV) and deletes its own.
 */
export function PlansPage(props: PlansPageProps) {
  const { ctx, path, canImport, upload } = props
  const own = path[0]
  const node = path[path.length - 1]
  const nodeId = node && own && node.id !== own.id ? node.id : undefined
  const problems = (upload?.problems ?? []).map((p) => ({
    field: problemField(p),
    message: planProblemText(ctx.t, p),
  }))
  return (
    <Layout ctx={ctx} title={ctx.t('plans.title')} notice={props.notice}>
      <ReportTabs ctx={ctx} current="plans" path={path} />
      {upload && (
        <p class="error" data-refused>
          {ctx.t('plans.refused', { count: problems.length })}
        </p>
      )}
      <ProblemSummary ctx={ctx} problems={problems} />
      <p>{ctx.t('plans.intro')}</p>
      {props.plans.length === 0 && <p data-no-plans>{ctx.t('plans.none')}</p>}
      {props.plans.map((shown) => (
        <PlanSection ctx={ctx} catalog={props.catalog} shown={shown} nodeId={nodeId} />
      ))}
      <h2>{ctx.t('plans.importTitle')}</h2>
      {canImport ? (
        <>
          <p>{ctx.t('plans.importIntro')}</p>
          <PlanUploadForm ctx={ctx} nodeId={nodeId} upload={upload} problems={problems} />
        </>
      ) : (
        <p data-not-organisation>{ctx.t('plans.notOrganisation')}</p>
      )}
      <h2>{ctx.t('plans.examples')}</h2>
      <p>{ctx.t('plans.examplesIntro')}</p>
      <ul data-examples>
        {PLAN_EXAMPLES.map((file) => {
          const [name, ext] = file.split('.') as [string, string]
          return (
            <li>
              <a href={href(ctx, `/app/plans/examples/${file}`)} download={file}>
                {ctx.t(`plans.example.${name}`)} ({ext.toUpperCase()})
              </a>
            </li>
          )
        })}
      </ul>
    </Layout>
  )
}

function PlanSection({
  ctx,
  catalog,
  shown,
  nodeId,
}: {
  ctx: PageContext
  catalog: Catalog
  shown: ShownPlan
  nodeId: string | undefined
}) {
  const { plan } = shown
  const name = plan ? (ctx.lang === 'en' && plan.name.en) || plan.name.vi : shown.name
  return (
    <section data-plan={shown.code} data-owner={shown.owner.id}>
      <h2>
        {shown.code} — {name}
      </h2>
      <p>
        {shown.own ? ctx.t('plans.ownPlan') : ctx.t('plans.fromAbove', { owner: shown.owner.name })}
        {' · '}
        {ctx.t('plans.importedAt', { date: formatDate(ctx.lang, shown.importedAt) })}
      </p>
      {plan ? (
        <>
          <p data-calendar>
            {ctx.t('plans.calendar')}:{' '}
            {plan.calendar
              .map(
                (c) =>
                  `${ctx.t(`plans.period.${c.period}`)} — ${ctx.t('plans.before', {
                    day: c.due.split('-').reverse().join('/'),
                  })}`,
              )
              .join('; ')}
          </p>
          <Scroll label={`${ctx.t('plans.targets')} ${shown.code}`}>
            <table class="stack lines" data-targets>
              <thead>
                <tr>
                  <th scope="col">{ctx.t('plans.target')}</th>
                  <th scope="col">{ctx.t('plans.group')}</th>
                  <th scope="col">{ctx.t('plans.components')}</th>
                  <th scope="col">{ctx.t('plans.level')}</th>
                  <th scope="col">{ctx.t('plans.share')}</th>
                  <th scope="col">{ctx.t('plans.deadline')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.targets.map((target) => (
                  <TargetRow ctx={ctx} catalog={catalog} target={target} />
                ))}
              </tbody>
            </table>
          </Scroll>
        </>
      ) : (
        <p class="error">{ctx.t('plans.unreadable')}</p>
      )}
      {shown.own && (
        <form
          method="post"
          action={href(ctx, `/app/plans/${shown.id}/delete`, { node: nodeId })}
          class="inline"
        >
          <SessionField ctx={ctx} />
          <button type="submit" class="secondary">
            {ctx.t('plans.delete')}
          </button>
        </form>
      )}
    </section>
  )
}

function TargetRow({
  ctx,
  catalog,
  target,
}: {
  ctx: PageContext
  catalog: Catalog
  target: Target
}) {
  const title = (ctx.lang === 'en' && target.title.en) || target.title.vi
  const frameworkId = targetTables(target)[0]!.split('.')[0]!
  const share = formatShare(ctx.lang, target.share)
  return (
    <tr data-target={target.id}>
      <th scope="row">{title}</th>
      <td data-label={ctx.t('plans.group')}>{groupText(ctx, target)}</td>
      <td data-label={ctx.t('plans.components')}>
        <ul>
          {target.components.map((c) => (
            <li data-component={c}>
              {c} {componentName(ctx, catalog, target, c)}
            </li>
          ))}
        </ul>
      </td>
      <td data-label={ctx.t('plans.level')}>
        {levelName(ctx, catalog, frameworkId, target.minLevel)}
      </td>
      <td data-label={ctx.t('plans.share')}>
        {ctx.t(target.comparison === 'more-than' ? 'plans.moreThan' : 'plans.atLeast', { share })}
      </td>
      <td data-label={ctx.t('plans.deadline')}>{formatDate(ctx.lang, target.deadline)}</td>
    </tr>
  )
}

/** Who a target counts, in words: staff positions (at some school levels), or pupils' grades. */
function groupText(ctx: PageContext, target: Target): string {
  const { group } = target
  if (group.kind === 'pupils') return ctx.t('plans.pupils', { grades: group.grades.join(', ') })
  const positions = group.positions.map((p) => ctx.t(`plans.position.${p}`)).join(', ')
  return group.schoolLevels
    ? ctx.t('plans.atLevels', { positions, levels: group.schoolLevels.join(', ') })
    : positions
}

/** A component's name from the first of the target's tables that has it. */
function componentName(ctx: PageContext, catalog: Catalog, target: Target, c: string): string {
  const ids = /^[0-9]/.test(c) ? targetTables(target).map((table) => `${table}.${c}`) : [c]
  for (const id of ids) {
    const entry = catalog.find(id)
    if (entry?.kind === 'component') {
      return entry.component.name[ctx.lang] ?? entry.component.name.vi
    }
  }
  return ''
}
