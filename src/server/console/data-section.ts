import { type Response, Router } from 'express'
import { z } from 'zod'
import type { PersonRef } from '../../store/person-data-store.ts'
import { DataPage, type DataPageProps } from '../../web/console/data-page.tsx'
import { renderPage } from '../../web/layout.tsx'
import { exportPerson, takeBackup } from '../data-routes.ts'
import { parseInput } from '../parse-input.ts'
import { chosenTenant, queriedTenant } from './chosen-tenant.ts'
import {
  type ConsoleContext,
  type ConsoleDeps,
  consoleOf,
  requireAdminToken,
} from './console-context.ts'

const DataQuery = z.object({ tenant: z.uuid('must be a tenant id (a UUID)').optional() })
const TenantBody = z.object({ tenant: z.uuid('must be a tenant id (a UUID)') })
const text = z.string().max(320).optional().default('')
const ExportBody = TenantBody.extend({ person: text })
const EraseBody = TenantBody.extend({ email: text, confirm: text })
const Email = z.email()

/** Whether the confirmation repeats the email (emails match in any case). */
export function confirmsEmail(email: string, confirm: string): boolean {
  return email.trim().length > 0 && email.trim().toLowerCase() === confirm.trim().toLowerCase()
}

/**
 * The data section (/admin/data): a backup of the embedded database while it serves (admin
 * tokens only, as GET /api/admin/backup), and one person of a tenant's data exported as JSON or
 * erased on their request (Decree 13/2023/NĐ-CP, Art. 14 and 16), the erasure only once the
 * person's email is typed twice. Audited as the console's actor. A district's manager works on
 * the people of their tenants.
 */
export function consoleDataRoutes(deps: ConsoleDeps): Router {
  const router = Router()
  const { personData, audit } = deps.stores

  router.get('/data', async (req, res) => {
    const ctx = consoleOf(res)
    const query = parseInput(DataQuery, req.query, 'query')
    const tenant = queriedTenant(ctx, query.tenant)
    send(res, deps, { tenant })
  })

  router.post('/data/backup', async (_req, res) => {
    const ctx = consoleOf(res)
    requireAdminToken(ctx.actor)
    const { name, tarball } = await takeBackup(
      { ...(deps.backup && { backup: deps.backup }), audit, now: deps.now },
      ctx.actor.auditActor,
    )
    res
      .type('application/gzip')
      .setHeader('Content-Disposition', `attachment; filename="${name}"`)
      .send(tarball)
  })

  router.post('/data/export', async (req, res) => {
    const ctx = consoleOf(res)
    const body = parseInput(ExportBody, req.body, 'body')
    const tenant = chosenTenant(ctx, body.tenant)
    const found = await onePerson(ctx, body.person, tenant.id, 'export-person')
    if ('problem' in found) {
      return send(res.status(400), deps, {
        tenant,
        exportForm: { values: { person: body.person }, problems: [found.problem] },
      })
    }
    const data = await exportPerson(
      { personData, audit, now: deps.now },
      found.ref,
      ctx.actor.auditActor,
    )
    res
      .type('application/json')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="nls-person-${found.ref.personId}.json"`,
      )
      .send(JSON.stringify(data, null, 2))
  })

  router.post('/data/erase', async (req, res) => {
    const ctx = consoleOf(res)
    const body = parseInput(EraseBody, req.body, 'body')
    const tenant = chosenTenant(ctx, body.tenant)
    const refuse = (field: string, key: string) =>
      send(res.status(400), deps, {
        tenant,
        eraseForm: {
          values: { email: body.email, confirm: body.confirm },
          problems: [{ field, message: ctx.t(`consoleData.problem.${key}`) }],
        },
      })
    if (!Email.safeParse(body.email.trim()).success) return refuse('erase-email', 'email')
    if (!confirmsEmail(body.email, body.confirm)) return refuse('erase-confirm', 'confirm')
    const found = await onePerson(ctx, body.email, tenant.id, 'erase-email')
    if ('problem' in found) return refuse('erase-email', found.key)
    const done = await personData.erasePerson(tenant.id, found.ref.personId, ctx.actor.auditActor)
    send(res, deps, {
      tenant,
      notice: ctx.t('consoleData.erased', {
        email: body.email.trim(),
        statements: done.statementsAnonymised,
      }),
    })
  })

  async function onePerson(
    ctx: ConsoleContext,
    given: string,
    tenantId: string,
    field: string,
  ): Promise<
    | { readonly ref: PersonRef }
    | { readonly key: string; readonly problem: { field: string; message: string } }
  > {
    const value = given.trim()
    const refs = value ? await personData.findPeople(value, tenantId) : []
    if (refs.length === 1) return { ref: refs[0]! }
    const key = !value ? 'person' : refs.length === 0 ? 'unknown' : 'several'
    return { key, problem: { field, message: ctx.t(`consoleData.problem.${key}`) } }
  }

  return router
}

function send(res: Response, deps: ConsoleDeps, props: Omit<DataPageProps, 'ctx' | 'backup'>) {
  const ctx = consoleOf(res)
  res.type('html').send(renderPage(DataPage, { ctx, backup: deps.backup !== undefined, ...props }))
}
