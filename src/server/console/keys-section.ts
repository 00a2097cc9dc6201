import { type Response, Router } from 'express'
import { z } from 'zod'
import { StoreConflict } from '../../store/errors.ts'
import { consoleHref } from '../../web/console/console-layout.tsx'
import { KeysPage, type KeysPageProps, type NewXapiKey } from '../../web/console/keys-page.tsx'
import { renderPage } from '../../web/layout.tsx'
import { NotFound } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import { chosenTenant, queriedTenant } from './chosen-tenant.ts'
import { type ConsoleDeps, consoleOf } from './console-context.ts'

const KeysQuery = z.object({
  tenant: z.uuid('must be a tenant id (a UUID)').optional(),
  revoked: z.string().max(100).optional(),
})
const TenantBody = z.object({ tenant: z.uuid('must be a tenant id (a UUID)') })
/** The create form as typed: the name is checked after, to show it again at its field. */
const CreateBody = TenantBody.extend({ name: z.string().optional().default('') })
const KeyName = z.string().trim().min(1).max(100)
const RevokeBody = TenantBody.extend({ id: z.uuid('must be an xAPI client id (a UUID)') })

/**
 * The xAPI keys section (/admin/keys?tenant=): a tenant's credentials of the xAPI endpoint, as
 * `nls xapi-client` keeps them: list, make one (the secret shown once, with the endpoint and a
 * ready Basic header), revoke. Audited by the store as the console's actor. For an admin token's
 * holder (any tenant) or a district's manager (their tenants).
 */
export function consoleKeyRoutes(deps: ConsoleDeps): Router {
  const router = Router()

  router.get('/keys', async (req, res) => {
    const ctx = consoleOf(res)
    const query = parseInput(KeysQuery, req.query, 'query')
    const tenant = queriedTenant(ctx, query.tenant)
    // The notice after a revoke, said only of a key of this tenant that is revoked indeed.
    const clients = tenant ? await deps.stores.xapiClients.listClients(tenant.id) : []
    const revoked = clients.find((c) => c.name === query.revoked && c.revokedAt !== undefined)
    const notice = revoked && ctx.t('consoleKeys.revoked', { name: revoked.name })
    await send(res, deps, { tenant, ...(notice && { notice }) })
  })

  router.post('/keys', async (req, res) => {
    const ctx = consoleOf(res)
    const body = parseInput(CreateBody, req.body, 'body')
    const tenant = chosenTenant(ctx, body.tenant)
    const refuse = (key: 'name' | 'taken') =>
      send(res.status(400), deps, {
        tenant,
        form: {
          name: body.name,
          problems: [{ field: 'name', message: ctx.t(`consoleKeys.problem.${key}`) }],
        },
      })
    const name = KeyName.safeParse(body.name)
    if (!name.success) return refuse('name')
    try {
      const { client, secret } = await deps.stores.xapiClients.createClient(
        tenant.id,
        name.data,
        ctx.actor.auditActor,
      )
      const created: NewXapiKey = {
        name: client.name,
        endpoint: `${deps.baseUrl()}/xapi/`,
        key: client.key,
        secret,
        basic: `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`,
      }
      await send(res, deps, { tenant, created })
    } catch (err) {
      if (err instanceof StoreConflict) return refuse('taken')
      throw err
    }
  })

  router.post('/keys/revoke', async (req, res) => {
    const ctx = consoleOf(res)
    const body = parseInput(RevokeBody, req.body, 'body')
    const tenant = chosenTenant(ctx, body.tenant)
    // Revoke takes any id: only one of this tenant's active keys may be named here.
    const clients = await deps.stores.xapiClients.listClients(tenant.id)
    const client = clients.find((c) => c.id === body.id && c.revokedAt === undefined)
    if (!client) throw new NotFound(ctx.t('consoleKeys.problem.unknown'))
    await deps.stores.xapiClients.revokeClient(client.id, ctx.actor.auditActor)
    res.redirect(303, consoleHref(ctx, '/admin/keys', { tenant: tenant.id, revoked: client.name }))
  })

  return router
}

async function send(
  res: Response,
  deps: ConsoleDeps,
  props: Omit<KeysPageProps, 'ctx' | 'clients'>,
): Promise<void> {
  const ctx = consoleOf(res)
  const clients = props.tenant ? await deps.stores.xapiClients.listClients(props.tenant.id) : []
  res.type('html').send(renderPage(KeysPage, { ctx, clients, ...props }))
}
