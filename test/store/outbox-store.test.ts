import { eq } from 'drizzle-orm'
import type { Database } from '../../src/store/database.ts'
import { createStores } from '../../src/store/index.ts'
import type { OutboxStore } from '../../src/store/outbox-store.ts'
import { OUTBOX_LEASE_MS, postgresOutboxStore } from '../../src/store/postgres-outbox-store.ts'
import { postgresPeopleStore } from '../../src/store/postgres-people-store.ts'
import { postgresProgressStore } from '../../src/store/postgres-progress-store.ts'
import { postgresTenantStore } from '../../src/store/postgres-tenant-store.ts'
import { outbox as outboxTable } from '../../src/store/schema/index.ts'
import { openTestDatabase } from '../support/test-database.ts'

// Every message enqueued here is due by then (the database stamps `next_attempt_at` with now()).
const NOW = new Date(Date.now() + 3_600_000)
const later = (ms: number) => new Date(NOW.getTime() + ms)

let database: Database
let outbox: OutboxStore
let tenantId: string
let otherTenantId: string
beforeAll(async () => {
  database = await openTestDatabase()
  outbox = postgresOutboxStore(database.db)
  const tenants = postgresTenantStore(database.db)
  tenantId = (await tenants.createTenant({ kind: 'platform', name: 'Moodle' })).id
  otherTenantId = (await tenants.createTenant({ kind: 'platform', name: 'K12Online' })).id
}, 30_000) // PGlite starts slowly when every suite starts one at once
afterAll(() => database.close())

/** Delivers whatever a test left, so that each test starts with an empty outbox. */
afterEach(async () => {
  for (const message of await outbox.claimDue(later(365 * 86_400_000), 1_000)) {
    await outbox.markDelivered(message)
  }
  expect(await outbox.depth()).toBe(0)
})

const statementMessage = (dedupeKey: string) => ({
  kind: 'xapi-statement' as const,
  dedupeKey,
  payload: { id: dedupeKey, verb: { id: 'http://adlnet.gov/expapi/verbs/progressed' } },
})

