// On a table of 1,000,000 statements, GET /xapi/statements reads what it returns: each filter's
// query, as the statement store sends it, is planned on an index and reads about one page of
// statements, never the tenant's whole table (EXPLAIN ANALYZE of the captured SQL); a pushed
// batch finds its actors among 100,000 people by key. PostgreSQL server only: PGlite's planner is
// the same, but filling it takes minutes.
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import type { Db } from '../../src/store/database.ts'
import { openDatabase } from '../../src/store/database.ts'
import { migrate } from '../../src/store/migrate.ts'
import { postgresStatementStore } from '../../src/store/postgres-statement-store.ts'
import { recentActivitiesIn } from '../../src/store/recent-activities.ts'
import * as schema from '../../src/store/schema/index.ts'
import type { StatementQuery } from '../../src/store/statement-store.ts'
import { createTestPlace, testBackend } from '../support/test-database.ts'

const onServer = testBackend === 'postgres' ? describe : describe.skip
const STATEMENTS = 1_000_000
const SITE = 'https://lms.thcs-giangvo.edu.vn'
const PAGE = 100
/** A small course: 200 of the 1,000,000 statements name it in their context. */
const COURSE = `${SITE}/course/view.php?id=9`
const CONFIRMED = 'http://example.com/verbs/confirmed'
/**
 * The school's statements whose object is a StatementRef. A filtered query also reads these, or
 * the statements they target, whichever is fewer, to find those that meet the filter through
 * their target (xAPI Communication §2.1.3): besides a page, up to each of them and its target,
 * and each match once more.
 */
const REFS = 110
const REFS_READ = 3 * REFS

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Actual Rows': number
  'Actual Loops': number
  'Rows Removed by Filter'?: number
  'Rows Removed by Index Recheck'?: number
  Plans?: PlanNode[]
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)]

let place: Awaited<ReturnType<typeof createTestPlace>>
let pool: pg.Pool
let captured: { sql: string; params: unknown[] }[] = []
let db: Db
let tenantId: string

