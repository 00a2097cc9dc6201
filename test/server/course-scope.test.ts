// Issue 16, item 2: a course role acts on its course only. An LMS Instructor launched in course A
// could delete a tag of course B and set a level for a person not in A. Every route that acts on
// a tag, a course or a person is tried across courses, over HTTP against the real app: the
// refusal (B's tag, a person of B only) and the success (A's tag, A's member), and the
// administrators' and local trainers' school-wide powers kept.
import { signSession, type Session } from '../../lti/session.ts'
import type { Activity, Context, Tag } from '../../src/store/index.ts'
import { createBrowser } from '../support/browser.ts'
import { heldLevel } from '../support/levels.ts'
import { launchIn } from '../support/lti-launch.ts'
import { type LtiWorld, startLtiWorld, stopLtiWorld } from '../support/nls-server.ts'

let world: LtiWorld
let tenantId: string
let courseA: Context
let courseB: Context
/**
 * Sessions: the instructor of A and the LMS administrator as a launch from A makes them; a local
 * trainer (no platform, no course); an LMS instructor launched outside a course.
 */
let teacherA: string
let lmsAdmin: string
let localTrainer: string
let outsideCourse: string
/** A learner of A (Moodle user 4), a learner of B only (Moodle user 5); the teacher (user 3). */
let memberA: string
let memberB: string
let teacherId: string
let activityA: Activity
let activityB: Activity
let tagA: Tag
let tagB: Tag

const COMPONENT = 'TT18.PT.1.1'
/** The verb a tag saved from the editor counts (the form sends the ticked ones). */
const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed'
/** The component the review queue is tried on (COMPONENT gets a verdict before it). */
const REVIEWED = 'TT18.PT.2.1'

/** Moodle user `userId` opens NLS from course `courseId`: NLS records them as its member. */
async function launch(
  role: 'Instructor' | 'Learner' | 'Administrator',
  userId: string,
  courseId: string,
): Promise<void> {
  await launchIn(createBrowser(), world.platform, { role, userId, courseId })
}

async function personOf(sub: string): Promise<string> {
  const person = await world.nls.stores.people.findPersonByIdentity(tenantId, {
    kind: 'lti',
    issuer: world.platform.issuer,
    clientId: world.platform.clientId,
    sub,
  })
  return person!.id
}

beforeAll(async () => {
  world = await startLtiWorld()
  tenantId = world.registered.tenantId
  const { stores } = world.nls
  await launch('Instructor', '3', '2')
  await launch('Learner', '4', '2')
  await launch('Learner', '5', '7')
  await launch('Administrator', '2', '2')
  const adminId = await personOf('2')
  teacherId = await personOf('3')
  memberA = await personOf('4')
  memberB = await personOf('5')
  const contextOf = (externalId: string) =>
    stores.courses.upsertContext(tenantId, {
      deploymentId: world.platform.deploymentId,
      externalId,
    })
  ;[courseA, courseB] = await Promise.all([contextOf('2'), contextOf('7')])
  // Course membership as the launches recorded it.
  const member = (contextId: string, personId: string) =>
    stores.courses.getMemberRoles(tenantId, contextId, personId)
  expect(await member(courseA.id, teacherId)).toBeDefined()
  expect(await member(courseA.id, memberA)).toBeDefined()
  expect(await member(courseB.id, memberB)).toBeDefined()
  expect(await member(courseA.id, memberB)).toBeUndefined()
  const site = world.platform.issuer
  activityA = await stores.courses.upsertActivity(tenantId, {
    iri: `${site}/mod/quiz/view.php?id=21`,
    contextId: courseA.id,
  })
  activityB = await stores.courses.upsertActivity(tenantId, {
    iri: `${site}/mod/quiz/view.php?id=71`,
    contextId: courseB.id,
  })
  tagA = await stores.tags.createTag(tenantId, {
    activityId: activityA.id,
    competencyIds: ['TT18.PT.1.1.CB'],
  })
  tagB = await stores.tags.createTag(tenantId, {
    activityId: activityB.id,
    competencyIds: ['TT18.PT.1.1.CB'],
  })
  await saveLevels()
  // The server made its session secret at start: this reads it (the value offered is not kept).
  const secret = Buffer.from(await stores.toolKeys.secret('session', () => 'unused'), 'base64url')
  // Sessions as a launch or a sign-in makes them, in the generation the person is at.
  const sign = async (
    personId: string,
    session: Omit<Session, 'tenantId' | 'personId' | 'gen'>,
  ) => {
    const gen = (await stores.people.sessionGeneration(tenantId, personId)) ?? 0
    return signSession({ tenantId, personId, gen, ...session }, secret, new Date())
  }
  const platformId = world.registered.id
  teacherA = await sign(teacherId, { role: 'instructor', platformId, contextId: courseA.id })
  lmsAdmin = await sign(adminId, { role: 'administrator', platformId, contextId: courseA.id })
  localTrainer = await sign(teacherId, { role: 'instructor' })
  outsideCourse = await sign(teacherId, { role: 'instructor', platformId })
}, 120_000)
afterAll(() => stopLtiWorld(world))

