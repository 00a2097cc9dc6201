// A person's new statement committed while an inference worker takes that person off the queue
// must still be worked out: with several NLS processes on one database, a statement's commit and
// another process's inference pass overlap all the time. PostgreSQL server only (PGlite runs one
// transaction at a time, so the two cannot overlap there).
import { randomUUID } from 'node:crypto'
import { jest } from '@jest/globals'
import { sql } from 'drizzle-orm'
import type { RunningServer } from '../../src/server/start-server.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import { persistStatements } from '../../statements/receive/store-statements.ts'
import { validateStatements } from '../../statements/xapi/index.ts'
import { MOODLE_SITE as SITE, quizAttempt } from '../support/moodle-statements.ts'
import { startNls } from '../support/nls-server.ts'
import { testBackend } from '../support/test-database.ts'

jest.setTimeout(60_000)

const onServer = testBackend === 'postgres' ? describe : describe.skip

onServer('the inference queue under concurrent writers', () => {
  let nls: RunningServer
  beforeAll(async () => {
    nls = await startNls()
  })
  afterAll(() => nls.close())

  // The writer's queueing locks a person already queued (on conflict … do update, in enqueue of
  // src/store/postgres-inference-store.ts and the batch insert of postgres-statement-store.ts), so
  // `takeQueued` (`for update skip locked`) passes them over until the statement is committed.
  it('works out a statement committed while its person is being taken off the queue', async () => {
    const { stores } = nls
    // Passes only when the test says: the person is on the queue when the writer queues them.
    await nls.inference.stop()
    const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THPT F' })).id
    const quiz = await stores.courses.upsertActivity(tenantId, {
      iri: `${SITE}/mod/quiz/view.php?id=12`,
    })
    await stores.tags.createTag(tenantId, {
      activityId: quiz.id,
      competencyIds: ['TT18.PT.1.1.CB'],
      rule: { minScore: 0.8 },
    })
    const person = await stores.people.upsertPersonByIdentity(tenantId, {
      kind: 'account',
      homePage: SITE,
      name: '4',
    })
    const keep = (raw: number) => {
      const checked = validateStatements(
        { id: randomUUID(), ...quizAttempt('4', raw) },
        { version: '1.0.3' },
      )
      if (!checked.ok) throw new Error('not a statement')
      return (tx: typeof stores) =>
        persistStatements(tx, tenantId, checked.statements, {
          source: 'push',
          stored: new Date(),
        })
    }
    // A failed attempt is kept: the person waits on the queue.
    await stores.transaction((tx) => keep(6)(tx))

    // A passed attempt is being kept (queued, not yet committed) when a worker takes the queue.
    let queued!: () => void
    const inTransaction = new Promise<void>((resolve) => (queued = resolve))
    let commit!: () => void
    const committing = new Promise<void>((resolve) => (commit = resolve))
    const writer = stores.transaction(async (tx) => {
      await keep(9)(tx)
      queued()
      await committing
    })
    await inTransaction
    let passed = false
    const pass = nls.inference.runOnce().finally(() => (passed = true))
    // The pass ends, or waits on the writer (then it sees the writer's statement).
    await untilPassedOrWaiting(nls, () => passed)
    commit()
    await writer
    await pass

    // Every pass the queue asks for, until it is empty.
    for (;;) {
      await nls.inference.runOnce()
      if ((await stores.inference.queueDepth(tenantId)).count === 0) break
    }
    const levels = await stores.progress.findLevels(tenantId, person.id)
    expect(levels.find((l) => l.componentId === 'TT18.PT.1.1')?.level).toBe('CB')
  })
})

/** Resolves once `passed()`, or once a session waits for a lock another holds. */
async function untilPassedOrWaiting(nls: RunningServer, passed: () => boolean): Promise<void> {
  while (!passed()) {
    const [row] = await queryRows<{ n: number }>(
      nls.database.db,
      sql`select count(*)::int as n from pg_locks where not granted`,
    )
    if (row!.n > 0) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
