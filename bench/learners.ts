// npm run bench (learners part): the learners' report (Circular 02/2025) at city scale. A Sở over
// 24 districts over BENCH_LEARNERS_SCHOOLS schools (default 2,000: primary, lower and upper
// secondary in turn) with BENCH_LEARNERS_PUPILS pupils on their rosters (default 2,000,000; each
// with a grade of their school and a class), assessed against TT02.NH. Half hold levels on the
// four components of domain 1 and two of domain 2 (around their grade's target), one in ten a
// level on every component of domain 1 only; 40% did tagged activities of two components this
// school year. Everything goes in as the application writes it (people, component levels and so
// level history, evidence), so the database's triggers keep the counts as they would; the seeding
// time is reported with it. Measured: the learners' report of the Sở (24 parts) and of a district
// over 20 views each, as managers open them; and once, the same report counted from pupils, as
// before the kept counts. On a PostgreSQL server (BENCH_DATABASE_URL, or DATABASE_URL) only.
// Goal: the city's report at p95 ≤ 300 ms. BENCH_LEARNERS_KEEP=1 keeps the database afterwards.
import { sql } from 'drizzle-orm'
import { shippedCatalog } from '../framework/index.ts'
import { LEARNERS_TABLE } from '../src/learners/learners-table.ts'
import { schoolYearOf } from '../src/reports/semester.ts'
import { loadLearnerReport } from '../src/server/pages/learner-report-data.ts'
import { reportNode } from '../src/server/pages/report-node.ts'
import type { Database } from '../src/store/database.ts'
import { createStores } from '../src/store/index.ts'
import { migrate } from '../src/store/migrate.ts'
import { postgresLearnerReportStore } from '../src/store/postgres-learner-report-store.ts'
import { queryRows } from '../src/store/query-rows.ts'
import type { PageContext } from '../src/web/page-context.ts'
import { onNewDatabase, peakRssMiB, seconds, timed } from './measure.ts'

const SCHOOLS = Number(process.env.BENCH_LEARNERS_SCHOOLS ?? 2_000)
const PUPILS = Number(process.env.BENCH_LEARNERS_PUPILS ?? 2_000_000)
const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL
const DISTRICTS = 24
/** Schools seeded per statement (each statement's triggers keep the counts of its rows). */
const SCHOOLS_PER_BATCH = 20
/** A statement running longer is cancelled and reported as failed (the count from pupils). */
const STATEMENT_TIMEOUT_S = Number(process.env.BENCH_LEARNERS_STATEMENT_TIMEOUT ?? 300)

const textArray = (values: readonly string[]) => `{${values.join(',')}}`

async function seedCity(database: Database, now: Date) {
  const run = (query: ReturnType<typeof sql>) => database.db.execute(query)
  const { audience } = shippedCatalog().getOf(LEARNERS_TABLE, 'audience')
  const domainOne = audience.components.filter((c) => c.domain.id === audience.domains[0]!.id)
  const domainTwo = audience.components.filter((c) => c.domain.id === audience.domains[1]!.id)
  const held = [...domainOne, ...domainTwo.slice(0, 2)].map((c) => c.id)
  const exposed = [domainOne[0]!.id, domainTwo[0]!.id]
  const [city] = await queryRows<{ id: string }>(
    database.db,
    sql`insert into tenants (kind, name) values ('organisation', 'Sở Giáo dục và Đào tạo')
      returning id`,
  )
  const cityId = city!.id
  await run(sql`insert into tenants (kind, name, parent_id)
    select 'organisation', 'Quận ' || d, ${cityId}::uuid from generate_series(1, ${DISTRICTS}) d`)
  await run(sql`insert into tenants (kind, name, parent_id, settings)
    select 'organisation', 'Trường ' || s, d.id, ${JSON.stringify({ audience: LEARNERS_TABLE })}::jsonb
    from generate_series(0, ${SCHOOLS - 1}) s
      join tenants d on d.parent_id = ${cityId}::uuid and d.name = 'Quận ' || (s % ${DISTRICTS} + 1)`)
  const schools = await queryRows<{ id: string; n: number }>(
    database.db,
    sql`select t.id, split_part(t.name, ' ', 2)::int as n
      from tenants t join tenants d on d.id = t.parent_id
      where d.parent_id = ${cityId}::uuid order by 2`,
  )
  // Every school's one activity, tag and statement, which the pupils' evidence names.
  await run(sql`insert into activities (tenant_id, iri)
    select id, 'https://lms.example.edu.vn/mod/h5p/view.php?id=1' from tenants
    where parent_id in (select id from tenants where parent_id = ${cityId}::uuid)`)
  await run(sql`insert into tags (tenant_id, activity_id, competency_ids)
    select a.tenant_id, a.id, ${textArray(exposed)}::text[] from activities a`)
  await run(sql`insert into statements (tenant_id, id, actor_key, verb_id, timestamp, source,
      statement)
    select id, gen_random_uuid(), 'mbox:bench', 'http://adlnet.gov/expapi/verbs/completed',
      ${now}, 'push', '{}'::jsonb from tenants
    where parent_id in (select id from tenants where parent_id = ${cityId}::uuid)`)
  const perSchool = Math.floor(PUPILS / SCHOOLS)
  const started = performance.now()
  for (let i = 0; i < schools.length; i += SCHOOLS_PER_BATCH) {
    const batch = schools.slice(i, i + SCHOOLS_PER_BATCH)
    const ids = sql`${textArray(batch.map((s) => s.id))}::uuid[]`
    const ns = sql`${textArray(batch.map((s) => String(s.n)))}::int[]`
    // Primary schools grades 1–5, lower secondary 6–9, upper secondary 10–12, by school number.
    await run(sql`insert into people (tenant_id, name, pupil_code, on_roster, audiences, grade,
        class_name, created_at)
      select s.id, 'Học sinh ' || g, 'HS' || s.n || '-' || g, true, ${textArray([LEARNERS_TABLE])}::text[],
        gr.grade, gr.grade || 'A' || (g % 8 + 1), now() - interval '400 days'
      from unnest(${ids}, ${ns}) as s(id, n)
        cross join generate_series(0, ${perSchool - 1}) g
        cross join lateral (select case s.n % 3 when 0 then 1 + g % 5 when 1 then 6 + g % 4
          else 10 + g % 3 end as grade) gr`)
    // Levels as inference saves them (component_levels; its trigger writes level history).
    await run(sql`insert into component_levels (tenant_id, person_id, component_id, level,
        inferred_level, evidence_count, change_seq, framework_version)
      select p.tenant_id, p.id, c, l.level, l.level, 1, 1, '2025'
      from people p cross join unnest(${textArray(held)}::text[]) c
        cross join lateral (select (array['CB1', 'CB2', 'TC1', 'TC2', 'NC1'])[
          least(5, greatest(1, (p.grade + 2) / 3 + (hashtext(c || p.id::text) & 1)))] as level) l
      where p.tenant_id = any(${ids}) and (hashtext('lv' || p.id::text) & 2147483647) % 100 < 50
        and ((hashtext('all' || p.id::text) & 2147483647) % 100 >= 10 or c like ${`${audience.domains[0]!.id}.%`})`)
    await run(sql`insert into evidence (tenant_id, person_id, competency_id, statement_id, tag_id,
        observed_at)
      select p.tenant_id, p.id, c || '.CB1', st.id, t.id, ${now}
      from people p join statements st on st.tenant_id = p.tenant_id
        join tags t on t.tenant_id = p.tenant_id
        cross join unnest(${textArray(exposed)}::text[]) c
      where p.tenant_id = any(${ids}) and (hashtext('ex' || p.id::text) & 2147483647) % 100 < 40`)
  }
  const seedSeconds = seconds(started)
  await run(sql`analyze`)
  const [district] = await queryRows<{ id: string }>(
    database.db,
    sql`select id from tenants where parent_id = ${cityId}::uuid and name = 'Quận 1'`,
  )
  return { cityId, districtId: district!.id, seedSeconds }
}

