// Issue 16, item 6: the security headers an auditor looks for, over real HTTP on a real database,
// and the sign-in cookie behind a TLS proxy (NLS_TRUST_PROXY).
import { hashPassword } from '../../src/accounts/password.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import { startNls } from '../support/nls-server.ts'

const PASSWORD = 'mat-khau-ban-dau'

/** A local account to sign in with. */
async function addAccount(nls: RunningServer): Promise<void> {
  const { stores } = nls
  const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THCS Láng Hạ' }))
    .id
  const person = await stores.people.upsertPersonByIdentity(
    tenantId,
    { kind: 'account', homePage: 'urn:nls:local-account', name: 'totruong' },
    { name: 'Tổ trưởng' },
  )
  await stores.localAccounts.createAccount(tenantId, {
    username: 'totruong',
    passwordHash: await hashPassword(PASSWORD),
    role: 'instructor',
    personId: person.id,
  })
}

/** Signs in as the local account, as if through a TLS proxy. */
const signIn = (nls: RunningServer) =>
  fetch(`${nls.url}/login`, {
    method: 'POST',
    headers: { 'x-forwarded-proto': 'https' },
    body: new URLSearchParams({ username: 'totruong', password: PASSWORD }),
    redirect: 'manual',
  })

/** The CSP's directives by name. */
function directives(res: Response): Map<string, string[]> {
  const policy = res.headers.get('content-security-policy') ?? ''
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  )
}

describe('security headers', () => {
  let nls: RunningServer
  beforeAll(async () => {
    nls = await startNls()
    // Registered before the first request: the framing origins are read once, then cached.
    await nls.stores.platforms.addPlatform(
      {
        issuer: 'https://moodle.thpt-cva.edu.vn',
        clientId: 'nls',
        authUrl: 'https://sso.thpt-cva.edu.vn:8443/mod/lti/auth.php',
        tokenUrl: 'https://moodle.thpt-cva.edu.vn/mod/lti/token.php',
        jwksUrl: 'https://moodle.thpt-cva.edu.vn/mod/lti/certs.php',
        name: 'Moodle THPT Chu Văn An',
        deploymentIds: ['1'],
      },
      'test',
    )
  }, 60_000)
  afterAll(() => nls?.close())

  it.each([
    ['a page', '/login', 200],
    ['the xAPI endpoint', '/xapi/about', 200],
    ['the xAPI statements (refused)', '/xapi/statements', 400],
    ['an API route (refused)', '/api/admin/tokens', 401],
    ['a route that is none', '/nowhere', 404],
  ])('on %s: CSP, nosniff, no referrer, no X-Frame-Options', async (_what, path, status) => {
    const res = await fetch(`${nls.url}${path}`)
    expect(res.status).toBe(status)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('x-frame-options')).toBeNull()
    // Plain HTTP: no HSTS (RFC 6797 §7.2).
    expect(res.headers.get('strict-transport-security')).toBeNull()
    const csp = directives(res)
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('script-src-attr')).toEqual(["'none'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'")
  })

  it('frame-ancestors: ourselves and the registered platform (issuer and auth origins) only', async () => {
    const csp = directives(await fetch(`${nls.url}/login`))
    expect(csp.get('frame-ancestors')).toEqual([
      "'self'",
      'https://moodle.thpt-cva.edu.vn',
      'https://sso.thpt-cva.edu.vn:8443',
    ])
  })

  it('frame-ancestors of Dynamic Registration: the origin of the platform registering', async () => {
    const res = await fetch(
      `${nls.url}/lti/register?openid_configuration=${encodeURIComponent('https://moodle.thcs-lh.edu.vn/mod/lti/openid-configuration.php')}`,
    )
    const ancestors = directives(res).get('frame-ancestors')
    expect(ancestors).toContain('https://moodle.thcs-lh.edu.vn')
    expect(ancestors).toContain('https://moodle.thpt-cva.edu.vn')
    const other = directives(await fetch(`${nls.url}/login`)).get('frame-ancestors')
    expect(other).not.toContain('https://moodle.thcs-lh.edu.vn')
  })

  it('without NLS_TRUST_PROXY, X-Forwarded-Proto is not believed: the cookie is not Secure', async () => {
    await addAccount(nls)
    const res = await signIn(nls)
    expect(res.status).toBe(303)
    expect(res.headers.getSetCookie()[0]).not.toMatch(/;\s*Secure/i)
    expect(res.headers.get('strict-transport-security')).toBeNull()
  })
})

describe('behind a TLS proxy (NLS_TRUST_PROXY=1)', () => {
  let nls: RunningServer
  beforeAll(async () => {
    nls = await startNls({ env: { NLS_TRUST_PROXY: '1' } })
    await addAccount(nls)
  }, 60_000)
  afterAll(() => nls?.close())

  it('a sign-in forwarded as https gets a Secure cookie and HSTS', async () => {
    const res = await signIn(nls)
    expect(res.status).toBe(303)
    expect(res.headers.getSetCookie()[0]).toMatch(/;\s*Secure/i)
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
  })

  it('a request the proxy forwarded as plain http stays without HSTS', async () => {
    const res = await fetch(`${nls.url}/login`, { headers: { 'x-forwarded-proto': 'http' } })
    expect(res.headers.get('strict-transport-security')).toBeNull()
  })
})
