import type { CourseStore } from '../../src/store/course-store.ts'
import type { Database } from '../../src/store/database.ts'
import { postgresCourseStore } from '../../src/store/postgres-course-store.ts'
import { postgresTenantStore } from '../../src/store/postgres-tenant-store.ts'
import { openTestDatabase } from '../support/test-database.ts'

const QUIZ = 'https://moodle.example.edu.vn/mod/quiz/view.php?id=12'
const UNKNOWN = '00000000-0000-4000-8000-000000000000'

let database: Database
let courses: CourseStore
let tenantId: string
let otherTenantId: string
beforeAll(async () => {
  database = await openTestDatabase()
  courses = postgresCourseStore(database.db)
  const tenants = postgresTenantStore(database.db)
  tenantId = (await tenants.createTenant({ kind: 'platform', name: 'Moodle' })).id
  otherTenantId = (await tenants.createTenant({ kind: 'platform', name: 'K12Online' })).id
}, 30_000) // PGlite starts slowly when every suite starts one at once
afterAll(() => database.close())

describe('contexts', () => {
  it('creates a context, then updates the fields given and keeps the rest', async () => {
    const created = await courses.upsertContext(tenantId, {
      deploymentId: 'd1',
      externalId: '42',
      title: 'Bồi dưỡng năng lực số',
      label: 'NLS-01',
    })
    expect(created).toEqual({
      tenantId,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      deploymentId: 'd1',
      externalId: '42',
      title: 'Bồi dưỡng năng lực số',
      label: 'NLS-01',
      createdAt: expect.any(Date),
    })
    expect(await courses.upsertContext(tenantId, { deploymentId: 'd1', externalId: '42' })).toEqual(
      created,
    )
    const retitled = await courses.upsertContext(tenantId, {
      deploymentId: 'd1',
      externalId: '42',
      title: 'Năng lực số 2026',
    })
    expect(retitled).toEqual({ ...created, title: 'Năng lực số 2026' })
  })

  it('tells contexts apart by deployment and by tenant', async () => {
    const a = await courses.upsertContext(tenantId, { deploymentId: 'd1', externalId: '7' })
    const b = await courses.upsertContext(tenantId, { deploymentId: 'd2', externalId: '7' })
    const c = await courses.upsertContext(otherTenantId, { deploymentId: 'd1', externalId: '7' })
    expect(new Set([a.id, b.id, c.id]).size).toBe(3)
    expect(c.tenantId).toBe(otherTenantId)
  })
})