beforeAll(async () => {
  if (testBackend !== 'postgres') return
  place = await createTestPlace()
  const database = await openDatabase(place.config)
  await migrate(database)
  await database.close()
  if (place.config.kind !== 'postgres') throw new Error('a PostgreSQL server is needed')
  pool = new pg.Pool({ connectionString: place.config.url, max: 2 })
  // An idle client whose database goes at the end (dropped with its connections) says so here.
  pool.on('error', () => undefined)
  db = drizzle({
    client: pool,
    schema,
    casing: 'snake_case',
    logger: { logQuery: (sql, params) => captured.push({ sql, params }) },
  })
  tenantId = (
    await pool.query<{ id: string }>(
      `insert into tenants (kind, name) values ('platform', 'THCS Giảng Võ') returning id`,
    )
  ).rows[0]!.id
  const other = (
    await pool.query<{ id: string }>(
      `insert into tenants (kind, name) values ('platform', 'THCS Thăng Long') returning id`,
    )
  ).rows[0]!.id
  // 1 M statements of 5,000 Moodle users over 40 pages and quizzes, a year of them; one in 20
  // belongs to another school; one in 200 is a passed test (a rare verb, yet 45 times as many
  // as the StatementRef statements below, so that finding what targets one plainly starts from
  // those: with fewer, the two ways cost about the same, and the plan turns on how many
  // StatementRefs ANALYZE's sample happened to see); a few are about an agent (a teacher's
  // review of a colleague), a few carry a registration, and a few are of a small course (named
  // in their context).
  await pool.query(
    `insert into statements (tenant_id, id, actor_key, verb_id, activity_iri, activity_tree,
       registration, timestamp, stored, source, statement)
     select case when g % 20 = 0 then $2::uuid else $1::uuid end, gen_random_uuid(),
       'account:${SITE}|' || (g % 5000),
       case when g % 200 = 1 then 'http://adlnet.gov/expapi/verbs/passed'
         else 'http://id.tincanapi.com/verb/viewed' end,
       case when g % 997 = 0 then null else '${SITE}/mod/page/view.php?id=' || (g % 40) end,
       case when g % 997 = 0 then '{}'::text[] else array['${SITE}/mod/page/view.php?id=' || (g % 40)] end,
       case when g % 5000 = 7 then '6f0f3c1a-1b5e-4c1e-9d0a-2a6b8f4e0c11'::uuid end,
       t, t, 'push',
       jsonb_build_object(
         'actor', jsonb_build_object('account', jsonb_build_object('homePage', '${SITE}', 'name', (g % 5000)::text)),
         'verb', jsonb_build_object('id', 'http://id.tincanapi.com/verb/viewed'),
         'object', case when g % 997 = 0
           then jsonb_build_object('objectType', 'Agent', 'account',
             jsonb_build_object('homePage', '${SITE}', 'name', (g % 50)::text))
           else jsonb_build_object('id', '${SITE}/mod/page/view.php?id=' || (g % 40)) end)
         || case when g % 5000 = 13 then jsonb_build_object('context', jsonb_build_object(
           'contextActivities', jsonb_build_object('grouping', jsonb_build_array(
             jsonb_build_object('id', '${COURSE}'))))) else '{}'::jsonb end
     from generate_series(1, ${STATEMENTS}) as g,
       lateral (select now() - ((${STATEMENTS} - g) * interval '30 seconds') as t) as at`,
    [tenantId, other],
  )
  // A few statements target another through a StatementRef, the newest of all: 50 confirm a
  // passed test, 50 acknowledge a page view, and 10 countersign a confirmation.
  await pool.query(
    `insert into statements (tenant_id, id, actor_key, verb_id, ref_target, timestamp, stored,
       source, statement)
     select $1::uuid, gen_random_uuid(), 'account:${SITE}|1', r.verb, r.target, r.at, r.at, 'push',
       jsonb_build_object(
         'actor', jsonb_build_object('account', jsonb_build_object('homePage', '${SITE}', 'name', '1')),
         'verb', jsonb_build_object('id', r.verb),
         'object', jsonb_build_object('objectType', 'StatementRef', 'id', r.target))
     from (
       (select id as target, '${CONFIRMED}' as verb, now() + n * interval '1 second' as at
        from (select id, row_number() over () as n from statements
              where tenant_id = $1::uuid and verb_id = 'http://adlnet.gov/expapi/verbs/passed'
              limit 50) p)
       union all
       (select id, 'http://example.com/verbs/acknowledged', now() + (50 + n) * interval '1 second'
        from (select id, row_number() over () as n from statements
              where tenant_id = $1::uuid and verb_id = 'http://id.tincanapi.com/verb/viewed'
              limit 50) v)
     ) as r`,
    [tenantId],
  )
  await pool.query(
    `insert into statements (tenant_id, id, actor_key, verb_id, ref_target, timestamp, stored,
       source, statement)
     select $1::uuid, gen_random_uuid(), 'account:${SITE}|2', 'http://example.com/verbs/countersigned',
       c.id, now() + interval '200 seconds', now() + interval '200 seconds', 'push',
       jsonb_build_object(
         'actor', jsonb_build_object('account', jsonb_build_object('homePage', '${SITE}', 'name', '2')),
         'verb', jsonb_build_object('id', 'http://example.com/verbs/countersigned'),
         'object', jsonb_build_object('objectType', 'StatementRef', 'id', c.id))
     from (select id from statements where tenant_id = $1::uuid and verb_id = '${CONFIRMED}'
           limit 10) c`,
    [tenantId],
  )
  await pool.query('analyze statements')
}, 600_000)

afterAll(async () => {
  if (testBackend !== 'postgres') return
  await pool.end()
  await place.remove()
})

/** The statement-table nodes of the plans of every query `run` sends, as EXPLAIN ANALYZE finds them. */
async function statementReads(run: () => Promise<unknown>) {
  captured = []
  await run()
  const nodes: PlanNode[] = []
  for (const q of captured) {
    const { rows } = await pool.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
      `explain (analyze, format json) ${q.sql}`,
      q.params,
    )
    nodes.push(...nodesOf(rows[0]!['QUERY PLAN'][0]!.Plan))
  }
  const reads = nodes.filter((n) => n['Relation Name'] === 'statements')
  // Each figure of a node is per loop (per worker of a parallel scan).
  const rowsRead = reads.reduce(
    (sum, n) =>
      sum +
      (n['Actual Rows'] +
        (n['Rows Removed by Filter'] ?? 0) +
        (n['Rows Removed by Index Recheck'] ?? 0)) *
        n['Actual Loops'],
    0,
  )
  return {
    nodes: reads.map((n) => n['Node Type']),
    // A bitmap scan names its indexes on the nodes under it.
    indexes: nodes.flatMap((n) => n['Index Name'] ?? []),
    rowsRead,
  }
}

const query = (q: Partial<StatementQuery>): StatementQuery => ({ limit: PAGE, ...q })

