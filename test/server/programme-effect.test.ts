// Programme effect (issue 18), over the real store and HTTP on a real database: a district's
// school has a course with tags, learners, evidence before and through it, and level changes
// before and after their start; the counts (participants, levels before and after, criteria
// newly met, share reaching the target) are checked exactly, for a course and for a tag set, and
// a learner's and another district's requests are refused.
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { hashPassword } from '../../src/accounts/password.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import type { Context, Programme, ProgrammeCounts } from '../../src/store/index.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import { frameworksFrom } from '../../src/evaluation/frameworks-in-force.ts'
import { programmeTargets } from '../../src/reports/programme-effect.ts'
import { heldLevel } from '../support/levels.ts'
import { startNls } from '../support/nls-server.ts'

const PASSWORD = 'mat-khau-ban-dau'
const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'
const INSTRUCTOR = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'
const PREFIX = 'https://k12online.vn/khoa-hoc/12/'
const { catalog } = frameworksFrom([])

let nls: RunningServer
let schoolId: string
let course: Context
let emptyCourse: Context
let outsideCourse: Context
let manager: string
let learner: string

/** A sign-in's cookie. */
async function signIn(username: string): Promise<string> {
  const res = await fetch(`${nls.url}/login`, {
    method: 'POST',
    body: new URLSearchParams({ username, password: PASSWORD }),
    redirect: 'manual',
  })
  expect(res.status).toBe(303)
  return res.headers.getSetCookie()[0]!.split(';')[0]!
}

/** Evidence of competencies from a tag, through one statement observed at `observedAt`. */
async function evidence(
  tenantId: string,
  personId: string,
  tagId: string,
  competencyIds: readonly string[],
  observedAt: Date,
) {
  const id = randomUUID()
  await nls.stores.statements.insertStatements(tenantId, [
    {
      id,
      personId,
      actorKey: `test:${personId}`,
      verbId: 'http://adlnet.gov/expapi/verbs/completed',
      activityIri: 'urn:bai-hoc:1',
      activityTree: ['urn:bai-hoc:1'],
      timestamp: observedAt,
      source: 'push',
      statement: { id },
    },
  ])
  await nls.stores.progress.insertEvidence(
    tenantId,
    personId,
    competencyIds.map((competencyId) => ({ competencyId, statementId: id, tagId, observedAt })),
  )
}

/** The database's clock, a millisecond on (a JavaScript Date keeps milliseconds only). */
async function databaseClock(): Promise<Date> {
  const [row] = await queryRows<{ at: string }>(
    nls.database.db,
    sql`select (date_trunc('milliseconds', clock_timestamp()) + interval '1 millisecond')::text as at`,
  )
  return new Date(row!.at)
}

