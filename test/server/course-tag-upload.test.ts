// Issue 15: a tag file uploaded on a course's page said "Đã nhập 1 thẻ" but the course did not
// show the tag: its activity was made without the course. Over HTTP against the real app.
import { signSession } from '../../lti/session.ts'
import type { Context } from '../../src/store/index.ts'
import { createBrowser } from '../support/browser.ts'
import { launchIn } from '../support/lti-launch.ts'
import { type LtiWorld, startLtiWorld, stopLtiWorld } from '../support/nls-server.ts'

let world: LtiWorld
let tenantId: string
/** The session of a teacher launched in course 2, and the course. */
let session: string
let course: Context
let personId: string
beforeAll(async () => {
  world = await startLtiWorld()
  tenantId = world.registered.tenantId
  const page = await launchIn(createBrowser(), world.platform, {
    role: 'Instructor',
    userId: '3',
    courseId: '2',
  })
  expect(page.status).toBe(200)
  session = new URL(page.url).searchParams.get('session')!
  course = await world.nls.stores.courses.upsertContext(tenantId, {
    deploymentId: world.platform.deploymentId,
    externalId: '2',
  })
  personId = (await world.nls.stores.people.findPersonByIdentity(tenantId, {
    kind: 'lti',
    issuer: world.platform.issuer,
    clientId: world.platform.clientId,
    sub: '3',
  }))!.id
}, 30_000)
afterAll(() => stopLtiWorld(world))

const site = () => world.platform.issuer
const csv = (...rows: string[]) => ['activity_iri,competency_ids', ...rows].join('\r\n') + '\r\n'

/** The course page's upload form, as the browser posts it (multipart, the session a field). */
async function upload(token: string, text: string, lang?: 'en'): Promise<Response> {
  const form = new FormData()
  form.append('session', token)
  form.append('file', new Blob([text], { type: 'text/csv' }), 'the.csv')
  const query = lang ? `?lang=${lang}` : ''
  return fetch(`${world.nls.url}/app/course/tags${query}`, { method: 'POST', body: form })
}

async function coursePage(token: string, path = '/app/course'): Promise<string> {
  const res = await fetch(`${world.nls.url}${path}?session=${encodeURIComponent(token)}`)
  expect(res.status).toBe(200)
  return res.text()
}

describe('a tag file uploaded on a course page', () => {
  it('puts its new activities in the course, which lists them with their tags', async () => {
    const quiz = `${site()}/mod/quiz/view.php?id=501`
    expect(await coursePage(session)).not.toContain(quiz)

    const res = await upload(session, csv(`${quiz},TT18.PT.1.1.CB`))
    expect(res.status).toBe(200)
    expect(await res.text()).toContain(quiz)

    const activity = await world.nls.stores.courses.findActivityByIri(tenantId, quiz)
    expect(activity?.contextId).toBe(course.id)
    const [tag] = await world.nls.stores.tags.listTags(tenantId, { activityId: activity!.id })
    expect(tag).toMatchObject({ competencyIds: ['TT18.PT.1.1.CB'], createdBy: personId })
    expect(await world.nls.stores.tags.listTags(tenantId, { contextId: course.id })).toContainEqual(
      tag,
    )
    // The course page lists the activity and its tag; the course's tag file has it.
    const page = await coursePage(session)
    expect(page).toContain(quiz)
    expect(page).toContain('TT18.PT.1.1.CB')
    expect(await coursePage(session, '/app/course/tags.csv')).toContain(`${quiz},,,,TT18.PT.1.1.CB`)
  })

  it('refuses a file naming an activity of another course (issue 16), and gives one without a course this one', async () => {
    const { courses } = world.nls.stores
    const other = await courses.upsertContext(tenantId, {
      deploymentId: world.platform.deploymentId,
      externalId: '7',
    })
    const elsewhere = `${site()}/mod/page/view.php?id=702`
    const loose = `${site()}/mod/page/view.php?id=503`
    await courses.upsertActivity(tenantId, { iri: elsewhere, contextId: other.id })
    await courses.upsertActivity(tenantId, { iri: loose })

    // A course's trainer tags their course's activities only: the file is refused, the row named.
    const refused = await upload(
      session,
      csv(`${elsewhere},TT18.PT.2.1.CB`, `${loose},TT18.PT.2.1.CB.1`),
    )
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('row 1 (line 2): cannot be stored')
    expect((await courses.findActivityByIri(tenantId, elsewhere))?.contextId).toBe(other.id)
    expect((await courses.findActivityByIri(tenantId, loose))?.contextId).toBeUndefined()

    const res = await upload(session, csv(`${loose},TT18.PT.2.1.CB.1`))
    expect(res.status).toBe(200)
    expect((await courses.findActivityByIri(tenantId, elsewhere))?.contextId).toBe(other.id)
    expect((await courses.findActivityByIri(tenantId, loose))?.contextId).toBe(course.id)
  })

  it('skips, as already tagged, the rows of a file uploaded again', async () => {
    const quiz = `${site()}/mod/quiz/view.php?id=501`
    const before = await world.nls.stores.tags.listTags(tenantId)
    const res = await upload(session, csv(`${quiz},TT18.PT.1.1.CB`))
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).toMatch(/Hàng 1 \(dòng 2\): bỏ qua: đã gắn thẻ \(thẻ [0-9a-f-]{36}\)/)
    // The English page says the same in English.
    const english = await upload(session, csv(`${quiz},TT18.PT.1.1.CB`), 'en')
    expect(english.status).toBe(200)
    expect(await english.text()).toMatch(
      /Row 1 \(line 2\): skipped: already tagged \(tag [0-9a-f-]{36}\)/,
    )
    expect(await world.nls.stores.tags.listTags(tenantId)).toEqual(before)
  })

  it('on a school’s page (a local trainer, no course) makes activities of no course, as before', async () => {
    // The server made its session secret at start: this reads it (the value offered is not kept).
    const secret = Buffer.from(
      await world.nls.stores.toolKeys.secret('session', () => 'unused'),
      'base64url',
    )
    const school = await signSession(
      { tenantId, personId, role: 'instructor', gen: 0 },
      secret,
      new Date(),
    )
    const page = `${site()}/mod/page/view.php?id=504`
    const res = await upload(school, csv(`${page},TT18.PT.3.1.CB`))
    expect(res.status).toBe(200)
    const activity = await world.nls.stores.courses.findActivityByIri(tenantId, page)
    expect(activity).toBeDefined()
    expect(activity?.contextId).toBeUndefined()
  })

  it('is refused to an LMS Instructor launched outside a course (issue 16)', async () => {
    const secret = Buffer.from(
      await world.nls.stores.toolKeys.secret('session', () => 'unused'),
      'base64url',
    )
    const outside = await signSession(
      { tenantId, personId, role: 'instructor', platformId: world.registered.id, gen: 0 },
      secret,
      new Date(),
    )
    const page = `${site()}/mod/page/view.php?id=505`
    const res = await upload(outside, csv(`${page},TT18.PT.3.1.CB`))
    expect(res.status).toBe(403)
    expect(await world.nls.stores.courses.findActivityByIri(tenantId, page)).toBeUndefined()
  })
})
