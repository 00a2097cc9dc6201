import { type Response, Router } from 'express'
import { z } from 'zod'
import { reportingPeriods } from '../../plans/calendar.ts'
import { type FiledSnapshot, levelRows, levelsTitle } from '../../reports/filed-report.ts'
import type { FiledReport, FiledReportSummary } from '../../store/index.ts'
import type { FormProblem } from '../../web/form-problems.tsx'
import { renderPage } from '../../web/layout.tsx'
import { href, type PageContext } from '../../web/page-context.ts'
import { FiledListPage, type FilingForm } from '../../web/pages/filed-list-page.tsx'
import { FiledViewPage, type LiveFigures } from '../../web/pages/filed-view-page.tsx'
import { Forbidden, NotFound } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import {
  filedCsv,
  filedCsvBytes,
  filedFileName,
  filedLabels,
  filedXlsx,
  periodName,
} from './filed-files.ts'
import { type ApplicablePlan, applicablePlans } from './node-plans.ts'
import { calendarOf, reportsDue, snapshotOf, tablesOfNode } from './filing-data.ts'
import type { PageDeps } from './learner-pages.ts'
import { pageOf } from './page-session.ts'
import { type ReportNode, reportNode } from './report-node.ts'
import { loadTargetsReport } from './targets-data.ts'

const optional = z
  .string()
  .optional()
  .transform((v) => v || undefined)

const ListQuery = z.object({ node: optional, plan: optional, period: optional }).loose()
const ViewQuery = z.object({ node: optional, filed: optional }).loose()
const FileForm = z
  .object({
    node: optional,
    plan: z.string().max(100, 'must be a plan id').default(''),
    period: z.string().trim().max(20, 'must be a period id such as 2026-2027-HK1').default(''),
  })
  .loose()
const FiledId = z.object({ id: z.string().max(100) })

/** How many filed reports the list shows (the newest). */
const FILED_SHOWN = 50

/** The version of a stored snapshot this code reads. */
const StoredSnapshot = z.object({ version: z.literal(1) }).loose()
/** A stored rule, as far as the list needs it. */
const StoredRule = z.object({ mixed: z.boolean() }).loose()

/**
 * The manager's filed reports (a node's snapshots of its figures for a reporting period) and
 * filing one. Managers only (reportNode: 403 otherwise); a node outside the manager's is 404. A
 * manager looks at the filed reports of any node under theirs, and files only their own node's.
 */
