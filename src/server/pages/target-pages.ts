import { Router } from 'express'
import { z } from 'zod'
import type { StoredPlan } from '../../store/index.ts'
import { renderPage } from '../../web/layout.tsx'
import type { PageContext } from '../../web/page-context.ts'
import { MissingPage } from '../../web/pages/missing-page.tsx'
import { TargetsPage } from '../../web/pages/targets-page.tsx'
import { InputInvalid, NotFound } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import type { PageDeps } from './learner-pages.ts'
import { pageOf } from './page-session.ts'
import { pupilNamesShown } from './pupil-privacy.ts'
import { reportNode } from './report-node.ts'
import { applicablePlans, planOf } from './node-plans.ts'
import { loadTargetsReport, targetQuery } from './targets-data.ts'
import { csvWriter } from './csv-download.ts'

/** A query value left empty in a form counts as not given. */
const optional = z
  .string()
  .optional()
  .transform((v) => v || undefined)

const TargetsQuery = z.object({ node: optional, plan: optional }).loose()

const MissingQuery = z
  .object({
    node: optional,
    plan: z.string({ error: 'choose a plan' }).min(1, 'choose a plan'),
    target: z
      .string({ error: 'choose a target of the plan' })
      .min(1, 'choose a target of the plan'),
    part: optional,
    page: z
      .string()
      .regex(/^[1-9][0-9]{0,5}$/, 'must be a page number such as 2')
      .transform(Number)
      .optional(),
  })
  .loose()

/** People a page of the missing list shows. */
const PAGE_SIZE = 50
/** People read from the store at a time while the CSV is written. */
const CSV_BATCH = 5_000

/**
 * The plan targets report of a node (managers only, on a node of their own subtree): each
 * target of a plan that applies to the node met or not, and the people still missing, as a page
 * and a CSV.
 */
export function targetPages(deps: PageDeps & { readonly now: () => Date }): Router {
  const router = Router()

  /** The node asked for and the plans that apply to it (the node's and those above it). */
  async function nodeAndPlans(page: PageContext, nodeId: string | undefined) {
    const node = await reportNode(deps.stores, page, nodeId)
    return { node, plans: (await applicablePlans(deps.stores, node)).map((a) => a.stored) }
  }

  /** The plan of that id among those that apply, else 404 (another node's plan is not shown). */
  function chosen(plans: readonly StoredPlan[], id: string): StoredPlan {
    const plan = plans.find((p) => p.id === id)
    if (!plan) throw new NotFound(`no plan ${id} applies to this node`)
    return plan
  }

  /** The missing list a request asks for, checked: its node, plan, target and part. */
  async function missingRequest(page: PageContext, query: unknown) {
    const q = parseInput(MissingQuery, query, 'query')
    const { node, plans } = await nodeAndPlans(page, q.node)
    const plan = chosen(plans, q.plan)
    const target = planOf(plan).targets.find((t) => t.id === q.target)
    if (!target) {
      throw new InputInvalid([
        { path: ['query', 'target'], message: `plan ${plan.code} has no target ${q.target}` },
      ])
    }
    const part = q.part === undefined ? undefined : node.parts.find((p) => p.node.id === q.part)
    if (q.part !== undefined && !part) {
      throw new InputInvalid([
        { path: ['query', 'part'], message: `must be a unit directly under ${node.node.name}` },
      ])
    }
    const { catalog } = deps.frameworks()
    return {
      node,
      plan,
      target,
      part,
      countsOnly: target.group.kind === 'pupils' && !pupilNamesShown(page, node),
      page: q.page ?? 1,
      query: targetQuery(catalog, node, target, deps.now()),
    }
  }

  router.get('/reports/targets', async (req, res) => {
    const page = pageOf(res)
    const q = parseInput(TargetsQuery, req.query, 'query')
    const { node, plans } = await nodeAndPlans(page, q.node)
    const plan = q.plan === undefined ? plans[0] : chosen(plans, q.plan)
    const { catalog } = deps.frameworks()
    const [report, withoutPosition] = await Promise.all([
      plan && loadTargetsReport(deps.stores, { catalog, node, plan, at: deps.now() }),
      deps.stores.targets.withoutPosition(node.schools.map((s) => s.id)),
    ])
    res.type('html').send(
      renderPage(TargetsPage, {
        ctx: page,
        catalog,
        path: node.path,
        plans: plans.map((p) => ({ id: p.id, code: p.code, name: p.name })),
        report,
        withoutPosition,
      }),
    )
  })

  router.get('/reports/targets/missing', async (req, res) => {
    const page = pageOf(res)
    const r = await missingRequest(page, req.query)
    const missing = await deps.stores.targets.missing(r.query, {
      ...(r.part && { partId: r.part.node.id }),
      limit: r.countsOnly ? 0 : PAGE_SIZE,
      offset: r.countsOnly ? 0 : (r.page - 1) * PAGE_SIZE,
    })
    res.type('html').send(
      renderPage(MissingPage, {
        ctx: page,
        path: r.node.path,
        plan: { id: r.plan.id, code: r.plan.code, name: r.plan.name },
        target: r.target,
        part: r.part && { id: r.part.node.id, name: r.part.node.name },
        missing,
        page: r.page,
        pageSize: PAGE_SIZE,
        countsOnly: r.countsOnly,
      }),
    )
  })

  router.get('/reports/targets/missing.csv', async (req, res) => {
    const page = pageOf(res)
    const r = await missingRequest(page, req.query)
    const t = (key: string) => page.t(`targets.missing.${key}`)
    const csv = csvWriter(
      res,
      `nls-${r.plan.code.replace(/[^A-Za-z0-9]+/g, '-')}-${r.target.id}-missing.csv`,
    )
    if (r.countsOnly) {
      // Pupils above their school: the count alone, never a name.
      const { count } = await deps.stores.targets.missing(r.query, {
        ...(r.part && { partId: r.part.node.id }),
        limit: 0,
        offset: 0,
      })
      await csv.write([[t('pupilsCountsOnly')], [t('countRow'), count]])
      return csv.end()
    }
    // Written a batch at a time, so that a city's list never sits in memory whole.
    let rows: unknown[][] = [
      [t('school'), t('name'), t('email'), t('position'), t('schoolLevel'), t('unit')],
    ]
    for (let offset = 0; ; offset += CSV_BATCH) {
      const batch = await deps.stores.targets.missing(r.query, {
        ...(r.part && { partId: r.part.node.id }),
        limit: CSV_BATCH,
        offset,
      })
      rows.push(
        ...batch.people.map((p) => [
          p.school,
          p.name ?? '',
          p.email ?? '',
          p.position ?? '',
          p.schoolLevel ?? '',
          p.unit ?? '',
        ]),
      )
      if (!(await csv.write(rows))) return
      rows = []
      if (batch.people.length < CSV_BATCH) break
    }
    csv.end()
  })

  return router
}
