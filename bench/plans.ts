// npm run bench (plans part): a city's reports at city scale. A Sở over 24 districts over
// BENCH_PLANS_SCHOOLS schools (default 2,000; one in ten an LMS platform) with BENCH_PLANS_STAFF
// staff on their rosters (default 100,000; GV 80%, TTCM 8%, CBQL 7%, NV 5%; 1% on two schools'
// rosters under one email); 40% of them at Cơ bản on six TT18.PT components, 10% at Thành thạo
// on 6.3 and 6.4, 30% with a self-assessment of 4.2; the city's plan (de-an-hcm-2022-2025) at the
// Sở. Measures what a manager's pages and a filed report's figures read: the plan's targets at
// the Sở (24 parts) and at a district, the levels report of the Sở (current semester and its
// trend), the needs analysis of the Sở, and the first page of people missing a target. On the
// embedded database (PGlite, its data directory on disk), and on a PostgreSQL server when
// BENCH_DATABASE_URL (or DATABASE_URL) names one. Reports seconds (and CPU seconds in this
// process, which is all of PGlite's work) and the peak RSS (BENCH_PLANS_PGLITE=0 leaves PGlite
// out; BENCH_PLANS_POOL_MAX and BENCH_PLANS_STATEMENT_TIMEOUT set the server's pool and limit).
// Goals: each page's figures under 5 s; the levels report (from the counts the database keeps)
// at p95 ≤ 200 ms for a district and ≤ 300 ms for the city, over 20 views each (the same report
// counted from people and level history, as before the kept counts, is measured once beside it).
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { shippedCatalog } from '../framework/index.ts'
import { tenantSettings } from '../src/evaluation/settings.ts'
import { checkPlan } from '../src/plans/check-plan.ts'
import { semesterOf } from '../src/reports/semester.ts'
import { loadReport } from '../src/server/pages/report-data.ts'
import { reportNode } from '../src/server/pages/report-node.ts'
import { loadTargetsReport, targetQuery } from '../src/server/pages/targets-data.ts'
import { type Database, openDatabase } from '../src/store/database.ts'
import { createStores } from '../src/store/index.ts'
import { migrate } from '../src/store/migrate.ts'
import { postgresReportStore } from '../src/store/postgres-report-store.ts'
import { queryRows } from '../src/store/query-rows.ts'
import type { PageContext } from '../src/web/page-context.ts'
import { onNewDatabase, peakRssMiB, seconds, timed } from './measure.ts'

const SCHOOLS = Number(process.env.BENCH_PLANS_SCHOOLS ?? 2_000)
const STAFF = Number(process.env.BENCH_PLANS_STAFF ?? 100_000)
const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL
/** The server's pool, as NLS_DB_POOL_MAX sets it (default 10): the pages share it. */
const POOL_MAX = Number(process.env.BENCH_PLANS_POOL_MAX ?? 10)
/** On the server, a statement running longer is cancelled and reported as failed. */
const STATEMENT_TIMEOUT_S = Number(process.env.BENCH_PLANS_STATEMENT_TIMEOUT ?? 60)
const DISTRICTS = 24
const PLAN_FILE = new URL('../plans/examples/de-an-hcm-2022-2025.json', import.meta.url)
/** The target whose missing people are listed: the widest group, which few meet. */
const MISSING_TARGET = 'ai-2030'
const BASIC = ['1.1', '2.1', '4.1', '4.2', '4.3', '5.3'].map((c) => `TT18.PT.${c}`)
const PROFICIENT = ['6.3', '6.4'].map((c) => `TT18.PT.${c}`)

const textArray = (values: readonly string[]) => `{${values.join(',')}}`

/**
 * The city's tree, its staff and their levels, each in one set-based statement. Levels go into
 * component_levels, whose trigger writes level_history; the history's dates are then spread
 * over the past 300 days (an update of level_history the application never makes), so that
 * levels are held from many dates, some before the current semester.
 */
