// The class page of a course's trainer reads the course's roster from the LMS (NRPS) and keeps it:
// every member becomes a member of the course with their roles, the course's table reaches every
// pupil of it, and one who left the course leaves its members at the next read. A learner's
// request reads nothing. Over HTTP against the real app and a fake Moodle.
import type { Context } from '../../src/store/index.ts'
import { createBrowser } from '../support/browser.ts'
import { launchIn } from '../support/lti-launch.ts'
import { type LtiWorld, startLtiWorld, stopLtiWorld } from '../support/nls-server.ts'

let world: LtiWorld
let tenantId: string
let trainer: string
let learner: string
let course: Context
/** The learner's answer to the class page, and the course as it was after it. */
let learnerRefused: number
let learnerRead: Context | undefined

/** Moodle user `userId` opens NLS from course 2; their session token. */
async function launch(role: 'Instructor' | 'Learner', userId: string): Promise<string> {
  const page = await launchIn(createBrowser(), world.platform, { role, userId, courseId: '2' })
  expect(page.status).toBe(200)
  return new URL(page.url).searchParams.get('session')!
}

/** The person ids of Moodle users, in order (undefined for one NLS does not know). */
function personIds(userIds: readonly string[]) {
  return world.nls.stores.people.findPersonIds(
    tenantId,
    userIds.map((sub) => ({
      kind: 'lti' as const,
      issuer: world.platform.issuer,
      clientId: world.platform.clientId,
      sub,
    })),
  )
}

/** Moodle's users 4, 5, … : the students `setRoster` enrols. */
const students = (n: number) => Array.from({ length: n }, (_, i) => String(4 + i))

const classPage = (token: string) => fetch(`${world.nls.url}/app/class?session=${token}`)

beforeAll(async () => {
  world = await startLtiWorld()
  tenantId = world.registered.tenantId
  // Course 2: teacher 3 and 60 students. A student opens NLS first; the course is then made a
  // grade-7 class on TT02.NH; the teacher's launch then reads the roster.
  world.platform.setRoster('2', { students: 60 })
  learner = await launch('Learner', '4')
  course = await world.nls.stores.courses.upsertContext(tenantId, {
    deploymentId: world.platform.deploymentId,
    externalId: '2',
  })
  await world.nls.stores.courses.setCourseTable(tenantId, course.id, {
    audience: 'TT02.NH',
    grade: 7,
  })
  learnerRefused = (await classPage(learner)).status
  learnerRead = await world.nls.stores.courses.getContext(tenantId, course.id)
  trainer = await launch('Instructor', '3')
}, 60_000)
afterAll(() => stopLtiWorld(world))

it('refuses a learner the class page, and reads no roster for them', () => {
  expect(learnerRefused).toBe(403)
  expect(learnerRead?.rosterSyncedAt).toBeUndefined()
})

it("keeps the whole roster with its roles, and the course's table reaches every pupil", async () => {
  expect((await classPage(trainer)).status).toBe(200)
  const { courses, people } = world.nls.stores
  expect((await courses.getContext(tenantId, course.id))?.rosterSyncedAt).toBeInstanceOf(Date)

  const [teacherId] = await personIds(['3'])
  const pupilIds = await personIds(students(60))
  expect(pupilIds.every((id) => id !== undefined)).toBe(true)
  const members = await courses.listMembers(tenantId, course.id)
  expect(members).toHaveLength(61)
  const roles = new Map(members.map((m) => [m.personId, m.roles]))
  expect(roles.get(teacherId!)).toEqual(['Instructor'])
  expect(new Set(pupilIds.map((id) => roles.get(id!)?.join()))).toEqual(new Set(['Learner']))

  const pupils = await people.getPeople(tenantId, pupilIds as string[])
  expect(pupils).toHaveLength(60)
  for (const pupil of pupils) {
    expect(pupil).toMatchObject({ courseAudiences: ['TT02.NH'], grade: 7 })
  }
  expect((await people.getPerson(tenantId, teacherId!))?.courseAudiences).toBeUndefined()
})

it('drops those who left the course at the next read, and their course facts with them', async () => {
  const { courses, people } = world.nls.stores
  world.platform.setRoster('2', { students: 30 })
  // The roster as read long ago: the page reads it again.
  const kept = (await courses.listMembers(tenantId, course.id)).map((m) => m.personId)
  await courses.setRoster(tenantId, course.id, kept, new Date(0))

  expect((await classPage(trainer)).status).toBe(200)
  expect(await courses.listMembers(tenantId, course.id)).toHaveLength(31)
  const [stayed, left] = await personIds(['33', '34'])
  expect((await people.getPerson(tenantId, stayed!))?.courseAudiences).toEqual(['TT02.NH'])
  const gone = await people.getPerson(tenantId, left!)
  expect(gone?.courseAudiences).toBeUndefined()
  expect(gone?.grade).toBeUndefined()
})
