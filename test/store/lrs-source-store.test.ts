import type { Database } from '../../src/store/database.ts'
import type { LrsSourceStore } from '../../src/store/lrs-source-store.ts'
import { postgresAuditLog } from '../../src/store/postgres-audit-log.ts'
import { postgresLrsSourceStore } from '../../src/store/postgres-lrs-source-store.ts'
import { postgresTenantStore } from '../../src/store/postgres-tenant-store.ts'
import { openTestDatabase } from '../support/test-database.ts'

const LEASE = 60_000

let database: Database
let sources: LrsSourceStore
beforeAll(async () => {
  database = await openTestDatabase()
  sources = postgresLrsSourceStore(database.db)
}, 30_000)
afterAll(() => database.close())

async function tenantWithSource(name: string, pull = true) {
  const tenantId = (await postgresTenantStore(database.db).createTenant({ kind: 'platform', name }))
    .id
  await sources.setSource(
    tenantId,
    { endpoint: 'https://lrs.example/xapi/', username: 'u', password: 'p', pull, forward: false },
    'test',
  )
  return tenantId
}

describe('lrs source store: claiming sources to pull', () => {
  it('gives a due source to one puller at a time until its lease ends', async () => {
    const tenantId = await tenantWithSource('claimed')
    const quiet = await tenantWithSource('push only', false)
    const now = new Date(Date.now() + 1_000)
    const first = await sources.claimDueSources(now, LEASE, 100)
    expect(first.map((s) => s.tenantId)).toContain(tenantId)
    expect(first.map((s) => s.tenantId)).not.toContain(quiet)
    expect(first.find((s) => s.tenantId === tenantId)?.nextPullAt).toEqual(
      new Date(now.getTime() + LEASE),
    )
    // Another process asking at the same moment, or before the lease ends, gets nothing.
    expect(await sources.claimDueSources(now, LEASE, 100)).toEqual([])
    expect(await sources.claimDueSources(new Date(now.getTime() + LEASE - 1), LEASE, 100)).toEqual(
      [],
    )
    // A puller that crashed leaves its lease; at its end the source is due again.
    const later = new Date(now.getTime() + LEASE)
    expect((await sources.claimDueSources(later, LEASE, 100)).map((s) => s.tenantId)).toEqual([
      tenantId,
    ])
  })

  it('gives a few sources at a time, the longest due first, so processes share them', async () => {
    const later = new Date(Date.now() + 10 * LEASE)
    const due = await sources.claimDueSources(later, LEASE, 100)
    // The other tests' sources are pulled and not due again for long.
    const long = new Date(later.getTime() + 100 * LEASE)
    for (const s of due) await sources.recordRun(s.tenantId, { at: later, nextPullAt: long })
    const a = await tenantWithSource('first due')
    const b = await tenantWithSource('then due')
    await sources.recordRun(a, { at: later, nextPullAt: new Date(later.getTime() + 1) })
    await sources.recordRun(b, { at: later, nextPullAt: new Date(later.getTime() + 2) })
    const at = new Date(later.getTime() + 3)
    expect((await sources.claimDueSources(at, LEASE, 1)).map((s) => s.tenantId)).toEqual([a])
    expect((await sources.claimDueSources(at, LEASE, 1)).map((s) => s.tenantId)).toEqual([b])
    expect(await sources.claimDueSources(at, LEASE, 1)).toEqual([])
  })

  it('renews the lease with every page committed, and never shortens it', async () => {
    const tenantId = await tenantWithSource('renewed')
    const now = new Date(Date.now() + 1_000)
    await sources.claimDueSources(now, LEASE, 100)
    const cursor = new Date('2026-05-01T00:00:00Z')
    const renewed = new Date(now.getTime() + 5 * LEASE)
    await sources.advanceCursor(tenantId, cursor, renewed)
    expect(await sources.getSource(tenantId)).toMatchObject({ cursor, nextPullAt: renewed })
    await sources.advanceCursor(tenantId, cursor, now)
    expect((await sources.getSource(tenantId))?.nextPullAt).toEqual(renewed)
    const claimed = async (at: Date) =>
      (await sources.claimDueSources(at, LEASE, 100)).map((s) => s.tenantId)
    expect(await claimed(new Date(now.getTime() + 2 * LEASE))).not.toContain(tenantId)
    await sources.recordRun(tenantId, { at: now, nextPullAt: now })
    expect(await claimed(now)).toContain(tenantId)
  })
})

describe('lrs source store: removing a source', () => {
  it('deletes the source with its credentials, audited; false when there is none', async () => {
    const tenantId = await tenantWithSource('removed')
    expect(await sources.removeSource(tenantId, 'account:pgd')).toBe(true)
    expect(await sources.getSource(tenantId)).toBeUndefined()
    expect(await sources.removeSource(tenantId, 'account:pgd')).toBe(false)
    const entries = await postgresAuditLog(database.db).list({ tenantId })
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ['lrs-source.remove', 'account:pgd'],
      ['lrs-source.set', 'test'],
    ])
  })
})