async function seedCity(database: Database): Promise<{ cityId: string; districtId: string }> {
  const run = (query: ReturnType<typeof sql>) => database.db.execute(query)
  const [city] = await queryRows<{ id: string }>(
    database.db,
    sql`insert into tenants (kind, name) values ('organisation', 'Sở Giáo dục và Đào tạo')
      returning id`,
  )
  const cityId = city!.id
  await run(sql`insert into tenants (kind, name, parent_id)
    select 'organisation', 'Quận ' || d, ${cityId}::uuid from generate_series(1, ${DISTRICTS}) d`)
  await run(sql`insert into tenants (kind, name, parent_id)
    select case when s % 10 = 0 then 'platform' else 'organisation' end, 'Trường ' || s, d.id
    from generate_series(0, ${SCHOOLS - 1}) s
      join tenants d on d.parent_id = ${cityId}::uuid and d.name = 'Quận ' || (s % ${DISTRICTS} + 1)`)
  // Schools by number; each holds a run of consecutive staff numbers, so every school has
  // every position.
  // (The case keeps the cast off other tenants' names, whatever order the filters run in.)
  const schools = sql`select t.id,
      case when t.name like 'Trường %' then split_part(t.name, ' ', 2)::int end as n
    from tenants t join tenants d on d.id = t.parent_id where d.parent_id = ${cityId}::uuid`
  await run(sql`insert into people (tenant_id, name, email, on_roster, position, school_level,
      created_at)
    select s.id, 'Nguyễn Văn ' || g, 'gv' || g || '@truong' || s.n || '.edu.vn', true,
      case when g % 100 < 80 then 'GV' when g % 100 < 88 then 'TTCM'
        when g % 100 < 95 then 'CBQL' else 'NV' end,
      (array['MN', 'TH', 'THCS', 'THPT'])[(s.n / 10) % 4 + 1],
      now() - interval '400 days'
    from generate_series(0, ${STAFF - 1}) g
      join (${schools}) s on s.n = (g::bigint * ${SCHOOLS} / ${STAFF})`)
  // 1% also on the next school's roster, under the same email, recorded later.
  await run(sql`insert into people (tenant_id, name, email, on_roster, position, school_level,
      created_at)
    select s.id, p.name, p.email, true, p.position, p.school_level, now() - interval '200 days'
    from people p join (${schools}) own on own.id = p.tenant_id
      join (${schools}) s on s.n = (own.n + 1) % ${SCHOOLS}
    where (hashtext('two' || p.email) & 2147483647) % 100 = 0`)
  const levels = (components: readonly string[], level: string, share: number, salt: string) =>
    run(sql`insert into component_levels (tenant_id, person_id, component_id, level,
        inferred_level, evidence_count, change_seq, framework_version)
      select p.tenant_id, p.id, c, ${level}, ${level}, 1, 1, '2026'
      from people p cross join unnest(${textArray(components)}::text[]) c
      where (hashtext(${salt} || p.email) & 2147483647) % 100 < ${share}`)
  await levels(BASIC, 'CB', 40, 'cb')
  await levels(PROFICIENT, 'TT', 10, 'tt')
  await run(sql`update level_history
    set changed_at = now() - make_interval(days => (hashtext(id::text) & 2147483647) % 300)`)
  await run(sql`insert into self_assessments (tenant_id, person_id, component_id, level,
      assessed_at)
    select p.tenant_id, p.id, 'TT18.PT.4.2',
      (array['CB', 'TT', null])[(hashtext('level' || p.email) & 2147483647) % 3 + 1],
      now() - make_interval(days => (hashtext('at' || p.email) & 2147483647) % 200)
    from people p where (hashtext('self' || p.email) & 2147483647) % 100 < 30`)
  // What autovacuum would do on a server after a bulk load; PGlite has none.
  await run(sql`analyze`)
  const [district] = await queryRows<{ id: string }>(
    database.db,
    sql`select id from tenants where parent_id = ${cityId}::uuid and name = 'Quận 1'`,
  )
  return { cityId, districtId: district!.id }
}

/** How much the seeding made. */
async function seededCounts(database: Database) {
  const [counts] = await queryRows<{
    tenants: number
    people: number
    component_levels: number
    level_history: number
    self_assessments: number
  }>(
    database.db,
    sql`select (select count(*)::int from tenants) as tenants,
      (select count(*)::int from people) as people,
      (select count(*)::int from component_levels) as component_levels,
      (select count(*)::int from level_history) as level_history,
      (select count(*)::int from self_assessments) as self_assessments`,
  )
  return counts!
}

