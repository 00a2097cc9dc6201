import { sql } from 'drizzle-orm'
import { randomUUID } from 'node:crypto'
import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import { openTestDatabase, testBackend } from '../support/test-database.ts'

const UNKNOWN = '00000000-0000-4000-8000-000000000000'
const SITE = 'https://lms.thpt-a.edu.vn'

let database: Database
let stores: Stores
let tenantId: string
beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
}, 30_000)
afterAll(() => database.close())

/** A fresh tenant, so that queue assertions see only this test's people. */
async function tenant(): Promise<string> {
  return (await stores.tenants.createTenant({ kind: 'platform', name: randomUUID() })).id
}

async function person(tenant: string): Promise<string> {
  return (
    await stores.people.upsertPersonByIdentity(tenant, {
      kind: 'account',
      homePage: SITE,
      name: randomUUID(),
    })
  ).id
}

async function statement(tenant: string, personId: string, activityIri: string): Promise<string> {
  const id = randomUUID()
  await stores.statements.insertStatements(tenant, [
    {
      id,
      personId,
      actorKey: `account:${SITE}|${personId}`,
      verbId: 'http://adlnet.gov/expapi/verbs/completed',
      activityIri,
      // As indexedFields keeps it: without the fragment.
      activityTree: [activityIri.split('#')[0]!],
      timestamp: new Date('2026-11-01T00:00:00Z'),
      source: 'push',
      statement: { id },
    },
  ])
  return id
}

/** Drains the whole queue (every tenant), returning what was queued for `tenant`. */
async function drain(tenant: string): Promise<string[]> {
  const taken = await stores.transaction((tx) => tx.inference.takeQueued(10_000))
  return taken
    .filter((q) => q.tenantId === tenant)
    .map((q) => q.personId)
    .sort()
}

describe('overrides', () => {
  beforeAll(async () => {
    tenantId = await tenant()
  })

  it('keeps every verdict; the newest per target stands, and clear withdraws it', async () => {
    const a = await person(tenantId)
    const b = await person(tenantId)
    const add = (
      personId: string,
      targetId: string,
      action: 'confirm' | 'reject' | 'set-level' | 'clear',
      level?: string | null,
    ) =>
      stores.inference.addOverride(tenantId, personId, {
        targetId,
        action,
        level,
        reason: `${action} ${targetId}`,
        actor: 'person:trainer',
      })
    const first = await add(a, 'TT18.PT.1.1.CB.1', 'confirm')
    expect(first).toMatchObject({
      id: expect.any(Number),
      personId: a,
      targetId: 'TT18.PT.1.1.CB.1',
      action: 'confirm',
      level: null,
      reason: 'confirm TT18.PT.1.1.CB.1',
      actor: 'person:trainer',
      createdAt: expect.any(Date),
    })
    await add(a, 'TT18.PT.1.1.CB.1', 'reject')
    await add(a, 'TT18.PT.1.1', 'set-level', 'TT')
    await add(a, 'TT18.PT.2.1', 'set-level', null)
    await add(a, 'TT18.PT.2.1', 'clear')
    await add(b, 'TT18.PT.3.1', 'set-level', 'NC')
    const current = await stores.inference.currentOverrides(tenantId, a)
    expect(current.map((o) => [o.targetId, o.action, o.level])).toEqual([
      ['TT18.PT.1.1.CB.1', 'reject', null],
      ['TT18.PT.1.1', 'set-level', 'TT'],
    ])
    expect((await stores.inference.overrideHistory(tenantId, a)).map((o) => o.action)).toEqual([
      'confirm',
      'reject',
      'set-level',
      'set-level',
      'clear',
    ])
    const all = await stores.inference.currentOverridesOfTenant(tenantId)
    expect(all.get(a)).toEqual(current)
    expect(all.get(b)?.map((o) => o.level)).toEqual(['NC'])
    expect((await stores.inference.currentOverridesOfTenant(await tenant())).size).toBe(0)
  })

  it('refuses a verdict on a person who does not exist', async () => {
    await expect(
      stores.inference.addOverride(tenantId, UNKNOWN, {
        targetId: 'TT18.PT.1.1',
        action: 'clear',
        reason: 'x',
        actor: 'cli',
      }),
    ).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' })
  })
})

