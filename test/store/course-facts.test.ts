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
