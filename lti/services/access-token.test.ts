import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose'
import type { ToolKeyStore } from '../../src/store/tool-key-store.ts'
import { createToolKey } from '../tool-keys.ts'
import { createAccessTokens } from './access-token.ts'

const platform = {
  id: 'p1',
  name: 'Moodle THPT',
  clientId: 'c1ient',
  tokenUrl: 'https://moodle.example/mod/lti/token.php',
}
const AGS_SCORE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score'
const AGS_LINEITEM = 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem'

const key = await createToolKey()
const toolKeys: ToolKeyStore = {
  currentKey: async () => ({
    ...key,
    createdAt: new Date(0),
    retiredAt: undefined,
    expiresAt: undefined,
  }),
  publishedKeys: async () => [],
  addKey: async () => {
    throw new Error('not here')
  },
  secret: async (_name, make) => make(),
}

/** A token endpoint that records form bodies and answers with `answer`. */
function tokenEndpoint(answer: () => Response | Promise<Response>) {
  const forms: URLSearchParams[] = []
  const fetchFn = (async (_url: string | URL | Request, init?: RequestInit) => {
    forms.push(new URLSearchParams(String(init?.body)))
    return answer()
  }) as typeof fetch
  return { forms, fetch: fetchFn }
}

let issued = 0
const ok = (expiresIn = 3600) =>
  Response.json({ access_token: `t${++issued}`, token_type: 'Bearer', expires_in: expiresIn })

describe('createAccessTokens', () => {
  let clock = new Date('2026-11-22T10:00:00Z')
  const now = () => clock
  beforeEach(() => {
    clock = new Date('2026-11-22T10:00:00Z')
  })

  it('asks with a client assertion as Security Framework §4.1.1 and RFC 7523 §2.2 define', async () => {
    const endpoint = tokenEndpoint(() => ok())
    const tokens = createAccessTokens({ toolKeys, fetch: endpoint.fetch, now })
    await tokens.token(platform, [AGS_SCORE, AGS_LINEITEM, AGS_SCORE])
    const form = endpoint.forms[0]!
    expect(form.get('grant_type')).toBe('client_credentials')
    expect(form.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    )
    expect(form.get('scope')).toBe(`${AGS_LINEITEM} ${AGS_SCORE}`)
    const assertion = form.get('client_assertion')!
    expect(decodeProtectedHeader(assertion)).toMatchObject({ alg: 'RS256', kid: key.kid })
    const { payload } = await jwtVerify(assertion, createLocalJWKSet({ keys: [key.publicJwk] }), {
      currentDate: clock,
      issuer: platform.clientId,
      subject: platform.clientId,
      audience: platform.tokenUrl,
    })
    expect(payload.iat).toBe(clock.getTime() / 1000)
    expect(payload.exp).toBe(clock.getTime() / 1000 + 300)
    expect(payload.jti).toEqual(expect.any(String))
  })

  it('reuses a token per platform and scope set, shares one request, asks again near expiry', async () => {
    const endpoint = tokenEndpoint(() => ok(3600))
    const tokens = createAccessTokens({ toolKeys, fetch: endpoint.fetch, now })
    const [a, b, c] = await Promise.all([
      tokens.token(platform, [AGS_SCORE, AGS_LINEITEM]),
      tokens.token(platform, [AGS_LINEITEM, AGS_SCORE]),
      tokens.token(platform, [AGS_SCORE, AGS_LINEITEM]),
    ])
    expect(new Set([a, b, c]).size).toBe(1)
    expect(endpoint.forms).toHaveLength(1)
    await tokens.token(platform, [AGS_SCORE])
    await tokens.token({ ...platform, id: 'p2' }, [AGS_SCORE])
    expect(endpoint.forms).toHaveLength(3)

    clock = new Date(clock.getTime() + 3539_000)
    expect(await tokens.token(platform, [AGS_LINEITEM, AGS_SCORE])).toBe(a)
    clock = new Date(clock.getTime() + 2_000)
    expect(await tokens.token(platform, [AGS_LINEITEM, AGS_SCORE])).not.toBe(a)
    expect(endpoint.forms).toHaveLength(4)
    // Every assertion has its own jti.
    const jtis = endpoint.forms.map((f) => decodeJwt(f.get('client_assertion')!).jti)
    expect(new Set(jtis).size).toBe(4)
  })

  it('drops only the token it is told was refused', async () => {
    const endpoint = tokenEndpoint(() => ok())
    const tokens = createAccessTokens({ toolKeys, fetch: endpoint.fetch, now })
    const first = await tokens.token(platform, [AGS_SCORE])
    tokens.invalidate(platform, [AGS_SCORE], 'another token')
    expect(await tokens.token(platform, [AGS_SCORE])).toBe(first)
    tokens.invalidate(platform, [AGS_SCORE], first)
    expect(await tokens.token(platform, [AGS_SCORE])).not.toBe(first)
  })

  it('names the platform, the endpoint and the OAuth error, never the assertion', async () => {
    const endpoint = tokenEndpoint(() =>
      Response.json({ error: 'invalid_client' }, { status: 400 }),
    )
    const tokens = createAccessTokens({ toolKeys, fetch: endpoint.fetch, now })
    const failure = tokens.token(platform, [AGS_SCORE])
    await expect(failure).rejects.toMatchObject({
      code: 'ERR_LTI_SERVICE_FAILED',
      message: `Moodle THPT: token request to ${platform.tokenUrl} answered 400 invalid_client`,
      status: 400,
      platformMessage: 'invalid_client',
    })
    const err: Error = await failure.then(
      () => new Error('resolved'),
      (e: unknown) => e as Error,
    )
    expect(JSON.stringify({ ...err, message: err.message })).not.toContain(
      endpoint.forms[0]!.get('client_assertion')!.slice(-20),
    )
    // A failure is not cached.
    await expect(tokens.token(platform, [AGS_SCORE])).rejects.toThrow()
    expect(endpoint.forms).toHaveLength(2)
  })

  it('reports an unreachable endpoint and a body that is not a token response', async () => {
    const down = createAccessTokens({
      toolKeys,
      now,
      fetch: (async () => {
        throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') })
      }) as typeof fetch,
    })
    await expect(down.token(platform, [AGS_SCORE])).rejects.toMatchObject({
      code: 'ERR_LTI_SERVICE_FAILED',
      message: `Moodle THPT: token request to ${platform.tokenUrl} failed: fetch failed: connect ECONNREFUSED`,
      status: undefined,
    })
    const odd = createAccessTokens({
      toolKeys,
      now,
      fetch: tokenEndpoint(() => Response.json({ access_token: 'x', token_type: 'mac' })).fetch,
    })
    await expect(odd.token(platform, [AGS_SCORE])).rejects.toMatchObject({
      code: 'ERR_LTI_SERVICE_RESPONSE_INVALID',
      message: `Moodle THPT: token request to ${platform.tokenUrl}: the token response is not RFC 6749 §5.1 (token_type: must be "Bearer")`,
    })
  })
})
