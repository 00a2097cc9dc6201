// LTI Dynamic Registration as a Moodle 4.5 administrator does it, against the real NLS server.
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RunningServer } from '../../src/server/start-server.ts'
import { createBrowser } from '../support/browser.ts'
import { type FakePlatform, startFakePlatform } from '../support/fake-lti-platform.ts'
import { launchIn, refusalCode } from '../support/lti-launch.ts'
import { startNls } from '../support/nls-server.ts'

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
    const start = await platform.dynamicRegistrationStart(`${nls.url}/lti/register`)
    const browser = createBrowser({ embeddedIn: moodleAdminPage() })
    const page = await browser.get(start, { from: moodleAdminPage() })
    expect(page.status).toBe(200)
    expect(page.text).toContain('Kích hoạt')
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

  it('a registration token used twice is refused by the platform, and the refusal is shown', async () => {
    const start = await platform.dynamicRegistrationStart(`${nls.url}/lti/register`)
    const browser = createBrowser()
    expect((await browser.get(start)).status).toBe(200)
    const count = (await nls.stores.platforms.listPlatforms()).length
    const again = await browser.get(start)
    expect({ status: again.status, code: refusalCode(again) }).toEqual({
      status: 400,
      code: 'ERR_LTI_REGISTRATION_FAILED',
    })
    expect(again.text).toContain('answered 401')
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
      `${nls.url}/lti/register?openid_configuration=${encodeURIComponent(`${origin}/config`)}&registration_token=x`,
    )
    impostor.close()
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      code: 'ERR_LTI_REGISTRATION_FAILED',
      message: `the platform's issuer ${platform.issuer} does not match the origin of its configuration URL ${origin}`,
    })
  })

  it('without openid_configuration', async () => {
    const res = await fetch(`${nls.url}/lti/register`)
    expect(res.status).toBe(400)
    expect(((await res.json()) as { message: string }).message).toMatch(/^"openid_configuration" /)
  })
})
