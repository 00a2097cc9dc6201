import type { Target } from '../../plans/plan.ts'
import type { MissingPage as MissingPeople } from '../../store/index.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { Scroll } from '../parts.tsx'
import { ReportTabs } from './report-tabs.tsx'
import { groupInWords, nodeParam, planText } from './targets-page.tsx'

export interface MissingPageProps {
  readonly ctx: PageContext
  /** From the manager's own tenant down to the node shown. */
  readonly path: readonly { readonly id: string; readonly name: string }[]
  readonly plan: { readonly id: string; readonly code: string; readonly name: string }
  readonly target: Target
  /** The part of the node the list is narrowed to. */
  readonly part: { readonly id: string; readonly name: string } | undefined
  readonly missing: MissingPeople
  /** The page shown (from 1) and the people a page holds. */
  readonly page: number
  readonly pageSize: number
  /** Pupils above their school: how many, never who (pupil-privacy.ts). */
  readonly countsOnly?: boolean
}

/** The people of a target's group who do not meet it yet, a page at a time, and the CSV. */
export function MissingPage(props: MissingPageProps) {
  const { ctx, plan, target, part, missing, page, pageSize } = props
  const query = { node: nodeParam(props.path), plan: plan.id, target: target.id, part: part?.id }
  const pages = Math.max(1, Math.ceil(missing.count / pageSize))
  const pageHref = (n: number) =>
    href(ctx, '/app/reports/targets/missing', { ...query, page: n === 1 ? undefined : String(n) })
  return (
    <Layout ctx={ctx} title={ctx.t('targets.missing.title')}>
      <ReportTabs ctx={ctx} current="targets" path={props.path} params={{ plan: plan.id }} />
      <p>
        <a href={href(ctx, '/app/reports/targets', { node: query.node, plan: plan.id })}>
          {ctx.t('targets.missing.back')}
        </a>
      </p>
      <p>
        {plan.code} — {plan.name}
      </p>
      <p data-target={target.id}>
        <strong>{ctx.t('targets.missing.target', { target: planText(ctx, target.title) })}</strong>{' '}
        ({groupInWords(ctx, target.group)})
      </p>
      {part && <p data-part={part.id}>{ctx.t('targets.missing.part', { part: part.name })}</p>}
      {missing.count === 0 ? (
        <p data-none>{ctx.t('targets.missing.none')}</p>
      ) : props.countsOnly ? (
        <>
          <p data-count={missing.count}>
            {ctx.t('targets.missing.count', { count: missing.count })}
          </p>
          <p data-counts-only>{ctx.t('targets.missing.pupilsCountsOnly')}</p>
        </>
      ) : (
        <>
          <p data-count={missing.count}>
            {ctx.t('targets.missing.count', { count: missing.count })}{' '}
            <a
              class="button secondary"
              data-export="csv"
              href={href(ctx, '/app/reports/targets/missing.csv', query)}
            >
              {ctx.t('targets.missing.csv')}
            </a>
          </p>
          <Scroll label={ctx.t('targets.missing.title')}>
            <table class="stack" data-missing-table>
              <thead>
                <tr>
                  <th scope="col">{ctx.t('targets.missing.school')}</th>
                  <th scope="col">{ctx.t('targets.missing.name')}</th>
                  <th scope="col">{ctx.t('targets.missing.email')}</th>
                  <th scope="col">{ctx.t('targets.missing.position')}</th>
                  <th scope="col">{ctx.t('targets.missing.schoolLevel')}</th>
                  <th scope="col">{ctx.t('targets.missing.unit')}</th>
                </tr>
              </thead>
              <tbody>
                {missing.people.map((p) => (
                  <tr data-person={p.personId}>
                    <td data-label={ctx.t('targets.missing.school')}>{p.school}</td>
                    <th scope="row" data-label={ctx.t('targets.missing.name')}>
                      {p.name ?? ctx.t('targets.missing.noName')}
                    </th>
                    <td data-label={ctx.t('targets.missing.email')}>{p.email}</td>
                    <td data-label={ctx.t('targets.missing.position')}>
                      {p.position && ctx.t(`targets.positions.${p.position}`)}
                    </td>
                    <td data-label={ctx.t('targets.missing.schoolLevel')}>{p.schoolLevel}</td>
                    <td data-label={ctx.t('targets.missing.unit')}>{p.unit}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          {pages > 1 && (
            <nav class="pages" aria-label={ctx.t('targets.missing.pages')}>
              {page > 1 && (
                <a rel="prev" href={pageHref(page - 1)}>
                  {ctx.t('targets.missing.previous')}
                </a>
              )}{' '}
              <span aria-current="page">{ctx.t('targets.missing.page', { page, pages })}</span>{' '}
              {page < pages && (
                <a rel="next" href={pageHref(page + 1)}>
                  {ctx.t('targets.missing.next')}
                </a>
              )}
            </nav>
          )}
        </>
      )}
    </Layout>
  )
}
