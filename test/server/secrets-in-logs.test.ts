// Issue 16, item 5: what an auditor finds in the log. A launch's session token never appears
// (its Location header neither), and a failed statement batch logs its error, not the batch.
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { DrizzleQueryError } from 'drizzle-orm/errors'
import { createPlatformKeySets } from '../../lti/platform-key-sets.ts'
import { frameworksFrom } from '../../src/evaluation/frameworks-in-force.ts'
import { emptyPipeline } from '../../src/pipeline/statement-pipeline.ts'
import { createApp } from '../../src/server/app.ts'
import { createLogger } from '../../src/server/logger.ts'
import { createMetrics } from '../../src/server/metrics.ts'
import { createStores } from '../../src/store/index.ts'
import { createBrowser } from '../support/browser.ts'
import { startFakePlatform } from '../support/fake-lti-platform.ts'
import { launchIn } from '../support/lti-launch.ts'
import { registerPlatform, startNls } from '../support/nls-server.ts'
import { openTestDatabase } from '../support/test-database.ts'

/** A log destination kept in memory. */
function logSink(): { stream: Writable; text: () => string } {
  let text = ''
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString()
      done()
    },
  })
  return { stream, text: () => text }
}

// A compact JWS anywhere: a session, an id_token.
const JWT = /eyJ[\w-]{10,}\.[\w-]{10,}\.[\w-]+/

it('an LTI launch logs neither its session token nor any other JWT', async () => {
  const log = logSink()
  const nls = await startNls({ log: log.stream })
  const platform = await startFakePlatform()
  try {
    await registerPlatform(nls, platform)
    const page = await launchIn(createBrowser(), platform, {
      role: 'Instructor',
      userId: '7',
      courseId: '2',
      resourceLinkId: '9',
    })
    expect(page.status).toBe(200)
    const token = /name="nls-session" content="([^"]+)"/.exec(page.text)![1]!
    expect(page.url).toContain(`session=${token}`)
    const lines = log
      .text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    // The launch's 303 and the page it led to, each with the token cleared.
    expect(lines).toContainEqual(
      expect.objectContaining({
        req: expect.objectContaining({ method: 'POST', url: '/lti/launch' }),
        res: expect.objectContaining({
          statusCode: 303,
          headers: expect.objectContaining({
            location: expect.stringMatching(/\?session=\[redacted\]$/),
          }),
        }),
      }),
    )
    expect(lines).toContainEqual(
      expect.objectContaining({
        req: expect.objectContaining({
          url: expect.stringMatching(/^\/app\/\w+\?session=\[redacted\]$/),
          query: { session: '[redacted]' },
        }),
      }),
    )
    expect(log.text()).not.toContain(token)
    expect(log.text()).not.toMatch(JWT)
  } finally {
    await platform.close()
    await nls.close()
  }
}, 60_000)

it('a database error during a large POST logs the error, small, and nothing of the batch', async () => {
  const database = await openTestDatabase()
  const log = logSink()
  const stores = createStores(database.db)
  const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THCS Láng Hạ' }))
    .id
  const { client, secret } = await stores.xapiClients.createClient(tenantId, 'logstore', 'test')
  const app = createApp({
    logger: createLogger('info', log.stream),
    metrics: createMetrics({
      databaseKind: database.kind,
      poolStats: database.poolStats,
      outboxDepth: async () => 0,
    }),
    ping: database.ping,
    draining: () => false,
    // The insert fails as drizzle reports a PostgreSQL error: the SQL and every parameter on the
    // error, the values quoted again in PostgreSQL's own detail and where.
    stores: {
      ...stores,
      statements: {
        ...stores.statements,
        insertNewStatements: async (_tenantId, rows) => {
          const params = rows.flatMap((r) => [r.id, r.actorKey, JSON.stringify(r.statement)])
          const cause = Object.assign(
            new Error('invalid byte sequence for encoding "UTF8": 0x00'),
            {
              code: '22021',
              severity: 'ERROR',
              detail: `Failing row contains (${params.slice(0, 3).join(', ')}).`,
              where: `unnamed portal parameter $3 = '${params[2]}'`,
            },
          )
          throw new DrizzleQueryError(
            `insert into "statements" values ${rows.map((_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3})`).join(', ')}`,
            params,
            cause,
          )
        },
      },
    },
    pipeline: emptyPipeline,
    inference: { frameworks: () => frameworksFrom([]), wake: () => undefined },
    lti: {
      keySets: createPlatformKeySets(),
      sessionSecret: new Uint8Array(32).fill(7),
      baseUrl: () => 'http://127.0.0.1',
      now: () => new Date(),
    },
  })
  const server = createServer(app).listen(0, '127.0.0.1')
  await once(server, 'listening')
  try {
    const batch = Array.from({ length: 500 }, (_, i) => ({
      actor: { mbox: `mailto:gv${i}@langha.edu.vn`, name: `Nguyễn Thị Lan ${i}` },
      verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
      object: { id: `https://moodle.langha.edu.vn/mod/quiz/view.php?id=${i}` },
      result: { response: `Bài làm của Nguyễn Thị Lan ${i}: ${'chữ '.repeat(1000)}` },
    }))
    const body = JSON.stringify(batch)
    expect(body.length).toBeGreaterThan(2_000_000)
    const res = await fetch(
      `http://127.0.0.1:${(server.address() as AddressInfo).port}/xapi/statements`,
      {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`,
          'x-experience-api-version': '1.0.3',
          'content-type': 'application/json',
        },
        body,
      },
    )
    expect(res.status).toBe(500)
    const { errorId } = (await res.json()) as { errorId: string }
    const logged = log.text()
    expect(logged.length).toBeLessThan(24 * 1024)
    expect(logged).not.toContain('langha.edu.vn')
    expect(logged).not.toContain('Nguyễn Thị Lan')
    const line = logged
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { errorId?: string; err?: unknown })
      .find((l) => l.errorId === errorId)
    expect(line?.err).toMatchObject({
      type: 'DrizzleQueryError',
      message: expect.stringMatching(
        /^Failed query: insert into "statements" values .*\[\d+ more characters\]$/s,
      ),
      cause: { code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' },
    })
  } finally {
    server.close()
    await database.close()
  }
}, 60_000)
