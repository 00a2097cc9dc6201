// The fake Moodle enforces what it claims to. The "tool" here is a key pair made in the test and
// a tiny node:http server (on 127.0.0.2, another site than the platform's 127.0.0.1) that
// publishes its JWKS and records launches.
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  createRemoteJWKSet,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  SignJWT,
  type CryptoKey,
} from 'jose'
import { createBrowser } from './browser.ts'
import { type FakePlatform, startFakePlatform } from './fake-lti-platform.ts'

const KID = 'tool-key-1'
const AGS = 'https://purl.imsglobal.org/spec/lti-ags/scope'
const NRPS_SCOPE = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly'

interface Tool {
  url: string
  privateKey: CryptoKey
  launches: URLSearchParams[]
  server: Server
}

async function startTool(): Promise<Tool> {
  const { publicKey, privateKey } = await generateKeyPair('RS256')
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] }
  const launches: URLSearchParams[] = []
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://tool').pathname
    if (path === '/jwks') return res.end(JSON.stringify(jwks))
    if (path === '/cookie') {
      res.setHeader('Set-Cookie', [
        'sid=abc; Path=/; HttpOnly; SameSite=None; Secure; Partitioned',
        'lax=1; Path=/',
      ])
      return res.end('ok')
    }
    if (path === '/echo') return res.end(req.headers.cookie ?? '')
    if (path === '/launch' && req.method === 'POST') {
      let body = ''
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
      req.on('end', () => {
        launches.push(new URLSearchParams(body))
        res.end('launched')
      })
      return
    }
    res.writeHead(404).end()
  })
  server.listen(0, '127.0.0.2')
  await once(server, 'listening')
  const url = `http://127.0.0.2:${(server.address() as AddressInfo).port}`
  return { url, privateKey, launches, server }
}

let tool: Tool
let platform: FakePlatform

beforeAll(async () => {
  tool = await startTool()
  platform = await startFakePlatform()
  platform.configureTool({
    loginUrl: `${tool.url}/login`,
    redirectUris: [`${tool.url}/launch`],
    jwksUrl: `${tool.url}/jwks`,
    targetLinkUri: `${tool.url}/launch`,
  })
})
afterAll(async () => {
  await platform.close()
  tool.server.close()
})

/** The tool's half of the OIDC login: the auth request URL for a login initiation. */
function authRequest(
  login: { login_hint: string; lti_message_hint: string },
  redirectUri: string,
): string {
  const url = new URL(platform.authUrl)
  const params = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: platform.clientId,
    redirect_uri: redirectUri,
    login_hint: login.login_hint,
    lti_message_hint: login.lti_message_hint,
    state: 'state-1',
    nonce: 'nonce-1',
  }
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  return url.href
}

async function clientAssertion(
  key: CryptoKey = tool.privateKey,
  jti = randomUUID(),
): Promise<string> {
  return new SignJWT({ jti })
    .setProtectedHeader({ alg: 'RS256', kid: KID })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.tokenUrl)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key)
}

async function requestToken(assertion: string, scope: string): Promise<Response> {
  return fetch(platform.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope,
    }),
  })
}

async function accessToken(scope: string): Promise<string> {
  const body = (await (await requestToken(await clientAssertion(), scope)).json()) as {
    access_token: string
  }
  return body.access_token
}

