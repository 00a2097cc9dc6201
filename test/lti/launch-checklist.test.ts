// Every item of the launch checklist (DESIGN.md; LTI 1.3 Security Framework §5.1.3), refused with
// a clear 4xx and nothing stored.
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RunningServer } from '../../src/server/start-server.ts'
import type { Platform } from '../../src/store/platform-store.ts'
import { createBrowser, parseForm } from '../support/browser.ts'
import {
  type FakePlatform,
  type InitiateLaunchOptions,
  startFakePlatform,
} from '../support/fake-lti-platform.ts'
import { authenticate, launchIn, refusalCode } from '../support/lti-launch.ts'
import { startLtiWorld, stopLtiWorld } from '../support/nls-server.ts'

let nls: RunningServer
let platform: FakePlatform
let registered: Platform
beforeAll(async () => {
  ;({ nls, platform, registered } = await startLtiWorld())
  platform.setRoster('2', { students: 60 })
})
afterAll(() => stopLtiWorld({ nls, platform }))

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/'
const now = () => Math.floor(Date.now() / 1000)
let nextUser = 10

/** Nobody with this Moodle user id was stored. */
async function nobodyStored(userId: string): Promise<void> {
  const person = await nls.stores.people.findPersonByIdentity(registered.tenantId, {
    kind: 'lti',
    issuer: platform.issuer,
    clientId: platform.clientId,
    sub: userId,
  })
  expect(person).toBeUndefined()
}

/** Launches a fresh student with the attack applied; expects a refusal with status and code. */
async function expectRefused(
  attack: Omit<InitiateLaunchOptions, 'role'>,
  status: number,
  code: string,
  message?: RegExp,
): Promise<void> {
  const userId = String(nextUser++)
  const page = await launchIn(createBrowser(), platform, { role: 'Learner', userId, ...attack })
  expect({ status: page.status, code: refusalCode(page) }).toEqual({ status, code })
  if (message) expect(page.text).toMatch(message)
  await nobodyStored(userId)
}

describe('signature', () => {
  it('alg "none" is refused', () =>
    expectRefused(
      { sign: { alg: 'none' } },
      401,
      'ERR_LTI_SIGNATURE_INVALID',
      /launch signature invalid/,
    ))
  it('HS256 keyed with the public key is refused', () =>
    expectRefused({ sign: { alg: 'HS256-with-public-key' } }, 401, 'ERR_LTI_SIGNATURE_INVALID'))
  it("a key not in the platform's set is refused (published kid, other key)", () =>
    expectRefused({ sign: { key: 'unpublished' } }, 401, 'ERR_LTI_SIGNATURE_INVALID'))
  it("a key not in the platform's set is refused (unknown kid, after one re-fetch)", async () => {
    const before = platform.jwksFetches()
    await expectRefused(
      { sign: { key: 'unpublished', kid: 'not-published' } },
      401,
      'ERR_LTI_SIGNATURE_INVALID',
    )
    expect(platform.jwksFetches()).toBe(before + 1)
  })
})

describe('registered claims', () => {
  it('a wrong "iss"', () =>
    expectRefused(
      { tamper: (c) => ({ ...c, iss: 'https://evil.example' }) },
      401,
      'ERR_LTI_LAUNCH_INVALID',
      /unexpected &quot;iss&quot; claim value/,
    ))
  it('a wrong "aud"', () =>
    expectRefused(
      { tamper: (c) => ({ ...c, aud: 'another-tool' }) },
      401,
      'ERR_LTI_LAUNCH_INVALID',
      /unexpected &quot;aud&quot; claim value/,
    ))
  it('several audiences and no "azp"', () =>
    expectRefused(
      { tamper: (c) => ({ ...c, aud: [platform.clientId, 'another-tool'] }) },
      401,
      'ERR_LTI_LAUNCH_INVALID',
      /&quot;azp&quot; claim is required/,
    ))
  it('an "azp" that is not our client_id', () =>
    expectRefused(
      { tamper: (c) => ({ ...c, aud: [platform.clientId, 'x'], azp: 'x' }) },
      401,
      'ERR_LTI_LAUNCH_INVALID',
      /&quot;azp&quot; claim does not match/,
    ))
  it('expired', () =>
    expectRefused(
      { tamper: (c) => ({ ...c, iat: now() - 600, exp: now() - 120 }) },
      401,
      'ERR_LTI_LAUNCH_EXPIRED',
      /&quot;exp&quot; claim timestamp check failed: the launch has expired/,
    ))
  // Issue 16: an old "iat" was reported as an "exp" failure.
  it('issued more than 10 minutes ago, though "exp" is still ahead', () =>
    expectRefused(
      { tamper: (c) => ({ ...c, iat: now() - 3600, exp: now() + 600 }) },
      401,
      'ERR_LTI_LAUNCH_TOO_OLD',
      /&quot;iat&quot; claim timestamp check failed: the launch was issued more than 600 seconds ago/,
    ))
  it('"iat" in the future', () =>
    expectRefused(
      { tamper: (c) => ({ ...c, iat: now() + 3600, exp: now() + 3660 }) },
      401,
      'ERR_LTI_LAUNCH_NOT_YET_VALID',
      /&quot;iat&quot; claim timestamp check failed: the launch is issued in the future/,
    ))
  it('"nbf" in the future', () =>
    expectRefused(
      { tamper: (c) => ({ ...c, nbf: now() + 3600 }) },
      401,
      'ERR_LTI_LAUNCH_NOT_YET_VALID',
      /&quot;nbf&quot; claim timestamp check failed: the launch is not valid yet/,
    ))
})

