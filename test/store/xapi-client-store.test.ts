import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { openTestDatabase } from '../support/test-database.ts'

let database: Database
let stores: Stores
let tenantId: string
let otherTenantId: string
beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
  tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'Moodle A' })).id
  otherTenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'Moodle B' })).id
})
afterAll(() => database.close())

describe('xAPI clients', () => {
  it('a created client verifies with its key and secret only; it belongs to its tenant', async () => {
    const { client, secret } = await stores.xapiClients.createClient(
      tenantId,
      'moodle-logstore',
      'cli',
    )
    expect(client).toMatchObject({ tenantId, name: 'moodle-logstore', revokedAt: undefined })
    expect(client.key).toMatch(/^[0-9a-f]{24}$/)
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect((await stores.xapiClients.verifyClient(client.key, secret))?.id).toBe(client.id)
    expect(await stores.xapiClients.verifyClient(client.key, `${secret}x`)).toBeUndefined()
    expect(await stores.xapiClients.verifyClient('nope', secret)).toBeUndefined()
    expect((await stores.xapiClients.listClients(otherTenantId)).map((c) => c.id)).not.toContain(
      client.id,
    )
  })

  it('names are unique per tenant among active clients; revoked clients stop working', async () => {
    const first = await stores.xapiClients.createClient(tenantId, 'lrs', 'cli')
    await expect(stores.xapiClients.createClient(tenantId, 'lrs', 'cli')).rejects.toMatchObject({
      code: 'ERR_STORE_CONFLICT',
      message: 'the tenant already has an active xAPI client named "lrs"',
    })
    await stores.xapiClients.createClient(otherTenantId, 'lrs', 'cli')
    await stores.xapiClients.revokeClient(first.client.key, 'cli')
    expect(await stores.xapiClients.verifyClient(first.client.key, first.secret)).toBeUndefined()
    await expect(stores.xapiClients.revokeClient(first.client.id, 'cli')).rejects.toMatchObject({
      code: 'ERR_STORE_NOT_FOUND',
    })
    const audit = await stores.audit.list({ tenantId })
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['xapi-client.create', 'xapi-client.revoke']),
    )
  })

  it('a client of a tenant that does not exist is refused', async () => {
    await expect(
      stores.xapiClients.createClient('00000000-0000-4000-8000-000000000000', 'x', 'cli'),
    ).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' })
  })
})
