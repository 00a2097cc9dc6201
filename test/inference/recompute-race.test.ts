// Issue 16, item 11: `nls recompute --from-evidence` while the server works. The inference
// worker saves a newer level for a person between the recompute's read of that person and its
// save; the recompute must not overwrite it with a level worked out from the evidence it read
// before. Both take the person's evaluation lock, so the worker waits for the recompute's
// transaction and then works the person out from the evidence of then; on both backends.
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { jest } from '@jest/globals'
import { frameworksFrom } from '../../src/evaluation/frameworks-in-force.ts'
import { recomputeTenant } from '../../src/evaluation/recompute.ts'
import { createLogger } from '../../src/server/logger.ts'
import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import { startInferenceWorker } from '../../src/workers/inference-worker.ts'
import { openTestDatabase, testBackend } from '../support/test-database.ts'

jest.setTimeout(120_000)

const { model, catalog } = frameworksFrom([])
const descriptorsOf = (levelId: string) =>
  catalog.getOf(levelId, 'level').level.descriptors.map((d) => d.id)
const LESSON = (n: number) => `urn:bai-hoc:${n}`

let database: Database
let stores: Stores
beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
}, 60_000)
afterAll(() => database.close())

async function completed(tenantId: string, personId: string, activityIri: string) {
  const id = randomUUID()
  await stores.statements.insertStatements(tenantId, [
    {
      id,
      personId,
      actorKey: `person:${personId}`,
      verbId: 'http://adlnet.gov/expapi/verbs/completed',
      activityIri,
      activityTree: [activityIri],
      timestamp: new Date('2026-11-20T01:00:00Z'),
      source: 'push',
      statement: { id },
    },
  ])
}

it('never overwrites a level the worker saved between its read and its save', async () => {
  const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THPT E' })).id
  // Lesson 1 evidences Cơ bản of 1.1, lesson 2 Thành thạo.
  for (const [n, level] of [
    [1, 'TT18.PT.1.1.CB'],
    [2, 'TT18.PT.1.1.TT'],
  ] as const) {
    const activity = await stores.courses.upsertActivity(tenantId, { iri: LESSON(n) })
    await stores.tags.createTag(tenantId, {
      activityId: activity.id,
      competencyIds: descriptorsOf(level),
    })
  }
  const { id: personId } = await stores.people.upsertPersonByIdentity(tenantId, {
    kind: 'mbox',
    mbox: 'mailto:gv@thpt-e.edu.vn',
  })
  const level = async () =>
    (await stores.progress.findLevels(tenantId, personId)).find(
      (l) => l.componentId === 'TT18.PT.1.1',
    )?.level
  // The worker sees each request for a transaction: on PGlite, from then on it waits for the
  // transaction open (one at a time there).
  let askedForTransaction: (() => void) | undefined
  const worker = startInferenceWorker(
    {
      stores: {
        ...stores,
        transaction: (work) => {
          askedForTransaction?.()
          return stores.transaction(work)
        },
      },
      model: () => model,
      logger: createLogger('silent'),
    },
    { tickMs: 3_600_000, batchSize: 50 },
  )
  try {
    await completed(tenantId, personId, LESSON(1))
    await stores.inference.enqueue(tenantId, [personId])
    await worker.runOnce()
    expect(await level()).toBe('CB')

    // A new share: the recompute has a level to save for the person (its explanation changes).
    await stores.tenants.setSettings(tenantId, { requiredShare: 0.5 })
    // Meanwhile the person completes lesson 2: the worker will save Thành thạo.
    await completed(tenantId, personId, LESSON(2))
    await stores.inference.enqueue(tenantId, [personId])

    let pass: Promise<void> | undefined
    const result = await recomputeTenant(stores, model, tenantId, {
      fromEvidence: true,
      onRead: async (ids) => {
        expect(ids).toEqual([personId])
        // The worker's pass, between the recompute's read and its save: it runs to its end,
        // or until it waits for the person's lock.
        const asked = new Promise<void>((resolve) => (askedForTransaction = resolve))
        pass = worker.runOnce()
        await Promise.race([pass, waitingForLock(asked)])
      },
    })
    expect(result.people).toBe(1)
    await pass
    expect(await level()).toBe('TT')
    // Worked out again from the evidence now kept, nothing changes.
    expect(
      (await recomputeTenant(stores, model, tenantId, { fromEvidence: true })).levelsSaved,
    ).toBe(0)
    expect(await level()).toBe('TT')
  } finally {
    await worker.stop()
  }
})

/** Resolves once the worker waits: for an advisory lock on a server, for the connection on PGlite. */
async function waitingForLock(asked: Promise<void>): Promise<void> {
  await asked
  if (testBackend !== 'postgres') return
  for (;;) {
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
    )
    if (row!.n > 0) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