onServer('GET /xapi/statements on 1,000,000 statements', () => {
  const cases: [string, Partial<StatementQuery>, string][] = [
    ['the newest page', {}, 'statements_stored_idx'],
    [
      'a page since an instant',
      { since: new Date(Date.now() - 3_600_000) },
      'statements_stored_idx',
    ],
    ['by activity', { activityIri: `${SITE}/mod/page/view.php?id=7` }, 'statements_activity_idx'],
    ['by a rare verb', { verbId: 'http://adlnet.gov/expapi/verbs/passed' }, 'statements_verb_idx'],
    [
      'by registration',
      { registration: '6f0f3c1a-1b5e-4c1e-9d0a-2a6b8f4e0c11' },
      'statements_registration_idx',
    ],
  ]
  it.each(cases)('%s reads one page through its index', async (_name, q, index) => {
    const store = postgresStatementStore(db)
    const { nodes, indexes, rowsRead } = await statementReads(() =>
      store.queryStatements(tenantId, query(q)),
    )
    expect(nodes).not.toContain('Seq Scan')
    expect(indexes).toContain(index)
    // A page, what the filter passes over on the way (another school's statements) and the
    // StatementRef statements: never the table.
    expect(rowsRead).toBeLessThanOrEqual(
      PAGE * 3 + ('since' in q || !Object.keys(q).length ? 0 : REFS_READ),
    )
  })

  it('by agent reads that agent’s statements (as actor or object) through two indexes', async () => {
    const store = postgresStatementStore(db)
    const agent = { account: { homePage: SITE, name: '12' } }
    const result = await statementReads(() =>
      store.queryStatements(tenantId, query({ agent: { key: `account:${SITE}|12`, ifi: agent } })),
    )
    expect(result.nodes).not.toContain('Seq Scan')
    expect(result.indexes).toEqual(
      expect.arrayContaining(['statements_actor_idx', 'statements_object_agent_idx']),
    )
    // User 12 is the actor of 1 in 5,000 statements (about 190 of this school's) and the object
    // of about 20: no more is read, besides the StatementRef statements.
    expect(result.rowsRead).toBeLessThanOrEqual(1_000 + REFS_READ)
    const rows = await store.queryStatements(
      tenantId,
      query({ agent: { key: `account:${SITE}|12`, ifi: agent } }),
    )
    expect(rows.length).toBe(PAGE)
  })

  it('related_activities reads the statements naming the activity anywhere, through its index', async () => {
    const store = postgresStatementStore(db)
    const result = await statementReads(() =>
      store.queryStatements(tenantId, query({ activityIri: COURSE, relatedActivities: true })),
    )
    expect(result.nodes).not.toContain('Seq Scan')
    expect(result.indexes).toContain('statements_related_activities_idx')
    // 200 statements name the course: no more is read, besides the StatementRef statements.
    expect(result.rowsRead).toBeLessThanOrEqual(250 + REFS_READ)
    const rows = await store.queryStatements(
      tenantId,
      query({ activityIri: COURSE, relatedActivities: true }),
    )
    expect(rows.length).toBe(PAGE)
  })

  it('related_agents reads the statements naming the agent anywhere, through its index', async () => {
    const store = postgresStatementStore(db)
    const agent = { key: `account:${SITE}|12`, ifi: { account: { homePage: SITE, name: '12' } } }
    const result = await statementReads(() =>
      store.queryStatements(tenantId, query({ agent, relatedAgents: true })),
    )
    expect(result.nodes).not.toContain('Seq Scan')
    expect(result.indexes).toContain('statements_related_agents_idx')
    // As actor about 200 statements (of both schools), as object about 20.
    expect(result.rowsRead).toBeLessThanOrEqual(1_000 + REFS_READ)
    expect(
      await store.queryStatements(tenantId, query({ agent, relatedAgents: true })),
    ).toHaveLength(PAGE)
  })

  it('a filter finds the statements targeting a match, and still reads about a page', async () => {
    const store = postgresStatementStore(db)
    const passed = query({ verbId: 'http://adlnet.gov/expapi/verbs/passed' })
    const result = await statementReads(() => store.queryStatements(tenantId, passed))
    expect(result.nodes).not.toContain('Seq Scan')
    expect(result.indexes).toEqual(
      expect.arrayContaining(['statements_verb_idx', 'statements_ref_target_idx']),
    )
    expect(result.rowsRead).toBeLessThanOrEqual(PAGE * 3 + REFS_READ)
    // Newest first: the 10 countersignatures (of a confirmation of a passed test), the 50
    // confirmations, then passed tests themselves.
    const rows = await store.queryStatements(tenantId, passed)
    expect(rows.map((r) => r.verbId)).toEqual([
      ...Array<string>(10).fill('http://example.com/verbs/countersigned'),
      ...Array<string>(50).fill(CONFIRMED),
      ...Array<string>(40).fill('http://adlnet.gov/expapi/verbs/passed'),
    ])
  })

  it("the course page reads only the course's statements", async () => {
    const result = await statementReads(() => recentActivitiesIn(db, tenantId, COURSE, 20_000))
    expect(result.nodes).not.toContain('Seq Scan')
    expect(result.indexes).toContain('statements_related_activities_idx')
    expect(result.rowsRead).toBeLessThanOrEqual(250)
    const seen = await recentActivitiesIn(db, tenantId, COURSE, 20_000)
    expect(seen.reduce((n, a) => n + a.statements, 0)).toBe(200)
  })

  it('the test reads the plan it claims to: a filter with no index is seen scanning', async () => {
    // A condition on the statement's JSON that no index serves reads the whole tenant: the
    // measure sees it.
    const { rowsRead } = await statementReads(() =>
      db.execute(
        sql`select id from statements where tenant_id = ${tenantId}
            and statement #>> '{verb,display,vi}' = 'đã xem' order by stored desc limit ${PAGE}`,
      ),
    )
    expect(rowsRead).toBeGreaterThan(STATEMENTS / 2)
  })
})