describe('the inference queue', () => {
  it('keeps a person once, and gives the oldest first', async () => {
    const t = await tenant()
    const [a, b] = [await person(t), await person(t)]
    await drain(t)
    await stores.inference.enqueue(t, [a, a])
    await stores.inference.enqueue(t, [b, a])
    await stores.inference.enqueue(t, [])
    expect((await stores.inference.queueDepth()).count).toBe(2)
    expect((await stores.inference.queueDepth()).oldest).toBeInstanceOf(Date)
    const taken = await stores.transaction((tx) => tx.inference.takeQueued(1))
    expect(taken).toEqual([{ tenantId: t, personId: a, queuedAt: expect.any(Date), attempts: 0 }])
    expect(await drain(t)).toEqual([b])
    expect(await stores.inference.queueDepth()).toEqual({ count: 0, setAside: 0 })
  })

  it('puts people back when the transaction that took them fails', async () => {
    const t = await tenant()
    const a = await person(t)
    await stores.inference.enqueue(t, [a])
    await expect(
      stores.transaction(async (tx) => {
        expect(await tx.inference.takeQueued(10)).toHaveLength(1)
        throw new Error('evaluation failed')
      }),
    ).rejects.toThrow('evaluation failed')
    expect(await drain(t)).toEqual([a])
  })

  it('sets people aside until their retry time, and a new queueing keeps the backoff', async () => {
    const t = await tenant()
    const [a, b] = [await person(t), await person(t)]
    await drain(t)
    await stores.inference.enqueue(t, [a, b])
    const now = new Date()
    const retryAt = new Date(now.getTime() + 60_000)
    await stores.transaction(async (tx) => {
      const taken = await tx.inference.takeQueued(10, now)
      const broken = taken.find((q) => q.personId === a)!
      await tx.inference.setAside([{ person: broken, retryAt, error: 'ERR_X: corrupt row' }])
    })
    expect(await stores.inference.queueDepth()).toEqual({ count: 0, setAside: 1 })
    const listed = {
      tenantId: t,
      personId: a,
      attempts: 1,
      retryAt,
      lastError: 'ERR_X: corrupt row',
    }
    expect(await stores.inference.listSetAside(10)).toEqual([
      { ...listed, queuedAt: expect.any(Date) },
    ])
    // A new statement queues the person again: the backoff stands.
    await stores.inference.enqueue(t, [a])
    expect(await stores.inference.listSetAside(10)).toMatchObject([listed])
    // Not due before the retry time, due from it, with its attempts so far.
    expect(await stores.transaction((tx) => tx.inference.takeQueued(10, now))).toEqual([])
    const [again] = await stores.transaction((tx) => tx.inference.takeQueued(10, retryAt))
    expect(again).toMatchObject({ tenantId: t, personId: a, attempts: 1 })
    expect(await stores.inference.queueDepth()).toEqual({ count: 0, setAside: 0 })
  })

  it('makes set-aside people due again on demand', async () => {
    const t = await tenant()
    const a = await person(t)
    await drain(t)
    await stores.inference.enqueue(t, [a])
    await stores.transaction(async (tx) => {
      const [taken] = await tx.inference.takeQueued(10)
      const retryAt = new Date(Date.now() + 3_600_000)
      await tx.inference.setAside([{ person: taken!, retryAt, error: 'failed' }])
    })
    expect(await stores.inference.retrySetAside()).toBe(1)
    expect(await stores.inference.queueDepth()).toMatchObject({ count: 1, setAside: 0 })
    expect(await drain(t)).toEqual([a])
  })

  it('counts and retries the set-aside people of one tenant only', async () => {
    const [t, u] = [await tenant(), await tenant()]
    const [a, b] = [await person(t), await person(u)]
    await drain(t)
    await drain(u)
    await stores.inference.enqueue(t, [a])
    await stores.inference.enqueue(u, [b])
    await stores.transaction(async (tx) => {
      const taken = await tx.inference.takeQueued(10)
      const retryAt = new Date(Date.now() + 3_600_000)
      await tx.inference.setAside(taken.map((p) => ({ person: p, retryAt, error: 'failed' })))
    })
    expect(await stores.inference.queueDepth(t)).toEqual({ count: 0, setAside: 1 })
    expect((await stores.inference.listSetAside(10, t)).map((p) => p.personId)).toEqual([a])
    expect(await stores.inference.retrySetAside(t)).toBe(1)
    expect(await stores.inference.queueDepth(t)).toMatchObject({ count: 1, setAside: 0 })
    expect(await stores.inference.queueDepth(u)).toEqual({ count: 0, setAside: 1 })
    expect(await drain(t)).toEqual([a])
    expect(await stores.inference.retrySetAside(u)).toBe(1)
    expect(await drain(u)).toEqual([b])
  })

  it('holds a person’s evaluation lock until the transaction ends', async () => {
    const t = await tenant()
    const a = await person(t)
    const order: string[] = []
    let locked!: () => void
    const holding = new Promise<void>((resolve) => (locked = resolve))
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    const first = stores.transaction(async (tx) => {
      await tx.inference.lockPeople([{ tenantId: t, personId: a }])
      locked()
      await released
      order.push('first done')
    })
    await holding
    const second = stores.transaction(async (tx) => {
      await tx.inference.lockPeople([{ tenantId: t, personId: a }])
      order.push('second locked')
    })
    // On a server, the second waits for the lock (seen in pg_locks); PGlite runs one
    // transaction at a time, so there it waits for the first anyway.
    if (testBackend === 'postgres') {
      for (;;) {
        const [row] = await queryRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
        )
        if (row!.n > 0) break
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
    expect(order).toEqual([])
    release()
    await Promise.all([first, second])
    expect(order).toEqual(['first done', 'second locked'])
  })

  it('queues the people with statements about activities (fragments and prefixes too)', async () => {
    const t = await tenant()
    const [a, b, c, d] = [await person(t), await person(t), await person(t), await person(t)]
    await statement(t, a, `${SITE}/mod/quiz/view.php?id=3`)
    await statement(t, b, `${SITE}/mod/quiz/view.php?id=3#q2`)
    await statement(t, c, `${SITE}/mod/page/view.php?id=9`)
    await statement(t, d, `${SITE}/mod/quiz/view.php?id=30`)
    await drain(t)
    expect(
      await stores.inference.enqueueForActivities(t, {
        iris: [`${SITE}/mod/quiz/view.php?id=3`],
        prefixes: [],
      }),
    ).toBe(2)
    expect(await drain(t)).toEqual([a, b].sort())
    await stores.inference.enqueueForActivities(t, { iris: [], prefixes: [`${SITE}/mod/page/`] })
    expect(await drain(t)).toEqual([c])
    // LIKE's wildcards in a prefix are literal.
    await stores.inference.enqueueForActivities(t, { iris: [], prefixes: [`${SITE}/mod/_uiz/`] })
    expect(await drain(t)).toEqual([])
    expect(await stores.inference.enqueueForActivities(t, { iris: [], prefixes: [] })).toBe(0)
    expect(await stores.inference.enqueueTenant(t)).toBe(4)
    expect(await drain(t)).toEqual([a, b, c, d].sort())
  })

  it('queues the people with evidence from a tag', async () => {
    const t = await tenant()
    const [a, b] = [await person(t), await person(t)]
    const quiz = await stores.courses.upsertActivity(t, { iri: 'urn:quiz' })
    const tag = await stores.tags.createTag(t, {
      activityId: quiz.id,
      competencyIds: ['TT18.PT.1.1.CB'],
    })
    await stores.progress.insertEvidence(t, a, [
      {
        competencyId: 'TT18.PT.1.1.CB',
        statementId: await statement(t, a, 'urn:quiz'),
        tagId: tag.id,
        observedAt: new Date(),
      },
    ])
    await statement(t, b, 'urn:quiz')
    await drain(t)
    expect(await stores.inference.enqueueForTag(t, tag.id)).toBe(1)
    expect(await drain(t)).toEqual([a])
  })

  it('is filled by the one-step insert of pushed statements when the tenant has tags', async () => {
    const quiet = await tenant()
    const p = await person(quiet)
    const identity = (await stores.people.listIdentities(quiet, p))[0]!
    const input = () => {
      const id = randomUUID()
      return {
        id,
        actorKey: 'x',
        identity,
        verbId: 'http://adlnet.gov/expapi/verbs/completed',
        activityIri: 'urn:quiz',
        activityTree: ['urn:quiz'],
        timestamp: new Date(),
        source: 'push' as const,
        statement: { id },
      }
    }
    await drain(quiet)
    expect(await stores.statements.insertNewStatements(quiet, [input()])).toEqual([p])
    expect(await drain(quiet)).toEqual([])
    const quiz = await stores.courses.upsertActivity(quiet, { iri: 'urn:quiz' })
    await stores.tags.createTag(quiet, { activityId: quiz.id, competencyIds: ['TT18.PT.1.1.CB'] })
    await stores.statements.insertNewStatements(quiet, [input(), input()])
    expect(await drain(quiet)).toEqual([p])
  })
})
