// Levels written to the LMS gradebook through AGS, against the fake Moodle 4.5: a learner's level
// on the components a graded link is tagged with becomes that link's score; scores in one second
// get strictly later timestamps (Moodle answers 409 otherwise); teachers are never scored.
import { jest } from '@jest/globals'
import { frameworksFrom } from '../../src/evaluation/frameworks-in-force.ts'
import { recomputeTenant } from '../../src/evaluation/recompute.ts'
import { createBrowser } from '../support/browser.ts'
import { launchIn } from '../support/lti-launch.ts'
import { quizAttempt } from '../support/moodle-statements.ts'
import { type LtiWorld, startLtiWorld, stopLtiWorld } from '../support/nls-server.ts'

jest.setTimeout(60_000)

let world: LtiWorld
let basic: string
let tenantId: string
beforeAll(async () => {
  world = await startLtiWorld()
  const { nls, registered } = world
  tenantId = registered.tenantId
  const { client, secret } = await nls.stores.xapiClients.createClient(tenantId, 'logstore', 'test')
  basic = `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`
}, 30_000)
afterAll(() => stopLtiWorld(world))

async function post(statement: object): Promise<void> {
  const res = await fetch(`${world.nls.url}/xapi/statements`, {
    method: 'POST',
    headers: {
      'X-Experience-API-Version': '1.0.3',
      'content-type': 'application/json',
      authorization: basic,
    },
    body: JSON.stringify(statement),
  })
  expect(res.status).toBe(200)
}

async function settle(): Promise<void> {
  await world.nls.inference.runOnce()
  await world.nls.outbox.runOnce()
}

