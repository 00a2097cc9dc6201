// A K12Online teacher signs in with an account of NLS's own (made with the CLI for their roster
// email), over real HTTP on a real database: their own pages, from the menu, and no one else's;
// and every page of each role's menu opens.
import { hashPassword } from '../../src/accounts/password.ts'
import { loadConfig } from '../../src/config/config.ts'
import { createLogger } from '../../src/server/logger.ts'
import { type RunningServer, startServer } from '../../src/server/start-server.ts'
import { runCli } from '../support/cli.ts'
import { createTestPlace } from '../support/test-database.ts'

let place: Awaited<ReturnType<typeof createTestPlace>>
let nls: RunningServer | undefined
let tenantId: string
let teacherId: string
let otherId: string
let password: string
const STAFF_PASSWORD = 'mat-khau-ban-dau'

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
  tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THCS Ngọc Hà' })).id
  // The roster's teacher (as `nls roster import` keeps one: known by their email) and a colleague.
  const teacher = await stores.people.upsertPersonByIdentity(
    tenantId,
    { kind: 'mbox', mbox: 'mailto:an.nguyen@ngocha.edu.vn' },
    { name: 'Nguyễn Thị An', email: 'an.nguyen@ngocha.edu.vn' },
  )
  await stores.people.setUnit(tenantId, teacher.id, 'Tổ Toán')
  teacherId = teacher.id
  otherId = (
    await stores.people.upsertPersonByIdentity(
      tenantId,
      { kind: 'mbox', mbox: 'mailto:binh.tran@ngocha.edu.vn' },
      { name: 'Trần Văn Bình' },
    )
  ).id
  for (const [username, role] of [
    ['totruong', 'instructor'],
    ['hieutruong', 'administrator'],
  ] as const) {
    const person = await stores.people.upsertPersonByIdentity(
      tenantId,
      { kind: 'account', homePage: 'urn:nls:local-account', name: username },
      { name: username },
    )
    await stores.localAccounts.createAccount(tenantId, {
      username,
      passwordHash: await hashPassword(STAFF_PASSWORD),
      role,
      personId: person.id,
    })
  }
  // The embedded database opens in one process at a time: the CLI runs while NLS is stopped.
  await server().close()
  const made = await runCli(
    place.env,
    ...['account', 'add', '--tenant', tenantId, '--username', 'gv.an', '--role', 'teacher'],
    ...['--email', 'An.Nguyen@NgocHa.edu.vn'],
  )
  expect(made.code).toBe(0)
  password = made.out.trim()
  await start()
}, 120_000)
afterAll(async () => {
  await nls?.close()
  await place?.remove()
})

/** Signs in; the response and the session cookie (name=value). */
async function signIn(
  username = 'gv.an',
  secret = password,
): Promise<{ res: Response; cookie: string }> {
  const res = await fetch(`${server().url}/login`, {
    method: 'POST',
    body: new URLSearchParams({ username, password: secret }),
    redirect: 'manual',
  })
  return { res, cookie: res.headers.getSetCookie()[0]?.split(';')[0] ?? '' }
}
const page = (path: string, cookie: string) =>
  fetch(`${server().url}${path}`, { headers: { cookie }, redirect: 'manual' })
/** Where the menu's links lead. */
const menu = (html: string): string[] =>
  [...(/<nav class="main"[^]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/<a href="([^"]+)"/g)].map(
    (m) => m[1]!,
  )

describe("a teacher's own account", () => {
  it("is the roster's person of the email, as a learner", async () => {
    const accounts = await server().stores.localAccounts.listAccounts(tenantId)
    expect(accounts.find((a) => a.username === 'gv.an')).toMatchObject({
      username: 'gv.an',
      role: 'learner',
      personId: teacherId,
    })
  })

  it('signs in to their profile, whose menu leads to their profile, self-assessment and needs', async () => {
    const { res, cookie } = await signIn()
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/app/profile')
    const profile = await page('/app/profile', cookie)
    expect(profile.status).toBe(200)
    const html = await profile.text()
    expect(html).toContain('Nguyễn Thị An')
    expect(html).toContain('<body data-view="learner">')
    expect(menu(html)).toEqual(['/app/profile', '/app/self-assessment', '/app/needs'])
    for (const path of menu(html)) {
      const res = await page(path, cookie)
      expect(res.status).toBe(200)
      expect(menu(await res.text())).toEqual(menu(html))
    }
    expect(await (await page('/app/profile?lang=en', cookie)).text()).toContain(
      '>Self-assessment</a>',
    )
  })

  it('is refused the pages of trainers and managers, and the profile of another person', async () => {
    const { cookie } = await signIn()
    for (const path of [
      '/app/class',
      '/app/course',
      '/app/review',
      '/app/reports',
      '/app/roster',
    ]) {
      expect([path, (await page(path, cookie)).status]).toEqual([path, 403])
    }
    expect((await page(`/app/people/${otherId}`, cookie)).status).toBe(403)
    expect((await page(`/app/people/${teacherId}`, cookie)).status).toBe(200)
  })

  it('is refused with a wrong password', async () => {
    const res = await fetch(`${server().url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'gv.an', password: 'not-the-password' }),
      redirect: 'manual',
    })
    expect(res.status).toBe(401)
    expect(res.headers.getSetCookie()).toEqual([])
  })
})

describe('the menu of trainers and managers', () => {
  const own = ['/app/profile', '/app/self-assessment', '/app/needs']
  it.each([
    ['totruong', ['/app/class', '/app/course', '/app/review', ...own]],
    [
      'hieutruong',
      ['/app/reports', '/app/roster', '/app/class', '/app/course', '/app/review', ...own],
    ],
  ])('of %s leads to their pages and their own, each of which opens', async (username, paths) => {
    const { res, cookie } = await signIn(username, STAFF_PASSWORD)
    expect(res.status).toBe(303)
    const home = await page(res.headers.get('location')!, cookie)
    expect(home.status).toBe(200)
    expect(menu(await home.text())).toEqual(paths)
    for (const path of paths) expect([path, (await page(path, cookie)).status]).toEqual([path, 200])
  })
})
