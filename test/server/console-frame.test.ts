// The web console's frame over real HTTP: signing in with an admin token (a Strict, HttpOnly
// cookie for /admin that ends when the token is revoked), a district manager through their /app
// session, refusals of everyone else, and the form token every POST must carry.
import type { RunningServer } from '../../src/server/start-server.ts'
import { startNls } from '../support/nls-server.ts'
import {
  accountBrowser,
  adminSecretBrowser,
  adminTokenBrowser,
  anonymousBrowser,
  createDistrictWithSchool,
} from '../support/console.ts'

let nls: RunningServer
let districtId: string
let schoolId: string
beforeAll(async () => {
  nls = await startNls()
  ;({ districtId, schoolId } = await createDistrictWithSchool(
    nls,
    'Phòng GD&ĐT Ba Đình',
    'THCS Giảng Võ',
  ))
}, 60_000)
afterAll(() => nls?.close())

describe('signing in with an admin token', () => {
  it('sends a browser without a session to the sign-in page, in its language', async () => {
    const anonymous = anonymousBrowser(nls)
    for (const path of ['/admin', '/admin/tenants', '/admin/tokens']) {
      const res = await anonymous.get(path)
      expect({ path, status: res.status, to: res.headers.get('location') }).toEqual({
        path,
        status: 303,
        to: '/admin/login',
      })
    }
    expect((await anonymous.get('/admin/tenants?lang=en')).headers.get('location')).toBe(
      '/admin/login?lang=en',
    )
    const page = await (await anonymous.get('/admin/login')).text()
    expect(page).toContain('Mã quản trị (admin token)')
  })

  it('refuses an empty and a wrong token at the field, and signs in with a good one', async () => {
    const post = (token: string, lang = 'vi') =>
      fetch(`${nls.url}/admin/login?lang=${lang}`, {
        method: 'POST',
        body: new URLSearchParams({ token }),
        redirect: 'manual',
      })
    const empty = await post('  ')
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('data-problem="token">Hãy dán mã quản trị.')
    const wrong = await post('not-a-token', 'en')
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).toContain('The admin token is wrong or has been revoked.')
    const { secret } = await nls.stores.adminTokens.createToken('so-it', 'test')
    const good = await post(secret)
    expect(good.status).toBe(303)
    expect(good.headers.get('location')).toBe('/admin/tenants')
    const cookie = good.headers.getSetCookie()[0]!
    expect(cookie).toMatch(/^nls_console=/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    expect(cookie).toContain('Path=/admin')
    expect(cookie).toContain(`Max-Age=${8 * 3600}`)
    // The cookie carries the token's id, never its secret.
    expect(cookie).not.toContain(secret)
    const [entry] = await nls.stores.audit.list({ limit: 1 })
    expect(entry).toMatchObject({ actor: 'admin-token:so-it', action: 'console.login' })
  })

  it('shows the frame: who, the sections, the language switch; /admin leads to tenants', async () => {
    const admin = await adminTokenBrowser(nls, 'frame-admin')
    const root = await admin.get('/admin?lang=en')
    expect([root.status, root.headers.get('location')]).toEqual([303, '/admin/tenants?lang=en'])
    const res = await admin.get('/admin/tenants')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    const html = await res.text()
    expect(html).toContain('data-actor="admin-token">frame-admin (mã quản trị)')
    for (const path of ['tenants', 'accounts', 'roster', 'keys', 'platforms', 'tokens']) {
      expect(html).toContain(`href="/admin/${path}"`)
    }
    expect(html).toContain('href="/admin/tenants?lang=en"')
    const en = await (await admin.get('/admin/tenants?lang=en')).text()
    expect(en).toContain('<html lang="en">')
    expect(en).toContain('Tenants and districts')
  })

  it('closes the console at once when the token is revoked', async () => {
    const { token, secret } = await nls.stores.adminTokens.createToken('soon-revoked', 'test')
    const admin = await adminSecretBrowser(nls, secret)
    expect((await admin.get('/admin/tenants')).status).toBe(200)
    await nls.stores.adminTokens.revokeToken(token.id, 'test')
    const res = await admin.get('/admin/tenants')
    expect([res.status, res.headers.get('location')]).toEqual([303, '/admin/login'])
  })

  it('refuses a POST without the form token, or with another sign-in’s', async () => {
    const admin = await adminTokenBrowser(nls, 'csrf-admin')
    const other = await adminTokenBrowser(nls, 'csrf-other')
    const otherToken = /name="form" value="([^"]+)"/.exec(
      await (await other.get('/admin/tenants')).text(),
    )![1]!
    const without = await fetch(`${nls.url}/admin/logout`, {
      method: 'POST',
      headers: { cookie: admin.cookie, accept: 'text/html' },
      body: new URLSearchParams({}),
      redirect: 'manual',
    })
    expect(without.status).toBe(403)
    expect((await admin.post('/admin/logout', { form: otherToken })).status).toBe(403)
    // Still signed in.
    expect((await admin.get('/admin/tenants')).status).toBe(200)
  })

  it('signs out: the cookie goes and the sign-out is audited', async () => {
    const admin = await adminTokenBrowser(nls, 'leaving')
    const res = await admin.post('/admin/logout', {})
    expect([res.status, res.headers.get('location')]).toEqual([303, '/admin/login'])
    expect(res.headers.getSetCookie()[0]).toMatch(/^nls_console=;.*Max-Age=0/)
    const [entry] = await nls.stores.audit.list({ limit: 1 })
    expect(entry).toMatchObject({ actor: 'admin-token:leaving', action: 'console.logout' })
  })
})

describe('a district manager and everyone else', () => {
  it('lets a district manager in with their /app session, and the /app menu leads there', async () => {
    const manager = await accountBrowser(nls, districtId, 'pgd.badinh', 'administrator')
    const html = await (await manager.get('/admin/tenants')).text()
    expect(html).toContain('data-actor="district-manager">pgd.badinh (quản lý phòng GD&amp;ĐT)')
    // Installation-wide sections are not offered.
    expect(html).not.toContain('href="/admin/tokens"')
    expect((await manager.get('/admin/tokens')).status).toBe(403)
    const app = await (await manager.get('/app/reports')).text()
    expect(app).toContain('<a href="/admin/tenants">Quản trị</a>')
  })

  it('refuses a school manager and a trainer with a page in their language', async () => {
    const schoolManager = await accountBrowser(nls, schoolId, 'hieutruong.gv', 'administrator')
    const trainer = await accountBrowser(nls, districtId, 'taphuan.bd', 'instructor')
    for (const who of [schoolManager, trainer]) {
      const res = await who.get('/admin/tenants?lang=en')
      expect(res.status).toBe(403)
      const page = await res.text()
      expect(page).toContain('<html lang="en">')
      expect(page).toContain('ERR_FORBIDDEN')
    }
    const app = await (await schoolManager.get('/app/reports')).text()
    expect(app).not.toContain('href="/admin/tenants"')
  })

  it('signs a district manager out of NLS altogether', async () => {
    const manager = await accountBrowser(nls, districtId, 'pgd.leaving', 'administrator')
    const res = await manager.post('/admin/logout', {})
    expect([res.status, res.headers.get('location')]).toEqual([303, '/login'])
    const again = await manager.get('/admin/tenants')
    expect([again.status, again.headers.get('location')]).toEqual([303, '/admin/login'])
  })
})
