// LTI 1.3 launches from a fake Moodle 4.5 into the real NLS server, over real HTTP.
import type { RunningServer } from '../../src/server/start-server.ts'
import type { Platform } from '../../src/store/platform-store.ts'
import { createBrowser, type Browser } from '../support/browser.ts'
import type { FakePlatform, InitiateLaunchOptions } from '../support/fake-lti-platform.ts'
import { launchIn } from '../support/lti-launch.ts'
import { startLtiWorld, stopLtiWorld } from '../support/nls-server.ts'

let nls: RunningServer
let platform: FakePlatform
let registered: Platform
beforeAll(async () => {
  ;({ nls, platform, registered } = await startLtiWorld())
})
afterAll(() => stopLtiWorld({ nls, platform }))

const launch = (browser: Browser, options: InitiateLaunchOptions) =>
  launchIn(browser, platform, options)

/** The text of the element marked data-<name> in a page. */
const marked = (page: string, name: string) =>
  new RegExp(`data-${name}[^>]*>([^<]*)<`).exec(page)?.[1]

const sessionOf = (page: string) => /name="nls-session" content="([^"]+)"/.exec(page)?.[1]

describe('a valid launch', () => {
  it('a student lands on their own profile; person, Moodle account, course and link are stored', async () => {
    const browser = createBrowser()
    const page = await launch(browser, {
      role: 'Learner',
      userId: '4',
      courseId: '2',
      resourceLinkId: '7',
    })
    expect(page.status).toBe(200)
    // Redirected to the profile page, the session token riding along for cookie-less frames.
    expect(page.url).toMatch(new RegExp(`^${nls.url}/app/profile\\?session=[\\w.-]+$`))
    expect(page.text).toContain('data-view="learner"')
    expect(page.text).toContain('<title>Hồ sơ năng lực số — NLS</title>')
    expect(marked(page.text, 'person')).toBe('Minh Trần Văn')

    const { tenantId } = registered
    const person = await nls.stores.people.findPersonByIdentity(tenantId, {
      kind: 'lti',
      issuer: platform.issuer,
      clientId: platform.clientId,
      sub: '4',
    })
    expect(person).toMatchObject({
      name: 'Minh Trần Văn',
      givenName: 'Minh',
      familyName: 'Trần Văn',
      email: platform.user('4')!.email,
    })
    // Moodle's xAPI log store names the actor by account homePage = site URL, name = user id.
    expect(
      await nls.stores.people.findPersonByIdentity(tenantId, {
        kind: 'account',
        homePage: platform.issuer,
        name: '4',
      }),
    ).toEqual(person)
    const course = await nls.stores.courses.upsertContext(tenantId, {
      deploymentId: platform.deploymentId,
      externalId: '2',
    })
    const activities = await nls.stores.courses.listActivities(tenantId, course.id)
    expect(activities.map((a) => a.resourceLinkId)).toContain('7')
  })

  it('a teacher gets the course view, a site administrator the admin view', async () => {
    const teacher = await launch(createBrowser(), { role: 'Instructor', userId: '3' })
    expect(teacher.status).toBe(200)
    expect(teacher.text).toContain('data-view="instructor"')
    expect(marked(teacher.text, 'person')).toBe('Lan Nguyễn Thị')
    const admin = await launch(createBrowser(), { role: 'Administrator', userId: '2' })
    expect(admin.text).toContain('data-view="administrator"')
  })

  it('without name and email shared, the person is known by id alone', async () => {
    const page = await launch(createBrowser(), {
      role: 'Learner',
      userId: '5',
      shareName: false,
      shareEmail: false,
    })
    expect(page.status).toBe(200)
    expect(marked(page.text, 'person')).toBe('#5')
  })

  it('a second launch updates the same person', async () => {
    await launch(createBrowser(), { role: 'Learner', userId: '6', shareName: false })
    await launch(createBrowser(), { role: 'Learner', userId: '6' })
    const person = await nls.stores.people.findPersonByIdentity(registered.tenantId, {
      kind: 'lti',
      issuer: platform.issuer,
      clientId: platform.clientId,
      sub: '6',
    })
    expect(person?.givenName).toBeDefined()
  })
})

describe('where Moodle opens NLS', () => {
  it.each(['frame', 'window', 'iframe'] as const)(
    '%s: the session cookie is SameSite=None; Secure; Partitioned',
    async (target) => {
      const browser = createBrowser(
        target === 'iframe' ? { embeddedIn: `${platform.issuer}/mod/lti/view.php?id=3` } : {},
      )
      const page = await launch(browser, { role: 'Learner', userId: '4', documentTarget: target })
      expect(page.status).toBe(200)
      const session = browser.cookies().find((c) => c.name === 'nls_session')
      expect(session).toMatchObject({
        sameSite: 'None',
        secure: true,
        httpOnly: true,
        partitioned: true,
        path: '/',
      })
      // The state cookie is spent.
      expect(browser.cookies().filter((c) => c.name.startsWith('nls_state_'))).toEqual([])
      const me = await browser.get(`${nls.url}/app/me`)
      expect(me.status).toBe(200)
      expect(JSON.parse(me.text)).toMatchObject({
        session: { role: 'learner' },
        person: { name: 'Minh Trần Văn' },
      })
    },
  )

  it('where cookies are blocked after the launch, the token the page carries keeps the session', async () => {
    const page = await launch(createBrowser(), { role: 'Instructor', userId: '3' })
    const token = sessionOf(page.text)!
    // Every link of the page carries the token.
    const link = /href="(\/app\/profile\?[^"]*session=[^"]+)"/.exec(page.text)?.[1]
    expect(link).toBeDefined()
    const blocked = createBrowser({ cookies: 'block' })
    const next = await blocked.get(`${nls.url}${link!.replace(/&amp;/g, '&')}`)
    expect(next.status).toBe(200)
    expect(next.text).toContain('data-view="instructor"')
    const me = await blocked.get(`${nls.url}/app/me?session=${token}`)
    expect(me.status).toBe(200)
    expect(JSON.parse(me.text)).toMatchObject({ session: { role: 'instructor' } })
    const bearer = await fetch(`${nls.url}/app/me`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(bearer.status).toBe(200)
    const none = await fetch(`${nls.url}/app/me`)
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({
      code: 'ERR_LTI_SESSION_INVALID',
      message: 'no session: open NLS from the LMS',
    })
  })
})

describe('keys', () => {
  it('our key set is published at both addresses, public members only', async () => {
    for (const path of ['/.well-known/jwks.json', '/lti/jwks']) {
      const res = await fetch(`${nls.url}${path}`)
      expect(res.status).toBe(200)
      const { keys } = (await res.json()) as { keys: Record<string, string>[] }
      expect(keys).toHaveLength(1)
      expect(Object.keys(keys[0]!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use'])
      expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' })
    }
  })

  it("the platform's key set is fetched once and cached, and again for a new kid", async () => {
    await launch(createBrowser(), { role: 'Learner', userId: '4' })
    const before = platform.jwksFetches()
    await launch(createBrowser(), { role: 'Learner', userId: '4' })
    await launch(createBrowser(), { role: 'Instructor', userId: '3' })
    expect(platform.jwksFetches()).toBe(before)
    await platform.rotateKey()
    const page = await launch(createBrowser(), { role: 'Learner', userId: '4' })
    expect(page.status).toBe(200)
    expect(platform.jwksFetches()).toBe(before + 1)
  })
})
