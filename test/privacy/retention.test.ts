// Statement retention (a tenant's statementRetentionDays), as the maintenance worker applies it.
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { TenantSettings } from '../../src/evaluation/settings.ts'
import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import { applyRetention } from '../../src/workers/apply-retention.ts'
import { openTestDatabase } from '../support/test-database.ts'

let database: Database
let stores: Stores
beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
})
afterAll(() => database.close())

const NOW = new Date('2026-06-01T00:00:00Z')
const QUIZ = 'https://lms.example/mod/quiz/view.php?id=9'

async function statementStored(tenantId: string, personId: string, stored: string) {
  const id = randomUUID()
  await stores.statements.insertStatements(tenantId, [
    {
      id,
      personId,
      actorKey: 'mbox:mailto:gv@truong.edu.vn',
      verbId: 'http://adlnet.gov/expapi/verbs/completed',
      activityIri: QUIZ,
      activityTree: [QUIZ],
      timestamp: new Date(stored),
      stored: new Date(stored),
      source: 'push',
      statement: { id },
    },
  ])
  return id
}

describe('statement retention', () => {
  it('is a whole number of days, at least 30, or null (the default: keep forever)', () => {
    expect(TenantSettings.parse({}).statementRetentionDays).toBeNull()
    expect(TenantSettings.parse({ statementRetentionDays: 365 }).statementRetentionDays).toBe(365)
    const refused = TenantSettings.safeParse({ statementRetentionDays: 7 })
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0]).toMatchObject({
      path: ['statementRetentionDays'],
      message: 'must be at least 30 days',
    })
  })

  it('deletes statements stored before the cutoff, keeps those behind evidence and levels', async () => {
    const kept = (await stores.tenants.createTenant({ kind: 'platform', name: 'Giữ mãi' })).id
    const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'Một năm' })).id
    await stores.tenants.setSettings(tenantId, { statementRetentionDays: 365 })
    const person = await stores.people.upsertPersonByIdentity(tenantId, {
      kind: 'mbox',
      mbox: 'mailto:gv@truong.edu.vn',
    })
    const other = await stores.people.upsertPersonByIdentity(kept, {
      kind: 'mbox',
      mbox: 'mailto:gv@truong.edu.vn',
    })
    const old = await statementStored(tenantId, person.id, '2024-01-01T00:00:00Z')
    const oldEvidence = await statementStored(tenantId, person.id, '2024-02-01T00:00:00Z')
    const recent = await statementStored(tenantId, person.id, '2026-01-01T00:00:00Z')
    const otherTenant = await statementStored(kept, other.id, '2020-01-01T00:00:00Z')
    const [activity] = await queryRows<{ id: string }>(
      database.db,
      sql`insert into activities (tenant_id, iri) values (${tenantId}, ${QUIZ}) returning id`,
    )
    const [tag] = await queryRows<{ id: string }>(
      database.db,
      sql`insert into tags (tenant_id, activity_id, competency_ids)
        values (${tenantId}, ${activity!.id}, array['TT18.PT.1.1.CB.1']) returning id`,
    )
    await stores.progress.insertEvidence(tenantId, person.id, [
      {
        competencyId: 'TT18.PT.1.1.CB.1',
        statementId: oldEvidence,
        tagId: tag!.id,
        observedAt: new Date('2024-02-01T00:00:00Z'),
      },
    ])

    expect(await applyRetention(database.db, stores.tenants, NOW)).toEqual(new Map([[tenantId, 1]]))
    const left = await stores.statements.getStatements(tenantId, [old, oldEvidence, recent])
    expect(left.map((s) => s.id).sort()).toEqual([oldEvidence, recent].sort())
    expect(await stores.statements.getStatements(kept, [otherTenant])).toHaveLength(1)
    expect(await stores.progress.findEvidence(tenantId, person.id)).toHaveLength(1)
    // A second pass finds nothing more to do.
    expect(await applyRetention(database.db, stores.tenants, NOW)).toEqual(new Map())
  })
})
