// The counts the database keeps for reports (report_counts) give the same figures as counting
// people and level history, whatever happens to people and their history: checked on a school
// district made at random (a fixed seed) through every kind of change, at each semester's first
// instant and now, for a school, its units, parts of a district and the whole.
import { sql } from 'drizzle-orm'
import { shippedCatalog } from '../../framework/index.ts'
import { semester, semesterOf, vnDate } from '../../src/reports/semester.ts'
import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { postgresReportStore } from '../../src/store/postgres-report-store.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import type { ReportSchool, ReportStore, TallyPart } from '../../src/store/report-store.ts'
import { heldLevel } from '../support/levels.ts'
import { random } from '../support/random.ts'
import { openTestDatabase } from '../support/test-database.ts'

const PT = shippedCatalog()
  .components('TT18.PT')
  .map((c) => c.id)
const LEVELS = ['CB', 'TT', 'NC', null] as const
const UNITS = ['THCS Giảng Võ', 'THCS Thăng Long', null] as const
const TABLES = [null, null, null, ['TT18.PT'], ['TT18.PT', 'TT18.QL'], ['TT18.MN'], []] as const

let database: Database
let stores: Stores
let live: ReportStore
const schools: ReportSchool[] = []

beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
  live = postgresReportStore(database.db, { keptCounts: false })
  for (const [name, audience] of [
    ['THCS Giảng Võ', 'TT18.PT'],
    ['THCS Thăng Long', 'TT18.PT'],
    ['Trường Mầm non Hoa Sen', 'TT18.MN'],
  ] as const) {
    const t = await stores.tenants.createTenant({ kind: 'platform', name })
    schools.push({ tenantId: t.id, defaultAudience: audience })
  }
}, 120_000)
afterAll(() => database.close())

const run = (q: ReturnType<typeof sql>) => database.db.execute(q)

/** Everyone's figures both ways, at each semester's first instant from 2024 to 2027 and now. */
async function expectSameFigures() {
  const instants = [new Date()]
  for (let year = 2024; semester(year, 1).start.getTime() < Date.now(); year++) {
    instants.push(semester(year, 1).start, semester(year, 2).start)
  }
  const parts = (byUnit: boolean): TallyPart[] => [
    { unit: 'Giảng Võ', schools: [schools[0]!], byUnit },
    { unit: 'Giảng Võ và Thăng Long', schools: [schools[0]!, schools[1]!], byUnit: false },
    { unit: 'Tất cả', schools, byUnit: false },
  ]
  const sorted = <T>(rows: T[]) =>
    [...rows].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))
  const same = async (what: string, read: (r: ReportStore) => Promise<unknown>) => {
    const [kept, counted] = await Promise.all([read(stores.reports), read(live)])
    const norm = (v: unknown) => {
      const r = v as { staff: unknown[]; levels: unknown[] }
      return { staff: sorted(r.staff), levels: sorted(r.levels) }
    }
    const [a, b] = [norm(kept), norm(counted)]
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      throw new Error(`${what}:\nkept ${JSON.stringify(a)}\ncounted ${JSON.stringify(b)}`)
    }
  }
  for (const at of instants) {
    for (const audience of ['TT18.PT', 'TT18.MN', 'TT18.QL']) {
      const componentIds = shippedCatalog()
        .components(audience)
        .map((c) => c.id)
      const q = { audience, componentIds, at }
      for (const s of schools) {
        await same(`${audience} ${at.toISOString()} school`, (r) =>
          r.tallies(s.tenantId, { ...q, defaultAudience: s.defaultAudience }),
        )
        await same(`${audience} ${at.toISOString()} unit`, (r) =>
          r.tallies(s.tenantId, { ...q, defaultAudience: s.defaultAudience, unit: UNITS[0] }),
        )
      }
      for (const byUnit of [false, true]) {
        await same(`${audience} ${at.toISOString()} parts`, (r) => r.partTallies(parts(byUnit), q))
      }
      await same(`${audience} ${at.toISOString()} district`, (r) => r.districtTallies(schools, q))
    }
  }
}

