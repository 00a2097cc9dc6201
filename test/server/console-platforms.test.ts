// The console's LMSs, registration invitations and admin tokens over real HTTP: an invitation's
// URL shown once and withdrawn, a district manager's invitations kept to their district, admin
// tokens made (secret once), listed and revoked (one's own signs one out), for admin tokens only.
import type { RunningServer } from '../../src/server/start-server.ts'
import { startNls } from '../support/nls-server.ts'
import {
  accountBrowser,
  adminTokenBrowser,
  adminSecretBrowser,
  anonymousBrowser,
  type ConsoleBrowser,
} from '../support/console.ts'

let nls: RunningServer
let admin: ConsoleBrowser
let manager: ConsoleBrowser
let districtId: string
let otherDistrictId: string
beforeAll(async () => {
  nls = await startNls()
  const { tenants } = nls.stores
  districtId = (await tenants.createTenant({ kind: 'organisation', name: 'Phòng GD&ĐT Hà Đông' }))
    .id
  otherDistrictId = (
    await tenants.createTenant({ kind: 'organisation', name: 'Phòng GD&ĐT Long Biên' })
  ).id
  await nls.stores.platforms.addPlatform(
    {
      issuer: 'https://moodle.hadong.edu.vn',
      clientId: 'nls-client',
      authUrl: 'https://moodle.hadong.edu.vn/mod/lti/auth.php',
      tokenUrl: 'https://moodle.hadong.edu.vn/mod/lti/token.php',
      jwksUrl: 'https://moodle.hadong.edu.vn/mod/lti/certs.php',
      deploymentIds: ['1', '2'],
      name: 'Moodle Hà Đông',
    },
    'test',
  )
  admin = await adminTokenBrowser(nls, 'so-gddt')
  manager = await accountBrowser(nls, districtId, 'pgd.hadong', 'administrator')
}, 60_000)
afterAll(() => nls?.close())

const urlOf = (html: string) => /<code data-invitation-url[^>]*>([^<]+)<\/code>/.exec(html)?.[1]

