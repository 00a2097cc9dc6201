// Issue 16, item 13: one xAPI Profile IRI per installation. The server and the CLI name the same
// one in their progress statements, whatever address each was started with; the CLI never makes
// it from its defaults.
import { createServer } from 'node:net'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { jest } from '@jest/globals'
import { loadConfig } from '../../src/config/config.ts'
import { PROFILE_IRI_SETTING } from '../../src/evaluation/profile-iri.ts'
import { createLogger } from '../../src/server/logger.ts'
import { type RunningServer, startServer } from '../../src/server/start-server.ts'
import { openDatabase } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { migrate } from '../../src/store/migrate.ts'
import { DEFAULT_OUTBOX_OPTIONS } from '../../src/workers/outbox-worker.ts'
import { DEFAULT_PULL_OPTIONS } from '../../src/workers/pull-worker.ts'
import { runCli } from '../support/cli.ts'
import { quizAttempt } from '../support/moodle-statements.ts'
import { createTestPlace } from '../support/test-database.ts'

jest.setTimeout(120_000)

const SITE = 'https://lms.thpt-chuvanan.edu.vn'
const V = { 'X-Experience-API-Version': '1.0.3' }
const LATER = 'https://nls-moi.so-gd.edu.vn'

let place: Awaited<ReturnType<typeof createTestPlace>>
let tenantId: string
let basic: string
let server: RunningServer | undefined
let log = ''

beforeAll(async () => {
  place = await createTestPlace({ migrated: true })
  await withStores(async (stores) => {
    tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THPT A' })).id
    // Two quizzes, two components: a change of level for each of two runs.
    for (const [id, component] of [
      [12, 'TT18.PT.1.1.CB'],
      [13, 'TT18.PT.2.1.CB'],
    ] as const) {
      const quiz = await stores.courses.upsertActivity(tenantId, {
        iri: `${SITE}/mod/quiz/view.php?id=${id}`,
      })
      await stores.tags.createTag(tenantId, { activityId: quiz.id, competencyIds: [component] })
    }
    await stores.people.upsertPersonByIdentity(tenantId, {
      kind: 'account',
      homePage: SITE,
      name: '4',
    })
    const { client, secret } = await stores.xapiClients.createClient(tenantId, 'logstore', 'test')
    basic = `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`
  })
})
afterAll(async () => {
  await server?.close()
  await place.remove()
})

async function withStores<T>(fn: (stores: Stores) => Promise<T>): Promise<T> {
  const database = await openDatabase(place.config)
  try {
    await migrate(database)
    return await fn(createStores(database.db))
  } finally {
    await database.close()
  }
}

/** A port of 127.0.0.1 free a moment ago. */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1')
  await once(probe, 'listening')
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}

/** Where the server listens (its `url` is its public address, which need not resolve). */
let local = ''

/** NLS serving the test place on a port of localhost, its log kept in `log`. */
async function serve(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort()
  local = `http://127.0.0.1:${port}`
  const sink = new Writable({
    write(chunk, _encoding, done) {
      log += String(chunk)
      done()
    },
  })
  return startServer(
    loadConfig({ ...place.env, PORT: String(port), HOST: '127.0.0.1', ...env }),
    createLogger('info', sink),
    {
      pull: { ...DEFAULT_PULL_OPTIONS, tickMs: 3_600_000 },
      outbox: { ...DEFAULT_OUTBOX_OPTIONS, tickMs: 3_600_000 },
      inference: { tickMs: 3_600_000, batchSize: 50 },
    },
  )
}

/** POSTs a passed attempt at quiz `id` by Moodle user 4. */
async function attempt(id: number): Promise<void> {
  const res = await fetch(`${local}/xapi/statements`, {
    method: 'POST',
    headers: { ...V, authorization: basic, 'content-type': 'application/json' },
    body: JSON.stringify(quizAttempt('4', 9, { cmid: id, site: SITE })),
  })
  expect(res.status).toBe(200)
}

/** The category IRIs of the progress statements waiting in the outbox, by component. */
async function queuedCategories(stores: Stores): Promise<Record<string, string[]>> {
  const due = await stores.outbox.claimDue(new Date(Date.now() + 86_400_000), 100)
  const found: Record<string, string[]> = {}
  for (const message of due) {
    const statement = (message.payload as { statement?: Json }).statement
    if (!statement || (message.payload as Json).destination !== 'progress') continue
    const component = String(statement.object.id)
    found[component] = statement.context.contextActivities.category.map((c: Json) => c.id)
  }
  return found
}

// Statements as JSON, read loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>

describe('the profile IRI of an installation', () => {
  it('is never made from the CLI defaults', async () => {
    const refused = await runCli(place.env, 'recompute', '--tenant', tenantId)
    expect(refused.code).toBe(2)
    expect(refused.err).toContain('set NLS_PUBLIC_URL')
    expect(await withStores((s) => s.installationSettings.getSetting(PROFILE_IRI_SETTING))).toBe(
      undefined,
    )
  })

  it('is kept the first time the server needs it; the CLI later names the same one', async () => {
    // A server without NLS_PUBLIC_URL keeps the address it serves the profile at, and says so.
    server = await serve({})
    await attempt(12)
    await server.inference.runOnce()
    const kept = `${server.url}/xapi/profile`
    expect(await server.stores.installationSettings.getSetting(PROFILE_IRI_SETTING)).toBe(kept)
    const byServer = await queuedCategories(server.stores)
    expect(Object.values(byServer)).toEqual([[expect.stringMatching(`^${kept}/v/`)]])
    expect(log).toContain('NLS_PUBLIC_URL is not set')
    const profile = (await (await fetch(`${local}/xapi/profile`)).json()) as Json
    expect(profile.id).toBe(kept)
    // A second attempt waits for the CLI (the worker's tick is an hour away).
    await attempt(13)
    await server.close()
    server = undefined

    // The CLI under another NLS_PUBLIC_URL works out the waiting change and names the kept IRI.
    const run = await runCli({ ...place.env, NLS_PUBLIC_URL: LATER }, 'recompute')
    expect(run.code).toBe(0)
    expect(run.err).toContain(`${LATER}/xapi/profile`)
    // (claiming leases a message: the server's one is not claimed again here)
    const byCli = await withStores(queuedCategories)
    expect(Object.keys(byCli)).not.toEqual(Object.keys(byServer))
    expect(Object.values(byCli)).toEqual(Object.values(byServer))

    // And a server started under that other address too.
    log = ''
    server = await serve({ NLS_PUBLIC_URL: LATER })
    const again = (await (await fetch(`${local}/xapi/profile`)).json()) as Json
    expect(again.id).toBe(kept)
  })
})
