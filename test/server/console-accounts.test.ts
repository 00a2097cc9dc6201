// The console's accounts section over real HTTP: a district's manager and an admin token's holder
// add accounts (first password shown once, never in the audit log), give new passwords, change
// roles and disable, ending the person's sessions; everyone else, and other districts, refused.
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
let admin: ConsoleBrowser
beforeAll(async () => {
  nls = await startNls()
  ;({ districtId, schoolId } = await createDistrictWithSchool(
    nls,
    'Phòng GD&ĐT Tây Hồ',
    'THCS Chu Văn An',
  ))
  otherSchoolId = (await createDistrictWithSchool(nls, 'Phòng GD&ĐT Hoàn Kiếm', 'THCS Trưng Vương'))
    .schoolId
  manager = await accountBrowser(nls, districtId, 'pgd.tayho', 'administrator')
  admin = await adminTokenBrowser(nls, 'so-gddt')
}, 60_000)
afterAll(() => nls?.close())

const accountsOf = (tenantId: string) => `/admin/accounts?tenant=${tenantId}`
const signIn = (username: string, password: string) =>
  fetch(`${nls.url}/login`, {
    method: 'POST',
    body: new URLSearchParams({ username, password }),
    redirect: 'manual',
  })
const passwordOn = (html: string) => /<code data-password[^>]*>([^<]+)<\/code>/.exec(html)?.[1]
/** The tenant's audit entries of account changes, newest first (sign-ins left out). */
const accountEntries = async (tenantId: string) =>
  (await nls.stores.audit.list({ tenantId, limit: 100 })).filter((e) =>
    e.action.startsWith('account.'),
  )
const usernames = async (tenantId: string) =>
  (await nls.stores.localAccounts.listAccounts(tenantId)).map((a) => a.username)

describe('who may use the accounts section', () => {
  it('sends a browser without a session to the console sign-in', async () => {
    const res = await anonymousBrowser(nls).get(accountsOf(schoolId))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/admin/login')
  })

  it("refuses a school's own manager and a trainer, in their language", async () => {
    const schoolManager = await accountBrowser(nls, schoolId, 'ht.chuvanan', 'administrator')
    const trainer = await accountBrowser(nls, districtId, 'tapHuan.tayho', 'instructor')
    for (const who of [schoolManager, trainer]) {
      const res = await who.get(`${accountsOf(schoolId)}&lang=en`)
      expect(res.status).toBe(403)
      expect(await res.text()).toContain('<html lang="en">')
    }
  })

  it("refuses a district's manager another district's school (403) and an unknown tenant (404)", async () => {
    expect((await manager.get(accountsOf(otherSchoolId))).status).toBe(403)
    const add = await manager.post(
      '/admin/accounts',
      { tenant: otherSchoolId, username: 'gv.khac', role: 'teacher' },
      '/admin/accounts',
    )
    expect(add.status).toBe(403)
    expect(await nls.stores.localAccounts.listAccounts(otherSchoolId)).toEqual([])
    expect((await manager.get(accountsOf('00000000-0000-4000-8000-000000000077'))).status).toBe(404)
  })

  it('refuses a POST without the form token', async () => {
    const res = await fetch(`${nls.url}/admin/accounts`, {
      method: 'POST',
      headers: { cookie: manager.cookie, accept: 'text/html' },
      body: new URLSearchParams({ tenant: schoolId, username: 'gv.gia', role: 'teacher' }),
      redirect: 'manual',
    })
    expect(res.status).toBe(403)
    expect(await usernames(schoolId)).not.toContain('gv.gia')
  })
})