/** Levels held (unreviewed) by both learners: the review queue and its verdicts act on them. */
async function saveLevels(): Promise<void> {
  for (const personId of [memberA, memberB]) {
    await world.nls.stores.progress.saveLevels(tenantId, personId, [
      heldLevel(COMPONENT, 'CB'),
      heldLevel(REVIEWED, 'CB'),
    ])
  }
}

/** A JSON API request with a session as bearer. */
function api(token: string, method: string, path: string, body?: object): Promise<Response> {
  return fetch(`${world.nls.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(body && { 'content-type': 'application/json' }),
    },
    ...(body && { body: JSON.stringify(body) }),
  })
}

/** A page, as a browser gets it with the session in the query. */
function getPage(token: string, path: string): Promise<Response> {
  const sep = path.includes('?') ? '&' : '?'
  return fetch(`${world.nls.url}${path}${sep}session=${encodeURIComponent(token)}`, {
    headers: { accept: 'text/html' },
    redirect: 'manual',
  })
}

/** A page's form, posted with the session as its field. */
function postForm(token: string, path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${world.nls.url}${path}`, {
    method: 'POST',
    headers: { accept: 'text/html' },
    body: new URLSearchParams({ session: token, ...fields }),
    redirect: 'manual',
  })
}

/** A throwaway tag on an activity (to remove). */
const spareTag = (activity: Activity) =>
  world.nls.stores.tags.createTag(tenantId, {
    activityId: activity.id,
    competencyIds: ['TT18.PT.2.1.CB'],
  })
const tagExists = async (id: string) =>
  (await world.nls.stores.tags.getTag(tenantId, id)) !== undefined
const overridesOf = (personId: string) =>
  world.nls.stores.inference.overrideHistory(tenantId, personId)
const setLevel = { targetId: COMPONENT, action: 'set-level', level: 'CB', reason: 'kiểm tra' }

