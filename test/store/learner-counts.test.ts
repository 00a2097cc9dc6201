// The counts the database keeps for the learners' report (learner_counts) give the same figures
// as counting pupils, level history and evidence, whatever happens to them: checked on schools
// made at random (a fixed seed) through every kind of change, for each school year now or at its
// end, by parts and for the whole.
import { sql } from 'drizzle-orm'
import { shippedCatalog } from '../../framework/index.ts'
import { type LearnerTally, learnerRuleInputs } from '../../src/learners/learner-figures.ts'
import { LEARNERS_TABLE } from '../../src/learners/learners-table.ts'
import { schoolYear, schoolYearOf, vnDate } from '../../src/reports/semester.ts'
import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import type { LearnerQuery, LearnerReportStore } from '../../src/store/learner-report-store.ts'
import { postgresLearnerReportStore } from '../../src/store/postgres-learner-report-store.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import { heldLevel } from '../support/levels.ts'
import { random } from '../support/random.ts'
import { openTestDatabase } from '../support/test-database.ts'

const { framework, audience } = shippedCatalog().getOf(LEARNERS_TABLE, 'audience')
const NH = audience.components.map((c) => c.id)
const LEVELS = [...framework.levels.map((l) => l.code), null]
const TABLES = [null, null, null, [LEARNERS_TABLE], [LEARNERS_TABLE, 'TT18.PT'], ['TT18.PT'], []]
const GRADES = [null, 3, 7, 7, 10]

let database: Database
let stores: Stores
let live: LearnerReportStore
const schools: { tenantId: string; defaultAudience: string }[] = []
const statementsOf = new Map<string, string[]>()
const tagOf = new Map<string, string>()

beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
  live = postgresLearnerReportStore(database.db, { keptCounts: false })
  for (const [name, table] of [
    ['Tiểu học Kim Đồng', LEARNERS_TABLE],
    ['THCS Giảng Võ', LEARNERS_TABLE],
    ['THPT Phan Đình Phùng', 'TT18.PT'],
  ] as const) {
    const t = await stores.tenants.createTenant({ kind: 'platform', name })
    schools.push({ tenantId: t.id, defaultAudience: table })
    const activity = await stores.courses.upsertActivity(t.id, { iri: `https://lms/${name}` })
    const tag = await stores.tags.createTag(t.id, {
      activityId: activity.id,
      competencyIds: [NH[0]!],
    })
    tagOf.set(t.id, tag.id)
    const ids = [0, 1, 2].map((i) => `00000000-0000-4000-8000-00000000000${i}`)
    await database.db.execute(sql`insert into statements (tenant_id, id, actor_key, verb_id,
        timestamp, source, statement)
      select ${t.id}::uuid, i, 'mbox:x', 'http://adlnet.gov/expapi/verbs/completed', now(),
        'push', '{}'::jsonb from unnest(${`{${ids.join(',')}}`}::uuid[]) i`)
    statementsOf.set(t.id, ids)
  }
}, 120_000)
afterAll(() => database.close())

const run = (q: ReturnType<typeof sql>) => database.db.execute(q)

/** Per key and item: pupils at each rank, exposed and at target, without empty rows. */
function figures(tallies: readonly LearnerTally[]) {
  const out = new Map<string, number>()
  const add = (k: string, n: number) => out.set(k, (out.get(k) ?? 0) + n)
  for (const t of tallies) {
    add(`${t.key} ${t.item} rank ${t.rank}`, t.pupils)
    add(`${t.key} ${t.item} exposed`, t.exposed)
    add(`${t.key} ${t.item} at target`, t.atTarget)
  }
  return [...out].filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b))
}

