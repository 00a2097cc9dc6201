import type { AudienceEntry, Catalog } from '../../../framework/index.ts'
import type { HeatmapRow } from '../../learners/class-heatmap.ts'
import type { TargetVerdict } from '../../learners/target-verdict.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { Bilingual, levelName, QueryFields, Scroll } from '../parts.tsx'
import { type ClassPageProps, CourseRoster, Paging } from './class-page.tsx'

/** A pupil's row of the heat-map: who, and their target and cells. */
export interface PupilClassRow extends HeatmapRow {
  readonly personId: string
  readonly name: string
  readonly className?: string
}

export interface PupilClassPageProps {
  readonly ctx: PageContext
  readonly catalog: Catalog
  /** The learners' table (TT02.NH). */
  readonly table: AudienceEntry
  /** The course launched from; absent: the school's pupils of the table, by class. */
  readonly course?: ClassPageProps['course']
  /** Without a course: the classes to choose from, and the one shown (none: all). */
  readonly classes: readonly string[]
  readonly className?: string
  /** The pupils of this page, with how many pupils of the page reach their target by component. */
  readonly rows: readonly PupilClassRow[]
  readonly reached: ReadonlyMap<string, number>
  readonly paging: { readonly page: number; readonly pageSize: number; readonly total: number }
  /** Whether the table's official descriptor text is missing (not loaded). */
  readonly textMissing: boolean
  readonly notice?: string
}

/** The sign beside a level for each verdict, so colour is never the only cue. */
export const VERDICT_SIGN: Readonly<Record<TargetVerdict, string>> = {
  below: '▼',
  at: '●',
  above: '▲',
  none: '–',
  unknown: '?',
}

const VERDICTS: readonly TargetVerdict[] = ['below', 'at', 'above', 'none', 'unknown']

/**
 * The class heat-map of pupils: each pupil's sub-level on the table's components (grouped by
 * domain), marked below, at or above that pupil's own target; their target in their row; a row
 * counting who reaches their target on each component; and the class's export.
 */
export function PupilClassPage(props: PupilClassPageProps) {
  const { ctx, catalog, table, rows, course } = props
  const fw = table.framework.id
  const { domains, components } = table.audience
  const title = ctx.t(course ? 'class.title' : 'pupilClass.rosterTitle')
  const query = course ? {} : { table: table.id, class: props.className }
  return (
    <Layout ctx={ctx} title={title} notice={props.notice}>
      {course ? (
        <CourseRoster ctx={ctx} total={props.paging.total} {...course} />
      ) : (
        <ClassChoice {...props} />
      )}
      <h2>
        <Bilingual text={table.audience.name} lang={ctx.lang} />
      </h2>
      <p class="muted">{ctx.t('pupilClass.targetNote')}</p>
      {props.textMissing && (
        <p class="muted" data-text-missing>
          {ctx.t('pupilClass.textMissing')}
        </p>
      )}
      <Legend ctx={ctx} />
      <Scroll label={title}>
        <table class="heatmap" data-heatmap data-pupils>
          <caption class="muted">{ctx.t('pupilClass.caption')}</caption>
          <thead>
            <tr>
              <td colSpan={2}></td>
              {domains.map((d) => (
                <th
                  scope="colgroup"
                  colSpan={components.filter((c) => c.domain.id === d.id).length}
                >
                  <abbr title={d.name[ctx.lang] ?? d.name.vi}>
                    {ctx.t('pupilClass.domain', { number: d.number })}
                  </abbr>
                </th>
              ))}
            </tr>
            <tr>
              <th scope="col">{ctx.t('pupilClass.pupil')}</th>
              <th scope="col">{ctx.t('pupilClass.target')}</th>
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
                  {!course && row.className && (
                    <span class="muted" data-class>
                      {' '}
                      {row.className}
                    </span>
                  )}
                </th>
                <td class="target" data-target={row.target ?? 'none'}>
                  {row.target !== undefined ? (
                    <abbr
                      title={ctx.t('pupilClass.targetOf', {
                        grade: row.grade,
                        level: levelName(ctx, catalog, fw, row.target),
                      })}
                    >
                      {row.target}
                    </abbr>
                  ) : (
                    <span class="muted">{ctx.t('pupilClass.noTarget')}</span>
                  )}
                </td>
                {row.cells.map((cell, i) => {
                  const verdict = ctx.t(`pupilClass.verdicts.${cell.verdict}`)
                  const label = ctx.t('pupilClass.cell', {
                    component: components[i]?.number,
                    level: levelName(ctx, catalog, fw, cell.level),
                    verdict,
                  })
                  return (
                    <td
                      class={`hm vd vd-${cell.verdict}`}
                      data-component={cell.componentId}
                      data-level={cell.level ?? 'none'}
                      data-verdict={cell.verdict}
                    >
                      <abbr title={label}>
                        {cell.level ?? ''}
                        <span aria-hidden="true">{VERDICT_SIGN[cell.verdict]}</span>
                      </abbr>
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-summary>
              <th scope="row">{ctx.t('pupilClass.summary')}</th>
              <td></td>
              {components.map((c) => {
                const count = props.reached.get(c.id) ?? 0
                return (
                  <td class="hm" data-component={c.id} data-reached={count}>
                    <abbr
                      title={ctx.t('pupilClass.summaryCell', {
                        count,
                        total: rows.length,
                        component: c.number,
                      })}
                    >
                      {count}/{rows.length}
                    </abbr>
                  </td>
                )
              })}
            </tr>
          </tfoot>
        </table>
      </Scroll>
      {props.paging.total > rows.length && (
        <p class="muted">{ctx.t('pupilClass.summaryPage', { count: rows.length })}</p>
      )}
      <Paging ctx={ctx} {...props.paging} query={query} />
      <p data-downloads>
        {ctx.t('pupilClass.download')}{' '}
        <a href={href(ctx, '/app/class/pupils.csv', query)} download>
          {ctx.t('pupilClass.csv')}
        </a>{' '}
        ·{' '}
        <a href={href(ctx, '/app/class/pupils.xlsx', query)} download>
          {ctx.t('pupilClass.xlsx')}
        </a>
      </p>
    </Layout>
  )
}

/** The legend in words: each verdict's sign and colour. */
function Legend({ ctx }: { ctx: PageContext }) {
  return (
    <div data-legend>
      <p class="table-title">{ctx.t('pupilClass.legend')}</p>
      <ul class="legend verdicts">
        {VERDICTS.map((v) => (
          <li>
            <span class={`lv vd-${v}`} aria-hidden="true">
              {VERDICT_SIGN[v]}
            </span>{' '}
            {ctx.t(`pupilClass.verdicts.${v}`)}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** The school's pupils: how many, the class to show, and back to the staff. */
function ClassChoice(props: PupilClassPageProps) {
  const { ctx, classes, table } = props
  return (
    <>
      <p class="muted">{ctx.t('pupilClass.rosterIntro', { count: props.paging.total })}</p>
      <p>
        <a href={href(ctx, '/app/class')}>{ctx.t('pupilClass.staffLink')}</a>
      </p>
      {classes.length > 0 && (
        <form method="get" action="/app/class" class="inline">
          <QueryFields ctx={ctx} />
          <input type="hidden" name="table" value={table.id} />
          <div>
            <label for="class">{ctx.t('pupilClass.className')}</label>
            <select id="class" name="class">
              <option value="">{ctx.t('pupilClass.allClasses')}</option>
              {classes.map((c) => (
                <option value={c} selected={c === props.className}>
                  {c}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{ctx.t('reports.show')}</button>
        </form>
      )}
    </>
  )
}