describe('the JSON API for an instructor of course A', () => {
  it('lists the tags of A only, and refuses a listing of B', async () => {
    const res = await api(teacherA, 'GET', '/tags')
    expect(res.status).toBe(200)
    const ids = ((await res.json()) as { tags: Tag[] }).tags.map((t) => t.id)
    expect(ids).toContain(tagA.id)
    expect(ids).not.toContain(tagB.id)
    const other = await api(teacherA, 'GET', `/tags?contextId=${courseB.id}`)
    expect(other.status).toBe(403)
    expect(await other.json()).toMatchObject({ code: 'ERR_FORBIDDEN' })
  })

  it('changes a tag of A, and answers a tag of B as if it did not exist', async () => {
    const change = { competencyIds: ['TT18.PT.1.1.CB.1'] }
    const refused = await api(teacherA, 'PATCH', `/tags/${tagB.id}`, change)
    expect(refused.status).toBe(404)
    expect(await refused.json()).toMatchObject({ code: 'ERR_TAG_NOT_FOUND' })
    expect((await world.nls.stores.tags.getTag(tenantId, tagB.id))?.competencyIds).toEqual([
      'TT18.PT.1.1.CB',
    ])
    const done = await api(teacherA, 'PATCH', `/tags/${tagA.id}`, change)
    expect(done.status).toBe(200)
    expect((await world.nls.stores.tags.getTag(tenantId, tagA.id))?.competencyIds).toEqual([
      'TT18.PT.1.1.CB.1',
    ])
  })

  it('removes a tag of A, and not one of B', async () => {
    const [ofA, ofB] = await Promise.all([spareTag(activityA), spareTag(activityB)])
    const refused = await api(teacherA, 'DELETE', `/tags/${ofB.id}`)
    expect(refused.status).toBe(404)
    expect(await tagExists(ofB.id)).toBe(true)
    expect((await api(teacherA, 'DELETE', `/tags/${ofA.id}`)).status).toBe(204)
    expect(await tagExists(ofA.id)).toBe(false)
  })

  it('tags an activity of A, and not one of B (by id or IRI) nor an IRI prefix', async () => {
    const before = await world.nls.stores.tags.listTags(tenantId)
    const competencyIds = ['TT18.PT.3.1.CB']
    const byId = await api(teacherA, 'POST', '/tags', { activityId: activityB.id, competencyIds })
    expect(byId.status).toBe(404)
    const byIri = await api(teacherA, 'POST', '/tags', {
      activityIri: activityB.iri,
      competencyIds,
    })
    expect(byIri.status).toBe(404)
    const prefix = await api(teacherA, 'POST', '/tags', {
      activityPrefix: `${world.platform.issuer}/mod/`,
      competencyIds,
    })
    expect(prefix.status).toBe(403)
    expect(await world.nls.stores.tags.listTags(tenantId)).toEqual(before)

    const done = await api(teacherA, 'POST', '/tags', { activityId: activityA.id, competencyIds })
    expect(done.status).toBe(201)
    // A new activity named by IRI becomes one of A's.
    const iri = `${world.platform.issuer}/mod/page/view.php?id=22`
    expect((await api(teacherA, 'POST', '/tags', { activityIri: iri, competencyIds })).status).toBe(
      201,
    )
    expect((await world.nls.stores.courses.findActivityByIri(tenantId, iri))?.contextId).toBe(
      courseA.id,
    )
  })

  it('makes a gradebook column in A, and not in B', async () => {
    const column = { label: 'Năng lực số 1.1', competencyIds: ['TT18.PT.1.1.CB'] }
    const refused = await api(teacherA, 'POST', '/gradebook-columns', {
      ...column,
      contextId: courseB.id,
    })
    expect(refused.status).toBe(404)
    const done = await api(teacherA, 'POST', '/gradebook-columns', {
      ...column,
      contextId: courseA.id,
    })
    expect(done.status).toBe(201)
  })

  it('finds a member of A by identity, and not a person of B only', async () => {
    const find = (sub: string) =>
      api(teacherA, 'GET', `/people?${new URLSearchParams({ issuer: world.platform.issuer, sub })}`)
    const refused = await find('5')
    expect(refused.status).toBe(404)
    const found = await find('4')
    expect(found.status).toBe(200)
    expect(await found.json()).toMatchObject({ person: { id: memberA } })
  })

  it('reads the profile and verdicts of a member of A, and not of a person of B only', async () => {
    for (const path of ['profile', 'overrides']) {
      const refused = await api(teacherA, 'GET', `/people/${memberB}/${path}`)
      expect(refused.status).toBe(403)
      expect(await refused.json()).toMatchObject({ code: 'ERR_FORBIDDEN' })
      expect((await api(teacherA, 'GET', `/people/${memberA}/${path}`)).status).toBe(200)
    }
  })

  it('sets a level of a member of A, and not of a person of B only', async () => {
    const refused = await api(teacherA, 'POST', `/people/${memberB}/overrides`, setLevel)
    expect(refused.status).toBe(403)
    expect(await overridesOf(memberB)).toEqual([])
    const done = await api(teacherA, 'POST', `/people/${memberA}/overrides`, setLevel)
    expect(done.status).toBe(201)
    expect(await overridesOf(memberA)).toHaveLength(1)
  })
})

