// A course's competency table and grade, set by its trainer on the course page and over the JSON
// API: a pupils' class on TT02.NH grade 7 makes its learners assessed against TT02.NH at grade 7.
// Over HTTP against the real app: the trainer's success, a learner's refusal, bad values named.
import type { Context } from '../../src/store/index.ts'
import { createBrowser } from '../support/browser.ts'
import { launchIn } from '../support/lti-launch.ts'
import { type LtiWorld, startLtiWorld, stopLtiWorld } from '../support/nls-server.ts'

let world: LtiWorld
let tenantId: string
/** Sessions: the trainer of course 2, a learner of it, the LMS administrator launched from it. */
let trainer: string
let learner: string
let admin: string
let learnerId: string
let course: Context
let otherCourse: Context

/** Moodle user `userId` opens NLS from course `courseId`; their session token. */
async function launch(
  role: 'Instructor' | 'Learner' | 'Administrator',
  userId: string,
  courseId: string,
): Promise<string> {
  const page = await launchIn(createBrowser(), world.platform, { role, userId, courseId })
  expect(page.status).toBe(200)
  return new URL(page.url).searchParams.get('session')!
}

beforeAll(async () => {
  world = await startLtiWorld()
  tenantId = world.registered.tenantId
  const { stores } = world.nls
  trainer = await launch('Instructor', '3', '2')
  learner = await launch('Learner', '4', '2')
  admin = await launch('Administrator', '2', '2')
  await launch('Learner', '5', '7')
  const contextOf = (externalId: string) =>
    stores.courses.upsertContext(tenantId, {
      deploymentId: world.platform.deploymentId,
      externalId,
    })
  ;[course, otherCourse] = await Promise.all([contextOf('2'), contextOf('7')])
  learnerId = (await stores.people.findPersonByIdentity(tenantId, {
    kind: 'lti',
    issuer: world.platform.issuer,
    clientId: world.platform.clientId,
    sub: '4',
  }))!.id
}, 60_000)
afterAll(() => stopLtiWorld(world))

/** The course page's table form, posted with the session as its field. */
function postTable(token: string, fields: Record<string, string>, lang?: 'en') {
  return fetch(`${world.nls.url}/app/course/table${lang ? `?lang=${lang}` : ''}`, {
    method: 'POST',
    headers: { accept: 'text/html' },
    body: new URLSearchParams({ session: token, ...fields }),
    redirect: 'manual',
  })
}