describe('kept report counts', () => {
  it('say which semester an instant falls in as the reports do', async () => {
    const rng = random(7)
    const instants = [
      ...Array.from({ length: 200 }, () => rng.date()),
      ...[2025, 2026].flatMap((y) => [
        semester(y, 1).start,
        new Date(semester(y, 1).start.getTime() - 1),
        semester(y, 2).start,
        new Date(semester(y, 2).start.getTime() - 1),
      ]),
    ]
    const rows = await queryRows<{ day: string }>(
      database.db,
      sql`select to_char(nls_semester(t), 'YYYY-MM-DD') as day
        from unnest(${`{${instants.map((i) => `"${i.toISOString()}"`).join(',')}}`}::timestamptz[])
          with ordinality as u(t, n) order by n`,
    )
    expect(rows.map((r) => r.day)).toEqual(instants.map((i) => vnDate(semesterOf(i).start)))
  })

  /** The kept counts are what working them out again from scratch gives. */
  async function expectKeptAsFromScratch() {
    const kept = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from (
        select tenant_id, audience, unit, component_id, level, semester, sum(n) as n
        from report_counts group by 1, 2, 3, 4, 5, 6 having sum(n) <> 0
        except
        select tenant_id, audience, unit, component_id, level, semester, sum(n)
        from nls_report_contribution(
          (select jsonb_agg(nls_report_person(p, 1)) from people p), null, null)
        group by 1, 2, 3, 4, 5, 6 having sum(n) <> 0) d`,
    )
    expect(kept[0]!.n).toBe(0)
  }

  it('match counting people through every kind of change', async () => {
    const rng = random(20261206)
    const people: { tenantId: string; id: string }[] = []
    const emails = ['gv.lan@hanoi.edu.vn', 'gv.minh@hanoi.edu.vn', 'gv.hoa@hanoi.edu.vn']
    // People of the three schools: some on the roster, some only learners of a course (with or
    // without a table), some sign-ins alone; the same email at two schools now and then.
    for (let i = 0; i < 90; i++) {
      const school = rng.pick(schools)
      const person = await stores.people.upsertPersonByIdentity(
        school.tenantId,
        { kind: 'account', homePage: 'https://lms.hanoi.edu.vn', name: `u${i}` },
        { name: `Giáo viên ${i}` },
      )
      people.push({ tenantId: school.tenantId, id: person.id })
      const tables = rng.pick(TABLES)
      await run(sql`update people set unit = ${rng.pick(UNITS)}, on_roster = ${rng.chance(0.6)},
          audiences = ${tables === null ? null : `{${tables.join(',')}}`}::text[],
          email = ${rng.chance(0.3) ? rng.pick(emails) : null},
          created_at = ${rng.date()}
        where tenant_id = ${school.tenantId} and id = ${person.id}`)
      if (rng.chance(0.4)) {
        const course = await stores.courses.upsertContext(school.tenantId, {
          deploymentId: '1',
          externalId: `k${i % 4}`,
          title: 'Bồi dưỡng',
        })
        if (i % 8 === 0) {
          await stores.courses.setCourseTable(school.tenantId, course.id, {
            audience: 'TT18.PT',
            grade: null,
          })
        }
        await stores.courses.setMemberRoles(school.tenantId, course.id, person.id, [
          rng.chance(0.8)
            ? 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'
            : 'Instructor',
        ])
      }
    }
    // History from the past, written directly, and levels saved now as inference saves them
    // (a few people hold every component).
    for (const p of people) {
      const all = rng.chance(0.2)
      const components = all ? PT : PT.filter(() => rng.chance(0.15))
      for (const c of components) {
        for (let k = rng.pick([1, 1, 2, 3]); k > 0; k--) {
          await run(sql`insert into level_history (tenant_id, person_id, component_id, level, changed_at)
            values (${p.tenantId}, ${p.id}, ${c}, ${all && k === 1 ? 'CB' : rng.pick(LEVELS)}, ${rng.date()})`)
        }
      }
      if (rng.chance(0.3)) {
        await stores.progress.saveLevels(
          p.tenantId,
          p.id,
          PT.slice(0, 3).map((c) => heldLevel(c, rng.pick(LEVELS))),
        )
      }
    }
    await expectKeptAsFromScratch()
    await expectSameFigures()

    // Then everything that moves a person or their history.
    for (const p of people.filter(() => rng.chance(0.3))) {
      const where = sql`tenant_id = ${p.tenantId} and id = ${p.id}`
      switch (rng.pick(['unit', 'tables', 'roster', 'email', 'created', 'levels'] as const)) {
        case 'unit':
          await run(sql`update people set unit = ${rng.pick(UNITS)} where ${where}`)
          break
        case 'tables': {
          const tables = rng.pick(TABLES)
          await run(
            sql`update people set audiences = ${tables === null ? null : `{${tables.join(',')}}`}::text[] where ${where}`,
          )
          break
        }
        case 'roster':
          await run(sql`update people set on_roster = not on_roster where ${where}`)
          break
        case 'email':
          await run(sql`update people set email = ${rng.pick([...emails, null])} where ${where}`)
          break
        case 'created':
          await run(sql`update people set created_at = ${rng.date()} where ${where}`)
          break
        case 'levels':
          await stores.progress.saveLevels(
            p.tenantId,
            p.id,
            PT.slice(0, 4).map((c) => heldLevel(c, rng.pick(LEVELS), { changeSeq: 2 })),
          )
      }
    }
    // History moved and removed by hand, a course's table changed, a person erased.
    await run(sql`update level_history set changed_at = changed_at - interval '200 days'
      where id % 7 = 0`)
    await run(sql`delete from level_history where id % 11 = 0`)
    const course = await stores.courses.upsertContext(schools[0]!.tenantId, {
      deploymentId: '1',
      externalId: 'k1',
      title: 'Bồi dưỡng',
    })
    await stores.courses.setCourseTable(schools[0]!.tenantId, course.id, {
      audience: 'TT18.QL',
      grade: null,
    })
    const erased = people.find((p) => p.tenantId === schools[1]!.tenantId)!
    await stores.personData.erasePerson(erased.tenantId, erased.id, 'cli')
    await expectSameFigures()
  }, 600_000)
})
