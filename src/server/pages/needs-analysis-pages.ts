// The managers' training-needs analysis of a node: per staff group and component, the
// self-assessed levels beside the evidenced ones and the gap to target (Cơ bản, or a plan's).
import { Router } from 'express'
import { z } from 'zod'
import type { AudienceEntry, Catalog } from '../../../framework/index.ts'
import { tenantSettings } from '../../evaluation/settings.ts'
import { needsAnalysis, type NeedsAnalysis } from '../../reports/needs-analysis.ts'
import type { Cell } from '../../reports/report-rows.ts'
import { renderPage } from '../../web/layout.tsx'
import type { PageContext } from '../../web/page-context.ts'
import { groupName, NeedsAnalysisPage } from '../../web/pages/needs-analysis-page.tsx'
import { levelName } from '../../web/parts.tsx'
import { InputInvalid } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import type { PageDeps } from './learner-pages.ts'
import { applicablePlans, planOf } from './node-plans.ts'
import { pageOf } from './page-session.ts'
import { nodeRule } from './report-data.ts'
import { reportNode } from './report-node.ts'
import { sendCsv } from './csv-download.ts'

const blank = (v: string | undefined) => v || undefined

const NeedsAnalysisQuery = z
  .object({
    node: z.string().optional().transform(blank),
    plan: z.string().optional().transform(blank),
    audience: z.string().optional().transform(blank),
    part: z.string().optional().transform(blank),
  })
  .loose()

/** The training-needs analysis page of a node, and its CSV. Managers only, on their subtree. */
export function needsAnalysisPages(deps: PageDeps): Router {
  const router = Router()

  /** The analysis a request asks for, checked. */
  async function requested(page: PageContext, query: unknown) {
    const q = parseInput(NeedsAnalysisQuery, query, 'query')
    const { node, path, parts, schools, tenants } = await reportNode(deps.stores, page, q.node)
    const { catalog } = deps.frameworks()
    const settings = tenantSettings(node.settings)
    const audiences = catalog.audiences(settings.audience.split('.')[0])
    const audience = audiences.find((a) => a.id === (q.audience ?? settings.audience))
    if (!audience) {
      throw new InputInvalid([
        {
          path: ['query', 'audience'],
          message: `must be one of ${audiences.map((a) => a.id).join(', ')}`,
        },
      ])
    }
    // The plans of the node and of those above it apply to it.
    const stored = (await applicablePlans(deps.stores, { node, tenants })).map((a) => a.stored)
    const chosen = q.plan === undefined ? undefined : stored.find((p) => p.id === q.plan)
    if (q.plan !== undefined && !chosen) {
      throw new InputInvalid([
        { path: ['query', 'plan'], message: `no plan ${q.plan} applies to this unit` },
      ])
    }
    const part = q.part === undefined ? undefined : parts.find((p) => p.node.id === q.part)
    if (q.part !== undefined && !part) {
      throw new InputInvalid([
        { path: ['query', 'part'], message: `no unit ${q.part} directly under this one` },
      ])
    }
    const { staff, counts } = await deps.stores.needs.needsCounts({
      schools: (part?.schools ?? schools).map((t) => ({
        tenantId: t.id,
        defaultAudience: tenantSettings(t.settings).audience,
      })),
      audience: audience.id,
      componentIds: audience.audience.components.map((c) => c.id),
    })
    const analysis = needsAnalysis({
      components: audience.audience.components,
      levels: audience.framework.levels,
      staff,
      counts,
      ...(chosen && { plan: planOf(chosen) }),
      minGroupSize: settings.minGroupSize,
    })
    const choice = (p: (typeof stored)[number]) => ({ id: p.id, code: p.code, name: p.name })
    return {
      catalog,
      audience,
      audiences,
      plans: stored.map(choice),
      plan: chosen && choice(chosen),
      path,
      parts: parts.map((p) => p.node),
      part: part?.node.id,
      analysis,
      rule: nodeRule({ schools: part?.schools ?? schools }),
    }
  }

  router.get('/reports/needs', async (req, res) => {
    const page = pageOf(res)
    const data = await requested(page, req.query)
    res.type('html').send(renderPage(NeedsAnalysisPage, { ctx: page, ...data }))
  })

  router.get('/reports/needs.csv', async (req, res) => {
    const page = pageOf(res)
    const data = await requested(page, req.query)
    sendCsv(res, csvRows(page, data), `nls-needs-${data.audience.id}.csv`)
  })

  return router
}

/** The whole analysis as rows: one per group and component; a hidden group says so once. */
function csvRows(
  page: PageContext,
  data: {
    readonly catalog: Catalog
    readonly audience: AudienceEntry
    readonly analysis: NeedsAnalysis
  },
): Cell[][] {
  const { catalog, audience, analysis } = data
  const fw = audience.framework.id
  const col = (key: string, values?: Record<string, string>) =>
    page.t(`needsAnalysis.col.${key}`, values)
  const order = [
    null,
    ...[...audience.framework.levels].sort((a, b) => a.rank - b.rank).map((l) => l.code),
  ]
  const name = (code: string | null) => levelName(page, catalog, fw, code)
  const header: Cell[] = [
    col('group'),
    col('position'),
    col('number'),
    col('id'),
    col('name'),
    col('target'),
    col('staff'),
    col('below'),
    col('belowShare'),
    col('assessed'),
    col('belowBySelf'),
    col('selfHigher'),
    col('selfLower'),
    col('meanGap'),
    ...order.map((code) => col('evidenced', { level: name(code) })),
    ...order.map((code) => col('self', { level: name(code) })),
  ]
  const components = new Map(audience.audience.components.map((c) => [c.id, c]))
  const rows = analysis.groups.flatMap((g): Cell[][] => {
    const group = groupName(page, g.position)
    if (g.hidden) {
      return [
        [
          group,
          g.position,
          '',
          '',
          page.t('needsAnalysis.hidden', { count: analysis.minGroupSize }),
        ],
      ]
    }
    return g.cells.map((cell) => {
      const c = components.get(cell.componentId)
      return [
        group,
        g.position,
        c?.number ?? '',
        cell.componentId,
        c ? (page.lang === 'en' ? (c.name.en ?? c.name.vi) : c.name.vi) : '',
        name(cell.target),
        cell.staff,
        cell.below,
        cell.staff === 0 ? 0 : Math.round((1000 * cell.below) / cell.staff) / 10,
        cell.assessed,
        cell.belowBySelf,
        cell.selfHigher,
        cell.selfLower,
        Math.round(cell.meanGap * 100) / 100,
        ...cell.evidenced.map((m) => m.count),
        ...cell.self.map((m) => m.count),
      ]
    })
  })
  return [header, ...rows]
}