/** A JSON API request with a session as bearer. */
function api(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${world.nls.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
}

const reset = () =>
  world.nls.stores.courses.setCourseTable(tenantId, course.id, { audience: null, grade: null })

describe("the course page's table form", () => {
  afterAll(reset)

  it('shows the form with the school default chosen, in Vietnamese', async () => {
    const res = await fetch(`${world.nls.url}/app/course?session=${encodeURIComponent(trainer)}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Bảng năng lực của khoá học')
    expect(html).toMatch(
      /<form method="post" action="\/app\/course\/table[?"][^>]*data-course-table/,
    )
    expect(html).toMatch(/<option value(="")? selected>Bảng mặc định của đơn vị \(TT18\.PT\)/)
    expect(html).toContain('<option value="TT02.NH"')
  })

  it("a trainer sets TT02.NH grade 7: the course's learners follow", async () => {
    const res = await postTable(trainer, { audience: 'TT02.NH', grade: '7' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toContain('/app/course?')
    expect(res.headers.get('location')).toContain('saved=table')
    const saved = await world.nls.stores.courses.getContext(tenantId, course.id)
    expect(saved).toMatchObject({ audience: 'TT02.NH', grade: 7 })
    const person = await world.nls.stores.people.getPerson(tenantId, learnerId)
    expect(person?.courseAudiences).toEqual(['TT02.NH'])
    expect(person?.grade).toBe(7)
    // The page shows what is saved, and says so.
    const page = await fetch(`${world.nls.url}${res.headers.get('location')}`)
    const html = await page.text()
    expect(html).toContain('Đã lưu bảng năng lực của khoá học.')
    expect(html).toMatch(/<option value="TT02.NH" selected/)
    expect(html).toMatch(/<option value="7" selected/)
  })

  it('refuses a learner (403), leaving the table as it was', async () => {
    const res = await postTable(learner, { audience: 'TT18.MN', grade: '' })
    expect(res.status).toBe(403)
    expect(await world.nls.stores.courses.getContext(tenantId, course.id)).toMatchObject({
      audience: 'TT02.NH',
      grade: 7,
    })
  })

  it('refuses a bad grade (400) at its field, in the page language, keeping what was typed', async () => {
    const res = await postTable(trainer, { audience: 'TT02.NH', grade: '13' })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('data-problem="grade"')
    expect(html).toContain('Khối phải là số từ 1 đến 12 (đã nhập &quot;13&quot;).')
    expect(html).toMatch(/<option value="13" selected/)
    const english = await postTable(trainer, { audience: 'TT18.PT', grade: '7' }, 'en')
    expect(english.status).toBe(400)
    expect(await english.text()).toContain(
      "A grade goes with a pupils' table (TT02.NH); table TT18.PT has no grades.",
    )
    expect(await world.nls.stores.courses.getContext(tenantId, course.id)).toMatchObject({
      audience: 'TT02.NH',
      grade: 7,
    })
  })
})

describe('the JSON API of a course table', () => {
  afterAll(reset)

  it("answers the course's table to its trainer, and sets it (200)", async () => {
    const put = await api(trainer, 'PUT', `/courses/${course.id}/table`, {
      audience: 'TT02.NH',
      grade: 8,
    })
    expect(put.status).toBe(200)
    expect(await put.json()).toEqual({ contextId: course.id, audience: 'TT02.NH', grade: 8 })
    const get = await api(trainer, 'GET', `/courses/${course.id}/table`)
    expect(get.status).toBe(200)
    expect(await get.json()).toEqual({ contextId: course.id, audience: 'TT02.NH', grade: 8 })
    expect((await world.nls.stores.people.getPerson(tenantId, learnerId))?.grade).toBe(8)
  })

  it('names the bad field (400)', async () => {
    const grade = await api(trainer, 'PUT', `/courses/${course.id}/table`, {
      audience: 'TT02.NH',
      grade: 13,
    })
    expect(grade.status).toBe(400)
    expect(await grade.json()).toMatchObject({
      code: 'ERR_INPUT_INVALID',
      message: 'body.grade: must be a grade (khối) from 1 to 12',
    })
    const table = await api(trainer, 'PUT', `/courses/${course.id}/table`, {
      audience: 'TT99.XX',
      grade: null,
    })
    expect(table.status).toBe(400)
    expect(((await table.json()) as { message: string }).message).toMatch(
      /^body\.audience: no table TT99\.XX in the frameworks in force/,
    )
  })

  it('refuses a learner (403), and another course or tenant (404)', async () => {
    expect((await api(learner, 'GET', `/courses/${course.id}/table`)).status).toBe(403)
    const body = { audience: null, grade: null }
    expect((await api(learner, 'PUT', `/courses/${course.id}/table`, body)).status).toBe(403)
    // A course's trainer acts on their own course only.
    const other = await api(trainer, 'PUT', `/courses/${otherCourse.id}/table`, body)
    expect(other.status).toBe(404)
    // An administrator acts on the school's courses, not another school's.
    const school = await world.nls.stores.tenants.createTenant({ kind: 'platform', name: 'Khác' })
    const elsewhere = await world.nls.stores.courses.upsertContext(school.id, {
      deploymentId: 'd',
      externalId: '2',
    })
    expect((await api(admin, 'GET', `/courses/${elsewhere.id}/table`)).status).toBe(404)
    expect((await api(admin, 'GET', `/courses/${otherCourse.id}/table`)).status).toBe(200)
    expect(await world.nls.stores.courses.getContext(tenantId, otherCourse.id)).not.toHaveProperty(
      'audience',
    )
  })
})

describe("a tag file with the course's table", () => {
  afterAll(reset)

  /** The course page's upload form, as the browser posts it (multipart, the session a field). */
  async function upload(token: string, text: string): Promise<Response> {
    const form = new FormData()
    form.append('session', token)
    form.append('file', new Blob([text], { type: 'text/csv' }), 'the.csv')
    return fetch(`${world.nls.url}/app/course/tags`, { method: 'POST', body: form })
  }
  const quiz = () => `${world.platform.issuer}/mod/quiz/view.php?id=901`
  const file = (...rows: string[]) =>
    ['activity_iri,competency_ids,course_table,course_grade', ...rows].join('\r\n') + '\r\n'

  it('sets the table with the tags, and the export writes it back', async () => {
    const res = await upload(trainer, file(`${quiz()},TT02.NH.1.1.CB1,TT02.NH,6`))
    expect(res.status).toBe(200)
    expect(await world.nls.stores.courses.getContext(tenantId, course.id)).toMatchObject({
      audience: 'TT02.NH',
      grade: 6,
    })
    const csv = await fetch(
      `${world.nls.url}/app/course/tags.csv?session=${encodeURIComponent(trainer)}`,
    )
    const [header, row] = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n')
    expect(header).toMatch(/,course_table,course_grade$/)
    expect(row).toMatch(/,TT02\.NH,6$/)
  })

  it('refuses a file whose rows disagree, storing nothing', async () => {
    const before = await world.nls.stores.tags.listTags(tenantId)
    const res = await upload(
      trainer,
      file(`${quiz()}2,TT02.NH.1.1.CB1,TT02.NH,6`, `${quiz()}3,TT02.NH.1.1.CB1,TT02.NH,8`),
    )
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('8 khác với 6 ở dòng 2')
    expect(await world.nls.stores.tags.listTags(tenantId)).toEqual(before)
    expect(await world.nls.stores.courses.getContext(tenantId, course.id)).toMatchObject({
      grade: 6,
    })
  })
})
