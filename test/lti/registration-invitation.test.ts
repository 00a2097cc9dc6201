// Dynamic Registration only with an administrator's invitation (issue 16): refused before NLS
// calls anyone, used once, named and placed by the invitation, and bounded calls to the platform.
import { once } from 'node:events'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RunningServer } from '../../src/server/start-server.ts'
import { invitationStatus } from '../../src/store/registration-invitation-store.ts'
import { createBrowser } from '../support/browser.ts'
import { type FakePlatform, startFakePlatform } from '../support/fake-lti-platform.ts'
import { refusalCode } from '../support/lti-launch.ts'
import { startNls } from '../support/nls-server.ts'
import { invitationToken, inviteUrl } from '../support/registration-invitation.ts'

const DAY = 86_400_000
const logLines: Record<string, unknown>[] = []
let nls: RunningServer
let platform: FakePlatform
beforeAll(async () => {
  nls = await startNls({
    log: {
      write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>),
    },
  })
  platform = await startFakePlatform()
})
afterAll(async () => {
  await platform.close()
  await nls.close()
})

/** The page Moodle's dialog shows for `url`, opened as Moodle opens it. */
const open = async (url: string) => createBrowser().get(url)

describe('registration needs an invitation', () => {
  it('missing, unknown, used, expired or withdrawn: 403 and a page saying which, before any call to the platform', async () => {
    const used = await inviteUrl(nls)
    expect((await open(await platform.dynamicRegistrationStart(used))).status).toBe(200)
    const expired = await inviteUrl(nls, { days: 7, now: new Date(Date.now() - 8 * DAY) })
    const withdrawn = await inviteUrl(nls)
    const [withdrawnInvitation] = await nls.stores.invitations.listInvitations()
    await nls.stores.invitations.withdrawInvitation(withdrawnInvitation!.id, 'test', new Date())
    const unknown = `${nls.url}/lti/register?invitation=${'A'.repeat(43)}`

    const cases = [
      [`${nls.url}/lti/register`, 'Cần có lời mời đăng ký', 'registration needs an invitation'],
      [unknown, 'NLS không nhận ra lời mời này', 'this registration invitation is not known'],
      [used, 'Lời mời này đã được dùng', 'this registration invitation was used already'],
      [expired, 'Lời mời này đã hết hạn', 'this registration invitation has expired'],
      [withdrawn, 'đã thu hồi lời mời này', 'this registration invitation was withdrawn'],
    ] as const
    const calls = platform.registrationRequests()
    for (const [url, vietnamese, english] of cases) {
      const page = await open(await platform.dynamicRegistrationStart(url))
      expect({ status: page.status, code: refusalCode(page) }).toEqual({
        status: 403,
        code: 'ERR_LTI_INVITATION_INVALID',
      })
      expect(page.text).toContain('Không thể đăng ký')
      expect(page.text).toContain(vietnamese)
      expect(page.text.indexOf(vietnamese)).toBeLessThan(page.text.indexOf(english))
      expect(page.text).toContain(english)
    }
    expect(platform.registrationRequests()).toBe(calls)

    // In English (?lang=en, or a browser that prefers English): the same refusal in English only.
    const start = new URL(await platform.dynamicRegistrationStart(expired))
    start.searchParams.set('lang', 'en')
    const english = await open(start.href)
    expect(english.status).toBe(403)
    expect(english.text).toContain('<html lang="en">')
    expect(english.text).toContain('Cannot register')
    expect(english.text).toContain('This invitation has expired.')
    expect(english.text).not.toContain('Lời mời này đã hết hạn')
    expect(english.text).toMatch(/href="[^"]*lang=vi[^"]*" lang="vi" data-lang-switch>Tiếng Việt</)
    expect(platform.registrationRequests()).toBe(calls)

    // A program gets JSON.
    const res = await fetch(await platform.dynamicRegistrationStart(expired), {
      headers: { Accept: 'application/json' },
    })
    expect({ status: res.status, body: await res.json() }).toEqual({
      status: 403,
      body: {
        code: 'ERR_LTI_INVITATION_INVALID',
        message:
          'this registration invitation has expired: ask the NLS administrator for a new one',
      },
    })
    expect(platform.registrationRequests()).toBe(calls)
  })

  it('an invitation registers one platform: two registrations at once make one, and a third is refused', async () => {
    const moodle = await startFakePlatform()
    try {
      const url = await inviteUrl(nls)
      const starts = [
        await moodle.dynamicRegistrationStart(url),
        await moodle.dynamicRegistrationStart(url),
      ]
      const pages = await Promise.all(starts.map(open))
      expect(pages.map((p) => p.status).sort()).toEqual([200, 403])
      expect(pages.map(refusalCode)).toContain('ERR_LTI_INVITATION_INVALID')
      const platforms = await nls.stores.platforms.findPlatforms(moodle.issuer)
      expect(platforms).toHaveLength(1)
      const invitation = await nls.stores.invitations.findInvitation(invitationToken(url))
      expect(invitation).toMatchObject({ platformId: platforms[0]!.id })
      expect(invitationStatus(invitation!, new Date())).toBe('used')

      const third = await open(await moodle.dynamicRegistrationStart(url))
      expect({ status: third.status, code: refusalCode(third) }).toEqual({
        status: 403,
        code: 'ERR_LTI_INVITATION_INVALID',
      })
      expect(await nls.stores.platforms.findPlatforms(moodle.issuer)).toHaveLength(1)
    } finally {
      await moodle.close()
    }
  })

  it("the invitation's name and district go to the new platform and its tenant; its use is audited", async () => {
    const moodle = await startFakePlatform()
    try {
      const district = await nls.stores.tenants.createTenant({
        kind: 'organisation',
        name: 'Sở GD&ĐT Hà Nội',
      })
      const url = await inviteUrl(nls, { name: 'Moodle THPT Lê Lợi', parentId: district.id })
      const page = await open(await moodle.dynamicRegistrationStart(url))
      expect(page.status).toBe(200)
      const [registered] = await nls.stores.platforms.findPlatforms(moodle.issuer)
      expect(registered?.name).toBe('Moodle THPT Lê Lợi')
      expect(await nls.stores.tenants.getTenant(registered!.tenantId)).toMatchObject({
        kind: 'platform',
        name: 'Moodle THPT Lê Lợi',
        parentId: district.id,
      })
      const invitation = await nls.stores.invitations.findInvitation(invitationToken(url))
      const audit = await nls.stores.audit.list({ tenantId: registered!.tenantId })
      expect(audit.map((e) => [e.action, e.subject, e.details])).toEqual(
        expect.arrayContaining([
          [
            'registration-invitation.use',
            `registration-invitation:${invitation!.id}`,
            { platformId: registered!.id },
          ],
          [
            'platform.add',
            `platform:${registered!.id}`,
            expect.objectContaining({ parentId: district.id }),
          ],
        ]),
      )
    } finally {
      await moodle.close()
    }
  })

  it("a platform's refusal is logged with the request ID, never shown; the invitation stays usable", async () => {
    const start = await platform.dynamicRegistrationStart(await inviteUrl(nls))
    expect((await open(start)).status).toBe(200)
    // The same registration token again (Moodle refuses it), under a new invitation.
    const url = await inviteUrl(nls)
    const again = new URL(start)
    again.searchParams.set('invitation', invitationToken(url))
    const refused = await fetch(again, { headers: { Accept: 'text/html' } })
    const text = await refused.text()
    expect(refused.status).toBe(400)
    expect(text).toContain('Nền tảng không nhận đăng ký của NLS. Nền tảng trả lời mã HTTP 401.')
    expect(text).not.toContain('token_already_used')

    const requestId = refused.headers.get('x-request-id')
    const logged = logLines.find((l) => l.msg === 'dynamic registration: the platform refused')
    expect(logged).toMatchObject({
      req: { id: requestId },
      step: 'registration',
      status: 401,
      body: 'token_already_used',
    })
    const invitation = await nls.stores.invitations.findInvitation(invitationToken(url))
    expect(invitationStatus(invitation!, new Date())).toBe('open')
    expect((await open(await platform.dynamicRegistrationStart(url))).status).toBe(200)
  })
})