describe('auth.php', () => {
  test('signs the launch and posts it to a registered redirect URI', async () => {
    const login = platform.initiateLaunch({ role: 'Learner' })
    const browser = createBrowser()
    const page = await browser.get(authRequest(login.params, `${tool.url}/launch`))
    expect(page.status).toBe(200)
    expect(page.text).toContain(`<form action="${tool.url}/launch"`)
    const landed = await browser.submitAutoPostForm(page)
    expect(landed.text).toBe('launched')
    const posted = tool.launches.at(-1)
    expect(posted?.get('state')).toBe('state-1')
    const { payload } = await jwtVerify(
      posted?.get('id_token') ?? '',
      createRemoteJWKSet(new URL(platform.jwksUrl)),
      {
        issuer: platform.issuer,
        audience: platform.clientId,
      },
    )
    expect(payload).toMatchObject({
      nonce: 'nonce-1',
      sub: '4',
      'https://purl.imsglobal.org/spec/lti/claim/deployment_id': '1',
      'https://purl.imsglobal.org/spec/lti/claim/roles': [
        'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
      ],
    })
    expect(platform.jwksFetches()).toBeGreaterThan(0)
  })

  test('rejects a redirect_uri the tool did not register, and a launch id used before', async () => {
    const login = platform.initiateLaunch({ role: 'Instructor' })
    const evil = await fetch(authRequest(login.params, 'http://127.0.0.2:1/steal'))
    expect(evil.status).toBe(400)
    expect(await evil.text()).toMatch(/redirect_uri is not registered/)
    const again = await fetch(authRequest(login.params, `${tool.url}/launch`))
    expect(again.status).toBe(400)
  })

  test('posts an error found once the launch is known back to the redirect URI', async () => {
    const login = platform.initiateLaunch({ role: 'Learner' })
    const page = await createBrowser().get(
      authRequest({ ...login.params, login_hint: '3' }, `${tool.url}/launch`),
    )
    expect(page.status).toBe(200)
    expect(page.text).toContain('name="error" value="access_denied"')
    expect(page.text).not.toContain('id_token')
  })
})

describe('token.php', () => {
  test('rejects an assertion signed by a key the tool does not publish', async () => {
    const { privateKey: stranger } = await generateKeyPair('RS256')
    const response = await requestToken(await clientAssertion(stranger), `${AGS}/score`)
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ error: 'invalid_client' })
  })

  test('issues a token for a good assertion, once per jti', async () => {
    const assertion = await clientAssertion()
    const response = await requestToken(assertion, `${AGS}/score https://example.com/unknown`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: `${AGS}/score`,
    })
    expect((await requestToken(assertion, `${AGS}/score`)).status).toBe(400)
  })
})

describe('AGS', () => {
  const postScore = (
    url: string,
    token: string,
    score: Record<string, unknown>,
  ): Promise<Response> =>
    fetch(url, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/vnd.ims.lis.v1.score+json',
      },
      body: JSON.stringify({
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        ...score,
      }),
    })
  const scoresUrl = (lineItem: string): string => {
    const url = new URL(lineItem)
    url.pathname += '/scores'
    return url.href
  }

  test('refuses a score not newer than the last, at one-second resolution', async () => {
    const claims = platform.launchClaims({ role: 'Learner', graded: true, nonce: 'n' })
    const lineItem = (
      claims['https://purl.imsglobal.org/spec/lti-ags/claim/endpoint'] as { lineitem: string }
    ).lineitem
    expect(lineItem).toMatch(/\/lineitem\?type_id=1$/)
    const token = await accessToken(`${AGS}/score`)
    const score = { userId: '4', scoreGiven: 7, scoreMaximum: 10 }
    expect(
      (
        await postScore(scoresUrl(lineItem), token, {
          ...score,
          timestamp: '2025-03-01T10:00:00.100Z',
        })
      ).status,
    ).toBe(200)
    const same = await postScore(scoresUrl(lineItem), token, {
      ...score,
      timestamp: '2025-03-01T10:00:00.900Z',
    })
    expect(same.status).toBe(409)
    const later = { ...score, gradingProgress: 'Pending', timestamp: '2025-03-01T10:00:01Z' }
    expect((await postScore(scoresUrl(lineItem), token, later)).status).toBe(200)
    const teacher = await postScore(scoresUrl(lineItem), token, {
      ...score,
      userId: '3',
      timestamp: '2025-03-01T11:00:00Z',
    })
    expect(teacher.status).toBe(400)
    expect(platform.scores().map((s) => s.scoreGiven)).toEqual([7, null])
  })

  test('a score posted after the query string reaches no resource', async () => {
    const claims = platform.launchClaims({ role: 'Learner', graded: true, nonce: 'n' })
    const lineItem = (
      claims['https://purl.imsglobal.org/spec/lti-ags/claim/endpoint'] as { lineitem: string }
    ).lineitem
    const token = await accessToken(`${AGS}/score`)
    const response = await postScore(`${lineItem}/scores`, token, {
      userId: '4',
      timestamp: new Date().toISOString(),
    })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { reason: string }).reason).toMatch(/^No handler found/)
  })
})

