// The plans page of a manager: the plans that apply to a node of the organisation tree (its own
// and those of the nodes above it), the import of an organisation's plan (JSON or CSV), its
// deletion, and the shipped example plans.
import { readFile } from 'node:fs/promises'
import { type Response, Router } from 'express'
import { z } from 'zod'
import { PLAN_EXAMPLES } from '../../plans/plan-examples.ts'
import {
  PlanUploadFields,
  type PlanUploadProblem,
  readPlanUpload,
} from '../../plans/plan-upload.ts'
import { renderPage } from '../../web/layout.tsx'
import { href, type PageContext } from '../../web/page-context.ts'
import { PlansPage, type PlansPageProps, type ShownPlan } from '../../web/pages/plans-page.tsx'
import { NotFound } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import { fileUpload } from './file-upload.ts'
import type { PageDeps } from './learner-pages.ts'
import { applicablePlans } from './node-plans.ts'
import { pageOf, type PageSessionDeps } from './page-session.ts'
import { type ReportNode, reportNode } from './report-node.ts'

const NodeId = z
  .string()
  .optional()
  .transform((n) => n || undefined)
const PlansQuery = z
  .object({
    node: NodeId,
    imported: z.string().max(80).optional(),
    replaced: z.string().max(80).optional(),
    deleted: z.string().max(80).optional(),
  })
  .loose()
const NodeQuery = z.object({ node: NodeId }).loose()
const NodeBody = z.object({ node: NodeId }).loose()
const PlanParams = z.object({ id: z.string().min(1) })
const ExampleParams = z.object({
  file: z.enum(PLAN_EXAMPLES, { error: `must be one of ${PLAN_EXAMPLES.join(', ')}` }),
})

/** The multipart form's fields: the session, the node, the plan's code, names and calendar. */
const UPLOAD_FIELDS = 20
const EXAMPLES_DIR = new URL('../../../plans/examples/', import.meta.url)

/** The plans page (GET), a plan's deletion and the example plans; the upload is `planUpload`. */
export function planPages(deps: PageDeps): Router {
  const router = Router()
  const view = planView(deps)

  router.get('/plans', async (req, res) => {
    const page = pageOf(res)
    const q = parseInput(PlansQuery, req.query, 'query')
    const notice = q.imported
      ? page.t('plans.imported', { code: q.imported })
      : q.replaced
        ? page.t('plans.replaced', { code: q.replaced })
        : q.deleted
          ? page.t('plans.deleted', { code: q.deleted })
          : undefined
    const at = await reportNode(deps.stores, page, q.node)
    await view(res, at, { ...(notice && { notice }) })
  })

  router.get('/plans/examples/:file', async (req, res) => {
    await reportNode(deps.stores, pageOf(res), undefined)
    const { file } = parseInput(ExampleParams, req.params, 'params')
    const text = await readFile(new URL(file, EXAMPLES_DIR), 'utf8')
    res
      .type(file.endsWith('.json') ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8')
      .attachment(file)
      .send(text)
  })

  router.post('/plans/:id/delete', async (req, res) => {
    const page = pageOf(res)
    const { id } = parseInput(PlanParams, req.params, 'params')
    const { node } = parseInput(NodeQuery, req.query, 'query')
    const at = await reportNode(deps.stores, page, node)
    // Only the node's own plan: a plan from above is not the manager's to delete here.
    const plan = await deps.stores.plans.getPlan([at.node.id], id)
    const actor = `person:${page.session.personId}`
    if (!plan || !(await deps.stores.plans.deletePlan(at.node.id, plan.id, actor))) {
      throw new NotFound(`no plan ${id} of this node`)
    }
    res.redirect(303, plansHref(page, at, { deleted: plan.code }))
  })

  return router
}

/**
 * The plan upload (POST /plans): its multipart body is read before the page session (the session
 * is one of its fields), so it is mounted ahead of the pages' own session. Imports into the node
 * (`?node=` or the field `node`), which must be an organisation under the manager's.
 */
export function planUpload(deps: PageDeps & PageSessionDeps): Router {
  const router = Router()
  const view = planView(deps)
  router.post('/plans', ...fileUpload(deps, UPLOAD_FIELDS), async (req, res) => {
    const page = pageOf(res)
    const query = parseInput(NodeQuery, req.query, 'query')
    const body = parseInput(NodeBody, req.body ?? {}, 'body')
    const at = await reportNode(deps.stores, page, query.node ?? body.node)
    const fields = parseInput(PlanUploadFields, req.body ?? {}, 'body')
    const refuse = (problems: readonly PlanUploadProblem[]) =>
      view(res.status(400), at, { upload: { fields, problems } })
    if (at.node.kind !== 'organisation') {
      return refuse([
        {
          field: 'file',
          code: 'ERR_PLAN_NOT_ORGANISATION',
          values: { node: at.node.name },
          message: `${at.node.name} is a school connected through its LMS: only an organisation (a district, the department, the city) holds plans`,
        },
      ])
    }
    if (!req.file) {
      return refuse([
        { field: 'file', code: 'ERR_PLAN_FILE_MISSING', values: {}, message: 'choose a file' },
      ])
    }
    const read = readPlanUpload(
      { fileName: req.file.originalname, text: req.file.buffer.toString('utf8'), fields },
      deps.frameworks().catalog,
    )
    if ('problems' in read) return refuse(read.problems)
    const { plan } = read
    const saved = await deps.stores.plans.savePlan(
      at.node.id,
      { code: plan.code, name: plan.name.vi, document: plan },
      `person:${page.session.personId}`,
    )
    res.redirect(
      303,
      plansHref(page, at, saved.replaced ? { replaced: plan.code } : { imported: plan.code }),
    )
  })
  return router
}

/** The plans page of a node, with the plans that apply to it. */
function planView(deps: PageDeps) {
  return async (res: Response, at: ReportNode, more: Pick<PlansPageProps, 'notice' | 'upload'>) => {
    const names = new Map(at.tenants.map((t) => [t.id, t.name]))
    // Nearest first: the node's own, then its parent's, up to the top.
    const plans: ShownPlan[] = (await applicablePlans(deps.stores, at)).map(
      ({ stored: p, plan }) => ({
        id: p.id,
        code: p.code,
        name: p.name,
        owner: { id: p.tenantId, name: names.get(p.tenantId) ?? '' },
        own: p.tenantId === at.node.id,
        importedAt: p.importedAt,
        plan,
      }),
    )
    res.type('html').send(
      renderPage(PlansPage, {
        ctx: pageOf(res),
        catalog: deps.frameworks().catalog,
        path: at.path,
        canImport: at.node.kind === 'organisation',
        plans,
        ...more,
      }),
    )
  }
}

/** The plans page of the node, with a notice. */
function plansHref(page: PageContext, at: ReportNode, notice: Record<string, string>): string {
  const nodeId = at.node.id === at.path[0]?.id ? undefined : at.node.id
  return href(page, '/app/plans', { node: nodeId, ...notice })
}
