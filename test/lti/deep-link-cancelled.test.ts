// Issue 15: Deep Linking stores the NLS activity and its tags before Moodle saves the link; a
// Cancel in Moodle leaves them behind, and nothing will ever launch them. Such a link is listed
// for a day (the teacher may still be saving it), then not; after a week the maintenance worker
// removes it with its tags, audited, and works out again the people its evidence named. Its
// first launch binds it for good.
import { sql } from 'drizzle-orm'
import { pino } from 'pino'
import type { Activity, Context } from '../../src/store/index.ts'
import { UNPLACED_LINK_KEPT_MS } from '../../src/store/course-store.ts'
import { expireUnplacedLinks } from '../../src/tagging/expire-unplaced-links.ts'
import { startMaintenanceWorker } from '../../src/workers/maintenance-worker.ts'
import { createBrowser, type Browser } from '../support/browser.ts'
import { launchIn } from '../support/lti-launch.ts'
import { type LtiWorld, startLtiWorld, stopLtiWorld } from '../support/nls-server.ts'

const DAY_MS = 24 * 3_600_000

let world: LtiWorld
let tenantId: string
let course: Context
/** A teacher's page session in course 2. */
let session: string
let basic: string
beforeAll(async () => {
  world = await startLtiWorld()
  tenantId = world.registered.tenantId
  const page = await launchIn(createBrowser(), world.platform, { role: 'Instructor', userId: '3' })
  session = new URL(page.url).searchParams.get('session')!
  course = await world.nls.stores.courses.upsertContext(tenantId, {
    deploymentId: world.platform.deploymentId,
    externalId: '2',
  })
  const { client, secret } = await world.nls.stores.xapiClients.createClient(tenantId, 'ls', 'test')
  basic = `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`
}, 30_000)
afterAll(() => stopLtiWorld(world))

/**
 * A teacher chooses competencies for a new link in Moodle's "Select content"; NLS answers with the
 * return page. The link is saved in Moodle only when `save` submits that page.
 */
async function deepLink(title: string, save = false): Promise<{ activity: Activity; rl?: string }> {
  const browser: Browser = createBrowser()
  const chooser = await launchIn(browser, world.platform, {
    role: 'Instructor',
    userId: '3',
    messageType: 'LtiDeepLinkingRequest',
  })
  const request = /name="request" value="([^"]+)"/.exec(chooser.text)![1]!
  const res = await fetch(`${world.nls.url}/lti/deep-link`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([
      ['request', request],
      ['title', title],
      ['competency', 'TT18.PT.1.1.CB'],
    ]).toString(),
  })
  expect(res.status).toBe(200)
  const activity = (await world.nls.stores.courses.listActivities(tenantId, course.id)).find(
    (a) => a.name === title,
  )!
  expect(activity.iri).toMatch(/^urn:nls:link:/)
  if (!save) return { activity }
  await browser.submitAutoPostForm(await res.text(), `${world.nls.url}/lti/deep-link`)
  const saved = world.platform.deepLinkReturns().at(-1)!.links[0]!
  return { activity, rl: saved.resourceLinkId }
}

/** Moves an activity's making back in time (the database stamped it). */
async function age(activityId: string, ms: number): Promise<void> {
  await world.nls.database.db.execute(
    sql`update activities set created_at = created_at - ${ms / 1_000}::double precision * interval '1 second'
        where id = ${activityId}::uuid`,
  )
}

async function coursePage(path = '/app/course'): Promise<string> {
  const res = await fetch(`${world.nls.url}${path}?session=${encodeURIComponent(session)}`)
  expect(res.status).toBe(200)
  return res.text()
}

const listed = async (activity: Activity) => ({
  inCourse: (await world.nls.stores.courses.listActivities(tenantId, course.id)).some(
    (a) => a.id === activity.id,
  ),
  inTenant: (await world.nls.stores.courses.listActivities(tenantId)).some(
    (a) => a.id === activity.id,
  ),
  tags: (await world.nls.stores.tags.listTags(tenantId)).filter((t) => t.activityId === activity.id)
    .length,
})

