// The HTTP edge alone: the real app and stores on a test database, with the database's ping and
// one store method replaced where a test needs them to fail.
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { createPlatformKeySets } from '../../lti/platform-key-sets.ts'
import { emptyPipeline } from '../../src/pipeline/statement-pipeline.ts'
import { frameworksFrom } from '../../src/evaluation/frameworks-in-force.ts'
import { createApp, type AppDeps } from '../../src/server/app.ts'
import { createLogger } from '../../src/server/logger.ts'
import { createMetrics } from '../../src/server/metrics.ts'
import type { Database } from '../../src/store/database.ts'
import { createStores } from '../../src/store/index.ts'
import { postgresAdminTokenStore } from '../../src/store/postgres-admin-token-store.ts'
import { openTestDatabase } from '../support/test-database.ts'

let database: Database
let logged: string
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(() => database.close())

async function serve(overrides: Partial<AppDeps>): Promise<{ url: string; server: Server }> {
  logged = ''
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logged += chunk.toString()
      done()
    },
  })
  const app = createApp({
    logger: createLogger('info', sink),
    metrics: createMetrics({
      databaseKind: database.kind,
      poolStats: database.poolStats,
      outboxDepth: async () => 0,
    }),
    ping: database.ping,
    draining: () => false,
    stores: createStores(database.db),
    pipeline: emptyPipeline,
    inference: { frameworks: () => frameworksFrom([]), wake: () => undefined },
    lti: {
      keySets: createPlatformKeySets(),
      sessionSecret: new Uint8Array(32).fill(7),
      baseUrl: () => 'http://127.0.0.1',
      now: () => new Date(),
    },
    ...overrides,
  })
  const server = createServer(app).listen(0, '127.0.0.1')
  await once(server, 'listening')
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

describe('readiness', () => {
  it('503 with the reason when the database does not answer', async () => {
    const { url, server } = await serve({
      ping: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:5432')
      },
    })
    const res = await fetch(`${url}/readyz`)
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({
      status: 'unavailable',
      database: 'connect ECONNREFUSED 127.0.0.1:5432',
    })
    expect((await fetch(`${url}/healthz`)).status).toBe(200)
    server.close()
  })

  it('503 while draining, so a load balancer stops sending', async () => {
    const { url, server } = await serve({ draining: () => true })
    const res = await fetch(`${url}/readyz`)
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({ status: 'draining' })
    server.close()
  })
})

