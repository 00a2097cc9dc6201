// The pages of a school without an LMS, over real HTTP on a real database: the staff heat-map
// by unit and page, and a local account's password change with its refusals.
import { hashPassword, verifyPassword } from '../../src/accounts/password.ts'
import { signSession } from '../../lti/session.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import { startNls } from '../support/nls-server.ts'

const PASSWORD = 'mat-khau-ban-dau'
let nls: RunningServer
let tenantId: string
let trainerId: string
let cookie: string
/** The session token of the signed-in trainer (a form carries it). */
let token: string
beforeAll(async () => {
  nls = await startNls()
  const { stores } = nls
  tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THCS Láng Hạ' })).id
  // 105 teachers of the maths group, 3 of the literature group.
  for (let i = 0; i < 108; i++) {
    const person = await stores.people.upsertPersonByIdentity(
      tenantId,
      { kind: 'mbox', mbox: `mailto:gv${i}@langha.edu.vn` },
      { name: `Giáo viên ${String(i).padStart(3, '0')}` },
    )
    await stores.people.setUnit(tenantId, person.id, i < 105 ? 'Tổ Toán' : 'Tổ Văn')
  }
  const trainer = await stores.people.upsertPersonByIdentity(
    tenantId,
    { kind: 'account', homePage: 'urn:nls:local-account', name: 'totruong' },
    { name: 'Tổ trưởng' },
  )
  trainerId = trainer.id
  await stores.localAccounts.createAccount(tenantId, {
    username: 'totruong',
    passwordHash: await hashPassword(PASSWORD),
    role: 'instructor',
    personId: trainer.id,
  })
  const res = await fetch(`${nls.url}/login`, {
    method: 'POST',
    body: new URLSearchParams({ username: 'totruong', password: PASSWORD }),
    redirect: 'manual',
  })
  expect(res.status).toBe(303)
  cookie = res.headers.getSetCookie()[0]!.split(';')[0]!
  token = cookie.slice(cookie.indexOf('=') + 1)
}, 60_000)
afterAll(() => nls?.close())

const get = (path: string) => fetch(`${nls.url}${path}`, { headers: { cookie } })
const names = (html: string) =>
  [...html.matchAll(/<tr data-person-row="[^"]+"><th scope="row"><a [^>]*>([^<]+)<\/a>/g)].map(
    (m) => m[1],
  )

describe('the staff heat-map without a course', () => {
  it('lists the staff of one unit, a hundred a page, and keeps the unit in the page links', async () => {
    const first = await (await get(`/app/class?unit=${encodeURIComponent('Tổ Toán')}`)).text()
    expect(names(first)).toHaveLength(100)
    expect(names(first)[0]).toBe('Giáo viên 000')
    expect(first).toContain('Người 1–100 trong 105.')
    expect(first).toContain(`<option value="Tổ Toán" selected>`)
    const next = /<a href="([^"]+)" rel="next">/.exec(first)?.[1]
    expect(next).toBe('/app/class?page=2&amp;unit=T%E1%BB%95+To%C3%A1n')
    const second = await (await get(next!.replaceAll('&amp;', '&'))).text()
    expect(names(second)).toEqual([
      'Giáo viên 100',
      'Giáo viên 101',
      'Giáo viên 102',
      'Giáo viên 103',
      'Giáo viên 104',
    ])
    const other = await (await get(`/app/class?unit=${encodeURIComponent('Tổ Văn')}`)).text()
    expect(names(other)).toEqual(['Giáo viên 105', 'Giáo viên 106', 'Giáo viên 107'])
    // All units: the 108; the trainer's account is not on the roster.
    expect(await (await get('/app/class?unit=')).text()).toContain('Người 1–100 trong 108.')
  })

  it('refuses a bad page number and a too long unit, naming the field', async () => {
    const bad = await get('/app/class?page=0')
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('page')
    const long = await get(`/app/class?unit=${'x'.repeat(201)}`)
    expect(long.status).toBe(400)
    expect(await long.text()).toContain('at most 200 characters')
  })
})

describe('a password change', () => {
  const change = (fields: Record<string, string>, withSession = true) =>
    fetch(`${nls.url}/app/password`, {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ ...(withSession && { session: token }), ...fields }),
      redirect: 'manual',
    })
  const kept = async () =>
    (await nls.stores.localAccounts.listAccounts(tenantId)).find((a) => a.username === 'totruong')!
      .passwordHash

  it('is refused without the session in the form (no cross-site forms)', async () => {
    const res = await change({ current: PASSWORD, next: 'mot-mat-khau-moi', repeat: 'x' }, false)
    expect(res.status).toBe(403)
  })

  it('names each wrong field and keeps the password', async () => {
    const before = await kept()
    const res = await change({ current: PASSWORD, next: 'mot-mat-khau-moi', repeat: 'khac' })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Hai lần nhập mật khẩu mới không khớp.')
    const same = await change({ current: PASSWORD, next: PASSWORD, repeat: PASSWORD })
    expect(await same.text()).toContain('Mật khẩu mới phải khác mật khẩu hiện tại.')
    expect(await kept()).toBe(before)
  })

  it('changes it, audited, with the current one', async () => {
    const res = await change({
      current: PASSWORD,
      next: 'mot-mat-khau-moi',
      repeat: 'mot-mat-khau-moi',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/app/password?saved=1')
    expect(await verifyPassword('mot-mat-khau-moi', await kept())).toBe(true)
    // The sessions made with the old password end; this browser is given a new one.
    const old = cookie
    cookie = res.headers.getSetCookie()[0]!.split(';')[0]!
    token = cookie.slice(cookie.indexOf('=') + 1)
    expect((await fetch(`${nls.url}/app/password`, { headers: { cookie: old } })).status).toBe(401)
    expect((await get('/app/password')).status).toBe(200)
    const audit = await nls.stores.audit.list({ tenantId })
    expect(audit.map((e) => e.action)).toContain('account.password')
  })

  it('pauses after ten wrong current passwords', async () => {
    const wrong = { current: 'sai', next: 'mot-mat-khau-khac', repeat: 'mot-mat-khau-khac' }
    for (let i = 0; i < 10; i++) expect((await change(wrong)).status).toBe(401)
    const paused = await change({ ...wrong, current: 'mot-mat-khau-moi' })
    expect(paused.status).toBe(429)
    expect(await paused.text()).toContain('Hãy thử lại sau 15 phút.')
    expect(await verifyPassword('mot-mat-khau-moi', await kept())).toBe(true)
  })

  it('is not found for a launch from an LMS (its password is the LMS’s)', async () => {
    const secret = Buffer.from(await nls.stores.toolKeys.secret('session', () => ''), 'base64url')
    const launched = await signSession(
      {
        tenantId,
        personId: trainerId,
        role: 'instructor',
        platformId: '00000000-0000-4000-8000-000000000001',
        gen: (await nls.stores.people.sessionGeneration(tenantId, trainerId))!,
      },
      secret,
      new Date(),
    )
    const res = await fetch(`${nls.url}/app/password?session=${launched}`)
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('do LMS quản lý')
  })
})