describe('calls to the platform are bounded', () => {
  type Handler = (req: IncomingMessage, res: ServerResponse) => void
  const routes = new Map<string, Handler>()
  let origin: string
  let server: ReturnType<typeof createServer>
  beforeAll(async () => {
    server = createServer((req, res) => {
      const route = routes.get(new URL(req.url ?? '/', 'http://x').pathname)
      if (route) route(req, res)
      else res.writeHead(404).end()
    }).listen(0, '127.0.0.3')
    await once(server, 'listening')
    origin = `http://127.0.0.3:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => {
    server.closeAllConnections()
    server.close()
  })

  const configuration = (registrationEndpoint: string) => ({
    issuer: origin,
    authorization_endpoint: `${origin}/auth`,
    token_endpoint: `${origin}/token`,
    jwks_uri: `${origin}/certs`,
    registration_endpoint: registrationEndpoint,
  })
  const register = async (url: string, configurationUrl: string) => {
    const target = new URL(url)
    target.searchParams.set('openid_configuration', configurationUrl)
    target.searchParams.set('registration_token', 'x')
    const res = await fetch(target, { headers: { Accept: 'application/json' } })
    return { status: res.status, body: (await res.json()) as { code: string; message: string } }
  }

  it('refuses other schemes, redirects to another origin, a registration_endpoint elsewhere, and oversized answers', async () => {
    const url = await inviteUrl(nls)
    routes.set('/elsewhere', (_req, res) => {
      res.setHeader('Content-Type', 'application/json')
      res.end(JSON.stringify(configuration(`${platform.issuer}/mod/lti/openid-registration.php`)))
    })
    routes.set('/moved', (_req, res) =>
      res.writeHead(302, { Location: platform.openidConfigurationUrl }).end(),
    )
    routes.set('/huge', (_req, res) => {
      res.setHeader('Content-Type', 'application/json')
      res.end(JSON.stringify({ ...configuration(`${origin}/register`), pad: 'x'.repeat(300_000) }))
    })
    const calls = platform.registrationRequests()

    expect(await register(url, 'file:///etc/passwd')).toEqual({
      status: 400,
      body: {
        code: 'ERR_LTI_REGISTRATION_FAILED',
        message: '"openid_configuration" must be an http(s) URL',
      },
    })
    expect(await register(url, `${origin}/elsewhere`)).toEqual({
      status: 400,
      body: {
        code: 'ERR_LTI_REGISTRATION_FAILED',
        message: `the platform's registration_endpoint ${platform.issuer}/mod/lti/openid-registration.php is not on the origin of its issuer ${origin}`,
      },
    })
    expect(await register(url, `${origin}/moved`)).toEqual({
      status: 400,
      body: {
        code: 'ERR_LTI_REGISTRATION_FAILED',
        message: `the platform's OpenID configuration: ${origin}/moved redirects to another origin (${platform.issuer}); NLS follows redirects only within one origin`,
      },
    })
    expect(await register(url, `${origin}/huge`)).toEqual({
      status: 400,
      body: {
        code: 'ERR_LTI_REGISTRATION_FAILED',
        message: `the platform's OpenID configuration: ${origin}/huge answered more than 262144 bytes`,
      },
    })
    expect(platform.registrationRequests()).toBe(calls)
    const invitation = await nls.stores.invitations.findInvitation(invitationToken(url))
    expect(invitationStatus(invitation!, new Date())).toBe('open')
  })
})
