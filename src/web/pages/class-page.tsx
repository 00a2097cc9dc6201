import type { AudienceEntry, Catalog } from '../../../framework/index.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { Bilingual, formatDate, levelName, Scroll, SessionField } from '../parts.tsx'

export interface ClassRow {
  readonly personId: string
  readonly name: string
  /** Level code by component ID (absent: no level). */
  readonly levels: ReadonlyMap<string, string | null>
}

export interface ClassPageProps {
  readonly ctx: PageContext
  readonly catalog: Catalog
  readonly table: AudienceEntry
  readonly courseTitle?: string
  /** The learners of this page of the heat-map. */
  readonly rows: readonly ClassRow[]
  readonly paging: { readonly page: number; readonly pageSize: number; readonly total: number }
  readonly syncedAt?: Date
  /** Why the roster could not be read from the LMS (the page then shows who launched). */
  readonly rosterProblem?: string
  readonly notice?: string
}

/**
 * The class heat-map: the course's learners (from the LMS roster) by the components of the
 * table, each cell the level in colour and in words; a name leads to that person's explanation.
 */
export function ClassPage(props: ClassPageProps) {
  const { ctx, catalog, table, rows } = props
  const fw = table.framework.id
  const components = table.audience.components
  return (
    <Layout ctx={ctx} title={ctx.t('class.title')} notice={props.notice}>
      {props.courseTitle && <p data-course>{props.courseTitle}</p>}
      <p class="muted">
        {ctx.t('class.intro', { count: props.paging.total })}{' '}
        {props.syncedAt && ctx.t('class.syncedAt', { date: formatDate(ctx.lang, props.syncedAt) })}
      </p>
      {props.rosterProblem && (
        <p class="error" role="alert" data-roster-problem>
          {props.rosterProblem}
        </p>
      )}
      <form method="post" action={href(ctx, '/app/class/roster')} class="inline">
        <SessionField ctx={ctx} />
        <button type="submit" class="secondary">
          {ctx.t('class.refresh')}
        </button>
      </form>
      <h2>
        <Bilingual text={table.audience.name} lang={ctx.lang} />
      </h2>
      <p class="legend" aria-hidden="true">
        {[null, ...table.framework.levels.map((l) => l.code)].map((code) => (
          <span class={`lv lv-${code ?? 'none'}`}>{levelName(ctx, catalog, fw, code)}</span>
        ))}
      </p>
      <Scroll label={ctx.t('class.title')}>
        <table class="heatmap" data-heatmap>
          <caption class="muted">{ctx.t('class.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t('class.person')}</th>
              {components.map((c) => (
                <th scope="col">
                  <abbr title={c.name[ctx.lang] ?? c.name.vi}>{c.number}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr data-person-row={row.personId}>
                <th scope="row">
                  <a href={href(ctx, `/app/people/${row.personId}`)}>{row.name}</a>
                </th>
                {components.map((c) => {
                  const code = row.levels.get(c.id) ?? null
                  const name = levelName(ctx, catalog, fw, code)
                  return (
                    <td
                      class={`hm lv-${code ?? 'none'}`}
                      data-component={c.id}
                      data-level={code ?? 'none'}
                    >
                      <abbr title={`${c.number}: ${name}`}>{code ?? '–'}</abbr>
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <Paging ctx={ctx} {...props.paging} />
    </Layout>
  )
}

/** Where a page of the heat-map stands, and links to the pages before and after it. */
function Paging(props: { ctx: PageContext; page: number; pageSize: number; total: number }) {
  const { ctx, page, pageSize, total } = props
  if (total <= pageSize) return null
  const first = (page - 1) * pageSize + 1
  const last = Math.min(total, page * pageSize)
  return (
    <nav aria-label={ctx.t('class.pages')} data-paging>
      <p>
        {ctx.t('class.showing', { first, last, total })}{' '}
        {page > 1 && (
          <a href={href(ctx, '/app/class', { page: String(page - 1) })} rel="prev">
            {ctx.t('class.previous')}
          </a>
        )}{' '}
        {last < total && (
          <a href={href(ctx, '/app/class', { page: String(page + 1) })} rel="next">
            {ctx.t('class.next')}
          </a>
        )}
      </p>
    </nav>
  )
}
