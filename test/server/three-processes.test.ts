// A district runs several stateless `nls serve` processes behind a load balancer on one
// PostgreSQL database. Three real processes share one fresh database here, with every worker
// running in each, and nothing is done twice or lost: statements pushed to any of them are stored
// once, the people they concern are worked out once per change, each progress statement reaches
// the LRS once, and an upstream LRS that all three pull for several schools is stored once per
// school, with a consistent cursor.
// PostgreSQL server only: a PGlite data directory belongs to one process.
import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { jest } from '@jest/globals'
import { sql } from 'drizzle-orm'
import { PROFILE_IRI_SETTING } from '../../src/evaluation/profile-iri.ts'
import { type Database, openDatabase } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import {
  assignmentGraded,
  attemptReviewed,
  lessonCompleted,
  MOODLE_SITE as SITE,
  pageViewed,
  quizAttempt,
  quizQuestion,
} from '../support/moodle-statements.ts'
import { type RealLrs, startRealLrs } from '../support/real-lrs.ts'
import { type ServerProcess, startServerProcess } from '../support/server-process.ts'
import { createTestPlace, testBackend } from '../support/test-database.ts'

jest.setTimeout(180_000)

const onServer = testBackend === 'postgres' ? describe : describe.skip

const V = { 'X-Experience-API-Version': '1.0.3' }
/** Moodle users of the school, known to NLS (as after their first launch). */
const USERS = Array.from({ length: 45 }, (_, i) => String(201 + i))
/** Statements the upstream LRS holds before the first pull, and those added before the second. */
const UPSTREAM_FIRST = 600
const UPSTREAM_MORE = 120
const PULL_TENANTS = 3

type Statement = Record<string, unknown> & { id: string }

/** Levels the school's statements must give, per Moodle user and component. */
function expectedLevels(user: string): Record<string, string> {
  const k = Number(user)
  return {
    ...(k % 3 === 0 && { 'TT18.PT.1.1': 'CB' }),
    ...(k % 3 === 2 && { 'TT18.PT.1.1': 'TT' }),
    ...(k % 2 === 1 && { 'TT18.PT.1.2': 'CB' }),
    ...(k % 4 === 0 && { 'TT18.PT.2.1': 'CB' }),
  }
}

/**
 * The school's Moodle log store traffic, as requests (one statement, or a batch): per user a
 * finished attempt of quiz 12 (Cơ bản of 1.1 at 8/10) with its questions and review, of quiz 14
 * (Thành thạo) for some, a lesson (1.2 at 50 %), an assignment (2.1 at 70 %), page views
 * batched across users; then re-sends of whole requests, and batches mixing re-sent and new.
 */
function schoolTraffic(): { requests: unknown[]; unique: Map<string, Statement> } {
  const unique = new Map<string, Statement>()
  const withId = (s: object): Statement => {
    const statement = { id: randomUUID(), ...s }
    unique.set(statement.id, statement)
    return statement
  }
  const quiz = (user: string, raw: number, cmid: number) => {
    const attempt = quizAttempt(user, raw, { cmid })
    const attemptNo = Number(/attempt=(\d+)/.exec((attempt.object as { id: string }).id)![1])
    return [
      ...[1, 2, 3].map((q) => withId(quizQuestion(user, q, q <= 2, { cmid, attempt: attemptNo }))),
      withId(attempt),
      withId(attemptReviewed(user, { cmid, attempt: attemptNo })),
    ]
  }
  const requests: unknown[] = []
  for (const user of USERS) {
    const k = Number(user)
    requests.push(quiz(user, [9, 6, 10][k % 3]!, 12))
    if (k % 3 !== 1) requests.push(quiz(user, k % 3 === 2 ? 9 : 4, 14))
    requests.push(withId(lessonCompleted(user, k % 2 === 1 ? 80 : 30)))
    if (k % 4 === 0) requests.push(withId(assignmentGraded(user, 8, 10)))
    else if (k % 4 === 2) requests.push(withId(assignmentGraded(user, 5, 10)))
  }
  for (let first = 0; first < USERS.length; first += 15) {
    requests.push(USERS.slice(first, first + 15).map((user) => withId(pageViewed(user))))
  }
  const resent = requests.filter((_, i) => i % 4 === 1)
  const mixed = requests
    .filter((r, i) => i % 9 === 4 && !Array.isArray(r))
    .map((r, i) => [r, withId(pageViewed(USERS[i]!, 8))])
  return { requests: shuffle([...requests, ...resent, ...mixed]), unique }
}