describe('nonce and state', () => {
  it('a nonce we did not issue', () =>
    expectRefused(
      { tamper: (c) => ({ ...c, nonce: 'made-up-by-the-platform' }) },
      401,
      'ERR_LTI_NONCE_INVALID',
    ))

  it('a replayed id_token (its nonce was used) under a new state', async () => {
    const browser = createBrowser()
    const first = await authenticate(browser, platform, { role: 'Learner', userId: '40' })
    const firstForm = parseForm(first.text, first.url)
    expect((await browser.submitAutoPostForm(first)).status).toBe(200)

    const second = await authenticate(browser, platform, { role: 'Learner', userId: '41' })
    const secondForm = parseForm(second.text, second.url)
    const replay = await browser.postForm(secondForm.action, {
      ...secondForm.fields,
      id_token: firstForm.fields.id_token!,
    })
    expect({ status: replay.status, code: refusalCode(replay) }).toEqual({
      status: 401,
      code: 'ERR_LTI_NONCE_INVALID',
    })
    await nobodyStored('41')
  })

  it('the same launch posted twice: the second is refused (state used)', async () => {
    const browser = createBrowser()
    const auth = await authenticate(browser, platform, { role: 'Learner', userId: '42' })
    const form = parseForm(auth.text, auth.url)
    expect((await browser.postForm(form.action, form.fields)).status).toBe(200)
    const again = await browser.postForm(form.action, form.fields)
    expect({ status: again.status, code: refusalCode(again) }).toEqual({
      status: 401,
      code: 'ERR_LTI_STATE_INVALID',
    })
  })

  it('no state', async () => {
    const browser = createBrowser()
    const auth = await authenticate(browser, platform, { role: 'Learner', userId: '43' })
    const form = parseForm(auth.text, auth.url)
    const page = await browser.postForm(form.action, { id_token: form.fields.id_token! })
    expect({ status: page.status, code: refusalCode(page) }).toEqual({
      status: 401,
      code: 'ERR_LTI_STATE_INVALID',
    })
    await nobodyStored('43')
  })

  it('a state issued to another browser', async () => {
    const victim = createBrowser()
    const auth = await authenticate(victim, platform, { role: 'Learner', userId: '44' })
    const form = parseForm(auth.text, auth.url)
    const attacker = createBrowser()
    const page = await attacker.postForm(form.action, form.fields)
    expect({ status: page.status, code: refusalCode(page) }).toEqual({
      status: 401,
      code: 'ERR_LTI_STATE_INVALID',
    })
    expect(page.text).toMatch(/was not issued to this browser/)
    await nobodyStored('44')
  })

  it('a state we never issued', async () => {
    const browser = createBrowser()
    const auth = await authenticate(browser, platform, { role: 'Learner', userId: '45' })
    const form = parseForm(auth.text, auth.url)
    const page = await browser.postForm(form.action, { ...form.fields, state: 'forged' })
    expect({ status: page.status, code: refusalCode(page) }).toEqual({
      status: 401,
      code: 'ERR_LTI_STATE_INVALID',
    })
    await nobodyStored('45')
  })
})

describe('LTI claims', () => {
  it('an unknown deployment_id', () =>
    expectRefused(
      { tamper: (c) => ({ ...c, [`${LTI}deployment_id`]: '99' }) },
      403,
      'ERR_LTI_DEPLOYMENT_UNKNOWN',
    ))
  it('a wrong version', () =>
    expectRefused(
      { tamper: (c) => ({ ...c, [`${LTI}version`]: '1.1.0' }) },
      400,
      'ERR_LTI_CLAIMS_INVALID',
      /version.*must be &quot;1\.3\.0&quot;/,
    ))
  it('an unsupported message_type', () =>
    expectRefused(
      { tamper: (c) => ({ ...c, [`${LTI}message_type`]: 'LtiSubmissionReviewRequest' }) },
      400,
      'ERR_LTI_CLAIMS_INVALID',
      /unsupported message type/,
    ))
  it.each([
    ['roles not an array', (c: Record<string, unknown>) => ({ ...c, [`${LTI}roles`]: 'Learner' })],
    [
      'no resource_link in a resource link launch',
      (c: Record<string, unknown>) => {
        const { [`${LTI}resource_link`]: _, ...rest } = c
        return rest
      },
    ],
    ['an empty sub', (c: Record<string, unknown>) => ({ ...c, sub: '' })],
    [
      'a context without id',
      (c: Record<string, unknown>) => ({ ...c, [`${LTI}context`]: { title: 'x' } }),
    ],
  ])('malformed: %s', (_case, tamper) => expectRefused({ tamper }, 400, 'ERR_LTI_CLAIMS_INVALID'))
})