describe('LMSs and invitations', () => {
  it('lists the registered LMSs to an admin token only', async () => {
    const html = await (await admin.get('/admin/platforms')).text()
    expect(html).toContain('https://moodle.hadong.edu.vn')
    expect(html).toContain('1, 2')
    const theirs = await (await manager.get('/admin/platforms')).text()
    expect(theirs).not.toContain('data-platforms')
    expect(theirs).not.toContain('https://moodle.hadong.edu.vn')
  })

  it('makes an invitation, shows its URL once, and withdraws it, audited', async () => {
    const res = await admin.post(
      '/admin/platforms/invitations',
      { name: 'Moodle THPT', parentId: districtId, days: '3' },
      '/admin/platforms',
    )
    expect(res.status).toBe(201)
    const url = urlOf(await res.text())
    expect(url).toMatch(/\/lti\/register\?invitation=[\w-]+$/)
    const [invitation] = await nls.stores.invitations.listInvitations()
    expect(invitation).toMatchObject({
      name: 'Moodle THPT',
      parentId: districtId,
      createdBy: 'admin-token:so-gddt',
    })
    const list = await (await admin.get('/admin/platforms')).text()
    expect(list).toContain(`data-invitation="${invitation!.id}" data-status="open"`)
    // The token is never shown again.
    expect(list).not.toContain(url!.split('invitation=')[1])
    const withdrawn = await admin.post(
      `/admin/platforms/invitations/${invitation!.id}/withdraw`,
      {},
      '/admin/platforms',
    )
    expect([withdrawn.status, withdrawn.headers.get('location')]).toEqual([
      303,
      '/admin/platforms?withdrawn=1',
    ])
    const after = await (await admin.get('/admin/platforms?withdrawn=1')).text()
    expect(after).toContain('Đã thu hồi lời mời.')
    expect(after).toContain(`data-invitation="${invitation!.id}" data-status="withdrawn"`)
  })

  it('keeps what was typed and names bad fields', async () => {
    const res = await admin.post(
      '/admin/platforms/invitations?lang=en',
      { name: 'Moodle X', parentId: '', days: '365' },
      '/admin/platforms',
    )
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('value="Moodle X"')
    expect(html).toContain('data-problem="invite-days">Not a valid value: at most 90 days')
  })

  it('keeps a district manager’s invitations to their district', async () => {
    const none = await manager.post(
      '/admin/platforms/invitations',
      { name: 'Moodle Tự Do', parentId: '', days: '7' },
      '/admin/platforms',
    )
    expect(none.status).toBe(400)
    const other = await manager.post(
      '/admin/platforms/invitations',
      { name: 'Moodle Long Biên', parentId: otherDistrictId, days: '7' },
      '/admin/platforms',
    )
    expect(other.status).toBe(400)
    expect(await other.text()).toContain('data-problem="invite-parent"')
    const ok = await manager.post(
      '/admin/platforms/invitations',
      { name: 'Moodle Hà Đông 2', parentId: districtId, days: '7' },
      '/admin/platforms',
    )
    expect(ok.status).toBe(201)
    expect(urlOf(await ok.text())).toBeDefined()
    const invitations = await nls.stores.invitations.listInvitations()
    expect(invitations.map((i) => i.name)).not.toContain('Moodle Long Biên')
    const mine = invitations.find((i) => i.name === 'Moodle Hà Đông 2')!
    expect(mine.createdBy).toBe('account:pgd.hadong')
    // Another district's invitation: not listed, not withdrawable.
    const { invitation: foreign } = await nls.stores.invitations.createInvitation(
      {
        name: 'Moodle LB',
        parentId: otherDistrictId,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
      'test',
    )
    const page = await (await manager.get('/admin/platforms')).text()
    expect(page).toContain(`data-invitation="${mine.id}"`)
    expect(page).not.toContain(foreign.id)
    const refused = await manager.post(
      `/admin/platforms/invitations/${foreign.id}/withdraw`,
      {},
      '/admin/platforms',
    )
    expect(refused.status).toBe(404)
    const still = (await nls.stores.invitations.listInvitations()).find((i) => i.id === foreign.id)
    expect(still?.usedAt).toBeUndefined()
  })

  it('refuses a POST without the form token, and a trainer', async () => {
    const res = await fetch(`${nls.url}/admin/platforms/invitations`, {
      method: 'POST',
      headers: { cookie: admin.cookie, accept: 'text/html' },
      body: new URLSearchParams({ name: 'CSRF', days: '7' }),
      redirect: 'manual',
    })
    expect(res.status).toBe(403)
    const trainer = await accountBrowser(nls, districtId, 'taphuan.hd', 'instructor')
    expect((await trainer.get('/admin/platforms')).status).toBe(403)
    const anonymous = await anonymousBrowser(nls).get('/admin/platforms')
    expect([anonymous.status, anonymous.headers.get('location')]).toEqual([303, '/admin/login'])
  })
})

describe('admin tokens', () => {
  it('makes a token whose secret is shown once and signs in', async () => {
    const res = await admin.post('/admin/tokens', { name: 'phong-cntt' }, '/admin/tokens')
    expect(res.status).toBe(201)
    const html = await res.text()
    const secret = /<code data-secret[^>]*>([^<]+)<\/code>/.exec(html)?.[1]
    expect(secret).toBeDefined()
    const list = await (await admin.get('/admin/tokens')).text()
    expect(list).toContain('phong-cntt')
    expect(list).not.toContain(secret!)
    const made = await adminSecretBrowser(nls, secret!)
    expect((await made.get('/admin/tokens')).status).toBe(200)
    const entries = await nls.stores.audit.list({ limit: 20 })
    const audited = entries.find((e) => e.action === 'admin-token.create')
    expect(audited).toMatchObject({ actor: 'admin-token:so-gddt' })
    expect(JSON.stringify(entries)).not.toContain(secret!)
  })

  it('refuses an empty or taken name at the field, keeping it', async () => {
    const empty = await admin.post('/admin/tokens', { name: '  ' }, '/admin/tokens')
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('data-problem="token-name"')
    const taken = await admin.post('/admin/tokens?lang=en', { name: 'so-gddt' }, '/admin/tokens')
    expect(taken.status).toBe(409)
    const html = await taken.text()
    expect(html).toContain('value="so-gddt"')
    expect(html).toContain('not used by an active token')
  })

  it('revokes another token, and one’s own signs one out', async () => {
    const other = await nls.stores.adminTokens.createToken('tam-thoi', 'test')
    const res = await admin.post(`/admin/tokens/${other.token.id}/revoke`, {}, '/admin/tokens')
    expect([res.status, res.headers.get('location')]).toEqual([
      303,
      `/admin/tokens?revoked=${other.token.id}`,
    ])
    const revoked = (await nls.stores.adminTokens.listTokens()).find((x) => x.id === other.token.id)
    expect(revoked?.revokedAt).toBeDefined()
    const self = await adminTokenBrowser(nls, 'tu-thu-hoi')
    const own = (await nls.stores.adminTokens.listTokens()).find((x) => x.name === 'tu-thu-hoi')!
    const out = await self.post(`/admin/tokens/${own.id}/revoke`, {}, '/admin/tokens')
    expect([out.status, out.headers.get('location')]).toEqual([303, '/admin/login'])
    expect(out.headers.getSetCookie()[0]).toMatch(/^nls_console=;/)
    const again = await self.get('/admin/tokens')
    expect([again.status, again.headers.get('location')]).toEqual([303, '/admin/login'])
  })

  it('refuses admin tokens to a district manager', async () => {
    expect((await manager.get('/admin/tokens')).status).toBe(403)
    const res = await manager.post('/admin/tokens', { name: 'leo-thang' }, '/admin/tenants')
    expect(res.status).toBe(403)
    const names = (await nls.stores.adminTokens.listTokens()).map((x) => x.name)
    expect(names).not.toContain('leo-thang')
  })
})