describe('a deep link cancelled in Moodle', () => {
  it('is listed with its tag for a day, then not: on the course page, its tag file, tag lists', async () => {
    const { activity } = await deepLink('Bài bị hủy')
    expect(await listed(activity)).toEqual({ inCourse: true, inTenant: true, tags: 1 })
    expect(await coursePage()).toContain('Bài bị hủy')
    expect(await coursePage('/app/course/tags.csv')).toContain(activity.iri)

    await age(activity.id, DAY_MS + 60_000)
    expect(await listed(activity)).toEqual({ inCourse: false, inTenant: false, tags: 0 })
    expect(await world.nls.stores.tags.listTags(tenantId, { activityId: activity.id })).toEqual([])
    expect(await coursePage()).not.toContain('Bài bị hủy')
    expect(await coursePage('/app/course/tags.csv')).not.toContain(activity.iri)
    // Still there until the week is out: a late launch would still find its tags.
    expect(await world.nls.stores.courses.getActivity(tenantId, activity.id)).toBeDefined()
    expect(await world.nls.stores.tags.listTagsOfActivities(tenantId, [activity.id])).toHaveLength(
      1,
    )
  })

  it('is placed for good by its first launch, even a late one', async () => {
    const { activity, rl } = await deepLink('Bài đã lưu', true)
    await age(activity.id, 3 * DAY_MS)
    expect(await listed(activity)).toMatchObject({ inCourse: false, tags: 0 })
    const launched = await launchIn(createBrowser(), world.platform, {
      role: 'Learner',
      userId: '4',
      resourceLinkId: rl!,
    })
    expect(launched.status).toBe(200)
    expect(await world.nls.stores.courses.getActivity(tenantId, activity.id)).toMatchObject({
      resourceLinkId: rl,
    })
    expect(await listed(activity)).toEqual({ inCourse: true, inTenant: true, tags: 1 })
    // A month on, the maintenance worker leaves it (it removes only the first test's link).
    await expireUnplacedLinks(world.nls.stores, new Date(Date.now() + 30 * DAY_MS))
    expect(await listed(activity)).toEqual({ inCourse: true, inTenant: true, tags: 1 })
  })

  it('is removed with its tags after a week by the maintenance worker, audited, its people worked out again', async () => {
    const { nls, platform } = world
    const { activity } = await deepLink('Bài bị hủy rồi quên')
    const [tag] = await nls.stores.tags.listTagsOfActivities(tenantId, [activity.id])
    // Someone's statement names the link's activity: the tag gives her Cơ bản on 1.1.
    await launchIn(createBrowser(), platform, { role: 'Learner', userId: '6', resourceLinkId: '3' })
    const person = (await nls.stores.people.findPersonByIdentity(tenantId, {
      kind: 'lti',
      issuer: platform.issuer,
      clientId: platform.clientId,
      sub: '6',
    }))!
    const res = await fetch(`${nls.url}/xapi/statements`, {
      method: 'POST',
      headers: {
        'X-Experience-API-Version': '1.0.3',
        'content-type': 'application/json',
        authorization: basic,
      },
      body: JSON.stringify({
        actor: { name: 'Học viên 6', account: { homePage: platform.issuer, name: '6' } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
        object: { objectType: 'Activity', id: activity.iri },
        timestamp: '2026-11-20T08:15:00+07:00',
      }),
    })
    expect(res.status).toBe(200)
    await nls.inference.runOnce()
    const level = async () =>
      (await nls.stores.progress.findLevels(tenantId, person.id)).find(
        (l) => l.componentId === 'TT18.PT.1.1',
      )?.level ?? null
    expect(await level()).toBe('CB')

    // Six days on: kept.
    const clock = { now: new Date(activity.createdAt.getTime() + 6 * DAY_MS) }
    const worker = startMaintenanceWorker(
      {
        database: nls.database,
        stores: nls.stores,
        logger: pino({ level: 'silent' }),
        now: () => clock.now,
      },
      3_600_000,
    )
    await worker.runOnce()
    expect(await nls.stores.courses.getActivity(tenantId, activity.id)).toBeDefined()

    // A week on: gone, with its tag, each audited; her level is worked out again without it.
    clock.now = new Date(activity.createdAt.getTime() + UNPLACED_LINK_KEPT_MS + 60_000)
    await worker.runOnce()
    await worker.stop()
    expect(await nls.stores.courses.getActivity(tenantId, activity.id)).toBeUndefined()
    expect(await nls.stores.tags.getTag(tenantId, tag!.id)).toBeUndefined()
    const audit = await nls.stores.audit.list({ tenantId, limit: 20 })
    expect(audit).toContainEqual(
      expect.objectContaining({
        actor: 'maintenance',
        action: 'tags.remove',
        subject: `tag:${tag!.id}`,
        details: expect.objectContaining({
          competencyIds: ['TT18.PT.1.1.CB'],
          target: { activityId: activity.id, activityIri: activity.iri },
          reason: expect.stringContaining('never launched'),
        }),
      }),
    )
    expect(audit).toContainEqual(
      expect.objectContaining({
        actor: 'maintenance',
        action: 'activity.expired',
        subject: `activity:${activity.id}`,
        details: expect.objectContaining({ iri: activity.iri, tagIds: [tag!.id] }),
      }),
    )
    await nls.inference.runOnce()
    expect(await level()).toBeNull()
  })

  it('goes in bounded batches, across tenants, and leaves other activities alone', async () => {
    const { stores } = world.nls
    const other = (await stores.tenants.createTenant({ kind: 'platform', name: 'Khác' })).id
    const old = async (t: string, input: { iri?: string; resourceLinkId?: string }) => {
      const a = await stores.courses.upsertActivity(t, input)
      await age(a.id, 8 * DAY_MS)
      return a
    }
    const links = [
      await old(tenantId, { iri: 'urn:nls:link:00000000-0000-4000-8000-000000000001' }),
      await old(other, { iri: 'urn:nls:link:00000000-0000-4000-8000-000000000002' }),
      await old(other, { iri: 'urn:nls:link:00000000-0000-4000-8000-000000000003' }),
    ]
    const kept = [
      await old(tenantId, { iri: 'urn:nls:gradebook:00000000-0000-4000-8000-000000000004' }),
      await old(tenantId, { iri: 'https://lms.example/mod/quiz/view.php?id=1' }),
      await old(tenantId, { resourceLinkId: 'rl-old' }),
      await old(tenantId, {
        iri: 'urn:nls:link:00000000-0000-4000-8000-000000000005',
        resourceLinkId: 'rl-placed',
      }),
    ]
    const now = new Date(Date.now() + 60_000)
    expect(await expireUnplacedLinks(stores, now, 2)).toBe(2)
    expect(await expireUnplacedLinks(stores, now, 2)).toBe(1)
    expect(await expireUnplacedLinks(stores, now, 2)).toBe(0)
    for (const a of links) {
      expect(await stores.courses.getActivity(a.tenantId, a.id)).toBeUndefined()
    }
    for (const a of kept) {
      expect(await stores.courses.getActivity(a.tenantId, a.id)).toEqual(
        expect.objectContaining({ id: a.id }),
      )
    }
  })
})