describe('login initiation', () => {
  it('an issuer that is not registered', async () => {
    const res = await fetch(
      `${nls.url}/lti/login?iss=https://unknown.example&login_hint=4&target_link_uri=${encodeURIComponent(`${nls.url}/lti/launch`)}`,
      { redirect: 'manual' },
    )
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      code: 'ERR_LTI_PLATFORM_UNKNOWN',
      message: 'no platform is registered with issuer https://unknown.example',
    })
  })

  it('a target_link_uri elsewhere, and missing parameters', async () => {
    const base = `${nls.url}/lti/login?iss=${encodeURIComponent(platform.issuer)}&login_hint=4`
    const elsewhere = await fetch(`${base}&target_link_uri=https://evil.example/`, {
      redirect: 'manual',
    })
    expect(await elsewhere.json()).toEqual({
      code: 'ERR_LTI_LOGIN_INVALID',
      message: 'login initiation: "target_link_uri" is not a URL of this tool',
    })
    const missing = await fetch(`${nls.url}/lti/login?iss=${encodeURIComponent(platform.issuer)}`, {
      redirect: 'manual',
    })
    expect(missing.status).toBe(400)
    expect(((await missing.json()) as { message: string }).message).toMatch(
      /^login initiation: "login_hint"/,
    )
  })
})

describe("the platform's keys", () => {
  /** A fake Moodle registered with NLS with its key set at `jwksUrl` (its own certs.php if none). */
  async function platformWithKeysAt(jwksUrl?: (issuer: string) => string): Promise<FakePlatform> {
    const other = await startFakePlatform()
    other.configureTool({
      loginUrl: `${nls.url}/lti/login`,
      redirectUris: [`${nls.url}/lti/launch`],
      jwksUrl: `${nls.url}/.well-known/jwks.json`,
      targetLinkUri: `${nls.url}/lti/launch`,
    })
    await nls.stores.platforms.addPlatform(
      {
        issuer: other.issuer,
        clientId: other.clientId,
        authUrl: other.authUrl,
        tokenUrl: other.tokenUrl,
        jwksUrl: jwksUrl ? jwksUrl(other.issuer) : other.jwksUrl,
        name: 'Moodle with keys elsewhere',
        deploymentIds: [other.deploymentId],
      },
      'test',
    )
    return other
  }

  /** A loopback URL where nothing listens: a port that was free a moment ago. */
  async function closedPort(): Promise<string> {
    const server = createServer().listen(0, '127.0.0.1')
    await once(server, 'listening')
    const { port } = server.address() as AddressInfo
    server.close()
    await once(server, 'close')
    return `http://127.0.0.1:${port}/mod/lti/certs.php`
  }

  it('a key set that answers 404 is a 502 naming the status, not a bad signature', async () => {
    const broken = await platformWithKeysAt((issuer) => `${issuer}/mod/lti/no-such-certs.php`)
    const page = await launchIn(createBrowser(), broken, { role: 'Learner', userId: '4' })
    await broken.close()
    expect({ status: page.status, code: refusalCode(page) }).toEqual({
      status: 502,
      code: 'ERR_LTI_PLATFORM_KEYS_UNAVAILABLE',
    })
    expect(page.text).toMatch(/the platform&#39;s key set answered HTTP 404, not 200/)
  })

  it('a key set nobody answers at (connection refused) is a 502', async () => {
    const down = await closedPort()
    const broken = await platformWithKeysAt(() => down)
    const page = await launchIn(createBrowser(), broken, { role: 'Learner', userId: '4' })
    await broken.close()
    expect({ status: page.status, code: refusalCode(page) }).toEqual({
      status: 502,
      code: 'ERR_LTI_PLATFORM_KEYS_UNAVAILABLE',
    })
    expect(page.text).toMatch(/the platform&#39;s key set could not be reached/)
  })

  // Issue 16: any TypeError, our own bugs included, was answered as "platform keys unavailable".
  it('a bug of ours (a TypeError) while verifying is a 500 with an error id, never a 502', async () => {
    const other = await platformWithKeysAt()
    const platforms = nls.stores.platforms
    const getPlatform = platforms.getPlatform
    // The bug injected: a platform read back without its key set URL.
    platforms.getPlatform = async (id) => {
      const found = await getPlatform.call(platforms, id)
      return found && { ...found, jwksUrl: undefined as unknown as string }
    }
    try {
      const page = await launchIn(createBrowser(), other, { role: 'Learner', userId: '4' })
      expect(page.status).toBe(500)
      expect(JSON.parse(page.text)).toEqual({
        code: 'ERR_INTERNAL',
        message: 'internal error',
        errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      })
    } finally {
      platforms.getPlatform = getPlatform
      await other.close()
    }
  })
})
