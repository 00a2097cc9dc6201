// Queuing a person's gradebook scores reads the same few things whatever the number of graded
// links (city scale: hundreds of links, inside the inference transaction), and still scores
// exactly the links it did one by one: learners only, links with a course, the person's LTI
// identity on the link's platform, and a first score for a column whose components did not change.
import { and, asc, eq } from 'drizzle-orm'
import { randomUUID } from 'node:crypto'
import { shippedCatalog } from '../../framework/index.ts'
import { enqueueScores, type ScoreMessage } from '../../src/evaluation/gradebook.ts'
import { type GradedLink, loadTenantContext } from '../../src/evaluation/tenant-context.ts'
import { type ComponentResult, inferenceModel, inferLevels } from '../../src/inference/index.ts'
import type { Database } from '../../src/store/database.ts'
import { outbox } from '../../src/store/schema/index.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { openTestDatabase } from '../support/test-database.ts'

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/membership#'
const COMPETENCY = 'TT18.PT.1.1.CB'
const model = inferenceModel(shippedCatalog())
const componentId = model.target(COMPETENCY)!.componentId
const results: readonly ComponentResult[] = inferLevels(model, {
  evidence: [],
  rules: new Map(),
  componentIds: [componentId],
})

type ScoreStores = Pick<Stores, 'outbox' | 'courses' | 'people' | 'platforms'>

let database: Database
let stores: Stores
beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
}, 30_000)
afterAll(() => database.close())

/** The stores, each method call written down as `store.method`. */
function counting(of: ScoreStores): { stores: ScoreStores; calls: string[] } {
  const calls: string[] = []
  const wrap = <T extends object>(name: string, store: T): T =>
    new Proxy(store, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver)
        if (typeof value !== 'function') return value
        return (...args: unknown[]) => {
          calls.push(`${name}.${String(key)}`)
          return Reflect.apply(value, target, args) as unknown
        }
      },
    })
  return {
    calls,
    stores: {
      outbox: wrap('outbox', of.outbox),
      courses: wrap('courses', of.courses),
      people: wrap('people', of.people),
      platforms: wrap('platforms', of.platforms),
    },
  }
}

/** A platform (its own tenant) and a person known there by LTI `sub` 42. */
async function school() {
  const issuer = `https://lms-${randomUUID()}.edu.vn`
  const platform = await stores.platforms.addPlatform(
    {
      issuer,
      clientId: 'nls',
      authUrl: `${issuer}/auth`,
      tokenUrl: `${issuer}/token`,
      jwksUrl: `${issuer}/jwks`,
      name: 'THPT A',
      deploymentIds: ['1'],
    },
    'test',
  )
  const tenantId = platform.tenantId
  const person = await stores.people.upsertPersonByIdentity(tenantId, {
    kind: 'lti',
    issuer,
    clientId: 'nls',
    sub: '42',
  })
  /** `count` graded links, each in its own course where the person has `roles`. */
  async function links(count: number, roles = [`${LIS}Learner`]): Promise<GradedLink[]> {
    const made: GradedLink[] = []
    for (let i = 0; i < count; i++) {
      const course = await stores.courses.upsertContext(tenantId, {
        deploymentId: '1',
        externalId: randomUUID(),
      })
      await stores.courses.setMemberRoles(tenantId, course.id, person.id, roles)
      made.push({
        activityId: randomUUID(),
        contextId: course.id,
        platformId: platform.id,
        lineItemUrl: `${issuer}/lineitem/${randomUUID()}`,
        competencyIds: [COMPETENCY],
        mode: 'level',
      })
    }
    return made
  }
  /** Queues the scores of `graded` through counting stores: how many, and the calls made. */
  async function enqueue(graded: readonly GradedLink[], changed: readonly string[]) {
    const context = { ...(await loadTenantContext(stores, tenantId)), graded }
    const counted = counting(stores)
    const queued = await enqueueScores(
      counted.stores,
      model,
      context,
      person.id,
      results,
      new Set(changed),
    )
    return { queued, calls: counted.calls }
  }
  /** The line items of the scores queued for the person, sorted. */
  async function queuedLineItems(): Promise<string[]> {
    return (await scoresOf(person.id)).map((s) => s.lineItemUrl).sort()
  }
  return { tenantId, platform, person, links, enqueue, queuedLineItems }
}

/** The score messages queued for a person, oldest first. */
async function scoresOf(personId: string): Promise<ScoreMessage[]> {
  const rows = await database.db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.personId, personId), eq(outbox.kind, 'lti-score')))
    .orderBy(asc(outbox.id))
  return rows.map((r) => r.payload as ScoreMessage)
}

