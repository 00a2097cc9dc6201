// The manager's pages of programme effect: the courses with tags under a node, and what one
// course (or a school's tag set) changed for its participants, with a CSV export. Managers only,
// on their node's schools (reportNode).
import { Router } from 'express'
import { z } from 'zod'
import type { Catalog } from '../../../framework/index.ts'
import { tenantSettings } from '../../evaluation/settings.ts'
import {
  type ProgrammeFigures,
  programmeFigures,
  programmeTargets,
} from '../../reports/programme-effect.ts'
import type { Cell } from '../../reports/report-rows.ts'
import { vnDate } from '../../reports/semester.ts'
import type { Programme } from '../../store/index.ts'
import type { FormProblem } from '../../web/form-problems.tsx'
import { renderPage } from '../../web/layout.tsx'
import type { PageContext } from '../../web/page-context.ts'
import { ProgrammeEffectPage, type EffectView } from '../../web/pages/programme-effect-page.tsx'
import { PROGRAMMES_PAGE_SIZE, ProgrammesPage } from '../../web/pages/programmes-page.tsx'
import { levelName } from '../../web/parts.tsx'
import { type InputProblem, InputInvalid, NotFound } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import type { PageDeps } from './learner-pages.ts'
import { pageOf } from './page-session.ts'
import { type ReportNode, reportNode } from './report-node.ts'
import { sendCsv } from './csv-download.ts'

const ListQuery = z
  .object({
    node: z.string().optional(),
    page: z.coerce.number('must be a page number').int().min(1).max(100_000).optional(),
  })
  .loose()

const EffectQuery = z
  .object({
    node: z.string().optional(),
    course: z.uuid('must be a course id').optional(),
    school: z.string().optional(),
    prefix: z.string().optional(),
    until: z.string().optional(),
  })
  .loose()
type EffectQuery = z.infer<typeof EffectQuery>

/** An absolute IRI (RFC 3987): a scheme, a colon, then something, no spaces. */
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 86_400_000

/** The end of a Vietnamese day, as an instant. */
function endOfDay(date: string): Date | undefined {
  const m = DATE.exec(date)
  if (!m) return undefined
  const start = new Date(`${date}T00:00:00+07:00`)
  if (Number.isNaN(start.getTime()) || vnDate(start) !== date) return undefined
  return new Date(start.getTime() + DAY_MS)
}

/** What an effect request asks for, checked against the node. */
type Checked =
  | {
      readonly ok: true
      readonly programme: Programme
      readonly name: string
      readonly schoolName: string
      readonly until: Date
      readonly untilDate: string
    }
  | { readonly ok: false; readonly problems: readonly InputProblem[] }

