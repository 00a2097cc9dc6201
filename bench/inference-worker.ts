// npm run bench (inference part 3): the inference worker draining a burst, on a real PostgreSQL
// server, as `nls serve` runs it (its stores, batch size, write-back on). BENCH_WORKER_PEOPLE
// staff (default 20,000) each with Moodle-shaped statements (quiz attempts with their questions
// and reviews, page views) about 20 quizzes, each tagged with a component's descriptors, are
// queued at once; meanwhile an LMS keeps posting batches of statements (the receiving store's
// own insert, which queues their people too). Reports people/s drained, the first time (levels
// made, progress statements queued) and again with nothing changed. Goal: ≥ 3,000 people/s.
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import type { Catalog } from '../framework/index.ts'
import type { Statement } from '../statements/xapi/statement.ts'
import { indexedFields } from '../statements/xapi/indexed-fields.ts'
import type { InferenceModel } from '../src/inference/index.ts'
import { createLogger } from '../src/server/logger.ts'
import { openDatabase } from '../src/store/database.ts'
import { createStores, type Stores, type StoredStatementInput } from '../src/store/index.ts'
import { migrate } from '../src/store/migrate.ts'
import { startInferenceWorker } from '../src/workers/inference-worker.ts'
import {
  attemptReviewed,
  moduleIri,
  pageViewed,
  quizAttempt,
  quizQuestion,
  MOODLE_SITE as SITE,
} from '../test/support/moodle-statements.ts'

const PEOPLE = Number(process.env.BENCH_WORKER_PEOPLE ?? 20_000)
const QUIZZES = 20
/** Statements an LMS posts per request while the worker drains, and the pause between. */
const INGEST_BATCH = 50
const INGEST_PAUSE_MS = 20

/** Statements of one Moodle user: 3 attempts, questions and a review of one, 2 page views. */
function statementsOf(userId: string, i: number): StoredStatementInput[] {
  const raw: object[] = []
  for (let k = 0; k < 3; k++) {
    const cmid = 100 + ((i + k * 7) % QUIZZES)
    const attempt = i * 10 + k
    const timestamp = new Date(Date.UTC(2026, 10, 1 + k, 1, i % 60)).toISOString()
    raw.push(quizAttempt(userId, (i * 7 + k * 3) % 11, { cmid, attempt, timestamp }))
    if (k === 0) {
      raw.push(quizQuestion(userId, 1, i % 2 === 0, { cmid, attempt, timestamp }))
      raw.push(quizQuestion(userId, 2, i % 3 === 0, { cmid, attempt, timestamp }))
      raw.push(attemptReviewed(userId, { cmid, attempt, timestamp }))
    }
  }
  raw.push(pageViewed(userId, 200 + (i % 5)), pageViewed(userId, 200 + ((i + 1) % 5)))
  return raw.map((r) => storedOf(userId, r))
}

function storedOf(userId: string, raw: object): StoredStatementInput {
  const statement = { id: randomUUID(), ...raw } as unknown as Statement
  const fields = indexedFields(statement)
  return {
    id: statement.id!,
    actorKey: `account:${SITE}|${userId}`,
    verbId: fields.verbId,
    ...(fields.activityIri !== undefined && { activityIri: fields.activityIri }),
    activityTree: fields.activityTree,
    timestamp: fields.timestamp,
    ...(fields.scoreScaled !== undefined && { scoreScaled: fields.scoreScaled }),
    ...(fields.success !== undefined && { success: fields.success }),
    ...(fields.completion !== undefined && { completion: fields.completion }),
    source: 'push',
    statement,
  }
}

/** A tenant with 20 tagged quizzes and PEOPLE staff with their statements; returns whom. */
async function seed(url: string, stores: Stores, catalog: Catalog) {
  const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'bench' })).id
  const components = catalog.components('TT18.PT')
  for (let q = 0; q < QUIZZES; q++) {
    const component = components[q % components.length]!
    const activity = await stores.courses.upsertActivity(tenantId, {
      iri: moduleIri('quiz', 100 + q),
    })
    await stores.tags.createTag(tenantId, {
      activityId: activity.id,
      competencyIds: component.levels.flatMap((l) => l.descriptors.map((d) => d.id)),
      rule: { minScore: 0.5 },
    })
  }
  const fill = new pg.Client({ connectionString: url })
  await fill.connect()
  const { rows } = await fill.query<{ id: string }>(
    `insert into people (tenant_id) select $1::uuid from generate_series(1, $2::int)
     returning id`,
    [tenantId, PEOPLE],
  )
  const people = rows.map((r) => r.id)
  await fill.query(
    `insert into identities (tenant_id, person_id, kind, issuer, value)
     select $1::uuid, p, 'account', $2, 'u' || n
     from unnest($3::uuid[]) with ordinality as x(p, n)`,
    [tenantId, SITE, people],
  )
  await fill.end()
  let batch: StoredStatementInput[] = []
  for (const [i, personId] of people.entries()) {
    batch.push(...statementsOf(`u${i + 1}`, i).map((s) => ({ ...s, personId })))
    if (batch.length >= 2_000 || i === people.length - 1) {
      await stores.statements.insertStatements(tenantId, batch)
      batch = []
    }
  }
  return { tenantId, people }
}

