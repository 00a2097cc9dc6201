import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { openTestDatabase } from '../support/test-database.ts'

let database: Database
let stores: Stores
beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
})
afterAll(() => database.close())

const moodle = (clientId: string) => ({
  issuer: 'https://lms.thpt-a.edu.vn',
  clientId,
  authUrl: 'https://lms.thpt-a.edu.vn/mod/lti/auth.php',
  tokenUrl: 'https://lms.thpt-a.edu.vn/mod/lti/token.php',
  jwksUrl: 'https://lms.thpt-a.edu.vn/mod/lti/certs.php',
  name: 'Moodle THPT A',
  deploymentIds: ['1', '1'],
})

describe('platforms', () => {
  it('a platform is a tenant with its deployments; the registration is audited', async () => {
    const platform = await stores.platforms.addPlatform(moodle('abc'), 'cli')
    expect(platform).toMatchObject({ ...moodle('abc'), deploymentIds: ['1'] })
    expect(await stores.tenants.getTenant(platform.tenantId)).toMatchObject({
      kind: 'platform',
      name: 'Moodle THPT A',
    })
    expect(await stores.platforms.findPlatforms('https://lms.thpt-a.edu.vn')).toEqual([platform])
    expect(await stores.platforms.findPlatforms('https://lms.thpt-a.edu.vn', 'other')).toEqual([])
    const [entry] = await stores.audit.list({ tenantId: platform.tenantId })
    expect(entry).toMatchObject({ action: 'platform.add', actor: 'cli' })
  })

  it('one registration per issuer and client_id', async () => {
    await stores.platforms.addPlatform(moodle('dup'), 'cli')
    await expect(stores.platforms.addPlatform(moodle('dup'), 'cli')).rejects.toMatchObject({
      code: 'ERR_STORE_CONFLICT',
      message:
        'a platform with issuer https://lms.thpt-a.edu.vn and client_id dup is registered already',
    })
  })

  it('deployments are added once', async () => {
    const platform = await stores.platforms.addPlatform(moodle('dep'), 'cli')
    await stores.platforms.addDeployment(platform.id, '2', 'cli')
    const again = await stores.platforms.addDeployment(platform.id, '2', 'cli')
    expect(again.deploymentIds).toEqual(['1', '2'])
    await expect(
      stores.platforms.addDeployment('00000000-0000-4000-8000-000000000000', '1', 'cli'),
    ).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' })
  })

  it('a login state is consumed once, and not after it expired', async () => {
    const platform = await stores.platforms.addPlatform(moodle('login'), 'cli')
    const now = new Date('2026-11-22T10:00:00Z')
    const login = {
      state: 's1',
      nonce: 'n1',
      platformId: platform.id,
      expiresAt: new Date(now.getTime() + 600_000),
    }
    await stores.platforms.createLoginState(login)
    expect(await stores.platforms.consumeLoginState('s1', now)).toEqual(login)
    expect(await stores.platforms.consumeLoginState('s1', now)).toBeUndefined()

    await stores.platforms.createLoginState({ ...login, state: 's2', nonce: 'n2' })
    const late = new Date(now.getTime() + 600_001)
    expect(await stores.platforms.consumeLoginState('s2', late)).toBeUndefined()
    expect(await stores.platforms.consumeLoginState('unknown', now)).toBeUndefined()
  })
})

describe('tool keys', () => {
  it('one current key; a rotated key stays published until its grace period ends', async () => {
    const keys = createStores(database.db).toolKeys
    expect(await keys.currentKey()).toBeUndefined()
    const jwk = (kid: string) => ({
      kid,
      publicJwk: { kty: 'RSA', kid },
      privateJwk: { kty: 'RSA', kid, d: 'x' },
    })
    await keys.addKey(jwk('k1'), new Date(), 'system')
    const until = new Date(Date.now() + 86_400_000)
    await keys.addKey(jwk('k2'), until, 'cli')
    expect((await keys.currentKey())?.kid).toBe('k2')
    const published = await keys.publishedKeys(new Date())
    expect(published.map((k) => k.kid)).toEqual(['k2', 'k1'])
    expect(published[1]?.expiresAt).toEqual(until)
    expect((await keys.publishedKeys(new Date(until.getTime() + 1))).map((k) => k.kid)).toEqual([
      'k2',
    ])
  })

  it('a secret is made once and then kept', async () => {
    const keys = createStores(database.db).toolKeys
    expect(await keys.secret('session', () => 'first')).toBe('first')
    expect(await keys.secret('session', () => 'second')).toBe('first')
  })
})