async function run(database: Database) {
  await migrate(database)
  const stores = createStores(database.db)
  const catalog = shippedCatalog()
  const now = new Date()
  const seeded = await seedCity(database, now)
  const [counts] = await queryRows<{
    people: number
    level_history: number
    evidence: number
    learner_counts: number
  }>(
    database.db,
    sql`select (select count(*)::int from people) as people,
      (select count(*)::int from level_history) as level_history,
      (select count(*)::int from evidence) as evidence,
      (select count(*)::int from learner_counts) as learner_counts`,
  )
  const page = {
    session: { role: 'administrator', tenantId: seeded.cityId },
  } as unknown as PageContext
  const city = await reportNode(stores, page, undefined)
  const district = await reportNode(stores, page, seeded.districtId)
  const year = schoolYearOf(now)
  const report =
    (node: typeof city, reportStores = stores) =>
    () =>
      loadLearnerReport(reportStores, { catalog, node, year, now: new Date() })
  const views = async (fn: () => Promise<unknown>, count = 20) => {
    const times: number[] = []
    for (let i = 0; i < count; i++) times.push((await timed(fn)).seconds)
    times.sort((a, b) => a - b)
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!
    return { views: count, p50Seconds: at(0.5), p95Seconds: at(0.95) }
  }
  const kept = await report(city)()
  const cityViews = await views(report(city))
  const districtViews = await views(report(district))
  const counted = {
    ...stores,
    learnerReports: postgresLearnerReportStore(database.db, { keptCounts: false }),
  }
  const started = performance.now()
  let countedCity: Record<string, unknown>
  try {
    const again = await timed(report(city, counted))
    countedCity = {
      seconds: again.seconds,
      sameFigures: JSON.stringify(again.result.figures) === JSON.stringify(kept.figures),
    }
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err
    countedCity = { failedAfterSeconds: seconds(started), error: String(cause) }
  }
  return {
    schools: SCHOOLS,
    pupils: PUPILS,
    rows: counts,
    seed: {
      seconds: seeded.seedSeconds,
      msPerPupil: Number(((seeded.seedSeconds * 1000) / PUPILS).toFixed(3)),
    },
    cityPupils: kept.figures.total.pupils,
    learnersReportViews: {
      city: { ...cityViews, parts: city.parts.length, goalP95Seconds: 0.3 },
      district: { ...districtViews, schools: district.schools.length },
      cityCountedFromPupils: countedCity,
    },
    peakRssMiB: peakRssMiB(),
  }
}

async function onServer() {
  if (!SERVER) return 'skipped: set BENCH_DATABASE_URL to a PostgreSQL server'
  // BENCH_LEARNERS_KEEP=1 keeps the seeded database, to look into its plans.
  return onNewDatabase(
    SERVER,
    {
      statementTimeoutS: STATEMENT_TIMEOUT_S,
      poolMax: 10,
      keep: process.env.BENCH_LEARNERS_KEEP === '1',
    },
    run,
  )
}

console.log(JSON.stringify({ benchmark: 'learners', postgres: await onServer() }, null, 2))
