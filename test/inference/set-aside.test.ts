// Issue 16, item 9: a person whose evaluation throws no longer rolls back the batch of 50 on
// every tick. The others of the batch, and of other tenants, are saved; the person is set aside
// with a backoff, retried when the time comes (the clock is the worker's), and counted in
// /metrics (`nls inference status`: test/cli/inference-cli.test.ts); on both backends.
import { randomUUID } from 'node:crypto'
import { jest } from '@jest/globals'
import { evaluatePeople } from '../../src/evaluation/evaluate-people.ts'
import { frameworksFrom } from '../../src/evaluation/frameworks-in-force.ts'
import { createLogger } from '../../src/server/logger.ts'
import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import {
  type EvaluatePeople,
  type InferenceWorker,
  startInferenceWorker,
} from '../../src/workers/inference-worker.ts'
import { startNls } from '../support/nls-server.ts'
import { openTestDatabase } from '../support/test-database.ts'

jest.setTimeout(120_000)

const SITE = 'https://lms.thpt-d.edu.vn'
const QUIZ = `${SITE}/mod/quiz/view.php?id=5`
const { model } = frameworksFrom([])

let database: Database
let stores: Stores
beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
}, 60_000)
afterAll(() => database.close())

/** A tenant whose quiz is tagged with TT18.PT.2.1's Cơ bản, and people who completed it. */
async function school(name: string, people: number): Promise<{ id: string; people: string[] }> {
  const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name })).id
  const quiz = await stores.courses.upsertActivity(tenantId, { iri: QUIZ })
  await stores.tags.createTag(tenantId, { activityId: quiz.id, competencyIds: ['TT18.PT.2.1.CB'] })
  const ids: string[] = []
  for (let i = 0; i < people; i++) {
    const name = randomUUID()
    const { id } = await stores.people.upsertPersonByIdentity(tenantId, {
      kind: 'account',
      homePage: SITE,
      name,
    })
    const statementId = randomUUID()
    await stores.statements.insertStatements(tenantId, [
      {
        id: statementId,
        personId: id,
        actorKey: `account:${SITE}|${name}`,
        verbId: 'http://adlnet.gov/expapi/verbs/completed',
        activityIri: QUIZ,
        activityTree: [QUIZ],
        timestamp: new Date('2026-11-20T01:00:00Z'),
        source: 'push',
        statement: { id: statementId },
      },
    ])
    ids.push(id)
  }
  return { id: tenantId, people: ids }
}

const level = async (tenantId: string, personId: string) =>
  (await stores.progress.findLevels(tenantId, personId)).find(
    (l) => l.componentId === 'TT18.PT.2.1',
  )?.level ?? null

describe('a person whose evaluation throws', () => {
  let worker: InferenceWorker
  afterEach(() => worker?.stop())

  it('is set aside with a backoff while the others of the batch and other tenants go on', async () => {
    const a = await school('THPT A', 3)
    const b = await school('THPT B', 2)
    const broken = a.people[1]!
    let failing = true
    const tried: string[] = []
    const evaluate: EvaluatePeople = async (tx, m, context, personIds, writeBack) => {
      tried.push(...personIds)
      if (failing && personIds.includes(broken)) {
        throw Object.assign(new Error('stored statement is corrupt'), { code: 'ERR_CORRUPT' })
      }
      return evaluatePeople(tx, m, context, personIds, writeBack)
    }
    let now = new Date()
    const evaluated: string[] = []
    worker = startInferenceWorker(
      {
        stores,
        model: () => model,
        logger: createLogger('silent'),
        now: () => now,
        evaluate,
        onEvaluated: (_tenantId, evaluations) =>
          evaluated.push(...evaluations.map((e) => e.personId)),
      },
      { tickMs: 3_600_000, batchSize: 50 },
    )
    await stores.inference.enqueue(a.id, a.people)
    await stores.inference.enqueue(b.id, b.people)

    await worker.runOnce()
    const others = [a.people[0]!, a.people[2]!, ...b.people]
    expect(evaluated.sort()).toEqual([...others].sort())
    for (const id of others) {
      const tenantId = a.people.includes(id) ? a.id : b.id
      expect(await level(tenantId, id)).toBe('CB')
    }
    expect(await level(a.id, broken)).toBeNull()
    const firstRetry = new Date(now.getTime() + 60_000)
    expect(await stores.inference.listSetAside(10)).toEqual([
      {
        tenantId: a.id,
        personId: broken,
        queuedAt: expect.any(Date),
        attempts: 1,
        retryAt: firstRetry,
        lastError: 'ERR_CORRUPT: stored statement is corrupt',
      },
    ])
    expect(await stores.inference.queueDepth()).toEqual({ count: 0, setAside: 1 })

    // Before its time, the person is not tried again, even when a new statement queues them.
    tried.length = 0
    await stores.inference.enqueue(a.id, [broken])
    now = new Date(firstRetry.getTime() - 1)
    await worker.runOnce()
    expect(tried).toEqual([])

    // At its time it is; failing again, it waits twice as long.
    now = firstRetry
    await worker.runOnce()
    expect(tried).toContain(broken)
    expect(await stores.inference.listSetAside(10)).toMatchObject([
      { personId: broken, attempts: 2, retryAt: new Date(firstRetry.getTime() + 120_000) },
    ])

    // Mended, it is worked out at its next time, and leaves the queue.
    failing = false
    now = new Date(firstRetry.getTime() + 120_000)
    await worker.runOnce()
    expect(await level(a.id, broken)).toBe('CB')
    expect(await stores.inference.listSetAside(10)).toEqual([])
    expect(await stores.inference.queueDepth()).toEqual({ count: 0, setAside: 0 })
  })
})

it('counts set-aside people in /metrics', async () => {
  const nls = await startNls()
  try {
    const tenantId = (await nls.stores.tenants.createTenant({ kind: 'platform', name: 'X' })).id
    const { id } = await nls.stores.people.upsertPersonByIdentity(tenantId, {
      kind: 'account',
      homePage: SITE,
      name: '9',
    })
    const scrape = async () => (await fetch(`${nls.url}/metrics`)).text()
    expect(await scrape()).toContain('\nnls_inference_set_aside 0\n')
    await nls.stores.inference.setAside([
      {
        person: { tenantId, personId: id, queuedAt: new Date(), attempts: 0 },
        retryAt: new Date(Date.now() + 3_600_000),
        error: 'failed',
      },
    ])
    const text = await scrape()
    expect(text).toContain('\nnls_inference_set_aside 1\n')
    expect(text).toContain('\nnls_inference_queue_depth 0\n')
  } finally {
    await nls.close()
  }
})
