// Requests that arrive together share a commit (statements/receive/keep-together.ts): each still
// gets the answer it would get alone, only after the commit, and nothing is lost or doubled.
import { randomUUID } from 'node:crypto'
import { emptyPipeline } from '../../src/pipeline/statement-pipeline.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores, type StoredStatementInput } from '../../src/store/index.ts'
import { keepTogether } from '../../statements/receive/keep-together.ts'
import {
  keepAlone,
  type KeepStatements,
  storeStatements,
} from '../../statements/receive/store-statements.ts'
import type { Agent } from '../../statements/xapi/index.ts'
import { MOODLE_SITE, pageViewed, quizAttempt } from '../support/moodle-statements.ts'
import { startNls } from '../support/nls-server.ts'
import { openTestDatabase } from '../support/test-database.ts'

const authority = {
  objectType: 'Agent',
  name: 'logstore',
  account: { homePage: 'https://nls.test/xapi/clients', name: 'logstore' },
} as Agent

describe('requests kept together', () => {
  let database: Database
  let stores: Stores
  let tenantId: string
  /** The row counts of every insert of new statements, in order. */
  let inserts: number[]
  let counted: Stores
  beforeAll(async () => {
    database = await openTestDatabase()
    stores = createStores(database.db)
    tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'Moodle' })).id
  })
  beforeEach(() => {
    inserts = []
    counted = {
      ...stores,
      statements: {
        ...stores.statements,
        insertNewStatements: (tenant, rows) => {
          inserts.push(rows.length)
          return stores.statements.insertNewStatements(tenant, rows)
        },
      },
    }
  })
  afterAll(() => database.close())

  const receive = (keep: KeepStatements, body: unknown, pipeline = emptyPipeline) =>
    storeStatements(
      body,
      { tenantId, authority },
      { stores, pipeline, now: () => new Date(), keep },
      { version: '1.0.3' },
    )

  /** One commit at a time: what is submitted while the first commits forms one group. */
  const oneAtATime = () =>
    keepTogether(counted, { maxSize: 64, maxInFlight: 1, maxStatementsPerRequest: 20 })

  it('keeps the new statements of a group in one insert, each request answered with its ids', async () => {
    // Every other actor is a known person: each request's statement goes on with its own.
    const people = new Map<string, string>()
    for (let i = 0; i < 10; i += 2) {
      const person = await stores.people.upsertPersonByIdentity(tenantId, {
        kind: 'account',
        homePage: MOODLE_SITE,
        name: String(10 + i),
      })
      people.set(String(10 + i), person.id)
    }
    const accepted: { id: string; personId?: string }[][] = []
    const pipeline = {
      ...emptyPipeline,
      statementsAccepted: async (_tenant: string, rows: readonly StoredStatementInput[]) => {
        accepted.push(rows.map((r) => ({ id: r.id, personId: r.personId })))
      },
    }
    const keep = oneAtATime()
    const lone = receive(keep, pageViewed('4'), pipeline)
    const bodies = Array.from({ length: 10 }, (_, i) => ({
      ...quizAttempt(String(10 + i), i),
      id: randomUUID(),
    }))
    const answers = await Promise.all(bodies.map((b) => receive(keep, b, pipeline)))
    await lone
    expect(inserts).toEqual([1, 10])
    expect(answers).toEqual(bodies.map((b) => [b.id]))
    expect(accepted.slice(1)).toEqual(
      bodies.map((b, i) => [{ id: b.id, personId: people.get(String(10 + i)) }]),
    )
    const kept = await stores.statements.getStatements(
      tenantId,
      bodies.map((b) => b.id),
    )
    expect(kept).toHaveLength(10)
    // Each request keeps its own `stored` and authority.
    for (const row of kept) {
      expect(row.statement).toMatchObject({ authority: { name: 'logstore' } })
      expect((row.statement as { stored: string }).stored).toBe(row.stored.toISOString())
    }
  })

  it('answers a conflicting id 409 and keeps every other request of its group', async () => {
    const known = { ...pageViewed('4'), id: randomUUID() }
    await receive(keepAlone(stores), known)
    const keep = oneAtATime()
    const lone = receive(keep, pageViewed('5'))
    const fresh = Array.from({ length: 5 }, (_, i) => ({
      ...pageViewed(String(20 + i)),
      id: randomUUID(),
    }))
    const changed = { ...quizAttempt('4', 3), id: known.id }
    const outcomes = await Promise.allSettled([
      ...fresh.map((b) => receive(keep, b)),
      receive(keep, changed),
      receive(keep, known), // an identical re-send is accepted (xAPI 1.0.3 §2.4.1)
    ])
    await lone
    // Tried together first (7 rows), then each alone.
    expect(inserts.slice(0, 2)).toEqual([1, 7])
    expect(outcomes.slice(0, 5)).toEqual(fresh.map((b) => ({ status: 'fulfilled', value: [b.id] })))
    expect(outcomes[5]).toMatchObject({
      status: 'rejected',
      reason: {
        code: 'ERR_XAPI_CONFLICT',
        message: `statement ${known.id} already exists with different content`,
      },
    })
    expect(outcomes[6]).toEqual({ status: 'fulfilled', value: [known.id] })
    expect(
      await stores.statements.getStatements(
        tenantId,
        fresh.map((b) => b.id),
      ),
    ).toHaveLength(5)
    const [stillKnown] = await stores.statements.getStatements(tenantId, [known.id])
    expect(stillKnown!.verbId).toBe(known.verb.id)
  })

  it('keeps once, and answers both, the same new statement sent twice in one group', async () => {
    const keep = oneAtATime()
    const lone = receive(keep, pageViewed('6'))
    const twice = { ...pageViewed('7'), id: randomUUID() }
    const answers = await Promise.all([receive(keep, twice), receive(keep, twice)])
    await lone
    expect(inserts.slice(0, 2)).toEqual([1, 2])
    expect(answers).toEqual([[twice.id], [twice.id]])
    expect(await stores.statements.getStatements(tenantId, [twice.id])).toHaveLength(1)
  })
})

