import type { Tenant } from '../../store/index.ts'
import { FieldProblems, type FormProblem, invalidField, ProblemSummary } from '../form-problems.tsx'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { formatDate, QueryFields, Scroll, SessionField } from '../parts.tsx'
import { ReportTabs } from './report-tabs.tsx'

/** A filed report as the list shows it. */
export interface FiledItem {
  readonly id: string
  readonly period: string
  readonly periodName: string
  readonly plan?: string
  readonly filedBy: string
  readonly filedAt: Date
  /** The schools added up did not all use the same rule. */
  readonly mixed: boolean
}

/** The form that files a report, for the manager's own node. */
export interface FilingForm {
  readonly plans: readonly { readonly id: string; readonly code: string; readonly name: string }[]
  /** The plan chosen ('' for none). */
  readonly plan: string
  readonly periods: readonly { readonly id: string; readonly name: string; readonly due: Date }[]
  /** The period chosen, or typed. */
  readonly period?: string
  /** What filing freezes. */
  readonly frozen: {
    readonly targets?: number
    readonly tables: readonly string[]
    readonly schools: number
  }
  readonly problems: readonly FormProblem[]
}

export interface FiledListPageProps {
  readonly ctx: PageContext
  readonly path: readonly Pick<Tenant, 'id' | 'name'>[]
  /** The node shown, when not the manager's own. */
  readonly nodeParam?: string
  readonly filed: readonly FiledItem[]
  readonly due: readonly {
    readonly plan?: string
    readonly periodName: string
    readonly due: Date
  }[]
  /** Only on the manager's own node: a node above may look at a node's reports, not file them. */
  readonly form?: FilingForm
}

/** A node's filed reports, the reports due soon, and (for the own node) the form to file one. */
export function FiledListPage({ ctx, path, nodeParam, filed, due, form }: FiledListPageProps) {
  const node = path[path.length - 1]
  return (
    <Layout ctx={ctx} title={ctx.t('filing.title')}>
      <ReportTabs ctx={ctx} current="filed" path={path} />
      <p class="muted">{ctx.t('filing.intro')}</p>
      {due.length > 0 && (
        <section data-due-soon>
          <h2>{ctx.t('filing.dueSoon')}</h2>
          <ul>
            {due.map((d) => (
              <li>
                {d.plan ?? ctx.t('filing.noPlanShort')}:{' '}
                {ctx.t('filing.dueSoonItem', {
                  period: d.periodName,
                  date: formatDate(ctx.lang, d.due),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {form ? (
        <FileForm ctx={ctx} form={form} />
      ) : (
        <p data-not-own>{ctx.t('filing.notOwn', { node: node?.name ?? '' })}</p>
      )}
      <h2>{ctx.t('filing.list')}</h2>
      {filed.length === 0 ? (
        <p data-empty>{ctx.t('filing.empty')}</p>
      ) : (
        <Scroll label={ctx.t('filing.list')}>
          <table data-filed-list>
            <thead>
              <tr>
                <th scope="col">{ctx.t('filing.period')}</th>
                <th scope="col">{ctx.t('filing.plan')}</th>
                <th scope="col">{ctx.t('filing.filedBy')}</th>
                <th scope="col">{ctx.t('filing.filedAt')}</th>
                <th scope="col">{ctx.t('filing.files')}</th>
              </tr>
            </thead>
            <tbody>
              {filed.map((f) => {
                const at = (suffix: string) =>
                  href(ctx, `/app/reports/filed/${f.id}${suffix}`, { node: nodeParam })
                return (
                  <tr data-filed={f.id}>
                    <th scope="row">
                      {f.periodName}{' '}
                      {f.mixed && (
                        <strong class="rule-mark" data-mixed>
                          {ctx.t('filing.mixed')}
                        </strong>
                      )}
                    </th>
                    <td>{f.plan ?? ctx.t('filing.noPlanShort')}</td>
                    <td>{f.filedBy}</td>
                    <td>{formatDate(ctx.lang, f.filedAt)}</td>
                    <td>
                      <a href={at('')}>{ctx.t('filing.view')}</a> ·{' '}
                      <a href={at('.csv')} data-download="csv">
                        {ctx.t('filing.csv')}
                      </a>{' '}
                      ·{' '}
                      <a href={at('.xlsx')} data-download="xlsx">
                        {ctx.t('filing.xlsx')}
                      </a>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </Scroll>
      )}
    </Layout>
  )
}

/** Choosing the plan (its calendar gives the periods), then filing for a period of it. */
function FileForm({ ctx, form }: { ctx: PageContext; form: FilingForm }) {
  const { problems, frozen } = form
  return (
    <section data-file-form>
      <h2>{ctx.t('filing.fileTitle')}</h2>
      <ProblemSummary ctx={ctx} problems={problems} />
      <form method="get" action="/app/reports/filed" class="inline">
        <QueryFields ctx={ctx} />
        <div>
          <label for="plan">{ctx.t('filing.plan')}</label>
          <select id="plan" name="plan" {...invalidField(problems, 'plan')}>
            <option value="">{ctx.t('filing.planNone')}</option>
            {form.plans.map((p) => (
              <option value={p.id} selected={p.id === form.plan}>
                {p.code} — {p.name}
              </option>
            ))}
          </select>
          <FieldProblems problems={problems} field="plan" />
        </div>
        <button type="submit" class="secondary">
          {ctx.t('filing.choosePlan')}
        </button>
      </form>
      <p>{ctx.t('filing.frozen')}</p>
      <ul data-frozen>
        {frozen.targets !== undefined && (
          <li>{ctx.t('filing.frozenTargets', { count: frozen.targets })}</li>
        )}
        <li>
          {frozen.tables.length > 0
            ? ctx.t('filing.frozenLevels', { tables: frozen.tables.join(', ') })
            : ctx.t('filing.frozenNoTables')}
        </li>
        <li>{ctx.t('filing.frozenRule', { count: frozen.schools })}</li>
      </ul>
      <p class="muted">{ctx.t('filing.frozenAsOf')}</p>
      {form.periods.length === 0 ? (
        <p data-no-periods>{ctx.t('filing.noPeriods')}</p>
      ) : (
        <form method="post" action={href(ctx, '/app/reports/file')}>
          <SessionField ctx={ctx} />
          <input type="hidden" name="plan" value={form.plan} />
          <label for="period">{ctx.t('filing.period')}</label>
          <select id="period" name="period" {...invalidField(problems, 'period')}>
            {form.periods.map((p) => (
              <option value={p.id} selected={p.id === form.period}>
                {ctx.t('filing.periodOption', {
                  period: p.name,
                  date: formatDate(ctx.lang, p.due),
                })}
              </option>
            ))}
          </select>
          <FieldProblems problems={problems} field="period" />
          <p>
            <button type="submit">{ctx.t('filing.fileButton')}</button>
          </p>
        </form>
      )}
    </section>
  )
}