describe("a district's manager on a school of the district", () => {
  let password: string

  it('lists the tenants of the district in the picker, and the school picked', async () => {
    const res = await manager.get(accountsOf(schoolId))
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('THCS Chu Văn An')
    expect(html).not.toContain('THCS Trưng Vương')
    expect(html).toContain('data-account="ht.chuvanan"')
  })

  it('keeps what was typed and names each bad field, in the page language', async () => {
    const fields = {
      tenant: schoolId,
      username: 'X Y',
      role: 'boss',
      name: 'Lê Thị Hoa',
      email: 'not-an-email',
    }
    const vi = await manager.post('/admin/accounts', fields, '/admin/accounts')
    expect(vi.status).toBe(400)
    const html = await vi.text()
    expect(html).toContain('data-problem="username"')
    expect(html).toContain('data-problem="role"')
    expect(html).toContain('Email không hợp lệ')
    expect(html).toContain('value="Lê Thị Hoa"')
    expect(html).toContain('value="not-an-email"')
    const en = await manager.post('/admin/accounts?lang=en', fields, '/admin/accounts?lang=en')
    expect(await en.text()).toContain('Not an email address')
    expect(await usernames(schoolId)).toEqual(['ht.chuvanan'])
  })

  it('adds a teacher, its first password shown once and kept out of the audit log', async () => {
    const res = await manager.post(
      '/admin/accounts',
      {
        tenant: schoolId,
        username: ' GV.Hoa ',
        role: 'teacher',
        name: 'Lê Thị Hoa',
        email: 'Hoa.Le@ChuVanAn.edu.vn',
      },
      '/admin/accounts',
    )
    expect(res.status).toBe(200)
    const html = await res.text()
    password = passwordOn(html)!
    expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{16}$/)
    expect(html).toContain('data-account="gv.hoa"')
    expect(html).toContain('Lê Thị Hoa')
    expect(passwordOn(await (await manager.get(accountsOf(schoolId))).text())).toBeUndefined()
    const [entry] = await accountEntries(schoolId)
    expect(entry).toMatchObject({
      actor: 'account:pgd.tayho',
      action: 'account.add',
      details: { username: 'gv.hoa', role: 'learner' },
    })
    expect(JSON.stringify(await nls.stores.audit.list({ limit: 1000 }))).not.toContain(password)
    expect((await signIn('gv.hoa', password)).status).toBe(303)
  })

  it('refuses a user name the school has already, at the field', async () => {
    const res = await manager.post(
      '/admin/accounts',
      { tenant: schoolId, username: 'gv.hoa', role: 'trainer', password: '' },
      '/admin/accounts',
    )
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Đơn vị này đã có tài khoản với tên đăng nhập này.')
  })

  it('takes a typed first password of 10 characters or more', async () => {
    const short = await manager.post(
      '/admin/accounts',
      { tenant: schoolId, username: 'tt.chuvanan', role: 'trainer', password: 'ngan' },
      '/admin/accounts',
    )
    expect(short.status).toBe(400)
    expect(await short.text()).toContain('data-problem="password"')
    const res = await manager.post(
      '/admin/accounts',
      { tenant: schoolId, username: 'tt.chuvanan', role: 'trainer', password: 'mat-khau-tu-chon' },
      '/admin/accounts',
    )
    expect(res.status).toBe(200)
    expect((await signIn('tt.chuvanan', 'mat-khau-tu-chon')).status).toBe(303)
  })

  it("changes a role and gives a new password, each ending the person's sessions", async () => {
    const session = (await signIn('gv.hoa', password)).headers.getSetCookie()[0]!.split(';')[0]!
    const profile = () => fetch(`${nls.url}/app/profile`, { headers: { cookie: session } })
    expect((await profile()).status).toBe(200)
    const role = await manager.post(
      '/admin/accounts/role',
      { tenant: schoolId, username: 'gv.hoa', role: 'trainer' },
      '/admin/accounts',
    )
    expect(role.status).toBe(303)
    const back = await manager.get(role.headers.get('location')!)
    expect(await back.text()).toContain('Tài khoản gv.hoa giờ là tập huấn viên')
    expect((await profile()).status).toBe(401)
    const reset = await manager.post(
      '/admin/accounts/password',
      { tenant: schoolId, username: 'gv.hoa' },
      '/admin/accounts',
    )
    expect(reset.status).toBe(200)
    const renewed = passwordOn(await reset.text())!
    expect(renewed).not.toBe(password)
    expect((await signIn('gv.hoa', password)).status).not.toBe(303)
    expect((await signIn('gv.hoa', renewed)).status).toBe(303)
    const actions = (await accountEntries(schoolId)).map((e) => e.action)
    expect(actions.slice(0, 2)).toEqual(['account.password', 'account.role'])
    expect(JSON.stringify(await nls.stores.audit.list({ limit: 1000 }))).not.toContain(renewed)
    password = renewed
  })

  it("disables an account, ending the person's sessions", async () => {
    const session = (await signIn('gv.hoa', password)).headers.getSetCookie()[0]!.split(';')[0]!
    const res = await manager.post(
      '/admin/accounts/disable',
      { tenant: schoolId, username: 'gv.hoa' },
      '/admin/accounts',
    )
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(
      `/admin/accounts?tenant=${schoolId}&done=disabled&username=gv.hoa`,
    )
    expect(await (await manager.get(res.headers.get('location')!)).text()).toContain(
      'Đã khóa tài khoản gv.hoa',
    )
    expect((await fetch(`${nls.url}/app/profile`, { headers: { cookie: session } })).status).toBe(
      401,
    )
    expect((await signIn('gv.hoa', password)).status).not.toBe(303)
    const [entry] = await accountEntries(schoolId)
    expect(entry).toMatchObject({ actor: 'account:pgd.tayho', action: 'account.disable' })
  })

  it('answers 404 for an account the school does not have', async () => {
    const res = await manager.post(
      '/admin/accounts/disable',
      { tenant: schoolId, username: 'khong.co' },
      '/admin/accounts',
    )
    expect(res.status).toBe(404)
  })
})

describe("an admin token's holder", () => {
  it('manages a school of any district, audited as the token', async () => {
    const res = await admin.post(
      '/admin/accounts?lang=en',
      { tenant: otherSchoolId, username: 'ht.trungvuong', role: 'manager' },
      '/admin/accounts?lang=en',
    )
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain("ht.trungvuong's password is shown only once")
    expect(passwordOn(html)).toBeDefined()
    const [entry] = await accountEntries(otherSchoolId)
    expect(entry).toMatchObject({ actor: 'admin-token:so-gddt', action: 'account.add' })
  })
})