/** The manager's programme pages. */
export function programmePages(deps: PageDeps & { readonly now: () => Date }): Router {
  const router = Router()

  async function check(page: PageContext, node: ReportNode, q: EffectQuery): Promise<Checked> {
    const now = deps.now()
    const problems: InputProblem[] = []
    const untilDate = q.until || vnDate(now)
    const end = endOfDay(untilDate)
    if (!end || untilDate > vnDate(now)) {
      problems.push({
        path: ['query', 'until'],
        message: 'must be a date (YYYY-MM-DD), not after today',
      })
    }
    const schoolIds = node.schools.map((s) => s.id)
    const schoolName = (id: string) => node.schools.find((s) => s.id === id)?.name ?? ''
    let found: { programme: Programme; name: string; schoolName: string } | undefined
    if (q.course !== undefined) {
      const course = await deps.stores.programmes.findCourse(schoolIds, q.course)
      if (!course) throw new NotFound(`no course ${q.course} in this node's schools`)
      found = {
        programme: { tenantId: course.tenantId, contextId: course.contextId },
        name: course.title ?? course.label ?? course.externalId,
        schoolName: schoolName(course.tenantId),
      }
    } else {
      const prefix = q.prefix?.trim() ?? ''
      if (!ABSOLUTE_IRI.test(prefix)) {
        problems.push({
          path: ['query', 'prefix'],
          message: 'must be an absolute IRI (https://…, urn:…)',
        })
      }
      if (!q.school) {
        problems.push({ path: ['query', 'school'], message: "must be one of the node's schools" })
      } else if (!schoolIds.includes(q.school)) {
        throw new NotFound(`no school ${q.school} under this node`)
      }
      if (problems.length === 0) {
        found = {
          programme: { tenantId: q.school!, prefix },
          name: page.t('programmes.tagSetName', { prefix }),
          schoolName: schoolName(q.school!),
        }
      }
    }
    if (problems.length > 0 || !found || !end) return { ok: false, problems }
    return {
      ok: true,
      ...found,
      until: new Date(Math.min(end.getTime(), now.getTime())),
      untilDate,
    }
  }

  /** The figures of a checked programme, hidden below the node's smallest group. */
  async function effectView(node: ReportNode, c: Extract<Checked, { ok: true }>) {
    const { catalog } = deps.frameworks()
    const ids = await deps.stores.programmes.competencyIds(c.programme)
    const targets = programmeTargets(catalog, ids)
    const counts = await deps.stores.programmes.effect({
      programme: c.programme,
      until: c.until,
      targets: targets.components,
      criteria: targets.criteria,
    })
    const figures = programmeFigures(counts, targets)
    const minGroupSize = tenantSettings(node.node.settings).minGroupSize
    return {
      catalog,
      view: {
        name: c.name,
        schoolName: c.schoolName,
        untilDate: c.untilDate,
        unknown: targets.unknown,
        minGroupSize,
        figures: figures.participants < minGroupSize ? undefined : figures,
      } satisfies EffectView,
    }
  }

  /** The list of programmes, with the tag-set form (its problems and typed values, if refused). */
  async function listHtml(
    page: PageContext,
    node: ReportNode,
    pageNo: number,
    form: { school?: string; prefix?: string; until?: string; problems: FormProblem[] },
  ) {
    const { courses, total } = await deps.stores.programmes.listCourses(
      node.schools.map((s) => s.id),
      { limit: PROGRAMMES_PAGE_SIZE, offset: (pageNo - 1) * PROGRAMMES_PAGE_SIZE },
    )
    return renderPage(ProgrammesPage, { ctx: page, node, courses, total, pageNo, form })
  }

  router.get('/reports/programmes', async (req, res) => {
    const page = pageOf(res)
    const node = await reportNode(deps.stores, page, nodeParam(req.query))
    const q = parseInput(ListQuery, req.query, 'query')
    res.type('html').send(await listHtml(page, node, q.page ?? 1, { problems: [] }))
  })

  router.get('/reports/programmes/effect', async (req, res) => {
    const page = pageOf(res)
    const node = await reportNode(deps.stores, page, nodeParam(req.query))
    const q = parseInput(EffectQuery, req.query, 'query')
    const checked = await check(page, node, q)
    if (!checked.ok) {
      if (q.course !== undefined) throw new InputInvalid(checked.problems)
      // The tag-set form again, with each problem at its field and what was typed kept.
      const problems = checked.problems.map((p) => {
        const field = String(p.path[1])
        return { field, message: page.t(`programmes.${field}Invalid`) }
      })
      const form = { school: q.school, prefix: q.prefix, until: q.until, problems }
      res
        .status(400)
        .type('html')
        .send(await listHtml(page, node, 1, form))
      return
    }
    const { catalog, view } = await effectView(node, checked)
    res.type('html').send(
      renderPage(ProgrammeEffectPage, {
        ctx: page,
        catalog,
        node,
        query: effectParams(q, checked),
        view,
      }),
    )
  })

  router.get('/reports/programmes/effect.csv', async (req, res) => {
    const page = pageOf(res)
    const node = await reportNode(deps.stores, page, nodeParam(req.query))
    const q = parseInput(EffectQuery, req.query, 'query')
    const checked = await check(page, node, q)
    if (!checked.ok) throw new InputInvalid(checked.problems)
    const { catalog, view } = await effectView(node, checked)
    const which = q.course ?? 'tag-set'
    sendCsv(res, effectRows(page, catalog, view), `nls-programme-${which}-${checked.untilDate}.csv`)
  })

  return router
}

/** The node a request asks for, before its query is checked: refusals come first. */
function nodeParam(query: unknown): string | undefined {
  const node = (query as Record<string, unknown>).node
  return typeof node === 'string' ? node : undefined
}

/** The query that names a programme, for the page's links and forms. */
function effectParams(
  q: EffectQuery,
  c: Extract<Checked, { ok: true }>,
): Record<string, string | undefined> {
  return 'contextId' in c.programme
    ? { node: q.node, course: c.programme.contextId, until: q.until }
    : { node: q.node, school: c.programme.tenantId, prefix: c.programme.prefix, until: q.until }
}

/** The effect as CSV rows: the summary, then each component's levels before and after. */
function effectRows(page: PageContext, catalog: Catalog, view: EffectView): Cell[][] {
  const t = (key: string, options?: Record<string, unknown>) => page.t(`programmes.${key}`, options)
  const head: Cell[][] = [
    [t('effectTitle', { name: view.name }), view.schoolName],
    [t('until'), view.untilDate],
  ]
  const f: ProgrammeFigures | undefined = view.figures
  if (!f) return [...head, [t('hidden', { count: view.minGroupSize })]]
  const percent = (share: number) => Math.round(share * 1000) / 10
  return [
    ...head,
    [],
    [t('figure'), t('value')],
    [t('participants'), f.participants],
    [t('started'), f.started],
    [t('criteriaNewlyMet'), f.criteriaNewlyMet],
    [t('perParticipant'), Math.round(f.criteriaPerParticipant * 100) / 100],
    [`${t('reachedBefore')} (%)`, percent(f.reachedBefore.share)],
    [`${t('reachedAfter')} (%)`, percent(f.reachedAfter.share)],
    [],
    [t('component'), t('target'), t('level'), t('before'), t('after'), t('wentUp')],
    ...f.components.flatMap((c) =>
      c.before.map((b, i): Cell[] => [
        c.componentId,
        levelName(page, catalog, c.frameworkId, c.target),
        levelName(page, catalog, c.frameworkId, b.level),
        b.count,
        c.after[i]?.count ?? 0,
        i === 0 ? c.wentUp : '',
      ]),
    ),
  ]
}