beforeAll(async () => {
  nls = await startNls()
  const { stores } = nls
  const district = await stores.tenants.createTenant({
    kind: 'organisation',
    name: 'Phòng GD&ĐT Quận 6',
  })
  await stores.tenants.setSettings(district.id, { minGroupSize: 2 })
  schoolId = (
    await stores.tenants.createTenant({
      kind: 'platform',
      name: 'THCS Ngọc Hà',
      parentId: district.id,
    })
  ).id
  const outsideId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THCS Khác' })).id
  const person = (tenantId: string, name: string) =>
    stores.people.upsertPersonByIdentity(tenantId, {
      kind: 'mbox',
      mbox: `mailto:${name}@truong.edu.vn`,
    })
  const account = async (tenantId: string, username: string, role: 'administrator' | 'learner') => {
    const p = await person(tenantId, username)
    await stores.localAccounts.createAccount(tenantId, {
      username,
      passwordHash: await hashPassword(PASSWORD),
      role,
      personId: p.id,
    })
  }
  await account(district.id, 'quan6.quanly', 'administrator')
  await account(schoolId, 'hv.ngocha', 'learner')

  // The course: a quiz tagged with Cơ bản of 1.1 (its two descriptors) and one Thành thạo
  // criterion of 1.2: the target is Cơ bản on 1.1 and Thành thạo on 1.2.
  const context = (tenantId: string, externalId: string, title: string) =>
    stores.courses.upsertContext(tenantId, { deploymentId: 'd1', externalId, title })
  course = await context(schoolId, '101', 'Bồi dưỡng năng lực số 2026')
  emptyCourse = await context(schoolId, '102', 'Khoá học chưa có học viên')
  outsideCourse = await context(outsideId, '201', 'Khoá học trường khác')
  const tagged = async (
    tenantId: string,
    contextId: string,
    iri: string,
    competencyIds: string[],
  ) => {
    const activity = await stores.courses.upsertActivity(tenantId, { iri, contextId })
    return stores.tags.createTag(tenantId, { activityId: activity.id, competencyIds })
  }
  const quiz = await tagged(
    schoolId,
    course.id,
    'https://lms.ngocha.edu.vn/mod/quiz/view.php?id=5',
    ['TT18.PT.1.1.CB', 'TT18.PT.1.2.TT.1'],
  )
  await tagged(schoolId, emptyCourse.id, 'https://lms.ngocha.edu.vn/mod/quiz/view.php?id=6', [
    'TT18.PT.2.1.CB',
  ])
  await tagged(outsideId, outsideCourse.id, 'https://lms.khac.edu.vn/mod/quiz/view.php?id=1', [
    'TT18.PT.1.1.CB',
  ])
  // Another tag of the school (outside the course), and a K12Online tag set.
  const other = await stores.tags.createTag(schoolId, {
    activityPrefix: 'urn:bai-hoc:',
    competencyIds: ['TT18.PT.1.1.CB.1'],
  })
  const k12 = await stores.tags.createTag(schoolId, {
    activityPrefix: `${PREFIX}bai-1`,
    competencyIds: ['TT18.PT.1.1.CB.1'],
  })

  const [p1, p2, p3, p4] = await Promise.all(
    ['an', 'binh', 'chi', 'dung'].map((n) => person(schoolId, n)),
  )
  await stores.courses.setMemberRoles(schoolId, course.id, p3!.id, [LEARNER])
  await stores.courses.setMemberRoles(schoolId, course.id, p4!.id, [INSTRUCTOR])
  // Before: p1 holds Cơ bản of 1.1 and evidenced 1.1.CB.1 elsewhere; p3 holds Thành thạo on both.
  await evidence(schoolId, p1!.id, other.id, ['TT18.PT.1.1.CB.1'], new Date('2026-09-01T08:00:00Z'))
  await stores.progress.saveLevels(schoolId, p1!.id, [heldLevel('TT18.PT.1.1', 'CB')])
  await stores.progress.saveLevels(schoolId, p3!.id, [
    heldLevel('TT18.PT.1.1', 'TT'),
    heldLevel('TT18.PT.1.2', 'TT'),
  ])
  // Their start: p1 and p2 evidence the course's tag, and the K12Online tag set.
  const start = await databaseClock()
  await evidence(schoolId, p1!.id, quiz.id, ['TT18.PT.1.1.CB', 'TT18.PT.1.2.TT.1'], start)
  await evidence(schoolId, p2!.id, quiz.id, ['TT18.PT.1.1.CB'], start)
  await evidence(schoolId, p1!.id, k12.id, ['TT18.PT.1.1.CB.1'], start)
  await evidence(schoolId, p2!.id, k12.id, ['TT18.PT.1.1.CB.1'], start)
  // The levels saved after the start (the database's clock is then past it).
  while ((await databaseClock()).getTime() <= start.getTime() + 1);
  await stores.progress.saveLevels(schoolId, p1!.id, [
    heldLevel('TT18.PT.1.1', 'CB'),
    heldLevel('TT18.PT.1.2', 'TT', { changeSeq: 2 }),
  ])
  await stores.progress.saveLevels(schoolId, p2!.id, [heldLevel('TT18.PT.1.1', 'CB')])
  manager = await signIn('quan6.quanly')
  learner = await signIn('hv.ngocha')
}, 60_000)
afterAll(() => nls?.close())