async function run(label: string, database: Database) {
  await migrate(database)
  const stores = createStores(database.db)
  const catalog = shippedCatalog()
  const seeded = await timed(() => seedCity(database))
  const { cityId, districtId } = seeded.result
  const counts = await seededCounts(database)

  const checked = checkPlan(JSON.parse(await readFile(PLAN_FILE, 'utf8')), catalog)
  if ('problems' in checked) throw new Error(`plan problems: ${checked.problems[0]!.message}`)
  const { plan } = checked
  const saved = await stores.plans.savePlan(
    cityId,
    { code: plan.code, name: plan.name.vi, document: plan },
    'bench',
  )

  // A manager of the Sở; nodes are built as the pages build them.
  const page = { session: { role: 'administrator', tenantId: cityId } } as unknown as PageContext
  const city = await timed(() => reportNode(stores, page, undefined))
  const district = await reportNode(stores, page, districtId)
  const now = new Date()
  const audience = catalog.audiences('TT18').find((a) => a.id === 'TT18.PT')
  if (!audience) throw new Error('no TT18.PT in the shipped catalog')
  const target = plan.targets.find((t) => t.id === MISSING_TARGET)
  if (!target) throw new Error(`no target ${MISSING_TARGET} in ${plan.code}`)

  // Each read twice (the second with warm caches); a failure is reported, not thrown, so that
  // the other figures still come out.
  const measure = async <T>(fn: () => Promise<T>) => {
    const started = performance.now()
    try {
      const first = await timed(fn)
      const again = await timed(fn)
      return {
        result: first.result,
        timing: {
          seconds: first.seconds,
          cpuSecondsInProcess: first.cpuSeconds,
          againSeconds: again.seconds,
        },
      }
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err
      return {
        result: undefined,
        timing: { failedAfterSeconds: seconds(started), error: String(cause) },
      }
    }
  }
  const targets = (node: typeof city.result) => () =>
    loadTargetsReport(stores, { catalog, node, plan: saved.plan, at: now })
  const cityTargets = await measure(targets(city.result))
  const districtTargets = await measure(targets(district))
  const needs = await measure(() =>
    stores.needs.needsCounts({
      schools: city.result.schools.map((t) => ({
        tenantId: t.id,
        defaultAudience: tenantSettings(t.settings).audience,
      })),
      audience: audience.id,
      componentIds: audience.audience.components.map((c) => c.id),
    }),
  )
  const missing = await measure(() =>
    stores.targets.missing(targetQuery(catalog, city.result, target, now), {
      limit: 50,
      offset: 0,
    }),
  )
  // The levels report last: at city scale it may fail, and its queries still running would
  // hold the pool. First of one semester (as a filed report reads it), then with its trend.
  const levels = (trendLength?: number) => () =>
    loadReport(stores, {
      node: city.result,
      audience,
      semester: semesterOf(now),
      now,
      ...(trendLength !== undefined && { trendLength }),
    })
  const semester = await measure(levels(1))
  const report = await measure(levels())
  // Views as managers make them, one after another: p50 and p95 of 20.
  const views = async (fn: () => Promise<unknown>, count = 20) => {
    const times: number[] = []
    for (let i = 0; i < count; i++) times.push((await timed(fn)).seconds)
    times.sort((a, b) => a - b)
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!
    return { views: count, p50Seconds: at(0.5), p95Seconds: at(0.95) }
  }
  const levelsReport =
    (node: typeof city.result, reportStores = stores) =>
    () =>
      loadReport(reportStores, { node, audience, semester: semesterOf(now), now })
  const cityViews = await views(levelsReport(city.result))
  const districtViews = await views(levelsReport(district))
  const counted = { ...stores, reports: postgresReportStore(database.db, { keptCounts: false }) }
  const countedCity = await measure(levelsReport(city.result, counted))
  const keptRows = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from report_counts`,
  )
  const firstTarget = cityTargets.result?.targets[0]
  return {
    database: label,
    schools: SCHOOLS,
    staff: STAFF,
    rows: counts,
    seed: { seconds: seeded.seconds, cpuSecondsInProcess: seeded.cpuSeconds },
    reportNode: { seconds: city.seconds },
    targetsAtCity: {
      ...cityTargets.timing,
      targets: cityTargets.result?.targets.length,
      parts: city.result.parts.length,
      ...(firstTarget && { [firstTarget.target.id]: firstTarget.total }),
    },
    targetsAtDistrict: {
      ...districtTargets.timing,
      schools: district.schools.length - 1,
      parts: district.parts.length,
    },
    levelsReportAtCityOneSemester: {
      ...semester.timing,
      staff: semester.result?.figures.total.staff,
    },
    levelsReportAtCity: {
      ...report.timing,
      semesters: report.result?.trend.length,
      staff: report.result?.figures.total.staff,
    },
    levelsReportViews: {
      reportCountsRows: keptRows[0]!.n,
      city: { ...cityViews, goalP95Seconds: 0.3 },
      district: { ...districtViews, schools: district.schools.length, goalP95Seconds: 0.2 },
      cityCountedFromPeople: {
        ...countedCity.timing,
        sameFigures:
          JSON.stringify(countedCity.result?.figures) === JSON.stringify(report.result?.figures),
      },
    },
    needsCountsAtCity: {
      ...needs.timing,
      staff: needs.result?.staff.reduce((sum, s) => sum + s.staff, 0),
      rows: needs.result?.counts.length,
    },
    missingFirstPage: {
      ...missing.timing,
      target: MISSING_TARGET,
      count: missing.result?.count,
      listed: missing.result?.people.length,
    },
    peakRssMiB: peakRssMiB(),
    goalSeconds: 5,
  }
}

async function onServer() {
  if (!SERVER) return 'skipped: set BENCH_DATABASE_URL to a PostgreSQL server'
  return onNewDatabase(
    SERVER,
    { statementTimeoutS: STATEMENT_TIMEOUT_S, poolMax: POOL_MAX },
    (database) => run('PostgreSQL', database),
  )
}

/**
 * PGlite's run on a data directory on disk, as NLS_DATA_DIR keeps it (unless
 * BENCH_PLANS_PGLITE=0, to see the peak RSS of the server's run alone).
 */
async function onPglite() {
  if (process.env.BENCH_PLANS_PGLITE === '0') return 'skipped: BENCH_PLANS_PGLITE=0'
  const dataDir = await mkdtemp(join(tmpdir(), 'nls-bench-plans-'))
  try {
    const embedded = await openDatabase({ kind: 'pglite', dataDir })
    try {
      return await run('PGlite', embedded)
    } finally {
      await embedded.close()
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

const pglite = await onPglite()
console.log(JSON.stringify({ benchmark: 'plans', pglite, postgres: await onServer() }, null, 2))
