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
  it('tags an activity and lists its tags in byte order of competency ID', async () => {
    const rule = { verbs: ['http://adlnet.gov/expapi/verbs/passed'], minScaled: 0.8 }
    const added = await tags.addTags(tenantId, quiz.id, [
      { competencyId: 'TT18.PT.1.10.CB', createdBy: trainerId },
      { competencyId: 'TT18.PT.1.1.TT', rule },
    ])
    expect(added).toEqual([
      {
        tenantId,
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        activityId: quiz.id,
        competencyId: 'TT18.PT.1.10.CB',
        rule: {},
        createdBy: trainerId,
        createdAt: expect.any(Date),
      },
      {
        tenantId,
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        activityId: quiz.id,
        competencyId: 'TT18.PT.1.1.TT',
        rule,
        createdBy: undefined,
        createdAt: expect.any(Date),
      },
    ])
    // '.' sorts before '0' byte by byte, whatever the server's collation says.
    expect(await tags.listTagsForActivity(tenantId, quiz.id)).toEqual([added[1], added[0]])
  })

  it('re-adding a competency replaces its rule and keeps its id and creator', async () => {
    const activity = await courses.upsertActivity(tenantId, { iri: 'urn:readd' })
    const [first] = await tags.addTags(tenantId, activity.id, [
      { competencyId: 'TT18.PT.2.1.CB', rule: { minScaled: 0.5 }, createdBy: trainerId },
    ])
    const again = await tags.addTags(tenantId, activity.id, [
      { competencyId: 'TT18.PT.2.1.CB', rule: { minScaled: 0.6 } },
      { competencyId: 'TT18.PT.2.2.CB' },
      { competencyId: 'TT18.PT.2.1.CB', rule: { minScaled: 0.7 } },
    ])
    expect(again.map((t) => [t.competencyId, t.rule])).toEqual([
      ['TT18.PT.2.1.CB', { minScaled: 0.7 }],
      ['TT18.PT.2.2.CB', {}],
    ])
    expect(again[0]).toEqual({ ...first, rule: { minScaled: 0.7 } })
    expect(await tags.listTagsForActivity(tenantId, activity.id)).toEqual(again)
    expect(await tags.addTags(tenantId, activity.id, [])).toEqual([])
  })

  it('refuses to tag an activity that does not exist in the tenant', async () => {
    const theirs = await courses.upsertActivity(otherTenantId, { iri: 'urn:theirs' })
    for (const activityId of [UNKNOWN, theirs.id]) {
      await expect(
        tags.addTags(tenantId, activityId, [{ competencyId: 'TT18.PT.1.1.CB' }]),
      ).rejects.toMatchObject({
        code: 'ERR_STORE_NOT_FOUND',
        message: `activity ${activityId} does not exist`,
      })
    }
    expect(await tags.listTagsForActivity(otherTenantId, theirs.id)).toEqual([])
  })

  it('removes a tag once', async () => {
    const activity = await courses.upsertActivity(tenantId, { iri: 'urn:remove' })
    const [tag, kept] = await tags.addTags(tenantId, activity.id, [
      { competencyId: 'TT18.PT.3.1.CB' },
      { competencyId: 'TT18.PT.3.2.CB' },
    ])
    expect(await tags.removeTag(otherTenantId, tag!.id)).toBe(false)
    expect(await tags.removeTag(tenantId, tag!.id)).toBe(true)
    expect(await tags.removeTag(tenantId, tag!.id)).toBe(false)
    expect(await tags.listTagsForActivity(tenantId, activity.id)).toEqual([kept])
  })

  it('finds the tags of activities by IRI, with the IRI', async () => {
    const video = await courses.upsertActivity(tenantId, { iri: 'urn:video' })
    const [onVideo] = await tags.addTags(tenantId, video.id, [{ competencyId: 'TT18.PT.4.1.CB' }])
    const onQuiz = await tags.listTagsForActivity(tenantId, quiz.id)
    const found = await tags.findTagsForActivityIris(tenantId, [
      'urn:video',
      'urn:quiz',
      'urn:unknown',
    ])
    expect(found).toEqual([
      ...onQuiz.map((t) => ({ ...t, activityIri: 'urn:quiz' })),
      { ...onVideo, activityIri: 'urn:video' },
    ])
    expect(await tags.findTagsForActivityIris(tenantId, [])).toEqual([])
    expect(await tags.findTagsForActivityIris(otherTenantId, ['urn:video', 'urn:quiz'])).toEqual([])
  })

  it('lists the tags of a context’s activities', async () => {
    const context = await courses.upsertContext(tenantId, { deploymentId: 'd1', externalId: '5' })
    const a = await courses.upsertActivity(tenantId, { contextId: context.id, iri: 'urn:ctx-a' })
    const b = await courses.upsertActivity(tenantId, { contextId: context.id, iri: 'urn:ctx-b' })
    const onA = await tags.addTags(tenantId, a.id, [
      { competencyId: 'TT18.PT.5.2.CB' },
      { competencyId: 'TT18.PT.5.1.CB' },
    ])
    const onB = await tags.addTags(tenantId, b.id, [{ competencyId: 'TT18.PT.5.1.TT' }])
    expect(await tags.listTagsForContext(tenantId, context.id)).toEqual([onA[1], onA[0], onB[0]])
    expect(await tags.listTagsForContext(otherTenantId, context.id)).toEqual([])
  })
})