/** The figures both ways, for every school year since 2023, now or at its end. */
async function expectSameFigures() {
  const rules = learnerRuleInputs(
    framework,
    audience,
    schools.map((s, i) => ({
      tenantId: s.tenantId,
      gradeTargets: (i === 1 ? { 7: 'TC2' } : {}) as Record<string, string>,
    })),
  )
  const parts = [
    ...schools.slice(0, 2).map((s) => ({ key: 'hai trường', ...s })),
    { key: 'một trường', ...schools[2]! },
    ...schools.map((s) => ({ key: '', ...s })),
  ]
  const current = schoolYearOf(new Date())
  for (let y = 2023; y <= current.startYear; y++) {
    const year = schoolYear(y)
    const at = y === current.startYear ? new Date() : year.end
    const q: LearnerQuery = {
      audience: LEARNERS_TABLE,
      schools: parts,
      rows: 'parts',
      ...rules,
      at,
      since: year.start,
    }
    const [kept, counted] = await Promise.all([stores.learnerReports.tallies(q), live.tallies(q)])
    expect({ year: year.id, figures: figures(kept) }).toEqual({
      year: year.id,
      figures: figures(counted),
    })
  }
}

/** The kept counts are what working them out again from scratch gives. */
async function expectKeptAsFromScratch() {
  const [row] = await queryRows<{ n: number }>(
    database.db,
    sql`with kept as (
        select tenant_id, audience, grade, item, level, year, sum(n)::int as n
        from learner_counts group by 1, 2, 3, 4, 5, 6 having sum(n) <> 0),
      who as (select jsonb_agg(nls_learner_person(p, 1)) as people from people p),
      scratch as (
        select tenant_id, audience, grade, item, level, year, sum(n)::int as n from (
          select c.* from who, nls_learner_levels(who.people, null, null) c
          union all
          select c.* from who, nls_learner_exposure(who.people, null, null) c) c
        group by 1, 2, 3, 4, 5, 6 having sum(n) <> 0)
      select count(*)::int as n from (
        (select * from kept except select * from scratch)
        union all
        (select * from scratch except select * from kept)) d`,
  )
  expect(row!.n).toBe(0)
}