describe('the endpoint under concurrent single-statement POSTs', () => {
  let nls: RunningServer
  let tenantId: string
  let auth: string
  beforeAll(async () => {
    nls = await startNls()
    tenantId = (await nls.stores.tenants.createTenant({ kind: 'platform', name: 'Moodle' })).id
    const { client, secret } = await nls.stores.xapiClients.createClient(
      tenantId,
      'logstore',
      'test',
    )
    auth = `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`
  })
  afterAll(() => nls.close())

  const post = (body: unknown) =>
    fetch(`${nls.url}/xapi/statements`, {
      method: 'POST',
      headers: {
        'X-Experience-API-Version': '1.0.3',
        authorization: auth,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    })

  it('answers 200 only once the statement is readable by another connection', async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => ({
      ...pageViewed(String(100 + i)),
      id: randomUUID(),
    }))
    const seen = await Promise.all(
      bodies.map(async (body) => {
        const res = await post(body)
        expect(res.status).toBe(200)
        // Read through the store, not the request's own transaction: only what is committed.
        return (await nls.stores.statements.getStatements(tenantId, [body.id])).length
      }),
    )
    expect(seen).toEqual(bodies.map(() => 1))
  })

  it('loses and doubles nothing: 200 concurrent POSTs, one conflicting, then a count', async () => {
    const known = { ...pageViewed('4'), id: randomUUID() }
    expect((await post(known)).status).toBe(200)
    const before = await nls.stores.statements.countStatements(tenantId)
    const responses = await Promise.all([
      ...Array.from({ length: 200 }, (_, i) => post(quizAttempt(String(200 + i), i % 11))),
      post({ ...quizAttempt('4', 1), id: known.id }),
      post(known),
    ])
    const conflict = responses[200]!
    expect(conflict.status).toBe(409)
    expect(await conflict.json()).toMatchObject({ code: 'ERR_XAPI_CONFLICT' })
    expect(responses[201]!.status).toBe(200)
    expect(await responses[201]!.json()).toEqual([known.id])
    const ids = await Promise.all(
      responses.slice(0, 200).map(async (res) => {
        expect(res.status).toBe(200)
        const [id] = (await res.json()) as string[]
        return id!
      }),
    )
    expect(new Set(ids).size).toBe(200)
    expect(await nls.stores.statements.countStatements(tenantId)).toBe(before + 200)
    expect(await nls.stores.statements.getStatements(tenantId, ids)).toHaveLength(200)
  })
})