/**
 * Queues everyone and measures how fast the real worker drains them while statements keep
 * arriving: people/s of every evaluation made (those the posts queued included).
 */
async function drain(
  stores: Stores,
  model: InferenceModel,
  catalog: Catalog,
  tenantId: string,
  people: readonly string[],
) {
  const waiting = new Set(people)
  let evaluated = 0
  let levelChanges = 0
  let allDone!: () => void
  const done = new Promise<void>((resolve) => (allDone = resolve))
  const worker = startInferenceWorker({
    stores,
    model: () => model,
    logger: createLogger('warn'),
    writeBack: () =>
      Promise.resolve({ profileIri: 'https://nls.bench.edu.vn/xapi/profile', catalog }),
    onEvaluated: (_tenantId, evaluations) => {
      evaluated += evaluations.length
      for (const e of evaluations) {
        levelChanges += e.changes.length
        waiting.delete(e.personId)
      }
      if (waiting.size === 0) allDone()
    },
  })
  await stores.inference.enqueue(tenantId, people)
  // The LMS posting meanwhile: new statements of random staff, each batch queuing its people.
  let ingesting = true
  let posted = 0
  const ingest = (async () => {
    let n = 0
    while (ingesting) {
      const batch = Array.from({ length: INGEST_BATCH }, () => {
        const i = (n = (n * 7919 + 104_729) % PEOPLE)
        const userId = `u${i + 1}`
        const cmid = 100 + ((i + posted) % QUIZZES)
        return {
          ...storedOf(userId, quizAttempt(userId, 8, { cmid })),
          identity: { kind: 'account' as const, homePage: SITE, name: userId },
        }
      })
      await stores.statements.insertNewStatements(tenantId, batch)
      posted += batch.length
      await new Promise((resolve) => setTimeout(resolve, INGEST_PAUSE_MS))
    }
  })()
  const started = performance.now()
  worker.wake()
  await done
  const seconds = (performance.now() - started) / 1000
  ingesting = false
  await ingest
  await worker.stop()
  return {
    seconds: Number(seconds.toFixed(1)),
    peopleEvaluated: evaluated,
    peoplePerSecond: Math.round(evaluated / seconds),
    levelChanges,
    statementsPostedMeanwhile: posted,
  }
}

/** The worker bench on a fresh database of the server at `server`. */
export async function workerBench(server: string, model: InferenceModel, catalog: Catalog) {
  const name = `nls_bench_${randomUUID().slice(0, 8)}`
  const admin = new pg.Client({ connectionString: server })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const url = new URL(server)
  url.pathname = `/${name}`
  const database = await openDatabase({ kind: 'postgres', url: url.href, poolMax: 10 })
  try {
    await migrate(database)
    const stores = createStores(database.db)
    const seeded = performance.now()
    const { tenantId, people } = await seed(url.href, stores, catalog)
    const vacuum = new pg.Client({ connectionString: url.href })
    await vacuum.connect()
    await vacuum.query('vacuum (analyze)')
    await vacuum.end()
    const count = await stores.statements.countStatements(tenantId)
    const seedSeconds = Number(((performance.now() - seeded) / 1000).toFixed(1))
    const first = await drain(stores, model, catalog, tenantId, people)
    const again = await drain(stores, model, catalog, tenantId, people)
    const count2 = new pg.Client({ connectionString: url.href })
    await count2.connect()
    const outbox = await count2.query<{ n: number }>(
      `select count(*)::int as n from outbox where kind = 'xapi-statement'`,
    )
    await count2.end()
    return {
      people: people.length,
      statements: count,
      seedSeconds,
      first,
      unchanged: again,
      goalPeoplePerSecond: 3_000,
      progressStatementsQueued: outbox.rows[0]!.n,
    }
  } finally {
    await database.close()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
}