describe('kept learner counts', () => {
  it('say which school year an instant falls in as the reports do', async () => {
    const rng = random(11, { datesFrom: Date.UTC(2023, 5, 1) })
    const instants = [
      ...Array.from({ length: 200 }, () => rng.date()),
      ...[2024, 2025, 2026].flatMap((y) => [
        schoolYear(y).start,
        new Date(schoolYear(y).start.getTime() - 1),
      ]),
    ]
    const rows = await queryRows<{ day: string }>(
      database.db,
      sql`select to_char(nls_school_year(t), 'YYYY-MM-DD') as day
        from unnest(${`{${instants.map((i) => `"${i.toISOString()}"`).join(',')}}`}::timestamptz[])
          with ordinality as u(t, n) order by n`,
    )
    expect(rows.map((r) => r.day)).toEqual(instants.map((i) => vnDate(schoolYearOf(i).start)))
  })

  it('hold the learners’ tables as the catalog has them', async () => {
    const rows = await queryRows<{ component_id: string; domain_id: string }>(
      database.db,
      sql`select component_id, domain_id from learner_components where audience = ${LEARNERS_TABLE}`,
    )
    expect(rows.map((r) => `${r.component_id} ${r.domain_id}`).sort()).toEqual(
      audience.components.map((c) => `${c.id} ${c.domain.id}`).sort(),
    )
  })

  it('match counting pupils through every kind of change', async () => {
    const rng = random(20261206, { datesFrom: Date.UTC(2023, 5, 1) })
    const people: { tenantId: string; id: string }[] = []
    const emails = ['hs.an@hanoi.edu.vn', 'hs.binh@hanoi.edu.vn', 'hs.chi@hanoi.edu.vn']
    for (let i = 0; i < 90; i++) {
      const school = rng.pick(schools)
      const person = await stores.people.upsertPersonByIdentity(
        school.tenantId,
        { kind: 'account', homePage: 'https://lms.hanoi.edu.vn', name: `hs${i}` },
        { name: `Học sinh ${i}` },
      )
      people.push({ tenantId: school.tenantId, id: person.id })
      const tables = rng.pick(TABLES)
      await run(sql`update people set on_roster = ${rng.chance(0.6)},
          audiences = ${tables === null ? null : `{${tables.join(',')}}`}::text[],
          grade = ${rng.pick(GRADES)}, class_name = ${rng.pick(['3A', '7B', null])},
          email = ${rng.chance(0.3) ? rng.pick(emails) : null},
          created_at = ${rng.date()}
        where tenant_id = ${school.tenantId} and id = ${person.id}`)
      if (rng.chance(0.4)) {
        const course = await stores.courses.upsertContext(school.tenantId, {
          deploymentId: '1',
          externalId: `lop${i % 4}`,
          title: 'Tin học',
        })
        if (i % 3 === 0) {
          await stores.courses.setCourseTable(school.tenantId, course.id, {
            audience: LEARNERS_TABLE,
            grade: 7,
          })
        }
        await stores.courses.setMemberRoles(school.tenantId, course.id, person.id, [
          rng.chance(0.8)
            ? 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'
            : 'Instructor',
        ])
      }
    }
    // History from the past written directly, levels saved as inference saves them (some pupils
    // hold every component of a domain), and evidence observed over the years.
    const domainOne = audience.components.filter(
      (c) => c.domain.id === audience.components[0]!.domain.id,
    )
    for (const p of people) {
      const all = rng.chance(0.3)
      const components = all ? domainOne.map((c) => c.id) : NH.filter(() => rng.chance(0.1))
      for (const c of components) {
        for (let k = rng.pick([1, 1, 2, 3]); k > 0; k--) {
          const level = all && k === 1 ? rng.pick(LEVELS.slice(0, 4)) : rng.pick(LEVELS)
          await run(sql`insert into level_history (tenant_id, person_id, component_id, level, changed_at)
            values (${p.tenantId}, ${p.id}, ${c}, ${level}, ${rng.date()})`)
        }
      }
      if (rng.chance(0.3)) {
        await stores.progress.saveLevels(
          p.tenantId,
          p.id,
          domainOne.map((c) => heldLevel(c.id, rng.pick(LEVELS))),
        )
      }
      const statements = statementsOf.get(p.tenantId)!
      for (let k = rng.pick([0, 2, 6, 12]); k > 0; k--) {
        const component = rng.pick(NH)
        await run(sql`insert into evidence (tenant_id, person_id, competency_id, statement_id,
            tag_id, observed_at)
          values (${p.tenantId}, ${p.id}, ${`${component}.${rng.pick(LEVELS.slice(0, 4))}`},
            ${rng.pick(statements)}, ${tagOf.get(p.tenantId)!}, ${rng.date()})
          on conflict do nothing`)
      }
    }
    await expectKeptAsFromScratch()
    await expectSameFigures()

    // Then everything that moves a pupil, their history or their evidence.
    for (const p of people.filter(() => rng.chance(0.4))) {
      const where = sql`tenant_id = ${p.tenantId} and id = ${p.id}`
      switch (rng.pick(['grade', 'tables', 'roster', 'email', 'created', 'levels'] as const)) {
        case 'grade':
          await run(sql`update people set grade = ${rng.pick(GRADES)} where ${where}`)
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
            domainOne.map((c) => heldLevel(c.id, rng.pick(LEVELS), { changeSeq: 2 })),
          )
      }
    }
    // History and evidence moved and removed by hand, a course's table changed, a pupil erased.
    await run(sql`update level_history set changed_at = changed_at - interval '200 days'
      where id % 7 = 0`)
    await run(sql`delete from level_history where id % 11 = 0`)
    await run(sql`update evidence set observed_at = observed_at - interval '300 days'
      where id % 5 = 0`)
    await run(sql`delete from evidence where id % 9 = 0`)
    const course = await stores.courses.upsertContext(schools[0]!.tenantId, {
      deploymentId: '1',
      externalId: 'lop1',
      title: 'Tin học',
    })
    await stores.courses.setCourseTable(schools[0]!.tenantId, course.id, {
      audience: 'TT18.PT',
      grade: null,
    })
    const erased = people.find((p) => p.tenantId === schools[1]!.tenantId)!
    await stores.personData.erasePerson(erased.tenantId, erased.id, 'cli')
    await expectKeptAsFromScratch()
    await expectSameFigures()
  }, 600_000)
})
