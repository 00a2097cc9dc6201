// npm run bench (inference part). Two numbers:
// 1. The pure core alone: statements per second through matching (statements → evidence) and
//    levels (evidence → 20 component levels with explanations), per person, in this process.
// 2. A full recompute of levels from kept evidence on a real PostgreSQL server
//    (BENCH_DATABASE_URL, default the local `test` database): BENCH_PEOPLE people (default
//    100,000) × the 20 components of the general-education teacher table, from
//    BENCH_PEOPLE × 100 evidence rows (10 M by default). Goal: ≤ 30 s.
// 3. The inference worker draining a burst while statements arrive (bench/inference-worker.ts).
// BENCH_INFERENCE picks parts (e.g. `worker,recompute`; default all three).
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { shippedCatalog } from '../framework/index.ts'
import { recomputeTenant } from '../src/evaluation/recompute.ts'
import {
  DEFAULT_RULE,
  inferenceModel,
  inferLevels,
  type InferenceTag,
  matchEvidence,
  type StatementFacts,
} from '../src/inference/index.ts'
import { openDatabase } from '../src/store/database.ts'
import { createStores } from '../src/store/index.ts'
import { migrate } from '../src/store/migrate.ts'
import { workerBench } from './inference-worker.ts'

const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000)
const STATEMENTS_PER_PERSON = 10
const DESCRIPTORS_PER_TAG = 10

const catalog = shippedCatalog()
const model = inferenceModel(catalog)
const descriptors = catalog
  .components('TT18.PT')
  .flatMap((c) => c.levels.flatMap((l) => l.descriptors.map((d) => d.id)))
// One tag per activity, each naming 10 descriptors: 14 activities cover the table's 140.
const tags: InferenceTag[] = []
for (let i = 0; i * DESCRIPTORS_PER_TAG < descriptors.length; i++) {
  tags.push({
    id: randomUUID(),
    activityIri: `urn:bench:activity:${i}`,
    competencyIds: descriptors.slice(i * DESCRIPTORS_PER_TAG, (i + 1) * DESCRIPTORS_PER_TAG),
    rule: { ...DEFAULT_RULE, minScore: 0.5 },
  })
}
const rules = new Map(tags.map((t) => [t.id, t.rule]))

function coreBench() {
  const people = 20_000
  const perPerson = 50
  const verbs = ['http://adlnet.gov/expapi/verbs/completed', 'http://id.tincanapi.com/verb/viewed']
  const statements: StatementFacts[][] = Array.from({ length: people }, (_, p) =>
    Array.from({ length: perPerson }, (_, i) => ({
      id: `${p}-${i}`,
      verbId: verbs[i % 2]!,
      activityIri: `urn:bench:activity:${(p + i * 7) % (tags.length + 6)}`,
      timestamp: new Date(Date.UTC(2026, 9, 1) + i * 60_000),
      score: { raw: (p * 13 + i * 7) % 11, min: 0, max: 10 },
    })),
  )
  const componentIds = catalog.components('TT18.PT').map((c) => c.id)
  let levels = 0
  const started = performance.now()
  for (const mine of statements) {
    const evidence = matchEvidence(tags, mine)
    levels += inferLevels(model, { evidence, rules, componentIds }).filter((r) => r.level).length
  }
  const seconds = (performance.now() - started) / 1000
  return {
    people,
    statements: people * perPerson,
    statementsPerSecond: Math.round((people * perPerson) / seconds),
    peoplePerSecond: Math.round(people / seconds),
    levelsHeld: levels,
  }
}