/** A fixed shuffle (a small linear congruential generator), so every run sends the same order. */
function shuffle<T>(items: T[]): T[] {
  let seed = 42
  for (let i = items.length - 1; i > 0; i--) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    const j = seed % (i + 1)
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 120_000
  for (;;) {
    const found = await probe()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/**
 * Stands between NLS and the real LRS and counts every statement id POSTed through it: the LRS
 * itself keeps one copy of an id sent twice, so only here would a second delivery show.
 */
async function startCountingProxy(lrs: RealLrs) {
  const posted = new Map<string, number>()
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks)
        const target = new URL(req.url!.replace(/^\/xAPI\//, ''), lrs.endpoint)
        const answer = await fetch(target, {
          method: req.method!,
          headers: Object.fromEntries(
            Object.entries(req.headers).filter(
              (e): e is [string, string] =>
                typeof e[1] === 'string' && !['host', 'content-length'].includes(e[0]),
            ),
          ),
          ...(body.length > 0 && { body }),
        })
        if (req.method === 'POST' && answer.ok) {
          for (const s of [JSON.parse(body.toString('utf8')) as unknown].flat()) {
            const id = (s as { id: string }).id
            posted.set(id, (posted.get(id) ?? 0) + 1)
          }
        }
        res.writeHead(answer.status, { 'content-type': 'application/json' })
        res.end(Buffer.from(await answer.arrayBuffer()))
      })().catch(() => res.writeHead(502).end())
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/xAPI/`,
    posted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Statements for an upstream LRS to hold: Moodle traffic of another school, no ids. */
async function sendUpstream(lrs: RealLrs, count: number, first: number): Promise<void> {
  for (let start = 0; start < count; start += 100) {
    const batch = Array.from({ length: Math.min(100, count - start) }, (_, i) => {
      const user = `u${first + start + i}`
      return (first + start + i) % 2 ? quizAttempt(user, 7) : pageViewed(user)
    })
    const res = await fetch(`${lrs.endpoint}statements`, {
      method: 'POST',
      headers: { ...V, authorization: lrs.auth, 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    })
    expect(res.status).toBe(200)
  }
}

/** The ids of the statements an LRS holds whose verb is `verb` (all of them without). */
async function idsInLrs(lrs: RealLrs, verb?: string): Promise<{ id: string; stored: string }[]> {
  const found: { id: string; stored: string }[] = []
  let next: string | undefined =
    `statements?limit=500${verb ? `&verb=${encodeURIComponent(verb)}` : ''}`
  while (next) {
    const res = await fetch(new URL(next.replace(/^\/xAPI\//, ''), lrs.endpoint), {
      headers: { ...V, authorization: lrs.auth },
    })
    const page = (await res.json()) as {
      statements: { id: string; stored: string }[]
      more?: string
    }
    found.push(...page.statements.map(({ id, stored }) => ({ id, stored })))
    next = page.statements.length > 0 && page.more ? page.more : undefined
  }
  return found
}

/** Each process's counter of newly stored statements by source, summed. */
async function ingestedTotal(servers: readonly ServerProcess[], source: string): Promise<number> {
  let total = 0
  for (const server of servers) {
    const text = await (await fetch(`${server.url}/metrics`)).text()
    const match = new RegExp(`^nls_statements_ingested_total\\{source="${source}"\\} (\\d+)`, 'm')
    total += Number(match.exec(text)?.[1] ?? 0)
  }
  return total
}

onServer('three nls serve processes on one database', () => {
  let place: Awaited<ReturnType<typeof createTestPlace>>
  let lrs: RealLrs
  let proxy: Awaited<ReturnType<typeof startCountingProxy>>
  let database: Database
  let stores: Stores
  const servers: ServerProcess[] = []
  let school: { tenantId: string; basic: string; people: Map<string, string> }
  const pullTenants: string[] = []
  const traffic = schoolTraffic()

  /** Makes every pull tenant's source due now, on the upstream LRS (the CLI's `nls sources set`). */
  const setSources = () =>
    Promise.all(
      pullTenants.map((tenantId) =>
        stores.lrsSources.setSource(
          tenantId,
          {
            endpoint: lrs.endpoint,
            username: 'nls',
            password: 'test',
            pull: true,
            forward: false,
          },
          'test',
        ),
      ),
    )
  let firstPullAsked: Date

  beforeAll(async () => {
    ;[place, lrs] = await Promise.all([createTestPlace({ migrated: true }), startRealLrs()])
    proxy = await startCountingProxy(lrs)
    database = await openDatabase(place.config)
    stores = createStores(database.db)

    // The school: tagged quizzes, lesson and assignment, its people, its log store's client,
    // and its LRS as where progress statements go (not pulled).
    const tenantId = (
      await stores.tenants.createTenant({ kind: 'platform', name: 'THPT Chu Văn An' })
    ).id
    const tag = async (iri: string, competencyId: string, minScore: number) => {
      const activity = await stores.courses.upsertActivity(tenantId, { iri })
      await stores.tags.createTag(tenantId, {
        activityId: activity.id,
        competencyIds: [competencyId],
        rule: { minScore },
      })
    }
    await tag(`${SITE}/mod/quiz/view.php?id=12`, 'TT18.PT.1.1.CB', 0.8)
    await tag(`${SITE}/mod/quiz/view.php?id=14`, 'TT18.PT.1.1.TT', 0.8)
    await tag(`${SITE}/mod/lesson/view.php?id=30`, 'TT18.PT.1.2.CB', 0.5)
    await tag(`${SITE}/mod/assign/view.php?id=20`, 'TT18.PT.2.1.CB', 0.7)
    const people = new Map<string, string>()
    for (const user of USERS) {
      const person = await stores.people.upsertPersonByIdentity(
        tenantId,
        { kind: 'account', homePage: SITE, name: user },
        { name: `Giáo viên ${user}` },
      )
      people.set(person.id, user)
    }
    await stores.lrsSources.setSource(
      tenantId,
      { endpoint: proxy.endpoint, username: 'nls', password: 'test', pull: false, forward: false },
      'test',
    )
    const { client, secret } = await stores.xapiClients.createClient(tenantId, 'logstore', 'test')
    school = {
      tenantId,
      basic: `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`,
      people,
    }
    // Schools of the district whose statements NLS pulls from the upstream LRS.
    for (let i = 0; i < PULL_TENANTS; i++) {
      const tenant = await stores.tenants.createTenant({ kind: 'platform', name: `THCS ${i}` })
      pullTenants.push(tenant.id)
    }

    // The load balancer's processes (listening on addresses of their own: the installation's
    // profile IRI is kept already, as after its first start behind the balancer).
    await stores.installationSettings.getOrCreateSetting(
      PROFILE_IRI_SETTING,
      'https://nls.so-gd.edu.vn/xapi/profile',
    )
    const env = { ...place.env, NLS_DB_POOL_MAX: '5' }
    await Promise.all([
      ...[0, 1, 2].map(async () => {
        servers.push(await startServerProcess(env))
      }),
      sendUpstream(lrs, UPSTREAM_FIRST, 0),
    ])
    // The first pulls run while the school's statements come in.
    firstPullAsked = new Date()
    await setSources()
  }, 150_000)

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()))
    await database?.close()
    await proxy?.close()
    await lrs?.stop()
    await place?.remove()
  })

  it('stores every pushed statement once, whichever process receives it and however often', async () => {
    // Eight log store clients at once, each request to the next process in turn.
    const queue = traffic.requests.map((body, i) => ({ body, server: servers[i % 3]! }))
    const statuses: number[] = []
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const res = await fetch(`${next.server.url}/xapi/statements`, {
            method: 'POST',
            headers: { ...V, authorization: school.basic, 'content-type': 'application/json' },
            body: JSON.stringify(next.body),
          })
          await res.arrayBuffer()
          statuses.push(res.status)
        }
      }),
    )
    expect(new Set(statuses)).toEqual(new Set([200]))

    const rows = await queryRows<{ id: string; statement: Statement }>(
      database.db,
      sql`select id, statement from statements where tenant_id = ${school.tenantId}::uuid`,
    )
    expect(rows).toHaveLength(traffic.unique.size)
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(traffic.unique.keys()))
    for (const { id, statement } of rows) {
      expect(statement).toMatchObject({ verb: traffic.unique.get(id)!.verb })
    }
    // The processes between them counted each statement as new once.
    expect(await ingestedTotal(servers, 'push')).toBe(traffic.unique.size)
  })

  it('works out each person once per change, one progress statement per change, the queue empty', async () => {
    const expected = new Map<string, string>()
    for (const [personId, user] of school.people) {
      for (const [component, level] of Object.entries(expectedLevels(user))) {
        expected.set(`${personId} ${component}`, level)
      }
    }
    const saved = async () =>
      queryRows<{ person_id: string; component_id: string; level: string; change_seq: number }>(
        database.db,
        sql`select person_id, component_id, level, change_seq from component_levels
            where tenant_id = ${school.tenantId}::uuid and level is not null`,
      )
    await until('every level saved and the queue empty', async () => {
      const { count, setAside } = await stores.inference.queueDepth()
      const levels = await saved()
      const matches =
        levels.length === expected.size &&
        levels.every((l) => expected.get(`${l.person_id} ${l.component_id}`) === l.level)
      return count === 0 && setAside === 0 && matches ? true : undefined
    })
    const levels = await saved()
    expect(new Map(levels.map((l) => [`${l.person_id} ${l.component_id}`, l.level]))).toEqual(
      expected,
    )

    // Per person and component: as many changes numbered, kept in history and written as
    // statements (each with its own id), whichever process worked them out.
    const changes = await queryRows<{
      person_id: string
      component_id: string
      history: number
      statements: number
      ids: number
    }>(
      database.db,
      sql`select l.person_id, l.component_id,
            (select count(*)::int from level_history h
              where h.tenant_id = l.tenant_id and h.person_id = l.person_id
                and h.component_id = l.component_id) as history,
            (select count(*)::int from outbox o
              where o.tenant_id = l.tenant_id and o.person_id = l.person_id
                and o.payload->'statement'->'object'->>'id' = 'urn:nls:' || l.component_id) as statements,
            (select count(distinct o.payload->'statement'->>'id')::int from outbox o
              where o.tenant_id = l.tenant_id and o.person_id = l.person_id
                and o.payload->'statement'->'object'->>'id' = 'urn:nls:' || l.component_id) as ids
          from component_levels l where l.tenant_id = ${school.tenantId}::uuid`,
    )
    for (const l of levels) {
      const change = changes.find(
        (c) => c.person_id === l.person_id && c.component_id === l.component_id,
      )
      expect({ ...change, seq: l.change_seq }).toEqual({
        person_id: l.person_id,
        component_id: l.component_id,
        history: l.change_seq,
        statements: l.change_seq,
        ids: l.change_seq,
        seq: l.change_seq,
      })
    }
    const [outboxRows] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from outbox where tenant_id = ${school.tenantId}::uuid`,
    )
    expect(outboxRows!.n).toBe(levels.reduce((n, l) => n + l.change_seq, 0))
  })

  it('delivers every progress statement to the LRS once, with all three outbox workers running', async () => {
    const outboxIds = (
      await queryRows<{ id: string }>(
        database.db,
        sql`select payload->'statement'->>'id' as id from outbox
            where tenant_id = ${school.tenantId}::uuid`,
      )
    ).map((r) => r.id)
    expect(outboxIds.length).toBeGreaterThan(0)
    await until('the outbox delivered', async () =>
      (await stores.outbox.depth()) === 0 ? true : undefined,
    )
    expect(await stores.outbox.givenUpCount()).toBe(0)
    // Each sent once, and held once by the LRS.
    expect([...proxy.posted.keys()].sort()).toEqual([...outboxIds].sort())
    expect([...proxy.posted.values()].every((n) => n === 1)).toBe(true)
    const held = (await idsInLrs(lrs, 'http://adlnet.gov/expapi/verbs/progressed')).map((s) => s.id)
    expect(held.sort()).toEqual([...outboxIds].sort())
  })

  it('stores each upstream statement once per tenant when all three processes pull', async () => {
    const runs = () =>
      servers.flatMap((s) => s.logs()).filter((l) => l.msg === 'pulled upstream LRS')
    const storedByRuns = (tenantId: string) =>
      runs()
        .filter((r) => r.tenantId === tenantId)
        .reduce((n, r) => n + (r.stored as number), 0)
    const pulled = (total: number, since: Date) =>
      until(`${total} statements pulled for each tenant`, async () => {
        for (const tenantId of pullTenants) {
          const source = await stores.lrsSources.getSource(tenantId)
          // A run that began after the sources were set has ended, and its process said so.
          if (!source?.lastPulledAt || source.lastPulledAt < since) return undefined
          if (storedByRuns(tenantId) < total) return undefined
        }
        return true
      })

    // All three processes found the sources due at once; then more arrives upstream and the
    // sources are due again (a changed setting), to be pulled from where the cursor stands.
    await pulled(UPSTREAM_FIRST, firstPullAsked)
    await sendUpstream(lrs, UPSTREAM_MORE, UPSTREAM_FIRST)
    const since = new Date()
    await setSources()
    const total = UPSTREAM_FIRST + UPSTREAM_MORE
    await pulled(total, since)

    // Everything the LRS holds but NLS's own progress statements, once, per tenant.
    const upstream = (await idsInLrs(lrs)).filter((s) => !proxy.posted.has(s.id))
    expect(upstream).toHaveLength(total)
    const lastStored = upstream.map((s) => new Date(s.stored)).reduce((a, b) => (a > b ? a : b))
    for (const tenantId of pullTenants) {
      const ids = await queryRows<{ id: string }>(
        database.db,
        sql`select id from statements where tenant_id = ${tenantId}::uuid`,
      )
      expect(new Set(ids.map((r) => r.id))).toEqual(new Set(upstream.map((s) => s.id)))
      const source = (await stores.lrsSources.getSource(tenantId))!
      expect(source).toMatchObject({ failures: 0, lastError: undefined })
      expect(source.cursor!.getTime()).toBeGreaterThanOrEqual(lastStored.getTime())
      expect(source.cursor!.getTime()).toBeLessThanOrEqual(Date.now())
    }
    // The processes' own account: each statement stored by one run of one process.
    for (const tenantId of pullTenants) expect(storedByRuns(tenantId)).toBe(total)
    expect(await ingestedTotal(servers, 'pull')).toBe(total * PULL_TENANTS)
  })
})
