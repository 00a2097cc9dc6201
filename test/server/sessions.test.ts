// Sessions end when they should, over real HTTP on a real database: sign-out (only from our own
// form), a disabled account, a new password, a changed role (the CLI); and a link's session never
// replaces the cookie's of another person.
import { hashPassword } from '../../src/accounts/password.ts'
import { loadConfig } from '../../src/config/config.ts'
import { createLogger } from '../../src/server/logger.ts'
import { type RunningServer, startServer } from '../../src/server/start-server.ts'
import { runCli } from '../support/cli.ts'
import { createTestPlace } from '../support/test-database.ts'

const PASSWORD = 'mat-khau-ban-dau'
let place: Awaited<ReturnType<typeof createTestPlace>>
let nls: RunningServer | undefined
let tenantId: string

/** NLS on the test place (a PGlite one is closed between runs, so that the CLI may open it). */
const start = async () => {
  nls = await startServer(
    loadConfig({ PORT: '0', HOST: '127.0.0.2', LOG_LEVEL: 'silent', ...place.env }),
    createLogger('silent'),
  )
  return nls
}
const server = () => nls!

beforeAll(async () => {
  place = await createTestPlace({ migrated: true })
  const { stores } = await start()
  tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THCS Giảng Võ' })).id
  for (const [username, role] of [
    ['taphuan.a', 'instructor'],
    ['taphuan.b', 'instructor'],
    ['hieutruong', 'administrator'],
    ['hieupho', 'administrator'],
  ] as const) {
    const person = await stores.people.upsertPersonByIdentity(
      tenantId,
      { kind: 'account', homePage: 'urn:nls:local-account', name: username },
      { name: username },
    )
    await stores.localAccounts.createAccount(tenantId, {
      username,
      passwordHash: await hashPassword(PASSWORD),
      role,
      personId: person.id,
    })
  }
}, 120_000)
afterAll(async () => {
  await nls?.close()
  await place?.remove()
})

/** Signs in; the session cookie (name=value) and its token. */
async function signIn(username: string): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${server().url}/login`, {
    method: 'POST',
    body: new URLSearchParams({ username, password: PASSWORD }),
    redirect: 'manual',
  })
  expect(res.status).toBe(303)
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!
  return { cookie, token: cookie.slice(cookie.indexOf('=') + 1) }
}

const page = (path: string, cookie?: string) =>
  fetch(`${server().url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' })
const api = (path: string, token: string) =>
  fetch(`${server().url}/api${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  })
const logout = (cookie: string, form: Record<string, string>) =>
  fetch(`${server().url}/logout`, {
    method: 'POST',
    headers: { cookie },
    body: new URLSearchParams(form),
    redirect: 'manual',
  })

describe('sign-out', () => {
  it('is refused without the form’s session (a cross-site form), and the session lives on', async () => {
    const { cookie } = await signIn('taphuan.a')
    const res = await logout(cookie, {})
    expect(res.status).toBe(403)
    expect((await page('/app/class', cookie)).status).toBe(200)
  })

  it('ends the session everywhere: the cookie, a ?session= link and a bearer are refused', async () => {
    const { cookie, token } = await signIn('taphuan.a')
    const other = await signIn('taphuan.a')
    const home = await (await page('/app/class', cookie)).text()
    // The page's sign-out form carries the session.
    expect(home).toContain(`<input type="hidden" name="session" value="${token}"/>`)
    const res = await logout(cookie, { session: token })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login')
    expect(res.headers.getSetCookie()[0]).toMatch(/^nls_session=; Max-Age=0;/)
    expect((await page('/app/class', cookie)).status).toBe(401)
    expect((await page(`/app/class?session=${token}`)).status).toBe(401)
    expect((await api('/tags', token)).status).toBe(401)
    expect((await page('/app/me', cookie)).status).toBe(401)
    // The person's other session (another browser) ended with it.
    expect((await page('/app/class', other.cookie)).status).toBe(401)
    const again = await signIn('taphuan.a')
    expect((await page('/app/class', again.cookie)).status).toBe(200)
    expect((await api('/tags', again.token)).status).toBe(200)
  })
})

describe('a link with another person’s session', () => {
  it('does not replace the cookie’s session, nor ride along in links', async () => {
    const mine = await signIn('taphuan.b')
    const theirs = await signIn('hieutruong')
    const res = await page(`/app/class?session=${theirs.token}`, mine.cookie)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('data-view="instructor"')
    expect(html).toMatch(/data-person[^>]*>taphuan\.b</)
    expect(html).not.toContain(theirs.token)
    // The person's own link (the same person as the cookie) is taken as before.
    const own = await page(`/app/class?session=${mine.token}`, mine.cookie)
    expect(own.status).toBe(200)
  })
})

describe('account changes by the CLI', () => {
  it('a disabled account’s, a new password’s and a changed role’s sessions end at once', async () => {
    const a = await signIn('taphuan.b')
    const b = await signIn('hieupho')
    const c = await signIn('hieutruong')
    expect((await page('/app/reports', b.cookie)).status).toBe(200)
    // The embedded database opens in one process at a time: the CLI runs while NLS is stopped.
    await server().close()
    const nlsCli = (...argv: string[]) => runCli(place.env, ...argv)
    expect(
      (await nlsCli('account', 'disable', '--tenant', tenantId, '--username', ' TapHuan.B ')).out,
    ).toBe('account taphuan.b disabled\n')
    expect(
      (
        await nlsCli(
          'account',
          'role',
          '--tenant',
          tenantId,
          '--username',
          'hieupho',
          '--role',
          'trainer',
        )
      ).code,
    ).toBe(0)
    expect(
      (await nlsCli('account', 'password', '--tenant', tenantId, '--username', 'hieutruong')).code,
    ).toBe(0)
    await start()
    expect((await page('/app/class', a.cookie)).status).toBe(401)
    expect((await page('/app/reports', b.cookie)).status).toBe(401)
    expect((await api('/tags', b.token)).status).toBe(401)
    expect((await page('/app/reports', c.cookie)).status).toBe(401)
    // A new sign-in of the changed account has its new role.
    const trainer = await signIn('hieupho')
    expect(await (await page('/app/class', trainer.cookie)).text()).toContain(
      'data-view="instructor"',
    )
    const audit = await server().stores.audit.list({ tenantId })
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['account.disable', 'account.role', 'account.password', 'logout']),
    )
  }, 120_000)
})