export function filingPages(deps: PageDeps & { readonly now: () => Date }): Router {
  const router = Router()

  /** The list page of a node, with the form when it is the manager's own. */
  async function listPage(
    page: PageContext,
    node: ReportNode,
    chosen: { plan?: string; period?: string },
    problems: readonly FormProblem[],
  ) {
    const own = node.node.id === page.session.tenantId
    const now = deps.now()
    const [plans, filed] = await Promise.all([
      applicablePlans(deps.stores, node),
      deps.stores.plans.listFiled(node.node.id, FILED_SHOWN),
    ])
    const due = reportsDue(plans, filed, now).map((d) => ({
      ...(d.plan && { plan: `${d.plan.code} — ${d.plan.name}` }),
      periodName: periodName(page.t, d.period.id),
      due: d.period.due,
    }))
    let form: FilingForm | undefined
    if (own) {
      const plan = plans.find((p) => p.stored.id === chosen.plan)
      const tables = await tablesOfNode(deps.stores, deps.frameworks().catalog, node)
      form = {
        plans: plans.map((p) => ({ id: p.stored.id, code: p.stored.code, name: p.stored.name })),
        plan: plan?.stored.id ?? '',
        periods: reportingPeriods(calendarOf(plan), now).map((p) => ({
          id: p.id,
          name: periodName(page.t, p.id),
          due: p.due,
        })),
        ...(chosen.period !== undefined && { period: chosen.period }),
        frozen: {
          ...(plan && { targets: plan.plan.targets.length }),
          tables: tables.map((t) => t.id),
          schools: node.schools.length,
        },
        problems,
      }
    }
    return renderPage(FiledListPage, {
      ctx: page,
      path: node.path,
      ...(!own && { nodeParam: node.node.id }),
      filed: filed.map((f) => itemOf(page, f)),
      due,
      ...(form && { form }),
    })
  }

  router.get('/reports/filed', async (req, res) => {
    const page = pageOf(res)
    const q = parseInput(ListQuery, req.query, 'query')
    const node = await reportNode(deps.stores, page, q.node)
    const plans = q.plan === undefined ? [] : await applicablePlans(deps.stores, node)
    // A plan named in the link that does not apply is said at its field.
    const problems: FormProblem[] =
      q.plan !== undefined && !plans.some((p) => p.stored.id === q.plan)
        ? [{ field: 'plan', message: page.t('filing.problems.plan') }]
        : []
    const html = await listPage(page, node, q, problems)
    res
      .status(problems.length > 0 ? 400 : 200)
      .type('html')
      .send(html)
  })

  router.post('/reports/file', async (req, res) => {
    const page = pageOf(res)
    const body = parseInput(FileForm, req.body, 'body')
    const node = await reportNode(deps.stores, page, body.node)
    if (node.node.id !== page.session.tenantId) {
      throw new Forbidden("a manager files their own node's reports, not a node's under it")
    }
    const now = deps.now()
    const plans = await applicablePlans(deps.stores, node)
    const plan: ApplicablePlan | undefined = plans.find((p) => p.stored.id === body.plan)
    const period = reportingPeriods(calendarOf(plan), now).find((p) => p.id === body.period)
    const problems: FormProblem[] = [
      ...(body.plan !== '' && !plan
        ? [{ field: 'plan', message: page.t('filing.problems.plan') }]
        : []),
      ...(!period ? [{ field: 'period', message: page.t('filing.problems.period') }] : []),
    ]
    if (problems.length > 0 || !period) {
      const html = await listPage(page, node, { plan: body.plan, period: body.period }, problems)
      return res.status(400).type('html').send(html)
    }
    const snapshot = await snapshotOf(deps.stores, {
      catalog: deps.frameworks().catalog,
      node,
      plan,
      period,
      now,
      filedBy: { actor: `person:${page.session.personId}`, name: page.userName },
    })
    // The files are made once, now, and stored with the snapshot in one write.
    const saved = await deps.stores.plans.fileReport({
      tenantId: node.node.id,
      ...(plan && { planCode: plan.stored.code }),
      period: period.id,
      filedBy: snapshot.filedBy.actor,
      filedByName: snapshot.filedBy.name,
      filedAt: new Date(snapshot.filedAt),
      rule: snapshot.rule,
      snapshot,
      csv: filedCsv(snapshot),
      xlsx: await filedXlsx(snapshot),
    })
    res.redirect(303, href(page, `/app/reports/filed/${saved.id}`, { filed: '1' }))
  })

  /** A filed report of the node a request names, or 404. */
  async function filedOf(page: PageContext, query: unknown, params: unknown) {
    const q = parseInput(ViewQuery, query, 'query')
    const { id } = parseInput(FiledId, params, 'params')
    const node = await reportNode(deps.stores, page, q.node)
    const filed = await deps.stores.plans.getFiled(node.node.id, id)
    if (!filed) throw new NotFound(`no filed report ${id} of this node`)
    return { node, filed, q }
  }

  /** Sends a filed report's stored file, byte for byte as filed. */
  const download =
    (kind: 'csv' | 'xlsx') => async (req: { query: unknown; params: unknown }, res: Response) => {
      const page = pageOf(res)
      const { node, filed } = await filedOf(page, req.query, req.params)
      res
        .type(
          kind === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .attachment(filedFileName(filed, node.node.name, kind))
        .send(kind === 'csv' ? filedCsvBytes(filed.csv) : filed.xlsx)
    }
  router.get('/reports/filed/:id.csv', download('csv'))
  router.get('/reports/filed/:id.xlsx', download('xlsx'))

  router.get('/reports/filed/:id', async (req, res) => {
    const page = pageOf(res)
    const { node, filed, q } = await filedOf(page, req.query, req.params)
    const snapshot = snapshotOfStored(filed)
    const live = await liveFigures(node, snapshot)
    const labels = filedLabels(page.lang)
    const own = node.node.id === page.session.tenantId
    const name = periodName(page.t, snapshot.period.id)
    res.type('html').send(
      renderPage(FiledViewPage, {
        ctx: page,
        path: node.path,
        ...(!own && { nodeParam: node.node.id }),
        id: filed.id,
        snapshot,
        periodName: name,
        ...(live && { live }),
        levels: snapshot.levels.map((table) => ({
          title: levelsTitle(table, labels),
          rows: levelRows(table, labels),
        })),
        ...(q.filed !== undefined && { notice: page.t('filing.filed', { period: name }) }),
      }),
    )
  })

  /** The live figures of a filed report's targets now, when its plan still applies. */
  async function liveFigures(
    node: ReportNode,
    snapshot: FiledSnapshot,
  ): Promise<LiveFigures | undefined> {
    if (!snapshot.plan) return undefined
    const code = snapshot.plan.code
    const plan = (await applicablePlans(deps.stores, node)).find((p) => p.stored.code === code)
    if (!plan) return undefined
    const at = deps.now()
    const report = await loadTargetsReport(deps.stores, {
      catalog: deps.frameworks().catalog,
      node,
      plan: plan.stored,
      at,
    })
    return {
      asOf: at,
      targets: new Map(
        report.targets.map((t) => [
          t.target.id,
          { total: t.total, parts: new Map(t.parts.map((p) => [p.node.id, p.figure])) },
        ]),
      ),
    }
  }

  return router
}

/** A stored snapshot, checked to be of the version this code reads. */
function snapshotOfStored(filed: FiledReport): FiledSnapshot {
  if (!StoredSnapshot.safeParse(filed.snapshot).success) {
    throw new TypeError(`filed report ${filed.id} holds a snapshot of an unknown version`)
  }
  return filed.snapshot as FiledSnapshot
}

/** A filed report as the list shows it. */
function itemOf(page: PageContext, f: FiledReportSummary) {
  const rule = StoredRule.safeParse(f.rule)
  return {
    id: f.id,
    period: f.period,
    periodName: periodName(page.t, f.period),
    ...(f.planCode !== undefined && { plan: f.planCode }),
    filedBy: f.filedByName ?? f.filedBy,
    filedAt: f.filedAt,
    mixed: rule.success && rule.data.mixed,
  }
}
