// Guessing is paused, over real HTTP on a real database shared by two instances of NLS: a user
// name in any spelling that finds the same account, a client address, admin tokens and xAPI
// credentials. A right secret during a pause is refused too.
import { hashPassword } from '../../src/accounts/password.ts'
import { loadConfig } from '../../src/config/config.ts'
import { openDatabase, type Database } from '../../src/store/database.ts'
import { createLogger } from '../../src/server/logger.ts'
import { type RunningServer, startServer } from '../../src/server/start-server.ts'
import { createTestPlace, testBackend } from '../support/test-database.ts'

const PASSWORD = 'mat-khau-ban-dau'
let place: Awaited<ReturnType<typeof createTestPlace>>
/** The embedded database opens in one process only: both instances then share one handle. */
let shared: Database | undefined
let one: RunningServer
let two: RunningServer
let tenantId: string

const start = () =>
  startServer(
    loadConfig({ PORT: '0', HOST: '127.0.0.2', LOG_LEVEL: 'silent', ...place.env }),
    createLogger('silent'),
    shared ? { database: { ...shared, close: async () => {} } } : {},
  )

beforeAll(async () => {
  place = await createTestPlace({ migrated: true })
  if (testBackend === 'pglite') shared = await openDatabase(place.config)
  one = await start()
  two = await start()
  tenantId = (await one.stores.tenants.createTenant({ kind: 'platform', name: 'THCS Láng Hạ' })).id
  for (const username of [' TapHuan.A ', 'taphuan.b']) {
    const person = await one.stores.people.upsertPersonByIdentity(
      tenantId,
      { kind: 'account', homePage: 'urn:nls:local-account', name: username.trim() },
      {},
    )
    await one.stores.localAccounts.createAccount(tenantId, {
      username,
      passwordHash: await hashPassword(PASSWORD),
      role: 'instructor',
      personId: person.id,
    })
  }
}, 120_000)
afterAll(async () => {
  await one?.close()
  await two?.close()
  await shared?.close()
  await place?.remove()
})

const signIn = (nls: RunningServer, username: string, password: string) =>
  fetch(`${nls.url}/login`, {
    method: 'POST',
    body: new URLSearchParams({ username, password }),
    redirect: 'manual',
  })

describe('sign-in', () => {
  it('keeps and finds a user name normalised: " TapHuan.A " is the account taphuan.a', async () => {
    const accounts = await one.stores.localAccounts.listAccounts(tenantId)
    expect(accounts.map((a) => a.username)).toEqual(['taphuan.a', 'taphuan.b'])
    expect((await signIn(one, 'TAPHUAN.A', PASSWORD)).status).toBe(303)
  })

  it('pauses a name after ten failures in any spelling, on every instance, right password or not', async () => {
    const spellings = [
      ' taphuan.a',
      'TAPHUAN.A',
      'taphuan.a ',
      'TapHuan.A',
      '\u00a0taphuan.a',
      'taphuan.a',
    ]
    const statuses: number[] = []
    for (let i = 0; i < 60; i++) {
      const res = await signIn(i % 2 ? two : one, spellings[i % 6]!, `doan-sai-${i}`)
      statuses.push(res.status)
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401))
    expect(statuses.slice(10)).toEqual(Array(50).fill(429))
    for (const nls of [one, two]) {
      const right = await signIn(nls, ' taphuan.a', PASSWORD)
      expect(right.status).toBe(429)
      expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(await right.text()).toContain('Sai quá nhiều lần. Hãy thử lại sau 15 phút.')
    }
    // Another name from the same address is not paused.
    expect((await signIn(two, 'taphuan.b', PASSWORD)).status).toBe(303)
  }, 120_000)

  it('pauses an address after fifty failures, whatever the names', async () => {
    // Ten failures are counted already (the test above); the address allows fifty.
    for (let i = 0; i < 40; i++) {
      expect((await signIn(i % 2 ? two : one, `khong-co-${i}`, 'x')).status).toBe(401)
    }
    const right = await signIn(one, 'taphuan.b', PASSWORD)
    expect(right.status).toBe(429)
    expect(right.headers.get('retry-after')).not.toBeNull()
  }, 120_000)
})

describe('credentials of programs', () => {
  it('pauses an address after twenty wrong admin tokens, the right one then refused', async () => {
    const { secret } = await one.stores.adminTokens.createToken('district-it', 'test')
    const admin = (nls: RunningServer, token: string, path = '/api/admin/tokens') =>
      fetch(`${nls.url}${path}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      })
    expect((await admin(two, secret)).status).toBe(200)
    for (let i = 0; i < 20; i++) {
      expect((await admin(i % 2 ? two : one, `wrong${i}`)).status).toBe(401)
    }
    for (const res of [
      await admin(one, secret),
      await admin(two, secret, `/api/tags?tenantId=${tenantId}`),
    ]) {
      expect(res.status).toBe(429)
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(await res.json()).toEqual({
        code: 'ERR_TOO_MANY_ATTEMPTS',
        message: 'too many failed attempts from this address; try again later',
      })
    }
  }, 60_000)

  it('pauses an address after twenty wrong xAPI credentials, answering as an LRS', async () => {
    const { client, secret } = await one.stores.xapiClients.createClient(
      tenantId,
      'logstore',
      'test',
    )
    const xapi = (nls: RunningServer, key: string, pass: string) =>
      fetch(`${nls.url}/xapi/statements?limit=1`, {
        headers: {
          authorization: `Basic ${Buffer.from(`${key}:${pass}`).toString('base64')}`,
          'x-experience-api-version': '1.0.3',
          accept: 'application/json',
        },
      })
    for (let i = 0; i < 20; i++) {
      expect((await xapi(i % 2 ? two : one, client.key, `wrong${i}`)).status).toBe(401)
    }
    const res = await xapi(one, client.key, secret)
    expect(res.status).toBe(429)
    expect(res.headers.get('x-experience-api-version')).toBe('1.0.3')
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await res.json()).toEqual({
      code: 'ERR_XAPI_TOO_MANY_ATTEMPTS',
      message: 'too many wrong xAPI credentials from this address; try again later',
    })
  }, 60_000)
})
