// The courses a person learns in (CourseStore.listLearnerCourses): a Learner there, neither
// teaching nor administering it; one tenant never sees another's.
import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { openTestDatabase } from '../support/test-database.ts'

const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'
/** A Learner sub-role (LTI 1.3 Core §A.2.3.1). */
const LEARNER_SUB = 'http://purl.imsglobal.org/vocab/lis/v2/membership/Learner#Learner'
const INSTRUCTOR = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'

let database: Database
let stores: Stores
beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
}, 30_000) // PGlite starts slowly when every suite starts one at once
afterAll(() => database.close())

describe('listLearnerCourses', () => {
  it('lists the courses where the person is a learner only, oldest first, in their tenant', async () => {
    const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'Moodle' })).id
    const otherId = (await stores.tenants.createTenant({ kind: 'platform', name: 'K12' })).id
    const pupil = await stores.people.upsertPersonByIdentity(tenantId, {
      kind: 'mbox',
      mbox: 'mailto:hs.an@example.edu.vn',
    })
    const course = (externalId: string) =>
      stores.courses.upsertContext(tenantId, { deploymentId: 'd1', externalId, title: externalId })
    const class7 = await course('7A')
    const club = await course('CLB Tin học')
    const taught = await course('Lớp 6B')
    const both = await course('Lớp 8C')
    await stores.courses.setMemberRoles(tenantId, class7.id, pupil.id, [LEARNER])
    await stores.courses.setMemberRoles(tenantId, club.id, pupil.id, [LEARNER_SUB])
    await stores.courses.setMemberRoles(tenantId, taught.id, pupil.id, [INSTRUCTOR])
    await stores.courses.setMemberRoles(tenantId, both.id, pupil.id, [LEARNER, INSTRUCTOR])
    await stores.courses.setCourseTable(tenantId, class7.id, { audience: 'TT02.NH', grade: 7 })
    const listed = await stores.courses.listLearnerCourses(tenantId, pupil.id)
    expect(listed.map((c) => [c.externalId, c.audience, c.grade])).toEqual([
      ['7A', 'TT02.NH', 7],
      ['CLB Tin học', undefined, undefined],
    ])
    expect(await stores.courses.listLearnerCourses(otherId, pupil.id)).toEqual([])
  })
})