/** Transitions in one order, so that counts compare whole. */
const byJson = <T>(rows: readonly T[]) =>
  [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
const sorted = (counts: ProgrammeCounts) => ({ ...counts, transitions: byJson(counts.transitions) })

async function effectOf(programme: Programme, until = new Date()) {
  const targets = programmeTargets(catalog, await nls.stores.programmes.competencyIds(programme))
  return sorted(
    await nls.stores.programmes.effect({
      programme,
      until,
      targets: targets.components,
      criteria: targets.criteria,
    }),
  )
}

describe('the programme store', () => {
  it("lists a school's courses with tags, with their participants, a page at a time", async () => {
    const all = await nls.stores.programmes.listCourses([schoolId], { limit: 50, offset: 0 })
    expect(all.total).toBe(2)
    expect(all.courses.map((c) => [c.title, c.participants])).toEqual([
      ['Bồi dưỡng năng lực số 2026', 3],
      ['Khoá học chưa có học viên', 0],
    ])
    const second = await nls.stores.programmes.listCourses([schoolId], { limit: 1, offset: 1 })
    expect(second).toEqual({
      courses: [expect.objectContaining({ contextId: emptyCourse.id, participants: 0 })],
      total: 2,
    })
  })

  it("counts a course's participants, levels before and after, criteria and the target", async () => {
    expect(await effectOf({ tenantId: schoolId, contextId: course.id })).toEqual({
      // p1 and p2 started; p3 is a Learner not started; p4 teaches the course.
      participants: 3,
      started: 2,
      transitions: byJson([
        { componentId: 'TT18.PT.1.1', before: 'CB', after: 'CB', count: 1 },
        { componentId: 'TT18.PT.1.1', before: null, after: 'CB', count: 1 },
        { componentId: 'TT18.PT.1.1', before: 'TT', after: 'TT', count: 1 },
        { componentId: 'TT18.PT.1.2', before: null, after: 'TT', count: 1 },
        { componentId: 'TT18.PT.1.2', before: 'TT', after: 'TT', count: 1 },
      ]),
      // Cơ bản on 1.1 and Thành thạo on 1.2: p3 before; p1 and p3 after.
      reachedBefore: 1,
      reachedAfter: 2,
      // p1: 1.1.CB.2 and 1.2.TT.1 (1.1.CB.1 was evidenced before); p2: 1.1.CB.1 and 1.1.CB.2.
      criteriaNewlyMet: 4,
    })
  })

  it('counts a tag set by IRI prefix, and nothing before its start', async () => {
    const tagSet = { tenantId: schoolId, prefix: PREFIX }
    expect(await effectOf(tagSet)).toEqual({
      participants: 2,
      started: 2,
      transitions: [
        { componentId: 'TT18.PT.1.1', before: 'CB', after: 'CB', count: 1 },
        { componentId: 'TT18.PT.1.1', before: null, after: 'CB', count: 1 },
      ],
      reachedBefore: 1,
      reachedAfter: 2,
      criteriaNewlyMet: 1,
    })
    const before = await effectOf(tagSet, new Date('2026-10-01T00:00:00Z'))
    expect(before).toEqual({
      participants: 0,
      started: 0,
      transitions: [],
      reachedBefore: 0,
      reachedAfter: 0,
      criteriaNewlyMet: 0,
    })
  })
})

describe('the programme pages', () => {
  const get = (path: string, cookie: string) => fetch(`${nls.url}${path}`, { headers: { cookie } })

  it('list the courses of the manager’s schools and not another district’s', async () => {
    const res = await get('/app/reports/programmes', manager)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`data-course="${course.id}"`)
    expect(html).toContain(`data-course="${emptyCourse.id}"`)
    expect(html).not.toContain(outsideCourse.id)
    expect(html).toContain('data-tag-set-form')
  })

  it("show a course's effect, with its figures", async () => {
    const res = await get(`/app/reports/programmes/effect?course=${course.id}`, manager)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Bồi dưỡng năng lực số 2026')
    expect(html).toMatch(/data-figure="participants"><th scope="row">[^<]+<\/th><td>3<\/td>/)
    expect(html).toMatch(/data-figure="criteria-newly-met"><th scope="row">[^<]+<\/th><td>4<\/td>/)
    expect(html).toMatch(
      /data-figure="reached-after"><th scope="row">[^<]+<\/th><td>67[^<]*\(2\/3\)/,
    )
    expect(html).toContain('data-component="TT18.PT.1.1" data-went-up="1"')
    expect(html).toContain('<svg')
    expect(html).toContain('data-explanation')
  })

  it('export the effect as CSV', async () => {
    const res = await get(`/app/reports/programmes/effect.csv?course=${course.id}&lang=en`, manager)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    const text = await res.text()
    expect(text).toContain('Participants,3\r\n')
    expect(text).toContain('Criteria newly met,4\r\n')
    expect(text).toContain('TT18.PT.1.2,Proficient,Not yet,2,1,1\r\n')
  })

  it('hide figures under the smallest group', async () => {
    // Before anyone started, only p3 (a Learner) takes part: fewer than 2.
    const res = await get(
      `/app/reports/programmes/effect?course=${course.id}&until=2026-10-01`,
      manager,
    )
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('data-hidden')
    expect(html).not.toContain('data-summary')
  })

  it('show a tag set, and refuse a prefix that is not an absolute IRI at its field', async () => {
    const ok = await get(
      `/app/reports/programmes/effect?school=${schoolId}&prefix=${encodeURIComponent(PREFIX)}`,
      manager,
    )
    expect(ok.status).toBe(200)
    expect(await ok.text()).toMatch(
      /data-figure="participants"><th scope="row">[^<]+<\/th><td>2<\/td>/,
    )
    const bad = await get(
      `/app/reports/programmes/effect?school=${schoolId}&prefix=khoa-hoc-12`,
      manager,
    )
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(html).toContain('data-problem="prefix"')
    expect(html).toContain('value="khoa-hoc-12"')
    expect(html).toContain('Tiền tố phải là một IRI tuyệt đối')
  })

  it('refuse a learner (403) and a course or school outside the node (404)', async () => {
    expect((await get('/app/reports/programmes', learner)).status).toBe(403)
    expect((await get(`/app/reports/programmes/effect?course=${course.id}`, learner)).status).toBe(
      403,
    )
    expect(
      (await get(`/app/reports/programmes/effect?course=${outsideCourse.id}`, manager)).status,
    ).toBe(404)
    expect(
      (await get(`/app/reports/programmes/effect.csv?course=${outsideCourse.id}`, manager)).status,
    ).toBe(404)
    const school = outsideCourse.tenantId
    expect(
      (await get(`/app/reports/programmes/effect?school=${school}&prefix=${PREFIX}`, manager))
        .status,
    ).toBe(404)
  })
})
