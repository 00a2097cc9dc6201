import { randomUUID } from 'node:crypto'
import { emptyPipeline } from '../../src/pipeline/statement-pipeline.ts'
import { countIngested } from '../../src/server/count-ingested.ts'
import { createMetrics } from '../../src/server/metrics.ts'
import type { Database } from '../../src/store/database.ts'
import { createStores, type StoredStatementInput } from '../../src/store/index.ts'
import { openTestDatabase } from '../support/test-database.ts'

let database: Database
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(() => database.close())

const statement = (source: 'push' | 'pull'): StoredStatementInput => ({
  id: randomUUID(),
  actorKey: 'account:https://lms.example|4',
  verbId: 'http://adlnet.gov/expapi/verbs/completed',
  activityTree: [],
  timestamp: new Date('2026-11-01T08:00:00Z'),
  source,
  statement: {},
})

it('counts accepted statements by source, and reads the outbox depth when scraped', async () => {
  const stores = createStores(database.db)
  const metrics = createMetrics({
    databaseKind: database.kind,
    poolStats: database.poolStats,
    outboxDepth: () => stores.outbox.depth(),
  })
  const seen: number[] = []
  const pipeline = countIngested(
    { ...emptyPipeline, statementsAccepted: async (_t, s) => void seen.push(s.length) },
    metrics.statementsIngested,
  )
  const tenant = await stores.tenants.createTenant({ kind: 'platform', name: 'Moodle' })
  await pipeline.statementsAccepted(tenant.id, [
    statement('push'),
    statement('push'),
    statement('pull'),
  ])
  await pipeline.statementsAccepted(tenant.id, [statement('push')])
  await stores.outbox.enqueue(tenant.id, { kind: 'xapi-statement', dedupeKey: 'a', payload: {} })
  await stores.outbox.enqueue(tenant.id, { kind: 'lti-score', dedupeKey: 'b', payload: {} })

  const text = await metrics.registry.metrics()
  expect(text).toContain('nls_statements_ingested_total{source="push"} 3')
  expect(text).toContain('nls_statements_ingested_total{source="pull"} 1')
  expect(text).toContain('nls_outbox_depth 2')
  expect(seen).toEqual([3, 1])
})
