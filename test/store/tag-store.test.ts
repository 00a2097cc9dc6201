import type { Activity, CourseStore } from '../../src/store/course-store.ts'
import type { Database } from '../../src/store/database.ts'
import { postgresCourseStore } from '../../src/store/postgres-course-store.ts'
import { postgresPeopleStore } from '../../src/store/postgres-people-store.ts'
import { postgresTagStore } from '../../src/store/postgres-tag-store.ts'
import { postgresTenantStore } from '../../src/store/postgres-tenant-store.ts'
import type { TagStore } from '../../src/store/tag-store.ts'
import { openTestDatabase } from '../support/test-database.ts'

const UNKNOWN = '00000000-0000-4000-8000-000000000000'

let database: Database
let tags: TagStore
let courses: CourseStore
let tenantId: string
let otherTenantId: string
let trainerId: string
let quiz: Activity
beforeAll(async () => {
  database = await openTestDatabase()
  tags = postgresTagStore(database.db)
  courses = postgresCourseStore(database.db)
  const tenants = postgresTenantStore(database.db)
  tenantId = (await tenants.createTenant({ kind: 'platform', name: 'Moodle' })).id
  otherTenantId = (await tenants.createTenant({ kind: 'platform', name: 'K12Online' })).id
  trainerId = (
    await postgresPeopleStore(database.db).upsertPersonByIdentity(tenantId, {
      kind: 'lti',
      issuer: 'https://moodle.example.edu.vn',
      clientId: 'nls',
      sub: '2',
    })
  ).id
  quiz = await courses.upsertActivity(tenantId, { iri: 'urn:quiz' })
}, 30_000) // PGlite starts slowly when every suite starts one at once
afterAll(() => database.close())

describe('tag store', () => {
  it('tags a known activity with competencies and a rule, and reads it back with the activity', async () => {
    const rule = { verbs: ['http://adlnet.gov/expapi/verbs/passed'], minScore: 0.8 }
    const tag = await tags.createTag(tenantId, {
      activityId: quiz.id,
      competencyIds: ['TT18.PT.1.1.CB', 'TT18.PT.1.1.TT.2'],
      rule,
      createdBy: trainerId,
    })
    expect(tag).toEqual({
      tenantId,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      activityId: quiz.id,
      activity: { iri: 'urn:quiz' },
      competencyIds: ['TT18.PT.1.1.CB', 'TT18.PT.1.1.TT.2'],
      rule,
      createdBy: trainerId,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    })
    expect(await tags.getTag(tenantId, tag.id)).toEqual(tag)
    expect(await tags.getTag(otherTenantId, tag.id)).toBeUndefined()
  })

  it('tags every activity under an IRI prefix, with an empty rule when none is given', async () => {
    const tag = await tags.createTag(tenantId, {
      activityPrefix: 'https://moodle.example.edu.vn/mod/',
      competencyIds: ['TT18.PT.2.1.CB'],
    })
    expect(tag).toMatchObject({
      activityPrefix: 'https://moodle.example.edu.vn/mod/',
      rule: {},
      competencyIds: ['TT18.PT.2.1.CB'],
    })
    expect(tag.activityId).toBeUndefined()
    expect(tag.activity).toBeUndefined()
  })

  it('refuses a tag with no target, two targets, no competency, or an unknown activity', async () => {
    await expect(tags.createTag(tenantId, { competencyIds: ['TT18.PT.1.1.CB'] })).rejects.toThrow()
    await expect(
      tags.createTag(tenantId, {
        activityId: quiz.id,
        activityPrefix: 'urn:',
        competencyIds: ['TT18.PT.1.1.CB'],
      }),
    ).rejects.toThrow()
    await expect(
      tags.createTag(tenantId, { activityId: quiz.id, competencyIds: [] }),
    ).rejects.toThrow()
    await expect(
      tags.createTag(tenantId, { activityId: UNKNOWN, competencyIds: ['TT18.PT.1.1.CB'] }),
    ).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' })
    // Another tenant's activity is as unknown as a missing one.
    await expect(
      tags.createTag(otherTenantId, { activityId: quiz.id, competencyIds: ['TT18.PT.1.1.CB'] }),
    ).rejects.toMatchObject({ code: 'ERR_STORE_NOT_FOUND' })
  })

  it('changes competencies or rule, leaving the rest', async () => {
    const tag = await tags.createTag(tenantId, {
      activityId: quiz.id,
      competencyIds: ['TT18.PT.3.1.CB'],
    })
    const changed = await tags.updateTag(tenantId, tag.id, { rule: { count: 2 } })
    expect(changed).toMatchObject({ competencyIds: ['TT18.PT.3.1.CB'], rule: { count: 2 } })
    expect(changed!.updatedAt.getTime()).toBeGreaterThanOrEqual(tag.updatedAt.getTime())
    const again = await tags.updateTag(tenantId, tag.id, { competencyIds: ['TT18.PT.3.1.TT'] })
    expect(again).toMatchObject({ competencyIds: ['TT18.PT.3.1.TT'], rule: { count: 2 } })
    expect(await tags.updateTag(otherTenantId, tag.id, { rule: {} })).toBeUndefined()
    expect(await tags.updateTag(tenantId, UNKNOWN, { rule: {} })).toBeUndefined()
  })

  it('lists by activity, by course and by competency, oldest first', async () => {
    const course = await courses.upsertContext(tenantId, {
      deploymentId: '1',
      externalId: 'course-7',
    })
    const page = await courses.upsertActivity(tenantId, { iri: 'urn:page', contextId: course.id })
    const first = await tags.createTag(tenantId, {
      activityId: page.id,
      competencyIds: ['TT18.PT.4.1.CB'],
    })
    const second = await tags.createTag(tenantId, {
      activityId: page.id,
      competencyIds: ['TT18.PT.4.1.TT', 'TT18.PT.4.2.CB'],
    })
    expect((await tags.listTags(tenantId, { activityId: page.id })).map((t) => t.id)).toEqual([
      first.id,
      second.id,
    ])
    expect((await tags.listTags(tenantId, { contextId: course.id })).map((t) => t.id)).toEqual([
      first.id,
      second.id,
    ])
    expect(
      (await tags.listTags(tenantId, { competencyId: 'TT18.PT.4.2.CB' })).map((t) => t.id),
    ).toEqual([second.id])
    const all = await tags.listTags(tenantId)
    expect(all.map((t) => t.id)).toEqual(expect.arrayContaining([first.id, second.id]))
    expect(await tags.listTags(otherTenantId)).toEqual([])
  })

  it('removes a tag once', async () => {
    const tag = await tags.createTag(tenantId, {
      activityId: quiz.id,
      competencyIds: ['TT18.PT.5.1.CB'],
    })
    expect(await tags.removeTag(otherTenantId, tag.id)).toBe(false)
    expect(await tags.removeTag(tenantId, tag.id)).toBe(true)
    expect(await tags.removeTag(tenantId, tag.id)).toBe(false)
    expect(await tags.getTag(tenantId, tag.id)).toBeUndefined()
  })
})