describe('activities', () => {
  it('creates an activity by IRI, then updates the fields given and keeps the rest', async () => {
    const context = await courses.upsertContext(tenantId, { deploymentId: 'd1', externalId: '1' })
    const created = await courses.upsertActivity(tenantId, {
      contextId: context.id,
      iri: QUIZ,
      name: 'Quiz 1',
    })
    expect(created).toEqual({
      tenantId,
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      contextId: context.id,
      iri: QUIZ,
      resourceLinkId: undefined,
      name: 'Quiz 1',
      type: undefined,
      createdAt: expect.any(Date),
    })
    const typed = await courses.upsertActivity(tenantId, {
      iri: QUIZ,
      type: 'http://adlnet.gov/expapi/activities/assessment',
    })
    expect(typed).toEqual({ ...created, type: 'http://adlnet.gov/expapi/activities/assessment' })
    expect(await courses.findActivityByIri(tenantId, QUIZ)).toEqual(typed)
  })

  it('fills in a missing resource link, never replaces one', async () => {
    const iri = 'https://moodle.example.edu.vn/mod/page/view.php?id=3'
    const created = await courses.upsertActivity(tenantId, { iri })
    const linked = await courses.upsertActivity(tenantId, { iri, resourceLinkId: 'rl-3' })
    expect(linked).toEqual({ ...created, resourceLinkId: 'rl-3' })
    const again = await courses.upsertActivity(tenantId, { iri, resourceLinkId: 'rl-3b' })
    expect(again).toEqual(linked)
  })

  it('keys by resource link without an IRI, and gives that activity the IRI when it is learnt', async () => {
    const launched = await courses.upsertActivity(tenantId, {
      resourceLinkId: 'rl-9',
      name: 'Bài tập 9',
    })
    expect(await courses.upsertActivity(tenantId, { resourceLinkId: 'rl-9' })).toEqual(launched)
    const iri = 'https://moodle.example.edu.vn/mod/lti/view.php?id=9'
    const learnt = await courses.upsertActivity(tenantId, { iri, resourceLinkId: 'rl-9' })
    expect(learnt).toEqual({ ...launched, iri })
    expect(await courses.findActivityByIri(tenantId, iri)).toEqual(learnt)
  })

  it('refuses an IRI and a resource link that belong to two activities', async () => {
    const iri = 'https://moodle.example.edu.vn/mod/h5pactivity/view.php?id=5'
    const byIri = await courses.upsertActivity(tenantId, { iri })
    const byLink = await courses.upsertActivity(tenantId, { resourceLinkId: 'rl-5' })
    await expect(
      courses.upsertActivity(tenantId, { iri, resourceLinkId: 'rl-5' }),
    ).rejects.toMatchObject({
      code: 'ERR_STORE_CONFLICT',
      message: 'resource link rl-5 belongs to another activity',
    })
    expect(await courses.findActivityByIri(tenantId, iri)).toEqual(byIri)
    expect(await courses.upsertActivity(tenantId, { resourceLinkId: 'rl-5' })).toEqual(byLink)
  })

  it('leaves a caller’s transaction usable after that conflict', async () => {
    await database.db.transaction(async (tx) => {
      const inTransaction = postgresCourseStore(tx)
      const iri = 'urn:in-transaction'
      await inTransaction.upsertActivity(tenantId, { iri })
      await inTransaction.upsertActivity(tenantId, { resourceLinkId: 'rl-tx' })
      await expect(
        inTransaction.upsertActivity(tenantId, { iri, resourceLinkId: 'rl-tx' }),
      ).rejects.toMatchObject({ code: 'ERR_STORE_CONFLICT' })
      expect((await inTransaction.upsertActivity(tenantId, { iri: 'urn:after' })).iri).toBe(
        'urn:after',
      )
    })
    expect(await courses.findActivityByIri(tenantId, 'urn:after')).toBeDefined()
  })

  it('needs an IRI or a resource link', async () => {
    await expect(courses.upsertActivity(tenantId, { name: 'nameless' })).rejects.toThrow(
      new TypeError('an activity needs an iri or a resourceLinkId'),
    )
  })

  it('refuses a context that does not exist in the tenant', async () => {
    const theirs = await courses.upsertContext(otherTenantId, { deploymentId: '', externalId: '1' })
    for (const contextId of [UNKNOWN, theirs.id]) {
      await expect(
        courses.upsertActivity(tenantId, { contextId, iri: 'https://x.example/a' }),
      ).rejects.toMatchObject({
        code: 'ERR_STORE_NOT_FOUND',
        message: `context ${contextId} does not exist`,
      })
    }
    expect(await courses.findActivityByIri(tenantId, 'https://x.example/a')).toBeUndefined()
  })

  it('with keepContext, a context only fills a missing one (a tag file uploaded on a course page)', async () => {
    const here = await courses.upsertContext(tenantId, { deploymentId: 'd1', externalId: '31' })
    const there = await courses.upsertContext(tenantId, { deploymentId: 'd1', externalId: '32' })
    const kept = await courses.upsertActivity(tenantId, { iri: 'urn:kept', contextId: there.id })
    const loose = await courses.upsertActivity(tenantId, { iri: 'urn:loose' })
    const linked = await courses.upsertActivity(tenantId, { resourceLinkId: 'rl-keep' })
    const put = (input: { iri: string; resourceLinkId?: string }) =>
      courses.upsertActivity(tenantId, { ...input, contextId: here.id, keepContext: true })
    expect(await put({ iri: 'urn:kept' })).toEqual(kept)
    expect(await put({ iri: 'urn:loose' })).toEqual({ ...loose, contextId: here.id })
    expect((await put({ iri: 'urn:new' })).contextId).toBe(here.id)
    // The IRI given to a resource link's activity (the other path of an upsert) keeps it too.
    await courses.upsertActivity(tenantId, { resourceLinkId: 'rl-kept', contextId: there.id })
    expect((await put({ iri: 'urn:kept-link', resourceLinkId: 'rl-kept' })).contextId).toBe(
      there.id,
    )
    expect(await put({ iri: 'urn:loose-link', resourceLinkId: 'rl-keep' })).toEqual({
      ...linked,
      iri: 'urn:loose-link',
      contextId: here.id,
    })
    // Without keepContext a context given replaces the stored one, as a launch says.
    expect(
      (await courses.upsertActivity(tenantId, { iri: 'urn:kept', contextId: here.id })).contextId,
    ).toBe(here.id)
  })

  it('lists the activities of a context', async () => {
    const context = await courses.upsertContext(tenantId, { deploymentId: 'd1', externalId: '8' })
    const other = await courses.upsertContext(tenantId, { deploymentId: 'd1', externalId: '9' })
    const a = await courses.upsertActivity(tenantId, { contextId: context.id, iri: 'urn:a' })
    const b = await courses.upsertActivity(tenantId, { contextId: context.id, resourceLinkId: 'b' })
    await courses.upsertActivity(tenantId, { contextId: other.id, iri: 'urn:c' })
    expect(await courses.listActivities(tenantId, context.id)).toEqual([a, b])
    expect(await courses.listActivities(otherTenantId, context.id)).toEqual([])
  })

  it('lists a tenant’s activities of any course or none, newest first, without a context', async () => {
    const tenant = (
      await postgresTenantStore(database.db).createTenant({ kind: 'platform', name: 'no LMS' })
    ).id
    const context = await courses.upsertContext(tenant, { deploymentId: 'd1', externalId: '1' })
    const a = await courses.upsertActivity(tenant, { contextId: context.id, iri: 'urn:a' })
    const b = await courses.upsertActivity(tenant, { iri: 'urn:b' })
    await courses.upsertActivity(otherTenantId, { iri: 'urn:theirs' })
    expect(await courses.listActivities(tenant)).toEqual([b, a])
  })

  it('never shows one tenant’s activities to another', async () => {
    const ours = await courses.upsertActivity(tenantId, { iri: 'urn:shared', name: 'ours' })
    expect(await courses.findActivityByIri(otherTenantId, 'urn:shared')).toBeUndefined()
    const theirs = await courses.upsertActivity(otherTenantId, { iri: 'urn:shared' })
    expect(theirs.id).not.toBe(ours.id)
    expect(theirs.name).toBeUndefined()
    expect((await courses.findActivityByIri(tenantId, 'urn:shared'))?.name).toBe('ours')
  })
})