describe('errors', () => {
  it('an unexpected error is a bare 500 with an id that is in the log', async () => {
    const stores = createStores(database.db)
    const { secret } = await stores.adminTokens.createToken('edge', 'test')
    const { url, server } = await serve({
      stores: {
        ...stores,
        adminTokens: {
          ...stores.adminTokens,
          listTokens: async () => {
            throw new Error('secret internal detail')
          },
        },
      },
    })
    const res = await fetch(`${url}/api/admin/tokens`, {
      headers: { authorization: `Bearer ${secret}` },
    })
    expect(res.status).toBe(500)
    const body = (await res.json()) as { code: string; errorId: string }
    expect(body).toEqual({
      code: 'ERR_INTERNAL',
      message: 'internal error',
      errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    })
    expect(logged).toContain(body.errorId)
    expect(logged).toContain('secret internal detail')
    server.close()
  })

  it('unknown routes, wrong tokens and bad bodies get a code and a message naming the field', async () => {
    const { secret } = await postgresAdminTokenStore(database.db).createToken('edge2', 'test')
    const { url, server } = await serve({})
    const notFound = await fetch(`${url}/nowhere`)
    expect(notFound.status).toBe(404)
    expect(await notFound.json()).toEqual({
      code: 'ERR_NOT_FOUND',
      message: 'no route for GET /nowhere',
    })

    const wrong = await fetch(`${url}/api/admin/tokens`, {
      headers: { authorization: 'Bearer nls_admin_wrong' },
    })
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer realm="nls-admin"')
    expect(await wrong.json()).toEqual({
      code: 'ERR_ADMIN_TOKEN_INVALID',
      message: 'the admin token is not valid',
    })

    const bad = await fetch(`${url}/api/admin/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 42 }),
    })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({
      code: 'ERR_INPUT_INVALID',
      message: 'body.name: Invalid input: expected string, received number',
      problems: [
        { path: ['body', 'name'], message: 'Invalid input: expected string, received number' },
      ],
    })

    const taken = await fetch(`${url}/api/admin/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'edge2' }),
    })
    expect(taken.status).toBe(409)
    expect(await taken.json()).toEqual({
      code: 'ERR_STORE_CONFLICT',
      message: 'an active admin token is already named "edge2"',
    })
    server.close()
  })

  it('the admin API creates, lists and revokes tokens, and the audit log names the token used', async () => {
    const { secret } = await postgresAdminTokenStore(database.db).createToken('so-gddt', 'test')
    const { url, server } = await serve({})
    const auth = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }
    const created = await fetch(`${url}/api/admin/tokens`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'truong-thpt-a' }),
    })
    expect(created.status).toBe(201)
    const { token, secret: newSecret } = (await created.json()) as {
      token: { id: string; name: string }
      secret: string
    }
    expect(token.name).toBe('truong-thpt-a')
    const revoked = await fetch(`${url}/api/admin/tokens/${token.id}`, {
      method: 'DELETE',
      headers: auth,
    })
    expect(revoked.status).toBe(200)
    const useRevoked = await fetch(`${url}/api/admin/tokens`, {
      headers: { authorization: `Bearer ${newSecret}` },
    })
    expect(useRevoked.status).toBe(401)

    const audit = await fetch(`${url}/api/admin/audit?limit=2`, { headers: auth })
    const { entries } = (await audit.json()) as {
      entries: { action: string; actor: string; subject: string }[]
    }
    expect(entries.map((e) => [e.action, e.actor, e.subject])).toEqual([
      ['admin-token.revoke', 'admin-token:so-gddt', `admin-token:${token.id}`],
      ['admin-token.create', 'admin-token:so-gddt', `admin-token:${token.id}`],
    ])
    server.close()
  })

  it('the admin API registers platforms and their deployments', async () => {
    const { secret } = await postgresAdminTokenStore(database.db).createToken('platforms', 'test')
    const { url, server } = await serve({})
    const auth = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }
    const bad = await fetch(`${url}/api/admin/platforms`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ issuer: 'nope', clientId: 'c', deploymentIds: [] }),
    })
    expect(bad.status).toBe(400)
    const { problems } = (await bad.json()) as { problems: { path: string[] }[] }
    expect(problems.map((p) => p.path.join('.'))).toEqual([
      'body.issuer',
      'body.authUrl',
      'body.tokenUrl',
      'body.jwksUrl',
      'body.deploymentIds',
    ])
    const site = 'https://lms.example.edu.vn'
    const created = await fetch(`${url}/api/admin/platforms`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        issuer: site,
        clientId: 'abc',
        authUrl: `${site}/mod/lti/auth.php`,
        tokenUrl: `${site}/mod/lti/token.php`,
        jwksUrl: `${site}/mod/lti/certs.php`,
        deploymentIds: ['1'],
      }),
    })
    expect(created.status).toBe(201)
    const { platform } = (await created.json()) as { platform: { id: string; name: string } }
    expect(platform.name).toBe('lms.example.edu.vn')
    const added = await fetch(`${url}/api/admin/platforms/${platform.id}/deployments`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ deploymentId: '2' }),
    })
    expect(
      ((await added.json()) as { platform: { deploymentIds: string[] } }).platform.deploymentIds,
    ).toEqual(['1', '2'])
    const badId = await fetch(`${url}/api/admin/platforms/not-a-uuid/deployments`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ deploymentId: '2' }),
    })
    expect(badId.status).toBe(400)
    server.close()
  })

  it('a session token in the URL never reaches the log', async () => {
    const { url, server } = await serve({})
    const res = await fetch(`${url}/app/me?session=secret-token-value&lang=vi`)
    expect(res.status).toBe(401)
    server.close()
    expect(logged).toContain('/app/me?session=[redacted]&lang=vi')
    expect(logged).not.toContain('secret-token-value')
  })
})

describe('favicon', () => {
  it('/favicon.ico is a 16×16 icon, cached for a month', async () => {
    const { url, server } = await serve({})
    const res = await fetch(`${url}/favicon.ico`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/x-icon')
    expect(res.headers.get('cache-control')).toBe('public, max-age=2592000')
    const ico = Buffer.from(await res.arrayBuffer())
    // ICONDIR: an icon (type 1) of one image; its entry: 16×16, 32 bits, the BMP at byte 22.
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 1])
    expect([ico[6], ico[7], ico.readUInt16LE(12), ico.readUInt32LE(18)]).toEqual([16, 16, 32, 22])
    expect(ico.readUInt32LE(14)).toBe(ico.length - 22)
    // BITMAPINFOHEADER: 16 wide, 32 high (image and mask), 32 bits; the top-left pixel (last
    // row, bottom-up) is transparent, the next one the header's blue, opaque (BGRA).
    expect([ico.readUInt32LE(22), ico.readInt32LE(26), ico.readInt32LE(30)]).toEqual([40, 16, 32])
    const topRow = 22 + 40 + 15 * 16 * 4
    expect([...ico.subarray(topRow, topRow + 8)]).toEqual([
      0x6e, 0x3d, 0x0b, 0, 0x6e, 0x3d, 0x0b, 0xff,
    ])
    server.close()
  })
})