onServer('a pushed batch on a school of 100,000 people', () => {
  it('finds each actor by key, one probe each, whatever the statistics say', async () => {
    // Statistics taken while the table held another school's few identities, then a roster of
    // 100,000 arrives (a district's import) before autovacuum looks again: the planner thinks
    // the school has next to none.
    await pool.query(
      `with p as (insert into people (tenant_id, name)
         select (select id from tenants where name = 'THCS Thăng Long'), 'other ' || g
         from generate_series(1, 100) g returning id, tenant_id, name)
       insert into identities (tenant_id, person_id, kind, issuer, value)
       select tenant_id, id, 'account', '${SITE}', name from p`,
    )
    await pool.query('analyze identities')
    await pool.query('alter table identities set (autovacuum_enabled = false)')
    await pool.query(
      `with p as (insert into people (tenant_id, name)
         select $1::uuid, g::text from generate_series(1, 100000) g returning id, name)
       insert into identities (tenant_id, person_id, kind, issuer, value)
       select $1::uuid, id, 'account', '${SITE}', name from p`,
      [tenantId],
    )
    const store = postgresStatementStore(db)
    const batch = (n: number) =>
      Array.from({ length: PAGE }, (_, i) => {
        const name = String(1 + ((n * PAGE + i) % 100_000))
        const statement = {
          id: randomUUID(),
          actor: { account: { homePage: SITE, name } },
          verb: { id: 'http://id.tincanapi.com/verb/viewed' },
          object: { id: `${SITE}/mod/page/view.php?id=3` },
        }
        return {
          id: statement.id,
          actorKey: `account:${SITE}|${name}`,
          identity: { kind: 'account' as const, homePage: SITE, name },
          verbId: statement.verb.id,
          activityIri: statement.object.id,
          activityTree: [statement.object.id],
          timestamp: new Date(),
          source: 'push' as const,
          statement,
        }
      })
    // Six batches: a named statement may be planned once for any tenant after five.
    for (let n = 0; n < 6; n++) {
      const people = await store.insertNewStatements(tenantId, batch(n))
      expect(people?.every((p) => p !== undefined)).toBe(true)
    }
    captured = []
    await db
      .transaction(async (tx) => {
        await postgresStatementStore(tx as unknown as Db).insertNewStatements(tenantId, batch(6))
        tx.rollback()
      })
      .catch(() => undefined)
    const insert = captured.find((q) => /insert into statements/.test(q.sql))!
    const client = await pool.connect()
    try {
      await client.query('begin')
      const { rows } = await client.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
        `explain (analyze, format json) ${insert.sql}`,
        insert.params,
      )
      await client.query('rollback')
      const reads = nodesOf(rows[0]!['QUERY PLAN'][0]!.Plan).filter(
        (n) => n['Relation Name'] === 'identities',
      )
      const identitiesRead = reads.reduce(
        (sum, n) =>
          sum + (n['Actual Rows'] + (n['Rows Removed by Filter'] ?? 0)) * n['Actual Loops'],
        0,
      )
      expect(reads.map((n) => n['Index Name'])).toEqual(['identities_pkey'])
      expect(identitiesRead).toBe(PAGE)
    } finally {
      client.release()
      await pool.query('alter table identities reset (autovacuum_enabled)')
    }
  })
})