describe('outbox', () => {
  it('keeps the first of two messages with one dedupe key, per tenant and kind', async () => {
    const first = await outbox.enqueue(tenantId, statementMessage('k1'))
    expect(first).toEqual({ enqueued: true, id: expect.any(Number) })
    expect(
      await outbox.enqueue(tenantId, { ...statementMessage('k1'), payload: { other: true } }),
    ).toEqual({ enqueued: false })
    expect((await outbox.enqueue(otherTenantId, statementMessage('k1'))).enqueued).toBe(true)
    const score = { kind: 'lti-score' as const, dedupeKey: 'k1', payload: { scoreGiven: 1 } }
    expect((await outbox.enqueue(tenantId, score)).enqueued).toBe(true)
    expect(await outbox.depth()).toBe(3)

    const claimed = await outbox.claimDue(NOW, 10)
    expect(claimed.find((m) => first.enqueued && m.id === first.id)?.payload).toEqual(
      statementMessage('k1').payload,
    )
  })

  it('claims due messages of every tenant, oldest first, and leases them', async () => {
    const person = await postgresPeopleStore(database.db).upsertPersonByIdentity(tenantId, {
      kind: 'mbox',
      mbox: 'mailto:lan@example.edu.vn',
    })
    const a = await outbox.enqueue(tenantId, { ...statementMessage('a'), personId: person.id })
    const b = await outbox.enqueue(otherTenantId, statementMessage('b'))
    const c = await outbox.enqueue(tenantId, statementMessage('c'))
    const ids = [a, b, c].map((r) => (r.enqueued ? r.id : -1))

    const firstTwo = await outbox.claimDue(NOW, 2)
    expect(firstTwo).toEqual([
      {
        tenantId,
        id: ids[0],
        personId: person.id,
        ...statementMessage('a'),
        attempts: 1,
        nextAttemptAt: later(OUTBOX_LEASE_MS),
        lastError: undefined,
        createdAt: expect.any(Date),
        deliveredAt: undefined,
      },
      expect.objectContaining({ tenantId: otherTenantId, id: ids[1], attempts: 1 }),
    ])
    expect((await outbox.claimDue(NOW, 10)).map((m) => m.id)).toEqual([ids[2]])
    expect(await outbox.claimDue(NOW, 10)).toEqual([])
    expect(await outbox.depth()).toBe(3)

    // A worker that never reports back: its messages are due again when the lease ends.
    const again = await outbox.claimDue(later(OUTBOX_LEASE_MS), 10)
    expect(again.map((m) => [m.id, m.attempts])).toEqual(ids.map((id) => [id, 2]))
  })

  it('retries a failed message at the time given, and never claims a delivered one', async () => {
    const r = await outbox.enqueue(tenantId, statementMessage('retry'))
    const id = r.enqueued ? r.id : -1
    const message = { tenantId, id }
    await outbox.claimDue(NOW, 10)
    await outbox.markFailed(message, 'LRS answered 503', later(5_000))
    expect(await outbox.claimDue(later(4_999), 10)).toEqual([])
    const [retried] = await outbox.claimDue(later(5_000), 10)
    expect(retried).toMatchObject({ id, attempts: 2, lastError: 'LRS answered 503' })

    await outbox.markDelivered(message)
    await outbox.markDelivered(message)
    await outbox.markFailed(message, 'late report of a lost lease', later(0))
    expect(await outbox.depth()).toBe(0)
    expect(await outbox.claimDue(later(86_400_000), 10)).toEqual([])
    const [row] = await database.db.select().from(outboxTable).where(eq(outboxTable.id, id))
    expect(row?.deliveredAt).toBeInstanceOf(Date)
  })

  it('renews a lease only for its holder; a worker that lost its lease changes nothing', async () => {
    const r = await outbox.enqueue(tenantId, statementMessage('lease'))
    const id = r.enqueued ? r.id : -1
    const message = { tenantId, id }
    const [claimed] = await outbox.claimDue(NOW, 10)
    const lease = claimed!.nextAttemptAt
    const renewed = later(OUTBOX_LEASE_MS + 20_000)
    expect(await outbox.renewLease([message], lease, renewed)).toEqual([id])
    // Renewed: not due when the first lease would have ended.
    expect(await outbox.claimDue(later(OUTBOX_LEASE_MS), 10)).toEqual([])
    // The renewed lease ends; another worker claims the message.
    const [taken] = await outbox.claimDue(renewed, 10)
    expect(taken).toMatchObject({ id, attempts: 2 })
    // The first worker, late: neither its renewal nor its failure report nor its giving up
    // touch the other's claim.
    expect(await outbox.renewLease([message], renewed, later(86_400_000))).toEqual([])
    await outbox.markFailed(message, 'late', NOW, renewed)
    await outbox.markGivenUp(message, 'late', renewed)
    const [row] = await database.db.select().from(outboxTable).where(eq(outboxTable.id, id))
    expect(row).toMatchObject({
      nextAttemptAt: taken!.nextAttemptAt,
      failedAt: null,
      lastError: null,
    })
    // The holder's own report counts.
    await outbox.markFailed(message, 'LRS answered 503', later(0), taken!.nextAttemptAt)
    const [after] = await database.db.select().from(outboxTable).where(eq(outboxTable.id, id))
    expect(after).toMatchObject({ nextAttemptAt: later(0), lastError: 'LRS answered 503' })
  })

  it('refuses to mark a message that does not exist, or of another tenant', async () => {
    await expect(outbox.markDelivered({ tenantId, id: 987_654 })).rejects.toMatchObject({
      code: 'ERR_STORE_NOT_FOUND',
      message: 'outbox message 987654 does not exist',
    })
    await expect(outbox.markFailed({ tenantId, id: 987_654 }, 'x', NOW)).rejects.toMatchObject({
      code: 'ERR_STORE_NOT_FOUND',
      message: 'outbox message 987654 does not exist',
    })
    // A message is its tenant's: named with another tenant, it is not found, and left as it is.
    const r = await outbox.enqueue(tenantId, statementMessage('theirs'))
    if (!r.enqueued) throw new Error('not enqueued')
    const [claimed] = await outbox.claimDue(NOW, 10)
    const elsewhere = { tenantId: otherTenantId, id: r.id }
    await expect(outbox.markDelivered(elsewhere)).rejects.toMatchObject({
      code: 'ERR_STORE_NOT_FOUND',
    })
    await expect(outbox.markGivenUp(elsewhere, 'x')).rejects.toMatchObject({
      code: 'ERR_STORE_NOT_FOUND',
    })
    expect(await outbox.renewLease([elsewhere], claimed!.nextAttemptAt, later(86_400_000))).toEqual(
      [],
    )
    const [row] = await database.db.select().from(outboxTable).where(eq(outboxTable.id, r.id))
    expect(row).toMatchObject({
      deliveredAt: null,
      failedAt: null,
      nextAttemptAt: claimed!.nextAttemptAt,
    })
  })

  it('workers claiming at once get disjoint messages', async () => {
    // Several rounds, since an overlap would show only when the claims interleave.
    for (let round = 0; round < 5; round++) {
      const ids: number[] = []
      for (let i = 0; i < 20; i++) {
        const tenant = i % 2 ? tenantId : otherTenantId
        const r = await outbox.enqueue(tenant, statementMessage(`r${round}-${i}`))
        if (r.enqueued) ids.push(r.id)
      }
      const claims = await Promise.all([1, 2, 3].map(() => outbox.claimDue(NOW, 10)))
      const claimed = claims.flat()
      expect(claimed.map((m) => m.id).sort((x, y) => x - y)).toEqual(ids)
      expect(claimed.every((m) => m.attempts === 1)).toBe(true)
      for (const m of claimed) await outbox.markDelivered(m)
    }
  })

  it('enqueues in the transaction of the change it reports', async () => {
    const personId = (
      await postgresPeopleStore(database.db).upsertPersonByIdentity(tenantId, {
        kind: 'mbox',
        mbox: 'mailto:minh@example.edu.vn',
      })
    ).id
    const level = {
      componentId: 'TT18.PT.1.1',
      level: 'CB',
      inferredLevel: 'CB',
      evidenceCount: 1,
      changeSeq: 1,
      frameworkVersion: '1',
      reasons: [],
    }
    const change = (key: string, fail: boolean) =>
      database.db.transaction(async (tx) => {
        const stores = createStores(tx)
        await stores.progress.saveLevels(tenantId, personId, [level])
        await stores.outbox.enqueue(tenantId, { ...statementMessage(key), personId })
        if (fail) throw new Error('the change failed')
      })

    await expect(change('rolled-back', true)).rejects.toThrow('the change failed')
    expect(await postgresProgressStore(database.db).findLevels(tenantId, personId)).toEqual([])
    expect(await outbox.depth()).toBe(0)

    await change('committed', false)
    expect(await postgresProgressStore(database.db).findLevels(tenantId, personId)).toHaveLength(1)
    expect((await outbox.claimDue(NOW, 10)).map((m) => m.dedupeKey)).toEqual(['committed'])
  })

  it('gives a message up: kept, not claimed, counted, listed, and retried on demand', async () => {
    const given = await outbox.enqueue(tenantId, {
      kind: 'xapi-statement',
      dedupeKey: 'given-up',
      payload: { destination: 'progress', statement: {} },
    })
    const other = await outbox.enqueue(tenantId, {
      kind: 'xapi-statement',
      dedupeKey: 'other',
      payload: { destination: 'upstream', statement: {} },
    })
    if (!given.enqueued || !other.enqueued) throw new Error('not enqueued')
    await outbox.markGivenUp({ tenantId, id: given.id }, 'the LRS refused it: 400 bad statement')
    await outbox.markGivenUp({ tenantId, id: given.id }, 'twice is harmless')
    expect(await outbox.depth()).toBe(1)
    expect(await outbox.givenUpCount()).toBe(1)
    expect((await outbox.claimDue(NOW, 10)).map((m) => m.id)).toEqual([other.id])
    await outbox.markDelivered({ tenantId, id: other.id })
    const [listed] = await outbox.listGivenUp(10)
    expect(listed).toMatchObject({
      id: given.id,
      lastError: 'twice is harmless',
      failedAt: expect.any(Date),
    })
    expect(await outbox.status()).toEqual(
      expect.arrayContaining([
        { kind: 'xapi-statement', destination: 'progress', pending: 0, failed: 1, delivered: 0 },
        expect.objectContaining({ destination: 'upstream', pending: 0, delivered: 1 }),
      ]),
    )
    expect(await outbox.retryGivenUp([other.id])).toBe(0)
    expect(await outbox.retryGivenUp()).toBe(1)
    expect(await outbox.givenUpCount()).toBe(0)
    const [again] = await outbox.claimDue(NOW, 10)
    expect(again).toMatchObject({ id: given.id, attempts: 1, failedAt: undefined })
    await expect(outbox.markGivenUp({ tenantId, id: 987_654 }, 'x')).rejects.toMatchObject({
      code: 'ERR_STORE_NOT_FOUND',
    })
  })
})
