import type { Tenant } from '../../store/index.ts'
import { href, type PageContext } from '../page-context.ts'

/** The manager's report pages, as tabs above each of them. */
export const REPORT_TABS = {
  levels: '/app/reports',
  targets: '/app/reports/targets',
  learners: '/app/reports/learners',
  needs: '/app/reports/needs',
  programmes: '/app/reports/programmes',
  filed: '/app/reports/filed',
  plans: '/app/plans',
} as const
export type ReportTab = keyof typeof REPORT_TABS

/**
 * The tabs of the report pages, keeping the node shown (and the plan, where one is chosen), and
 * the node's place in the tree: a breadcrumb from the manager's own tenant, each step a link.
 */
export function ReportTabs({
  ctx,
  current,
  path,
  params = {},
}: {
  readonly ctx: PageContext
  readonly current: ReportTab
  /** From the manager's own tenant down to the node shown. */
  readonly path: readonly Pick<Tenant, 'id' | 'name'>[]
  /** Kept across tabs (the plan chosen). */
  readonly params?: Readonly<Record<string, string | undefined>>
}) {
  const node = path[path.length - 1]
  const own = path[0]
  const nodeParam = node && own && node.id !== own.id ? node.id : undefined
  return (
    <div class="report-head">
      <nav class="tabs" aria-label={ctx.t('reportTabs.label')}>
        <ul>
          {(Object.keys(REPORT_TABS) as ReportTab[]).map((tab) => (
            <li key={tab}>
              <a
                href={href(ctx, REPORT_TABS[tab], { node: nodeParam, ...params })}
                aria-current={tab === current ? 'page' : undefined}
              >
                {ctx.t(`reportTabs.${tab}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {path.length > 0 && (
        <nav class="node-path" aria-label={ctx.t('reportTabs.node')}>
          <ol>
            {path.map((step, i) => (
              <li key={step.id}>
                {i === path.length - 1 ? (
                  <strong aria-current="location">{step.name}</strong>
                ) : (
                  <a
                    href={href(ctx, REPORT_TABS[current], {
                      node: i === 0 ? undefined : step.id,
                      ...params,
                    })}
                  >
                    {step.name}
                  </a>
                )}
              </li>
            ))}
          </ol>
        </nav>
      )}
    </div>
  )
}

/** A link to the same report page for a node under the one shown (a row's name). */
export function NodeLink({
  ctx,
  current,
  node,
  params = {},
}: {
  readonly ctx: PageContext
  readonly current: ReportTab
  readonly node: Pick<Tenant, 'id' | 'name'>
  readonly params?: Readonly<Record<string, string | undefined>>
}) {
  return <a href={href(ctx, REPORT_TABS[current], { ...params, node: node.id })}>{node.name}</a>
}
