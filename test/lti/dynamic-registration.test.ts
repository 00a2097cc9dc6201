// LTI Dynamic Registration as a Moodle 4.5 administrator does it, against the real NLS server.
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RunningServer } from '../../src/server/start-server.ts'
import { createBrowser } from '../support/browser.ts'
import { type FakePlatform, startFakePlatform } from '../support/fake-lti-platform.ts'
import { launchIn, refusalCode } from '../support/lti-launch.ts'
import { startNls } from '../support/nls-server.ts'
import { invitationToken, inviteUrl } from '../support/registration-invitation.ts'

let nls: RunningServer
let platform: FakePlatform
beforeAll(async () => {
  nls = await startNls()
  platform = await startFakePlatform()
})
afterAll(async () => {
  await platform.close()
  await nls.close()
})

const TOOL_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-tool-configuration'
const moodleAdminPage = () => `${platform.issuer}/mod/lti/toolconfigure.php`

describe('Dynamic Registration', () => {
  it('registers, shows the next step, closes the dialog; after activation a launch works', async () => {
    const start = await platform.dynamicRegistrationStart(await inviteUrl(nls))
    const browser = createBrowser({ embeddedIn: moodleAdminPage() })
    const page = await browser.get(start, { from: moodleAdminPage() })
    expect(page.status).toBe(200)
    expect(page.text).toContain('data-outcome="registered"')
    expect(page.text).toContain('Kích hoạt')
    expect(page.text).toContain('Show in activity chooser')
    expect(page.text).toContain("postMessage({ subject: 'org.imsglobal.lti.close' }, '*')")

    const [registration] = platform.registrations()
    expect(registration?.state).toBe('pending')
    const host = new URL(nls.url).host
    expect(registration?.request).toMatchObject({
      application_type: 'web',
      response_types: ['id_token'],
      grant_types: ['implicit', 'client_credentials'],
      initiate_login_uri: `${nls.url}/lti/login`,
      redirect_uris: [`${nls.url}/lti/launch`],
      jwks_uri: `${nls.url}/.well-known/jwks.json`,
      token_endpoint_auth_method: 'private_key_jwt',
      [TOOL_CONFIGURATION]: { domain: host, target_link_uri: `${nls.url}/lti/launch` },
    })
    expect(String(registration?.request.scope).split(' ')).toEqual(
      expect.arrayContaining([
        'https://purl.imsglobal.org/spec/lti-ags/scope/score',
        'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
      ]),
    )

    const [stored] = await nls.stores.platforms.findPlatforms(
      platform.issuer,
      registration!.clientId,
    )
    expect(stored).toMatchObject({
      clientId: registration!.clientId,
      deploymentIds: [registration!.deploymentId],
      authUrl: platform.authUrl,
      tokenUrl: platform.tokenUrl,
      jwksUrl: platform.jwksUrl,
    })
    expect(page.text).toContain(`data-client-id>${registration!.clientId}<`)

    platform.activateRegistration(registration!.clientId)
    const launched = await launchIn(createBrowser(), platform, { role: 'Instructor', userId: '3' })
    expect(launched.status).toBe(200)
    expect(launched.text).toContain('data-view="instructor"')
  })

  it('"Update" of the registered tool keeps its platform, and the page says updated', async () => {
    const moodle = await startFakePlatform()
    try {
      const browser = createBrowser({ embeddedIn: moodleAdminPage() })
      const first = await browser.get(await moodle.dynamicRegistrationStart(await inviteUrl(nls)))
      expect(first.text).toContain('data-outcome="registered"')
      const [registration] = moodle.registrations()
      moodle.activateRegistration(registration!.clientId)
      const [registered] = await nls.stores.platforms.findPlatforms(moodle.issuer)

      // The same domain registers again; the admin chooses "Update" for the NLS tool.
      const again = await browser.get(
        await moodle.dynamicRegistrationStart(await inviteUrl(nls), {
          update: registration!.clientId,
        }),
      )
      expect(again.status).toBe(200)
      expect(again.text).toContain('data-outcome="updated"')
      expect(again.text).toContain('Đăng ký NLS đã được cập nhật')
      expect(again.text).not.toContain('Kích hoạt')
      // The language switch shows the same page in English, without registering again.
      const switchHref = /<a href="([^"]+)" lang="en" data-lang-switch>/.exec(again.text)![1]!
      const english = await browser.get(`${nls.url}${switchHref.replaceAll('&amp;', '&')}`)
      expect(english.status).toBe(200)
      expect(english.text).toContain('<html lang="en">')
      expect(english.text).toContain('data-outcome="updated"')
      expect(english.text).toContain('NLS registration updated')
      expect(english.text).not.toContain('Activate')
      expect(english.text).not.toContain('Đăng ký NLS đã được cập nhật')
      expect(again.text).toContain("postMessage({ subject: 'org.imsglobal.lti.close' }, '*')")
      // Moodle kept the tool: its client_id, its deployment (type id), its active state.
      expect(moodle.registrations()).toEqual([
        expect.objectContaining({
          clientId: registration!.clientId,
          deploymentId: registration!.deploymentId,
          state: 'configured',
        }),
      ])
      expect(await nls.stores.platforms.findPlatforms(moodle.issuer)).toEqual([registered])

      const launched = await launchIn(createBrowser(), moodle, { role: 'Learner', userId: '4' })
      expect(launched.status).toBe(200)
      const person = await nls.stores.people.findPersonByIdentity(registered!.tenantId, {
        kind: 'lti',
        issuer: moodle.issuer,
        clientId: registration!.clientId,
        sub: '4',
      })
      expect(person).toBeDefined()
    } finally {
      await moodle.close()
    }
  })

  it('a second "new tool" of the same issuer joins its tenant; one Moodle user is one person through either client', async () => {
    const moodle = await startFakePlatform()
    try {
      const register = async () => {
        const browser = createBrowser({ embeddedIn: moodleAdminPage() })
        const page = await browser.get(await moodle.dynamicRegistrationStart(await inviteUrl(nls)))
        expect(page.text).toContain('data-outcome="registered"')
        const registration = moodle.registrations().at(-1)!
        moodle.activateRegistration(registration.clientId)
        return registration.clientId
      }
      const launchAs4 = async (clientId: string, tenantId: string) => {
        const launched = await launchIn(createBrowser(), moodle, { role: 'Learner', userId: '4' })
        expect(launched.status).toBe(200)
        return nls.stores.people.findPersonByIdentity(tenantId, {
          kind: 'lti',
          issuer: moodle.issuer,
          clientId,
          sub: '4',
        })
      }
      const tenantsBefore = (await nls.stores.tenants.listTenants()).length
      const first = await register()
      const [a] = await nls.stores.platforms.findPlatforms(moodle.issuer, first)
      const viaFirst = await launchAs4(first, a!.tenantId)

      // The administrator registers NLS again and chooses "register as a new tool".
      const second = await register()
      expect(second).not.toBe(first)
      const [b] = await nls.stores.platforms.findPlatforms(moodle.issuer, second)
      expect(b!.id).not.toBe(a!.id)
      expect(b!.tenantId).toBe(a!.tenantId)
      expect((await nls.stores.tenants.listTenants()).length).toBe(tenantsBefore + 1)
      const viaSecond = await launchAs4(second, a!.tenantId)
      expect(viaSecond?.id).toBe(viaFirst?.id)
      const audit = await nls.stores.audit.list({ tenantId: a!.tenantId })
      const added = audit.filter((e) => e.action === 'platform.add')
      expect(added.map((e) => e.details.clientId).sort()).toEqual([first, second].sort())
      expect(added.find((e) => e.details.clientId === second)?.details.joinedTenant).toBe(true)
      expect(added.find((e) => e.details.clientId === first)?.details.joinedTenant).toBeUndefined()
    } finally {
      await moodle.close()
    }
  })

  it('a registration token used twice is refused by the platform: its status is shown, never its answer', async () => {
    const start = await platform.dynamicRegistrationStart(await inviteUrl(nls))
    const browser = createBrowser()
    expect((await browser.get(start)).status).toBe(200)
    const count = (await nls.stores.platforms.listPlatforms()).length
    // The same registration token, under a new invitation.
    const again = new URL(start)
    again.searchParams.set('invitation', invitationToken(await inviteUrl(nls)))
    const refused = await browser.get(again.href)
    expect({ status: refused.status, code: refusalCode(refused) }).toEqual({
      status: 400,
      code: 'ERR_LTI_REGISTRATION_FAILED',
    })
    expect(refused.text).toContain(
      'Nền tảng không nhận đăng ký của NLS. Nền tảng trả lời mã HTTP 401.',
    )
    expect(refused.text).toContain('answered 401')
    expect(refused.text).not.toContain('token_already_used')
    expect((await nls.stores.platforms.listPlatforms()).length).toBe(count)
  })

  it("a configuration whose issuer is not its URL's origin is refused", async () => {
    const impostor = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json')
      res.end(
        JSON.stringify({
          issuer: platform.issuer,
          authorization_endpoint: platform.authUrl,
          token_endpoint: platform.tokenUrl,
          jwks_uri: platform.jwksUrl,
          registration_endpoint: `${platform.issuer}/mod/lti/openid-registration.php`,
        }),
      )
    }).listen(0, '127.0.0.3')
    await once(impostor, 'listening')
    const origin = `http://127.0.0.3:${(impostor.address() as AddressInfo).port}`
    const res = await fetch(
      `${await inviteUrl(nls)}&openid_configuration=${encodeURIComponent(`${origin}/config`)}&registration_token=x`,
    )
    impostor.close()
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      code: 'ERR_LTI_REGISTRATION_FAILED',
      message: `the platform's issuer ${platform.issuer} does not match the origin of its configuration URL ${origin}`,
    })
  })

  it('without openid_configuration', async () => {
    const res = await fetch(await inviteUrl(nls))
    expect(res.status).toBe(400)
    expect(((await res.json()) as { message: string }).message).toMatch(/^"openid_configuration" /)
  })
})
