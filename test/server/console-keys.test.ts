// The console's xAPI keys section over real HTTP: a district's manager makes a school's key (the
// secret shown once with the endpoint and a ready Basic header, never in the audit log) and
// revokes it; everyone else, other districts' keys, and forms without their token are refused.
import type { RunningServer } from '../../src/server/start-server.ts'
import {
  accountBrowser,
  adminTokenBrowser,
  anonymousBrowser,
  type ConsoleBrowser,
  createDistrictWithSchool,
} from '../support/console.ts'
import { startNls } from '../support/nls-server.ts'

let nls: RunningServer
let districtId: string
let schoolId: string
let otherSchoolId: string
let manager: ConsoleBrowser
beforeAll(async () => {
  nls = await startNls()
  ;({ districtId, schoolId } = await createDistrictWithSchool(
    nls,
    'Phòng GD&ĐT Cầu Giấy',
    'THCS Nghĩa Tân',
  ))
  otherSchoolId = (await createDistrictWithSchool(nls, 'Phòng GD&ĐT Đống Đa', 'THCS Láng Thượng'))
    .schoolId
  manager = await accountBrowser(nls, districtId, 'pgd.caugiay', 'administrator')
}, 60_000)
afterAll(() => nls?.close())

const keysOf = (tenantId: string) => `/admin/keys?tenant=${tenantId}`
const shown = (html: string, what: string) =>
  new RegExp(`<code data-${what}[^>]*>([^<]+)</code>`).exec(html)?.[1]
const keyEntries = async () =>
  (await nls.stores.audit.list({ limit: 1000 })).filter((e) => e.action.startsWith('xapi-client.'))

describe('who may use the keys section', () => {
  it('sends a browser without a session to the console sign-in', async () => {
    const res = await anonymousBrowser(nls).get(keysOf(schoolId))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/admin/login')
  })

  it("refuses a school's own manager and a trainer", async () => {
    for (const who of [
      await accountBrowser(nls, schoolId, 'ht.nghiatan', 'administrator'),
      await accountBrowser(nls, districtId, 'th.caugiay', 'instructor'),
    ]) {
      expect((await who.get(keysOf(schoolId))).status).toBe(403)
    }
  })

  it("refuses another district's school, and a POST without the form token", async () => {
    expect((await manager.get(keysOf(otherSchoolId))).status).toBe(403)
    const made = await manager.post(
      '/admin/keys',
      { tenant: otherSchoolId, name: 'x' },
      '/admin/keys',
    )
    expect(made.status).toBe(403)
    const unsigned = await fetch(`${nls.url}/admin/keys`, {
      method: 'POST',
      headers: { cookie: manager.cookie, accept: 'text/html' },
      body: new URLSearchParams({ tenant: schoolId, name: 'moodle-logstore' }),
      redirect: 'manual',
    })
    expect(unsigned.status).toBe(403)
    expect(await nls.stores.xapiClients.listClients(schoolId)).toEqual([])
    expect(await nls.stores.xapiClients.listClients(otherSchoolId)).toEqual([])
  })
})

describe("a district's manager on a school of the district", () => {
  let key: string
  let secret: string

  it('names a missing name at its field', async () => {
    const res = await manager.post('/admin/keys', { tenant: schoolId, name: '  ' }, '/admin/keys')
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('data-problem="name"')
  })

  it('makes a key: the endpoint, key, secret and Basic header shown once', async () => {
    const res = await manager.post(
      '/admin/keys',
      { tenant: schoolId, name: 'moodle-logstore' },
      '/admin/keys',
    )
    expect(res.status).toBe(200)
    const html = await res.text()
    key = shown(html, 'key')!
    secret = shown(html, 'secret')!
    expect(shown(html, 'endpoint')).toBe(`${nls.url}/xapi/`)
    expect(shown(html, 'basic')).toBe(
      `Authorization: Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
    )
    expect(await nls.stores.xapiClients.verifyClient(key, secret)).toMatchObject({
      tenantId: schoolId,
      name: 'moodle-logstore',
    })
    const page = await (await manager.get(keysOf(schoolId))).text()
    expect(page).toContain(`data-client="${key}"`)
    expect(page).not.toContain(secret)
    const [entry] = await keyEntries()
    expect(entry).toMatchObject({
      tenantId: schoolId,
      actor: 'account:pgd.caugiay',
      action: 'xapi-client.create',
    })
    expect(JSON.stringify(await nls.stores.audit.list({ limit: 1000 }))).not.toContain(secret)
  })

  it('refuses a second active key of the same name at its field, keeping the name', async () => {
    const res = await manager.post(
      '/admin/keys?lang=en',
      { tenant: schoolId, name: 'moodle-logstore' },
      '/admin/keys?lang=en',
    )
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('The tenant already has an active key with this name.')
    expect(html).toContain('value="moodle-logstore"')
  })

  it("refuses to revoke another district's key by naming its own school", async () => {
    const { client } = await nls.stores.xapiClients.createClient(otherSchoolId, 'lms', 'test')
    const res = await manager.post(
      '/admin/keys/revoke',
      { tenant: schoolId, id: client.id },
      '/admin/keys',
    )
    expect(res.status).toBe(404)
    const direct = await manager.post(
      '/admin/keys/revoke',
      { tenant: otherSchoolId, id: client.id },
      '/admin/keys',
    )
    expect(direct.status).toBe(403)
    expect((await nls.stores.xapiClients.listClients(otherSchoolId))[0]!.revokedAt).toBeUndefined()
  })

  it('revokes the key: it no longer opens the endpoint; audited', async () => {
    const [client] = await nls.stores.xapiClients.listClients(schoolId)
    const res = await manager.post(
      '/admin/keys/revoke',
      { tenant: schoolId, id: client!.id },
      '/admin/keys',
    )
    expect(res.status).toBe(303)
    const back = await (await manager.get(res.headers.get('location')!)).text()
    expect(back).toContain('Đã thu hồi khóa moodle-logstore')
    expect(await nls.stores.xapiClients.verifyClient(key, secret)).toBeUndefined()
    const statements = await fetch(`${nls.url}/xapi/statements`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
        'X-Experience-API-Version': '1.0.3',
        'content-type': 'application/json',
      },
      body: '[]',
    })
    expect(statements.status).toBe(401)
    const [entry] = await keyEntries()
    expect(entry).toMatchObject({ actor: 'account:pgd.caugiay', action: 'xapi-client.revoke' })
  })
})

describe("an admin token's holder", () => {
  it("makes a key for any district's school, audited as the token", async () => {
    const admin = await adminTokenBrowser(nls, 'so-gddt')
    const res = await admin.post(
      '/admin/keys',
      { tenant: otherSchoolId, name: 'k12online' },
      '/admin/keys',
    )
    expect(res.status).toBe(200)
    const [entry] = await keyEntries()
    expect(entry).toMatchObject({ actor: 'admin-token:so-gddt', tenantId: otherSchoolId })
  })
})