async function recomputeBench() {
  const name = `nls_bench_${randomUUID().slice(0, 8)}`
  const admin = new pg.Client({ connectionString: SERVER })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const url = new URL(SERVER)
  url.pathname = `/${name}`
  const database = await openDatabase({ kind: 'postgres', url: url.href, poolMax: 4 })
  try {
    await migrate(database)
    const stores = createStores(database.db)
    const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'bench' })).id
    for (const tag of tags) {
      const activity = await stores.courses.upsertActivity(tenantId, { iri: tag.activityIri })
      await stores.tags.createTag(tenantId, {
        activityId: activity.id,
        competencyIds: tag.competencyIds,
        rule: { minScore: 0.5 },
      })
    }
    const fill = new pg.Client({ connectionString: url.href })
    await fill.connect()
    const seeded = performance.now()
    await fill.query(
      `insert into people (tenant_id) select $1::uuid from generate_series(1, $2::int)`,
      [tenantId, PEOPLE],
    )
    // Each person completed 10 of the 14 tagged activities; each statement evidences the 10
    // descriptors its activity's tag names: 100 evidence rows per person.
    await fill.query(
      `insert into statements (tenant_id, id, person_id, actor_key, verb_id, activity_iri,
         activity_tree, timestamp, source, statement)
       select $1::uuid, gen_random_uuid(), p.id, 'account:bench|' || p.id,
         'http://adlnet.gov/expapi/verbs/completed', a.iri, array[a.iri],
         now() - (g || ' minutes')::interval, 'push', '{}'::jsonb
       from people p cross join generate_series(1, $2::int) g
       cross join lateral (select 'urn:bench:activity:'
         || ((abs(hashtext(p.id::text)) + g) % $3::int) as iri) a
       where p.tenant_id = $1::uuid`,
      [tenantId, STATEMENTS_PER_PERSON, tags.length],
    )
    await fill.query(
      `insert into evidence (tenant_id, person_id, competency_id, statement_id, tag_id, observed_at)
       select s.tenant_id, s.person_id, c, s.id, t.id, s.timestamp
       from statements s
       join activities a on a.tenant_id = s.tenant_id and a.iri = s.activity_iri
       join tags t on t.tenant_id = s.tenant_id and t.activity_id = a.id
       cross join unnest(t.competency_ids) c
       where s.tenant_id = $1::uuid`,
      [tenantId],
    )
    // As a database that has been in use: rows vacuumed (visible to all, hint bits set) and
    // counted, the seed's WAL written out, so the recompute is not timed with that work.
    await fill.query('vacuum (analyze)')
    await fill.query('checkpoint')
    const { rows } = await fill.query<{ n: number }>('select count(*)::int as n from evidence')
    await fill.end()
    const seedSeconds = (performance.now() - seeded) / 1000

    const first = performance.now()
    const result = await recomputeTenant(stores, model, tenantId, { fromEvidence: true })
    const firstSeconds = (performance.now() - first) / 1000
    const again = performance.now()
    const unchanged = await recomputeTenant(stores, model, tenantId, { fromEvidence: true })
    const againSeconds = (performance.now() - again) / 1000
    const tagChange = await tagChangeBench(url.href, stores, tenantId)
    return {
      people: result.people,
      components: catalog.components('TT18.PT').length,
      evidenceRows: rows[0]!.n,
      seedSeconds: Number(seedSeconds.toFixed(1)),
      firstRecompute: {
        seconds: Number(firstSeconds.toFixed(1)),
        levelsSaved: result.levelsSaved,
        evidenceRowsPerSecond: Math.round(rows[0]!.n / firstSeconds),
      },
      unchangedRecompute: {
        seconds: Number(againSeconds.toFixed(1)),
        levelsSaved: unchanged.levelsSaved,
      },
      goalSeconds: 30,
      tagChange,
    }
  } finally {
    await database.close()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
}

/**
 * A tag put on a quiz that 1,000 people attempted, among the tenant's millions of statements:
 * finding whom to work out again goes through the activity tree's index (the attempts name the
 * quiz as their parent), not a scan of the tenant's statements.
 */
async function tagChangeBench(
  url: string,
  stores: ReturnType<typeof createStores>,
  tenantId: string,
) {
  const quiz = 'https://lms.bench.edu.vn/mod/quiz/view.php?id=77'
  const fill = new pg.Client({ connectionString: url })
  await fill.connect()
  await fill.query(
    `insert into statements (tenant_id, id, person_id, actor_key, verb_id, activity_iri,
       activity_tree, timestamp, source, statement)
     select $1::uuid, gen_random_uuid(), p.id, 'account:bench|' || p.id,
       'http://adlnet.gov/expapi/verbs/completed', a.iri, array[a.iri, $2], now(), 'push', '{}'
     from (select id from people where tenant_id = $1::uuid order by id limit 1000) p
     cross join lateral (select 'https://lms.bench.edu.vn/mod/quiz/attempt.php?cmid=77&attempt='
       || p.id as iri) a`,
    [tenantId, quiz],
  )
  await fill.query('analyze statements')
  await fill.end()
  const started = performance.now()
  const queued = await stores.inference.enqueueForActivities(tenantId, {
    iris: [quiz],
    prefixes: [],
  })
  return { peopleQueued: queued, ms: Math.round(performance.now() - started) }
}

const parts = new Set((process.env.BENCH_INFERENCE ?? 'core,worker,recompute').split(','))
console.log(
  JSON.stringify(
    {
      benchmark: 'inference',
      ...(parts.has('core') && { core: coreBench() }),
      ...(parts.has('worker') && { worker: await workerBench(SERVER, model, catalog) }),
      ...(parts.has('recompute') && { recompute: await recomputeBench() }),
    },
    null,
    2,
  ),
)