describe('scores to the LMS gradebook', () => {
  it('posts a learner’s level on the linked component as the graded link’s score', async () => {
    const { nls, platform } = world
    // A learner opens the graded NLS link in course 2: NLS learns its line item and her roles.
    const page = await launchIn(createBrowser(), platform, {
      role: 'Learner',
      userId: '4',
      resourceLinkId: '5',
      graded: true,
    })
    expect(page.status).toBe(200)
    const link = await nls.stores.courses.upsertActivity(tenantId, { resourceLinkId: '5' })
    expect(link.lineItemUrl).toMatch(/\/lineitem\?type_id=\d+$/)
    await nls.stores.tags.createTag(tenantId, {
      activityId: link.id,
      competencyIds: ['TT18.PT.1.1.CB'],
    })
    // The evidence comes from a quiz of the course.
    const quiz = await nls.stores.courses.upsertActivity(tenantId, {
      iri: `${platform.issuer}/mod/quiz/view.php?id=12`,
    })
    await nls.stores.tags.createTag(tenantId, {
      activityId: quiz.id,
      competencyIds: ['TT18.PT.1.1.CB'],
    })
    const before = platform.scores().length
    await post(quizAttempt('4', 9, { site: platform.issuer }))
    await settle()
    const [first] = platform.scores().slice(before)
    expect(first).toMatchObject({
      lineItemUrl: link.lineItemUrl,
      userId: '4',
      gradingProgress: 'FullyGraded',
      activityProgress: 'InProgress',
      scoreGiven: 1,
      scoreMaximum: 3,
      comment: 'TT18.PT.1.1: CB',
    })

    // A trainer sets Nâng cao in the same second: the new score gets the next second, and lands.
    const person = await nls.stores.people.findPersonByIdentity(tenantId, {
      kind: 'lti',
      issuer: platform.issuer,
      clientId: platform.clientId,
      sub: '4',
    })
    await nls.stores.inference.addOverride(tenantId, person!.id, {
      targetId: 'TT18.PT.1.1',
      action: 'set-level',
      level: 'NC',
      reason: 'thi thực hành',
      actor: 'person:trainer',
    })
    await nls.stores.inference.enqueue(tenantId, [person!.id])
    await settle()
    const [second] = platform.scores().slice(before + 1)
    expect(second).toMatchObject({ scoreGiven: 3, scoreMaximum: 3, activityProgress: 'Completed' })
    expect(Date.parse(second!.timestamp)).toBeGreaterThanOrEqual(
      Math.floor(Date.parse(first!.timestamp) / 1000) * 1000 + 1000,
    )
    expect(await nls.stores.outbox.depth()).toBe(0)
    expect(await nls.stores.outbox.givenUpCount()).toBe(0)
  })

  it('never scores a teacher of the course', async () => {
    const { nls, platform } = world
    await launchIn(createBrowser(), platform, {
      role: 'Instructor',
      userId: '3',
      resourceLinkId: '5',
      graded: true,
    })
    const before = platform.scores().length
    await post(quizAttempt('3', 10, { site: platform.issuer }))
    await settle()
    expect(platform.scores().slice(before)).toEqual([])
    expect(await nls.stores.outbox.givenUpCount()).toBe(0)
  })

  it('scores a link tagged Cơ bản in share mode 100 % when both Cơ bản criteria are met', async () => {
    const { nls, platform } = world
    // Issue 15: 2 of the component's 8 criteria (25/100) surprised a trainer who tagged Cơ bản.
    await launchIn(createBrowser(), platform, {
      role: 'Learner',
      userId: '4',
      resourceLinkId: '9',
      graded: true,
    })
    const link = await nls.stores.courses.upsertActivity(tenantId, { resourceLinkId: '9' })
    await nls.stores.tags.createTag(tenantId, {
      activityId: link.id,
      competencyIds: ['TT18.PT.1.1.CB'],
      rule: { gradebook: 'share' },
    })
    const person = await nls.stores.people.findPersonByIdentity(tenantId, {
      kind: 'lti',
      issuer: platform.issuer,
      clientId: platform.clientId,
      sub: '4',
    })
    await nls.stores.inference.enqueue(tenantId, [person!.id])
    await settle()
    const scored = platform.scores().filter((x) => x.lineItemUrl === link.lineItemUrl)
    expect(scored.at(-1)).toMatchObject({
      userId: '4',
      scoreGiven: 2,
      scoreMaximum: 2,
      activityProgress: 'Completed',
    })
  })

  it('makes a gradebook column in a course when a trainer asks, and fills it', async () => {
    const { nls, platform } = world
    const admin = `Bearer ${(await nls.stores.adminTokens.createToken(`desk-${Date.now()}`, 'test')).secret}`
    const course = await nls.stores.courses.upsertContext(tenantId, {
      deploymentId: platform.deploymentId,
      externalId: '2',
    })
    expect(course.lineItemsUrl).toMatch(/\/lineitems\?type_id=\d+$/)
    const ask = (body: object) =>
      fetch(`${nls.url}/api/gradebook-columns?tenantId=${tenantId}`, {
        method: 'POST',
        headers: {
          authorization: admin,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify(body),
      })
    const res = await ask({
      contextId: course.id,
      label: 'Năng lực số 1.1',
      competencyIds: ['TT18.PT.1.1.CB'],
      mode: 'share',
    })
    expect(res.status).toBe(201)
    const { lineItemUrl } = (await res.json()) as { lineItemUrl: string }
    // The share is of the criteria the column asks for: Cơ bản of 1.1, its two descriptors.
    const cbCount = (await import('../../framework/index.ts'))
      .shippedCatalog()
      .getOf('TT18.PT.1.1.CB', 'level').level.descriptors.length
    expect(cbCount).toBe(2)
    expect(platform.lineItems()).toContainEqual(
      expect.objectContaining({ label: 'Năng lực số 1.1', tag: 'nls', scoreMaximum: cbCount }),
    )
    const before = platform.scores().length
    await settle()
    // User 4 holds Nâng cao by a trainer's verdict; her descriptors met are the Cơ bản ones, all
    // that the column asks for: 100 %, not 2 of the component's 8.
    expect(platform.scores().slice(before)).toContainEqual(
      expect.objectContaining({
        lineItemUrl,
        userId: '4',
        scoreGiven: cbCount,
        scoreMaximum: cbCount,
        activityProgress: 'Completed',
      }),
    )

    const unknown = await ask({
      contextId: course.id,
      label: 'x',
      competencyIds: ['TT18.PT.9.9.CB'],
    })
    expect(unknown.status).toBe(400)
    const other = await nls.stores.courses.upsertContext(tenantId, {
      deploymentId: '',
      externalId: 'k12-7',
    })
    const noGradebook = await ask({
      contextId: other.id,
      label: 'x',
      competencyIds: ['TT18.PT.1.1.CB'],
    })
    expect(noGradebook.status).toBe(409)
    expect(await noGradebook.json()).toMatchObject({ code: 'ERR_GRADEBOOK_UNAVAILABLE' })
  })

  it('follows a recompute from evidence (a new required share) into the gradebook', async () => {
    const { nls, platform } = world
    // Learner 6 meets one of the two Cơ bản descriptors of 2.1 on a graded link of course 2.
    await launchIn(createBrowser(), platform, {
      role: 'Learner',
      userId: '6',
      resourceLinkId: '8',
      graded: true,
    })
    const link = await nls.stores.courses.upsertActivity(tenantId, { resourceLinkId: '8' })
    await nls.stores.tags.createTag(tenantId, {
      activityId: link.id,
      competencyIds: ['TT18.PT.2.1.CB'],
    })
    const page = await nls.stores.courses.upsertActivity(tenantId, {
      iri: `${platform.issuer}/mod/quiz/view.php?id=21`,
    })
    const first = frameworksFrom([]).catalog.getOf('TT18.PT.2.1.CB', 'level').level.descriptors[0]!
    await nls.stores.tags.createTag(tenantId, { activityId: page.id, competencyIds: [first.id] })
    await post(quizAttempt('6', 9, { site: platform.issuer, cmid: 21 }))
    await settle()
    const scored = () => platform.scores().filter((x) => x.lineItemUrl === link.lineItemUrl)
    expect(scored().at(-1)).toMatchObject({ userId: '6', scoreGiven: 0 })

    // Half the descriptors of a level now suffice: Cơ bản, and the column follows.
    await nls.stores.tenants.setSettings(tenantId, { requiredShare: 0.5 })
    const { model, catalog } = frameworksFrom([])
    await recomputeTenant(nls.stores, model, tenantId, {
      fromEvidence: true,
      writeBack: { profileIri: `${nls.url}/xapi/profile`, catalog },
    })
    await nls.outbox.runOnce()
    expect(scored().at(-1)).toMatchObject({ userId: '6', scoreGiven: 1, scoreMaximum: 3 })
    await nls.stores.tenants.setSettings(tenantId, {})
  })
})
