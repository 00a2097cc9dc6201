import { createStores, type Stores } from '../../src/store/index.ts'
import type { Database } from '../../src/store/database.ts'
import { openTestDatabase } from '../support/test-database.ts'

const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'
const INSTRUCTOR = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'

let database: Database
let stores: Stores
let tenantId: string
beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
  tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THCS Long Biên' })).id
}, 30_000)
afterAll(() => database.close())

async function person(sub: string) {
  return stores.people.upsertPersonByIdentity(
    tenantId,
    { kind: 'lti', issuer: 'https://moodle.example', clientId: 'c', sub },
    { name: sub },
  )
}

describe("a person's tables and grade from the courses they learn in", () => {
  it('follows the course table and grade, for learners only', async () => {
    const klass = await stores.courses.upsertContext(tenantId, {
      deploymentId: 'd',
      externalId: '7A1',
      title: 'Tin học 7',
      label: '7A1',
    })
    const training = await stores.courses.upsertContext(tenantId, {
      deploymentId: 'd',
      externalId: 'bd',
      title: 'Bồi dưỡng NLS',
    })
    const pupil = await person('pupil')
    const teacher = await person('teacher')
    await stores.courses.setMemberRoles(tenantId, klass.id, pupil.id, [LEARNER])
    await stores.courses.setMemberRoles(tenantId, klass.id, teacher.id, [INSTRUCTOR])
    await stores.courses.setMemberRoles(tenantId, training.id, teacher.id, [LEARNER])
    expect((await stores.people.getPerson(tenantId, pupil.id))?.courseAudiences).toBeUndefined()

    const set = await stores.courses.setCourseTable(tenantId, klass.id, {
      audience: 'TT02.NH',
      grade: 7,
    })
    expect(set).toMatchObject({ audience: 'TT02.NH', grade: 7 })
    expect(await stores.people.getPerson(tenantId, pupil.id)).toMatchObject({
      courseAudiences: ['TT02.NH'],
      grade: 7,
      className: '7A1',
    })
    // Teaching the class does not make the teacher a pupil.
    const t = await stores.people.getPerson(tenantId, teacher.id)
    expect(t?.courseAudiences).toBeUndefined()
    expect(t?.grade).toBeUndefined()

    await stores.courses.setCourseTable(tenantId, training.id, { audience: 'TT18.PT', grade: null })
    expect((await stores.people.getPerson(tenantId, teacher.id))?.courseAudiences).toEqual([
      'TT18.PT',
    ])

    // The NRPS roster drops the pupil: the class no longer says anything of them.
    await stores.courses.setRoster(tenantId, klass.id, [teacher.id], new Date())
    const gone = await stores.people.getPerson(tenantId, pupil.id)
    expect(gone?.courseAudiences).toBeUndefined()
    expect(gone?.grade).toBeUndefined()
  })

  it('refuses a course of another tenant', async () => {
    const other = (await stores.tenants.createTenant({ kind: 'platform', name: 'Other' })).id
    const course = await stores.courses.upsertContext(other, { deploymentId: 'd', externalId: 'x' })
    await expect(
      stores.courses.setCourseTable(tenantId, course.id, { audience: 'TT02.NH', grade: 7 }),
    ).rejects.toThrow(/does not exist/)
  })
})

describe("a course's members written at once (its NRPS roster)", () => {
  it('writes every member in one call, updates their roles, and refreshes their course facts', async () => {
    const klass = await stores.courses.upsertContext(tenantId, {
      deploymentId: 'd',
      externalId: '8B2',
      title: 'Tin học 8',
      label: '8B2',
    })
    await stores.courses.setCourseTable(tenantId, klass.id, { audience: 'TT02.NH', grade: 8 })
    const pupils = await Promise.all(['r1', 'r2', 'r3'].map(person))
    const teacher = await person('r-teacher')

    await stores.courses.setMembersRoles(tenantId, klass.id, [
      ...pupils.map((p) => ({ personId: p.id, roles: [LEARNER] })),
      { personId: teacher.id, roles: [INSTRUCTOR] },
    ])
    const byId = (ids: readonly string[]) => [...ids].sort()
    expect(await stores.courses.listMembers(tenantId, klass.id)).toEqual(
      byId([...pupils.map((p) => p.id), teacher.id]).map((personId) => ({
        personId,
        roles: personId === teacher.id ? [INSTRUCTOR] : [LEARNER],
      })),
    )
    for (const pupil of pupils) {
      expect(await stores.people.getPerson(tenantId, pupil.id)).toMatchObject({
        courseAudiences: ['TT02.NH'],
        grade: 8,
        className: '8B2',
      })
    }
    expect((await stores.people.getPerson(tenantId, teacher.id))?.courseAudiences).toBeUndefined()

    // The next roster: the first pupil now teaches, the teacher learns; a person given twice
    // keeps the roles given last.
    await stores.courses.setMembersRoles(tenantId, klass.id, [
      { personId: pupils[0]!.id, roles: [INSTRUCTOR] },
      { personId: teacher.id, roles: [INSTRUCTOR] },
      { personId: teacher.id, roles: [LEARNER] },
    ])
    expect(await stores.courses.getMemberRoles(tenantId, klass.id, pupils[0]!.id)).toEqual([
      INSTRUCTOR,
    ])
    expect(await stores.courses.getMemberRoles(tenantId, klass.id, teacher.id)).toEqual([LEARNER])
    expect(await stores.courses.getMemberRoles(tenantId, klass.id, pupils[1]!.id)).toEqual([
      LEARNER,
    ])
    const former = await stores.people.getPerson(tenantId, pupils[0]!.id)
    expect(former?.courseAudiences).toBeUndefined()
    expect(former?.grade).toBeUndefined()
    expect((await stores.people.getPerson(tenantId, teacher.id))?.courseAudiences).toEqual([
      'TT02.NH',
    ])

    await stores.courses.setMembersRoles(tenantId, klass.id, [])
    expect(await stores.courses.listMembers(tenantId, klass.id)).toHaveLength(4)
  })

  it('refuses a course of another tenant', async () => {
    const other = (await stores.tenants.createTenant({ kind: 'platform', name: 'Another' })).id
    const course = await stores.courses.upsertContext(other, { deploymentId: 'd', externalId: 'y' })
    const pupil = await person('r-other')
    await expect(
      stores.courses.setMembersRoles(tenantId, course.id, [
        { personId: pupil.id, roles: [LEARNER] },
      ]),
    ).rejects.toThrow()
    expect(await stores.courses.listMembers(other, course.id)).toEqual([])
  })
})