/** What queuing a person's scores asks of the stores: four reads and one insert, at most. */
const CALLS = [
  'courses.listMemberRoles',
  'platforms.getPlatform',
  'people.listIdentities',
  'outbox.lastScoreTimestamps',
  'outbox.enqueueMany',
]

describe('queuing scores for many graded links', () => {
  it('calls the stores as often for 20 changed links as for one', async () => {
    const one = await school()
    const twenty = await school()
    const few = await one.enqueue(await one.links(1), [componentId])
    const many = await twenty.enqueue(await twenty.links(20), [componentId])
    expect(few).toEqual({ queued: 1, calls: CALLS })
    expect(many).toEqual({ queued: 20, calls: CALLS })
    expect(await twenty.queuedLineItems()).toHaveLength(20)
  })

  it('queues nothing, with as few calls, when nothing changed on links scored before', async () => {
    const one = await school()
    const twenty = await school()
    for (const [s, graded] of [
      [one, await one.links(1)],
      [twenty, await twenty.links(20)],
    ] as const) {
      for (const link of graded) {
        await stores.outbox.setScoreTimestamp(s.tenantId, link.lineItemUrl, '42', '2026-11-01')
      }
      expect(await s.enqueue(graded, [])).toEqual({ queued: 0, calls: CALLS })
      expect(await s.queuedLineItems()).toEqual([])
    }
  })

  it('gives a first score to the unchanged links never scored, and only to those', async () => {
    const s = await school()
    const graded = await s.links(6)
    for (const link of graded.slice(0, 3)) {
      await stores.outbox.setScoreTimestamp(s.tenantId, link.lineItemUrl, '42', '2026-11-01')
    }
    // Another user's score on a new column is not the person's.
    await stores.outbox.setScoreTimestamp(s.tenantId, graded[3]!.lineItemUrl, '43', '2026-11-01')
    expect((await s.enqueue(graded, [])).queued).toBe(3)
    expect(await s.queuedLineItems()).toEqual(
      graded
        .slice(3)
        .map((l) => l.lineItemUrl)
        .sort(),
    )
  })

  it('scores learners only, on links with a course, where the person has an LTI identity', async () => {
    const s = await school()
    const [learnt] = await s.links(1)
    const [taught] = await s.links(1, [`${LIS}Instructor`])
    const other = await school()
    const { contextId: _, ...noCourse } = learnt!
    const graded: GradedLink[] = [
      taught!,
      // A course the person never launched in.
      {
        ...learnt!,
        activityId: randomUUID(),
        contextId: randomUUID(),
        lineItemUrl: 'urn:stranger',
      },
      { ...noCourse, activityId: randomUUID(), lineItemUrl: 'urn:no-course' },
      // The person's course, but on a platform with no LTI identity of theirs, or on none.
      { ...learnt!, activityId: randomUUID(), platformId: other.platform.id, lineItemUrl: 'urn:x' },
      { ...learnt!, activityId: randomUUID(), platformId: randomUUID(), lineItemUrl: 'urn:gone' },
      learnt!,
    ]
    const { queued, calls } = await s.enqueue(graded, [componentId])
    expect(queued).toBe(1)
    expect(await scoresOf(s.person.id)).toEqual([
      {
        destination: 'lms',
        platformId: s.platform.id,
        lineItemUrl: learnt!.lineItemUrl,
        userId: '42',
        roles: [`${LIS}Learner`],
        scoreGiven: 0,
        scoreMaximum: expect.any(Number),
        activityProgress: 'InProgress',
        comment: `${componentId}: —`,
      },
    ])
    // Each platform read once: this one, the other school's, and the unknown one.
    expect(calls.filter((c) => c === 'platforms.getPlatform')).toHaveLength(3)
  })

  it('calls no store when no link has a course the results cover', async () => {
    const s = await school()
    const graded = (await s.links(3)).map((l) => ({ ...l, competencyIds: ['TT18.PT.6.1.CB'] }))
    expect(await s.enqueue(graded, [componentId])).toEqual({ queued: 0, calls: [] })
  })

  it('calls no store but the roles when the person learns in none of the courses', async () => {
    const s = await school()
    const graded = await s.links(5, [`${LIS}Instructor`])
    expect(await s.enqueue(graded, [componentId])).toEqual({
      queued: 0,
      calls: ['courses.listMemberRoles'],
    })
  })
})
