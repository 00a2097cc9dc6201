// The admin API moves a tenant (an LMS's school) into a district, or out of it; only with an
// admin token, and never under a platform tenant or into a cycle.
import type { RunningServer } from '../../src/server/start-server.ts'
import { startNls } from '../support/nls-server.ts'

let nls: RunningServer
let auth: { authorization: string }
beforeAll(async () => {
  nls = await startNls()
  auth = {
    authorization: `Bearer ${(await nls.stores.adminTokens.createToken('so-gddt', 'test')).secret}`,
  }
})
afterAll(() => nls.close())

const patch = (id: string, body: unknown, headers: Record<string, string> = auth) =>
  fetch(`${nls.url}/api/admin/tenants/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

describe('PATCH /api/admin/tenants/:id', () => {
  it('refuses a request without an admin token', async () => {
    const school = await nls.stores.tenants.createTenant({ kind: 'platform', name: 'Moodle X' })
    const district = await nls.stores.tenants.createTenant({ kind: 'organisation', name: 'Sở X' })
    const res = await patch(school.id, { parentId: district.id }, {})
    expect({ status: res.status, code: ((await res.json()) as { code: string }).code }).toEqual({
      status: 401,
      code: 'ERR_ADMIN_TOKEN_MISSING',
    })
    expect((await nls.stores.tenants.getTenant(school.id))?.parentId).toBeUndefined()
  })

  it('moves a tenant under a district and out again, audited', async () => {
    const school = await nls.stores.tenants.createTenant({ kind: 'platform', name: 'Moodle Y' })
    const district = await nls.stores.tenants.createTenant({ kind: 'organisation', name: 'Sở Y' })
    const res = await patch(school.id, { parentId: district.id })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      tenant: {
        id: school.id,
        kind: 'platform',
        name: 'Moodle Y',
        parentId: district.id,
        createdAt: school.createdAt.toISOString(),
      },
      before: { parentId: null },
    })
    const [entry] = await nls.stores.audit.list({ tenantId: school.id, limit: 1 })
    expect(entry).toMatchObject({
      actor: 'admin-token:so-gddt',
      action: 'tenant.move',
      details: { before: null, after: district.id },
    })
    const out = await patch(school.id, { parentId: null })
    expect(((await out.json()) as { tenant: { parentId: unknown } }).tenant.parentId).toBeNull()
  })

  it('refuses a platform parent, a cycle, an unknown tenant and a body without parentId', async () => {
    const top = await nls.stores.tenants.createTenant({ kind: 'organisation', name: 'Sở Z' })
    const under = await nls.stores.tenants.createTenant({
      kind: 'organisation',
      name: 'Phòng Z',
      parentId: top.id,
    })
    const lms = await nls.stores.tenants.createTenant({ kind: 'platform', name: 'Moodle Z' })
    const status = async (res: Response) => ({
      status: res.status,
      code: ((await res.json()) as { code: string }).code,
    })
    expect(await status(await patch(under.id, { parentId: lms.id }))).toEqual({
      status: 400,
      code: 'ERR_INPUT_INVALID',
    })
    expect(await status(await patch(top.id, { parentId: under.id }))).toEqual({
      status: 400,
      code: 'ERR_INPUT_INVALID',
    })
    expect(
      await status(await patch('00000000-0000-4000-8000-000000000009', { parentId: top.id })),
    ).toEqual({ status: 404, code: 'ERR_NOT_FOUND' })
    expect(await status(await patch(under.id, {}))).toEqual({
      status: 400,
      code: 'ERR_INPUT_INVALID',
    })
    expect((await nls.stores.tenants.getTenant(top.id))?.parentId).toBeUndefined()
    expect((await nls.stores.tenants.getTenant(under.id))?.parentId).toBe(top.id)
  })
})
