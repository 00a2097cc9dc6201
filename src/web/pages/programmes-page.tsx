import type { ListedCourse, Tenant } from '../../store/index.ts'
import { FieldProblems, type FormProblem, invalidField, ProblemSummary } from '../form-problems.tsx'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { QueryFields, Scroll } from '../parts.tsx'
import { ReportTabs } from './report-tabs.tsx'

/** Courses listed on a page. */
export const PROGRAMMES_PAGE_SIZE = 50

/** A node as the programme pages need it. */
export interface ProgrammeNode {
  readonly node: Pick<Tenant, 'id'>
  readonly path: readonly Pick<Tenant, 'id' | 'name'>[]
  readonly schools: readonly Pick<Tenant, 'id' | 'name'>[]
}

/** The `node` parameter of links: none for the manager's own tenant. */
export function nodeParamOf(node: ProgrammeNode): string | undefined {
  return node.path.length > 1 ? node.node.id : undefined
}

export interface ProgrammesPageProps {
  readonly ctx: PageContext
  readonly node: ProgrammeNode
  readonly courses: readonly ListedCourse[]
  readonly total: number
  readonly pageNo: number
  /** The tag-set form: what was typed, and its problems when refused. */
  readonly form: {
    readonly school?: string | undefined
    readonly prefix?: string | undefined
    readonly until?: string | undefined
    readonly problems: readonly FormProblem[]
  }
}

/** The programmes of a node: its schools' courses with tags (a page), and a tag set's form. */
export function ProgrammesPage({ ctx, node, courses, total, pageNo, form }: ProgrammesPageProps) {
  const t = (key: string, options?: Record<string, unknown>) => ctx.t(`programmes.${key}`, options)
  const nodeParam = nodeParamOf(node)
  const schoolName = new Map(node.schools.map((s) => [s.id, s.name]))
  const pages = Math.max(1, Math.ceil(total / PROGRAMMES_PAGE_SIZE))
  const pageHref = (n: number) =>
    href(ctx, '/app/reports/programmes', { node: nodeParam, page: n > 1 ? String(n) : undefined })
  const { problems } = form
  return (
    <Layout ctx={ctx} title={t('title')}>
      <ReportTabs ctx={ctx} current="programmes" path={node.path} />
      <p>{t('intro')}</p>
      <h2>{t('courses')}</h2>
      {courses.length === 0 ? (
        <p data-empty>{t('noCourses')}</p>
      ) : (
        <Scroll label={t('courses')}>
          <table data-courses class="stack">
            <thead>
              <tr>
                <th scope="col">{t('course')}</th>
                <th scope="col">{t('school')}</th>
                <th scope="col">{t('participants')}</th>
              </tr>
            </thead>
            <tbody>
              {courses.map((c) => (
                <tr data-course={c.contextId}>
                  <th scope="row">
                    <a
                      href={href(ctx, '/app/reports/programmes/effect', {
                        node: nodeParam,
                        course: c.contextId,
                      })}
                    >
                      {c.title ?? c.label ?? c.externalId}
                    </a>
                  </th>
                  <td data-label={t('school')}>{schoolName.get(c.tenantId) ?? ''}</td>
                  <td data-label={t('participants')} data-participants>
                    {c.participants}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {pages > 1 && (
        <nav aria-label={t('pages')} data-paging>
          <p>
            {pageNo > 1 && (
              <>
                <a href={pageHref(pageNo - 1)} rel="prev">
                  {t('previous')}
                </a>{' '}
              </>
            )}
            {t('pageOf', { page: pageNo, pages })}
            {pageNo < pages && (
              <>
                {' '}
                <a href={pageHref(pageNo + 1)} rel="next">
                  {t('next')}
                </a>
              </>
            )}
          </p>
        </nav>
      )}
      <h2 id="tag-set">{t('tagSet')}</h2>
      <p class="muted">{t('tagSetHelp')}</p>
      <ProblemSummary ctx={ctx} problems={problems} />
      <form method="get" action="/app/reports/programmes/effect" data-tag-set-form>
        <QueryFields ctx={ctx} />
        {nodeParam && <input type="hidden" name="node" value={nodeParam} />}
        <div>
          <label for="school">{t('school')}</label>
          <select id="school" name="school" {...invalidField(problems, 'school')}>
            {node.schools.map((s) => (
              <option value={s.id} selected={s.id === form.school}>
                {s.name}
              </option>
            ))}
          </select>
          <FieldProblems problems={problems} field="school" />
        </div>
        <div>
          <label for="prefix">{t('prefix')}</label>
          <input
            id="prefix"
            name="prefix"
            type="text"
            inputMode="url"
            required
            value={form.prefix ?? ''}
            placeholder="https://k12online.vn/khoa-hoc/12/"
            {...invalidField(problems, 'prefix')}
          />
          <FieldProblems problems={problems} field="prefix" />
        </div>
        <div>
          <label for="until">{t('until')}</label>
          <input
            id="until"
            name="until"
            type="date"
            value={form.until ?? ''}
            {...invalidField(problems, 'until')}
          />
          <FieldProblems problems={problems} field="until" />
        </div>
        <button type="submit">{t('show')}</button>
      </form>
    </Layout>
  )
}