describe('NRPS', () => {
  test('pages the roster with limit and Link rel="next"', async () => {
    platform.setRoster('2', { students: 25 })
    const claims = platform.launchClaims({ role: 'Instructor', nonce: 'n' })
    const service = claims['https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice'] as {
      context_memberships_url: string
    }
    const token = await accessToken(NRPS_SCOPE)
    const members: { user_id: string; roles: string[] }[] = []
    let next: string | undefined = `${service.context_memberships_url}?limit=10`
    let pages = 0
    while (next) {
      const response: Response = await fetch(next, {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
        },
      })
      expect(response.status).toBe(200)
      members.push(...((await response.json()) as { members: typeof members }).members)
      next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1]
      pages++
    }
    expect(pages).toBe(3)
    expect(new Set(members.map((m) => m.user_id)).size).toBe(26)
    expect(members[0]).toMatchObject({ user_id: '3', roles: ['Instructor'] })
  })
})

describe('Dynamic Registration', () => {
  const registration = (domain: string) => ({
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: `${tool.url}/login`,
    redirect_uris: [`${tool.url}/launch`],
    client_name: 'NLS',
    jwks_uri: `${tool.url}/jwks`,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: `${AGS}/score ${NRPS_SCOPE}`,
    'https://purl.imsglobal.org/spec/lti-tool-configuration': {
      domain,
      target_link_uri: `${tool.url}/launch`,
      claims: ['iss', 'sub', 'name', 'email'],
      messages: [{ type: 'LtiDeepLinkingRequest' }],
    },
  })
  const start = async (): Promise<{ configuration: string; token: string }> => {
    const url = new URL(await platform.dynamicRegistrationStart(`${tool.url}/register`))
    return {
      configuration: url.searchParams.get('openid_configuration') ?? '',
      token: url.searchParams.get('registration_token') ?? '',
    }
  }
  const register = (endpoint: string, token: string, body: unknown): Promise<Response> =>
    fetch(endpoint, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })

  test('registers a tool once per token, as pending', async () => {
    const { configuration, token } = await start()
    expect((await fetch(configuration)).status).toBe(401)
    const config = (await (
      await fetch(configuration, { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as {
      registration_endpoint: string
    }
    const domain = new URL(tool.url).host
    const first = await register(config.registration_endpoint, token, registration(domain))
    expect(first.status).toBe(200)
    const body = (await first.json()) as Record<string, Record<string, unknown>>
    expect(body.client_id).toBe(decodeJwt(token).sub)
    expect(body['https://purl.imsglobal.org/spec/lti-tool-configuration']?.deployment_id).toBe('2')
    expect(platform.registrations()).toMatchObject([{ state: 'pending' }])
    expect((await register(config.registration_endpoint, token, registration(domain))).status).toBe(
      401,
    )
  })

  test('rejects a domain that is not the host of target_link_uri', async () => {
    const { token } = await start()
    const response = await register(
      `${platform.issuer}/mod/lti/openid-registration.php`,
      token,
      registration('other.example'),
    )
    expect(response.status).toBe(400)
    expect(await response.text()).toBe('domain_targetlinkuri_mismatch')
  })
})

describe('browser', () => {
  test('keeps a partitioned third-party cookie with its attributes; a blocking jar keeps none', async () => {
    const framed = createBrowser({ embeddedIn: `${platform.issuer}/mod/lti/view.php?id=1` })
    await framed.get(`${tool.url}/cookie`)
    expect(framed.cookies()).toEqual([
      expect.objectContaining({
        name: 'sid',
        sameSite: 'None',
        secure: true,
        partitioned: true,
        httpOnly: true,
        partitionKey: 'http://127.0.0.1',
      }),
    ])
    expect((await framed.get(`${tool.url}/echo`)).text).toBe('sid=abc')
    const blocked = createBrowser({ cookies: 'block' })
    await blocked.get(`${tool.url}/cookie`)
    expect(blocked.cookies()).toEqual([])
  })
})
