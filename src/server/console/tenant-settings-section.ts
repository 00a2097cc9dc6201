import { type Response, Router } from 'express'
import { z } from 'zod'
import { checkSettingsChange, saveTenantSettings } from '../../evaluation/change-tenant-settings.ts'
import { loadFrameworksInForce } from '../../evaluation/frameworks-in-force.ts'
import { tenantSettings } from '../../evaluation/settings.ts'
import type { Tenant } from '../../store/tenant-store.ts'
import { renderPage } from '../../web/layout.tsx'
import {
  type SettingsFieldName,
  type SettingsValues,
  TenantSettingsPage,
} from '../../web/console/tenant-settings-page.tsx'
import { NotFound } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import { consoleOf, type ConsoleDeps, requireTenant } from './console-context.ts'
import { settingsChanges, settingsValues, typedValues } from './settings-form.ts'
import type { ConsoleContext } from './console-context.ts'

const Params = z.object({ id: z.string() })

/**
 * A tenant's settings, the same as `nls tenant settings` (checked by the same function, saved
 * and audited the same way). A new required share makes the tenant's people due for inference
 * again, which the inference worker then works out from their evidence.
 */
export function tenantSettingsRoutes(deps: ConsoleDeps): Router {
  const router = Router()
  const { stores } = deps

  const tenantOf = async (res: Response, id: string): Promise<Tenant> => {
    requireTenant(consoleOf(res).actor, id)
    const tenant = await stores.tenants.getTenant(id)
    if (!tenant) throw new NotFound(`no tenant ${id}`)
    return tenant
  }
  const render = async (
    res: Response,
    status: number,
    tenant: Tenant,
    values: SettingsValues,
    problems?: Partial<Record<SettingsFieldName, string>>,
  ) => {
    const tables = (await loadFrameworksInForce(stores)).catalog.audiences()
    const ctx = consoleOf(res)
    res
      .status(status)
      .type('html')
      .send(
        renderPage(TenantSettingsPage, {
          ctx,
          tenant,
          tables,
          values,
          ...(problems && { problems }),
        }),
      )
  }

  router.get('/tenants/:id/settings', async (req, res) => {
    const { id } = parseInput(Params, req.params, 'params')
    const tenant = await tenantOf(res, id)
    await render(res, 200, tenant, settingsValues(tenantSettings(tenant.settings)))
  })

  router.post('/tenants/:id/settings', async (req, res) => {
    const { id } = parseInput(Params, req.params, 'params')
    const tenant = await tenantOf(res, id)
    const ctx = consoleOf(res)
    const values = typedValues((req.body ?? {}) as Record<string, unknown>)
    const { changes, badTargetLine, badGradeTargetLine } = settingsChanges(values)
    if (badTargetLine !== undefined || badGradeTargetLine !== undefined) {
      return render(res, 400, tenant, values, {
        ...(badTargetLine !== undefined && {
          targets: ctx.t('console.settings.targetLine', { line: badTargetLine }),
        }),
        ...(badGradeTargetLine !== undefined && {
          gradeTargets: ctx.t('console.settings.gradeTargetLine', { line: badGradeTargetLine }),
        }),
      })
    }
    const checked = await checkSettingsChange(
      tenant.settings,
      changes,
      async () => (await loadFrameworksInForce(stores)).catalog,
    )
    if (checked.problems) {
      const problems: Partial<Record<SettingsFieldName, string>> = {}
      for (const p of checked.problems) {
        problems[p.field] ??= `${ctx.t('console.settings.badValue')}: ${p.message}`
      }
      return render(res, 400, tenant, values, problems)
    }
    const before = tenantSettings(tenant.settings)
    await saveTenantSettings(stores, tenant, checked.settings, ctx.actor.auditActor)
    if (checked.settings.requiredShare !== before.requiredShare) {
      await stores.inference.enqueueTenant(tenant.id)
    }
    res.redirect(303, backTo(ctx, { saved: tenant.id }))
  })

  return router
}

/** The tenants section after a good submit, with what to tell. */
export function backTo(ctx: Pick<ConsoleContext, 'lang'>, params: Record<string, string>) {
  const query = new URLSearchParams(params)
  if (ctx.lang !== 'vi') query.set('lang', ctx.lang)
  return `/admin/tenants?${query}`
}