describe('the pages for an instructor of course A', () => {
  it('open the editor of a tag of A, and not of one of B', async () => {
    expect((await getPage(teacherA, `/app/tags/${tagB.id}`)).status).toBe(404)
    expect((await getPage(teacherA, `/app/tags/${tagA.id}`)).status).toBe(200)
    expect((await getPage(teacherA, `/app/tags/new?activityId=${activityB.id}`)).status).toBe(404)
    expect((await getPage(teacherA, `/app/tags/new?activityId=${activityA.id}`)).status).toBe(200)
  })

  it('save a tag of A, and not one of B', async () => {
    const fields = { competency: 'TT18.PT.1.2.CB', verb: COMPLETED }
    expect((await postForm(teacherA, `/app/tags/${tagB.id}`, fields)).status).toBe(404)
    expect((await world.nls.stores.tags.getTag(tenantId, tagB.id))?.competencyIds).not.toContain(
      'TT18.PT.1.2.CB',
    )
    expect((await postForm(teacherA, `/app/tags/${tagA.id}`, fields)).status).toBe(303)
    expect((await world.nls.stores.tags.getTag(tenantId, tagA.id))?.competencyIds).toEqual([
      'TT18.PT.1.2.CB',
    ])
  })

  it('make a tag on an activity of A, and not on one of B', async () => {
    const before = await world.nls.stores.tags.listTags(tenantId, { activityId: activityB.id })
    const fields = { competency: 'TT18.PT.4.1.CB', verb: COMPLETED }
    const refused = await postForm(teacherA, '/app/tags/new', {
      ...fields,
      activityId: activityB.id,
    })
    expect(refused.status).toBe(404)
    const byIri = await postForm(teacherA, '/app/tags/new', {
      ...fields,
      activityIri: activityB.iri!,
    })
    expect(byIri.status).toBe(404)
    expect(await world.nls.stores.tags.listTags(tenantId, { activityId: activityB.id })).toEqual(
      before,
    )
    const done = await postForm(teacherA, '/app/tags/new', { ...fields, activityId: activityA.id })
    expect(done.status).toBe(303)
  })

  it('remove a tag of A, and not one of B', async () => {
    const [ofA, ofB] = await Promise.all([spareTag(activityA), spareTag(activityB)])
    expect((await postForm(teacherA, `/app/tags/${ofB.id}/delete`, {})).status).toBe(404)
    expect(await tagExists(ofB.id)).toBe(true)
    expect((await postForm(teacherA, `/app/tags/${ofA.id}/delete`, {})).status).toBe(303)
    expect(await tagExists(ofA.id)).toBe(false)
  })

  it('upload a tag file on A’s activities, and not one naming B’s', async () => {
    const upload = (text: string) => {
      const form = new FormData()
      form.append('session', teacherA)
      form.append('file', new Blob([text], { type: 'text/csv' }), 'the.csv')
      return fetch(`${world.nls.url}/app/course/tags`, { method: 'POST', body: form })
    }
    const csv = (iri: string) => `activity_iri,competency_ids\r\n${iri},TT18.PT.5.1.CB\r\n`
    const before = await world.nls.stores.tags.listTags(tenantId, { activityId: activityB.id })
    const refused = await upload(csv(activityB.iri!))
    expect(refused.status).toBe(400)
    expect(await world.nls.stores.tags.listTags(tenantId, { activityId: activityB.id })).toEqual(
      before,
    )
    expect((await upload(csv(activityA.iri!))).status).toBe(200)
  })

  it('show the profile of a member of A, and not of a person of B only', async () => {
    expect((await getPage(teacherA, `/app/people/${memberB}`)).status).toBe(403)
    expect((await getPage(teacherA, `/app/people/${memberA}`)).status).toBe(200)
  })

  it('queue for review the levels of A’s members only, and take verdicts on them only', async () => {
    // The verdicts and tags above queued people for inference, which recomputes their levels
    // from evidence (none): let it finish, then give both learners a level to review again.
    await world.nls.inference.runOnce()
    await saveLevels()
    const queue = await (await getPage(teacherA, '/app/review')).text()
    expect(queue).toContain(memberA)
    expect(queue).not.toContain(memberB)
    // A verdict judges a level the profile holds: learner A holds COMPONENT by a trainer's
    // set-level (no evidence), which this review then withdraws.
    expect((await api(teacherA, 'POST', `/people/${memberA}/overrides`, setLevel)).status).toBe(201)
    const verdict = { componentId: COMPONENT, decision: 'none', reason: 'chưa đủ minh chứng' }
    const before = (await overridesOf(memberA)).length
    const refused = await postForm(teacherA, '/app/review', { ...verdict, personId: memberB })
    expect(refused.status).toBe(403)
    expect(await overridesOf(memberB)).toEqual([])
    const done = await postForm(teacherA, '/app/review', { ...verdict, personId: memberA })
    expect(done.status).toBe(303)
    expect(await overridesOf(memberA)).toHaveLength(before + 1)
  })
})

