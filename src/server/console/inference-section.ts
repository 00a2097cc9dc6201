import { type RequestHandler, Router } from 'express'
import { z } from 'zod'
import { consoleHref } from '../../web/console/console-layout.tsx'
import { InferencePage, type InferenceTenant } from '../../web/console/inference-page.tsx'
import { renderPage } from '../../web/layout.tsx'
import { parseInput } from '../parse-input.ts'
import { chosenTenant, queriedTenant } from './chosen-tenant.ts'
import { type ConsoleDeps, consoleOf } from './console-context.ts'

/** How many set-aside people the page lists (`nls inference status` lists as many). */
const SET_ASIDE_LISTED = 20

const InferenceQuery = z.object({
  tenant: z.uuid('must be a tenant id (a UUID)').optional(),
  retried: z.coerce.number().int().min(0).optional(),
  queued: z.coerce.number().int().min(0).optional(),
})
const TenantBody = z.object({ tenant: z.uuid('must be a tenant id (a UUID)') })

/**
 * The inference section (/admin/inference?tenant=): a tenant's queue of people whose evidence
 * and levels wait to be worked out, those set aside after failed evaluations (retried on
 * demand, as `nls inference retry` does), and a recompute of every person (queued for the
 * inference worker, as `nls recompute` does without waiting). Audited as the console's actor.
 * For an admin token's holder (any tenant) or a district's manager (their tenants).
 */
export function consoleInferenceRoutes(deps: ConsoleDeps): Router {
  const router = Router()
  const { inference, audit } = deps.stores

  router.get('/inference', async (req, res) => {
    const ctx = consoleOf(res)
    const query = parseInput(InferenceQuery, req.query, 'query')
    const tenant = queriedTenant(ctx, query.tenant)
    let shown: InferenceTenant | undefined
    if (tenant) {
      const setAside = await inference.listSetAside(SET_ASIDE_LISTED, tenant.id)
      const people = await Promise.all(
        setAside.map((p) => deps.stores.people.getPerson(tenant.id, p.personId)),
      )
      shown = {
        tenant,
        depth: await inference.queueDepth(tenant.id),
        setAside: setAside.map((p, i) => ({ ...p, name: people[i]?.name ?? people[i]?.email })),
      }
    }
    const notice =
      query.retried !== undefined
        ? ctx.t('consoleInference.retried', { count: query.retried })
        : query.queued !== undefined
          ? ctx.t('consoleInference.queued', { count: query.queued })
          : undefined
    res
      .type('html')
      .send(renderPage(InferencePage, { ctx, shown, ...(notice !== undefined && { notice }) }))
  })

  /**
   * A POST that puts a tenant's people back to work (`work` says how many), audited as `action`,
   * then the section again saying how many under `shown`.
   */
  const peopleOfTenant =
    (
      action: 'inference.retry' | 'inference.recompute',
      work: (tenantId: string) => Promise<number>,
      shown: 'retried' | 'queued',
    ): RequestHandler =>
    async (req, res) => {
      const ctx = consoleOf(res)
      const tenant = chosenTenant(ctx, parseInput(TenantBody, req.body, 'body').tenant)
      const count = await work(tenant.id)
      await audit.record({
        tenantId: tenant.id,
        actor: ctx.actor.auditActor,
        action,
        subject: `tenant:${tenant.id}`,
        details: { people: count },
      })
      res.redirect(
        303,
        consoleHref(ctx, '/admin/inference', { tenant: tenant.id, [shown]: String(count) }),
      )
    }

  router.post(
    '/inference/retry',
    peopleOfTenant('inference.retry', (id) => inference.retrySetAside(id), 'retried'),
  )
  router.post(
    '/inference/recompute',
    peopleOfTenant('inference.recompute', (id) => inference.enqueueTenant(id), 'queued'),
  )

  return router
}
