// Credentials are cached briefly (statements/endpoint/verified-clients.ts); revoking a client in
// the server refuses them at once.
import type { XapiTenant } from '../support/nls-server.ts'
import { startXapiTenant } from '../support/nls-server.ts'
import { pageViewed } from '../support/moodle-statements.ts'

let tenant: XapiTenant
beforeAll(async () => {
  tenant = await startXapiTenant('Moodle')
})
afterAll(() => tenant.nls.close())

const post = () =>
  fetch(`${tenant.nls.url}/xapi/statements`, {
    method: 'POST',
    headers: {
      'X-Experience-API-Version': '1.0.3',
      authorization: tenant.basic,
      'content-type': 'application/json',
    },
    body: JSON.stringify(pageViewed('4')),
  })

describe('a revoked xAPI client', () => {
  it('is refused on its next request, though its credentials were just verified', async () => {
    expect((await post()).status).toBe(200)
    expect((await post()).status).toBe(200) // from the cache
    const [client] = await tenant.nls.stores.xapiClients.listClients(tenant.tenantId)
    await tenant.nls.stores.xapiClients.revokeClient(client!.id, 'test')
    const refused = await post()
    expect(refused.status).toBe(401)
    expect(await refused.json()).toMatchObject({ code: 'ERR_XAPI_CREDENTIALS_INVALID' })
  })
})
