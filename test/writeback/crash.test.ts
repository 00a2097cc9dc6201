// A crash between the commit of a level change and the delivery of its statement loses nothing:
// NLS runs as its own process, is killed (SIGKILL) with the statement waiting in the outbox, and
// the next process delivers it, once.
import { jest } from '@jest/globals'
import { openDatabase } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { migrate } from '../../src/store/migrate.ts'
import { PROFILE_IRI_SETTING } from '../../src/evaluation/profile-iri.ts'
import { quizAttempt } from '../support/moodle-statements.ts'
import { type RealLrs, startRealLrs } from '../support/real-lrs.ts'
import { type ServerProcess, startServerProcess } from '../support/server-process.ts'
import { createTestPlace } from '../support/test-database.ts'

jest.setTimeout(120_000)

const SITE = 'https://lms.thpt-chuvanan.edu.vn'
const V = { 'X-Experience-API-Version': '1.0.3' }
const PROGRESSED = 'http://adlnet.gov/expapi/verbs/progressed'

let place: Awaited<ReturnType<typeof createTestPlace>>
let lrs: RealLrs | undefined
let server: ServerProcess | undefined
beforeAll(async () => {
  place = await createTestPlace({ migrated: true })
}, 30_000)
afterAll(async () => {
  if (server?.child.exitCode === null) await server.stop('SIGKILL')
  await lrs?.stop()
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

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const found = await probe()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

async function progressInLrs(): Promise<{ id: string }[]> {
  const res = await fetch(`${lrs!.endpoint}statements?verb=${encodeURIComponent(PROGRESSED)}`, {
    headers: { ...V, authorization: lrs!.auth },
  })
  return ((await res.json()) as { statements: { id: string }[] }).statements
}

describe('write-back across a crash', () => {
  it('delivers a statement committed before a SIGKILL, once, from the next process', async () => {
    // The LRS is away when the change is committed: the statement can only wait in the outbox.
    lrs = await startRealLrs()
    const { port, endpoint } = lrs
    await lrs.stop()
    const basic = await withStores(async (stores) => {
      // An installation that has its profile IRI (the servers here listen on guessed addresses).
      await stores.installationSettings.getOrCreateSetting(
        PROFILE_IRI_SETTING,
        'https://nls.so-gd.edu.vn/xapi/profile',
      )
      const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THPT D' })).id
      const quiz = await stores.courses.upsertActivity(tenantId, {
        iri: `${SITE}/mod/quiz/view.php?id=12`,
      })
      await stores.tags.createTag(tenantId, {
        activityId: quiz.id,
        competencyIds: ['TT18.PT.1.1.CB'],
      })
      await stores.people.upsertPersonByIdentity(tenantId, {
        kind: 'account',
        homePage: SITE,
        name: '4',
      })
      await stores.lrsSources.setSource(
        tenantId,
        { endpoint, username: 'nls', password: 'test', pull: false, forward: false },
        'test',
      )
      const { client, secret } = await stores.xapiClients.createClient(tenantId, 'logstore', 'test')
      return `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`
    })

    server = await startServerProcess({ ...place.env, LOG_LEVEL: 'warn' })
    const res = await fetch(`${server.url}/xapi/statements`, {
      method: 'POST',
      headers: { ...V, authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify(quizAttempt('4', 9)),
    })
    expect(res.status).toBe(200)
    // Inference commits the level and its statement together; then the process dies.
    await until('the progress statement in the outbox', async () => {
      const metrics = await (await fetch(`${server!.url}/metrics`)).text()
      return /^nls_outbox_depth [1-9]/m.test(metrics) ? true : undefined
    })
    await server.stop('SIGKILL')

    lrs = await startRealLrs(port)
    server = await startServerProcess({ ...place.env, LOG_LEVEL: 'warn' })
    const delivered = await until('the statement in the LRS', async () => {
      const found = await progressInLrs()
      return found.length > 0 ? found : undefined
    })
    // Once more the worker's turn, and still one statement.
    await new Promise((r) => setTimeout(r, 3_000))
    expect(await progressInLrs()).toEqual(delivered)
    expect(delivered).toHaveLength(1)
    await server.stop('SIGTERM')
    const left = await withStores((stores) => stores.outbox.depth())
    expect(left).toBe(0)
  })
})