describe('an LMS instructor launched outside a course', () => {
  it('has no school-wide powers: no tags, no staff, no other person', async () => {
    expect((await api(outsideCourse, 'GET', '/tags')).status).toBe(403)
    expect((await api(outsideCourse, 'PATCH', `/tags/${tagA.id}`, { rule: {} })).status).toBe(403)
    expect((await api(outsideCourse, 'GET', `/people/${memberA}/profile`)).status).toBe(403)
    expect((await getPage(outsideCourse, '/app/class')).status).toBe(403)
    expect((await getPage(outsideCourse, '/app/course')).status).toBe(403)
    expect((await getPage(outsideCourse, '/app/review')).status).toBe(403)
    // Their own profile is still theirs.
    expect((await api(outsideCourse, 'GET', `/people/${teacherId}/profile`)).status).toBe(200)
  })
})

describe('school-wide powers', () => {
  it('an LMS administrator (launched in A) acts on B’s tags and people', async () => {
    const ofB = await spareTag(activityB)
    expect((await api(lmsAdmin, 'DELETE', `/tags/${ofB.id}`)).status).toBe(204)
    expect((await api(lmsAdmin, 'GET', `/people/${memberB}/profile`)).status).toBe(200)
    const verdict = await api(lmsAdmin, 'POST', `/people/${memberB}/overrides`, setLevel)
    expect(verdict.status).toBe(201)
    expect((await getPage(lmsAdmin, `/app/people/${memberB}`)).status).toBe(200)
    const tags = ((await (await api(lmsAdmin, 'GET', '/tags')).json()) as { tags: Tag[] }).tags
    expect(tags.map((t) => t.id)).toEqual(expect.arrayContaining([tagA.id, tagB.id]))
  })

  it('a local trainer (no LMS, no course) tags any of the school’s activities', async () => {
    const change = { rule: { count: 2 } }
    expect((await api(localTrainer, 'PATCH', `/tags/${tagB.id}`, change)).status).toBe(200)
    expect((await getPage(localTrainer, `/app/tags/${tagB.id}`)).status).toBe(200)
    expect((await api(localTrainer, 'GET', `/people/${memberB}/profile`)).status).toBe(200)
    expect((await getPage(localTrainer, '/app/class')).status).toBe(200)
  })
})
