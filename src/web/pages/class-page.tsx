import type { AudienceEntry, Catalog } from '../../../framework/index.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import {
  Bilingual,
  formatDate,
  levelName,
  QueryFields,
  Scroll,
  SessionField,
  UnitSelect,
} from '../parts.tsx'

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
  /** The course launched from; absent: the school's staff, from its roster. */
  readonly course?: {
    readonly title?: string
    readonly syncedAt?: Date
    /** Why the roster could not be read from the LMS (the page then shows who launched). */
    readonly rosterProblem?: string
  }
  /** Without a course: the units of the school's roster, and the one shown (none: all). */
  readonly units: readonly string[]
  readonly unit?: string
  /** How many schools are under the tenant (a district: their staff are seen at each school). */
  readonly schools: number
  /** Without a course: a learners' table (TT02.NH) whose pupils by class can be shown instead. */
  readonly learnersTable?: string
  /** The people of this page of the heat-map. */
  readonly rows: readonly ClassRow[]
  readonly paging: { readonly page: number; readonly pageSize: number; readonly total: number }
  readonly notice?: string
}

/**
 * The class heat-map: the course's learners (from the LMS roster), or without a course the
 * school's staff (from its roster, by unit), by the components of the table, each cell the level
 * in colour and in words; a name leads to that person's explanation.
 */
export function ClassPage(props: ClassPageProps) {
  const { ctx, catalog, table, rows, course } = props
  const fw = table.framework.id
  const components = table.audience.components
  const title = ctx.t(course ? 'class.title' : 'class.staffTitle')
  return (
    <Layout ctx={ctx} title={title} notice={props.notice}>
      {course ? (
        <CourseRoster ctx={ctx} total={props.paging.total} {...course} />
      ) : (
        <UnitChoice {...props} />
      )}
      <h2>
        <Bilingual text={table.audience.name} lang={ctx.lang} />
      </h2>
      <p class="legend" aria-hidden="true">
        {[null, ...table.framework.levels.map((l) => l.code)].map((code) => (
          <span class={`lv lv-${code ?? 'none'}`}>{levelName(ctx, catalog, fw, code)}</span>
        ))}
      </p>
      <Scroll label={title}>
        <table class="heatmap" data-heatmap>
          <caption class="muted">{ctx.t('class.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{ctx.t(course ? 'class.person' : 'staffFigures.teacher')}</th>
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
      <Paging ctx={ctx} {...props.paging} query={{ unit: props.unit }} />
    </Layout>
  )
}

/** The course's roster: how many, when read from the LMS, and a button to read it again. */
export function CourseRoster(
  props: NonNullable<ClassPageProps['course']> & { ctx: PageContext; total: number },
) {
  const { ctx } = props
  return (
    <>
      {props.title && <p data-course>{props.title}</p>}
      <p class="muted">
        {ctx.t('class.intro', { count: props.total })}{' '}
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
    </>
  )
}

/** The school's staff: how many, and the unit to show (from the roster's units). */
function UnitChoice(props: ClassPageProps) {
  const { ctx, units } = props
  return (
    <>
      <p class="muted">{ctx.t('class.staffIntro', { count: props.paging.total })}</p>
      {props.schools > 0 && (
        <p data-district>
          {ctx.t('class.district', { count: props.schools })}{' '}
          <a href={href(ctx, '/app/reports')}>{ctx.t('nav.reports')}</a>
        </p>
      )}
      {props.learnersTable && (
        <p>
          <a href={href(ctx, '/app/class', { table: props.learnersTable })} data-pupils-link>
            {ctx.t('pupilClass.rosterLink')}
          </a>
        </p>
      )}
      {units.length > 0 && (
        <form method="get" action="/app/class" class="inline">
          <QueryFields ctx={ctx} />
          <UnitSelect ctx={ctx} units={units} unit={props.unit} />
          <button type="submit">{ctx.t('reports.show')}</button>
        </form>
      )}
    </>
  )
}

/**
 * Where a page of the heat-map stands, and links to the pages before and after it (keeping the
 * `query` that chose the people).
 */
export function Paging(props: {
  ctx: PageContext
  page: number
  pageSize: number
  total: number
  query: Readonly<Record<string, string | undefined>>
}) {
  const { ctx, page, pageSize, total, query } = props
  if (total <= pageSize) return null
  const first = (page - 1) * pageSize + 1
  const last = Math.min(total, page * pageSize)
  return (
    <nav aria-label={ctx.t('class.pages')} data-paging>
      <p>
        {ctx.t('class.showing', { first, last, total })}{' '}
        {page > 1 && (
          <a href={href(ctx, '/app/class', { page: String(page - 1), ...query })} rel="prev">
            {ctx.t('class.previous')}
          </a>
        )}{' '}
        {last < total && (
          <a href={href(ctx, '/app/class', { page: String(page + 1), ...query })} rel="next">
            {ctx.t('class.next')}
          </a>
        )}
      </p>
    </nav>
  )
}
