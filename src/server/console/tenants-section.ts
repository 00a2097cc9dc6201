import { type Response, Router } from 'express'
import { z } from 'zod'
import { renderPage } from '../../web/layout.tsx'
import { type AddForm, type MoveForm, TenantsPage } from '../../web/console/tenants-page.tsx'
import { NotFound } from '../errors.ts'
import {
  type ConsoleContext,
  consoleOf,
  type ConsoleDeps,
  mayManageTenant,
  requireTenant,
} from './console-context.ts'
import { backTo, tenantSettingsRoutes } from './tenant-settings-section.ts'
import { isDistrict } from './tenant-tree.ts'

const AddBody = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['district', 'school']),
  parentId: z.string().default(''),
})
const MoveBody = z.object({
  tenantId: z.string().default(''),
  parentId: z.string().default(''),
})
const Notice = z.object({
  added: z.string().optional(),
  moved: z.string().optional(),
  saved: z.string().optional(),
})

/**
 * Tenants and districts: the tree in the actor's scope with the people of each, adding a district
 * (admin tokens) or a school under a district, and moving a tenant under a district. A district
 * manager works only within their district: schools under it, and moves of their own tenants into
 * it.
 */
export function consoleTenantRoutes(deps: ConsoleDeps): Router {
  const router = Router()
  const { stores } = deps

  const render = async (
    res: Response,
    status: number,
    props: { add?: AddForm; move?: MoveForm; notice?: string },
  ) => {
    const ctx = consoleOf(res)
    const people = await stores.people.countPeopleByTenant()
    res
      .status(status)
      .type('html')
      .send(renderPage(TenantsPage, { ctx, people, ...props }))
  }

  router.get('/tenants', async (req, res) => {
    const ctx = consoleOf(res)
    const notice = noticeOf(ctx, Notice.safeParse(req.query).data ?? {})
    await render(res, 200, notice ? { notice } : {})
  })

  router.post('/tenants', async (req, res) => {
    const ctx = consoleOf(res)
    const { t, actor } = ctx
    const raw = req.body as Record<string, unknown>
    const values = {
      name: typeof raw.name === 'string' ? raw.name : '',
      kind: typeof raw.kind === 'string' ? raw.kind : '',
      parentId: typeof raw.parentId === 'string' ? raw.parentId : '',
    }
    const parsed = AddBody.safeParse(values)
    const problems: { name?: string; kind?: string; parentId?: string } = {}
    for (const issue of parsed.error?.issues ?? []) {
      const field = issue.path[0] as 'name' | 'kind'
      problems[field] = t(`console.tenants.problem.${field}`)
    }
    const kind = parsed.data?.kind
    // A district is installation-wide: only an admin token makes one.
    if (kind === 'district' && actor.kind !== 'admin-token') {
      problems.kind = t('console.tenants.problem.kind')
    }
    const parent =
      kind === 'school' ? ctx.allTenants.find((x) => x.id === values.parentId) : undefined
    if (
      kind === 'school' &&
      (!parent || !isDistrict(parent, ctx.allTenants) || !mayManageTenant(actor, parent.id))
    ) {
      problems.parentId = t('console.tenants.problem.parent')
    }
    if (!parsed.success || Object.keys(problems).length > 0) {
      return render(res, 400, { add: { values, problems } })
    }
    const tenant = await stores.transaction(async (tx) => {
      const created = await tx.tenants.createTenant({
        kind: 'organisation',
        name: parsed.data.name,
        ...(parent && { parentId: parent.id }),
      })
      await tx.audit.record({
        tenantId: created.id,
        actor: actor.auditActor,
        action: 'tenant.create',
        subject: `tenant:${created.id}`,
        details: { kind: parsed.data.kind, name: created.name, parentId: parent?.id ?? null },
      })
      return created
    })
    res.redirect(303, backTo(ctx, { added: tenant.id }))
  })

  router.post('/tenants/move', async (req, res) => {
    const ctx = consoleOf(res)
    const { t, actor } = ctx
    const values = MoveBody.parse({
      tenantId: stringOr((req.body as Record<string, unknown>).tenantId),
      parentId: stringOr((req.body as Record<string, unknown>).parentId),
    })
    if (!values.tenantId) {
      return render(res, 400, {
        move: { values, problems: { tenantId: t('console.tenants.problem.tenant') } },
      })
    }
    requireTenant(actor, values.tenantId)
    // A district manager moves only within their district: never out of it, nor elsewhere.
    if (
      actor.kind !== 'admin-token' &&
      !(values.parentId && mayManageTenant(actor, values.parentId))
    ) {
      return render(res, 403, {
        move: { values, problems: { parentId: t('console.tenants.problem.districtOnly') } },
      })
    }
    if (values.parentId && !actor.knownTenants.has(values.parentId)) {
      return render(res, 400, {
        move: { values, problems: { parentId: t('console.tenants.problem.parent-unknown') } },
      })
    }
    const move = await stores.tenants.setParent(
      values.tenantId,
      values.parentId || undefined,
      actor.auditActor,
    )
    if (!move.moved) {
      if (move.refusal === 'tenant-unknown') throw new NotFound(move.problem)
      return render(res, 400, {
        move: { values, problems: { parentId: t(`console.tenants.problem.${move.refusal}`) } },
      })
    }
    res.redirect(303, backTo(ctx, { moved: move.tenant.id }))
  })

  router.use(tenantSettingsRoutes(deps))
  return router
}

/** The notice after a saved form, naming the tenant only when the actor may see it. */
function noticeOf(ctx: ConsoleContext, query: z.infer<typeof Notice>): string | undefined {
  const name = (id: string | undefined) =>
    id !== undefined && mayManageTenant(ctx.actor, id)
      ? ctx.allTenants.find((x) => x.id === id)?.name
      : undefined
  const added = name(query.added)
  if (added) return ctx.t('console.tenants.added', { name: added })
  const moved = name(query.moved)
  if (moved) return ctx.t('console.tenants.moved', { name: moved })
  const saved = name(query.saved)
  if (saved) return ctx.t('console.settings.saved', { name: saved })
  return undefined
}

const stringOr = (value: unknown) => (typeof value === 'string' ? value : '')
