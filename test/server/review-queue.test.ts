// Issue 17, item 7: the review queue paged in SQL with its total shown, newest change first, and
// the ticked levels confirmed together with one reason (refused without one, the ticks kept; and
// refused whole when a course's instructor ticks a person outside the course).
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { signSession, type Session } from '../../lti/session.ts'
import { frameworksFrom } from '../../src/evaluation/frameworks-in-force.ts'
import { createBrowser } from '../support/browser.ts'
import { heldLevel } from '../support/levels.ts'
import { launchIn } from '../support/lti-launch.ts'
import { type LtiWorld, startLtiWorld, stopLtiWorld } from '../support/nls-server.ts'

const COMPONENT = 'TT18.PT.1.1'
const QUEUED = 67
const { catalog } = frameworksFrom([])
const descriptors = catalog.getOf(`${COMPONENT}.CB`, 'level').level.descriptors.map((d) => d.id)

let world: LtiWorld
let tenantId: string
/** The instructor of course A; a local trainer (no course: the whole school). */
let teacherA: string
let localTrainer: string
/** A learner of A, a learner of another course only. */
let memberA: string
let memberB: string
/** The people with a queued level, in the order their levels were saved (oldest first). */
const queued: string[] = []

async function personOf(sub: string): Promise<string> {
  const person = await world.nls.stores.people.findPersonByIdentity(tenantId, {
    kind: 'lti',
    issuer: world.platform.issuer,
    clientId: world.platform.clientId,
    sub,
  })
  return person!.id
}

/** Evidence of every descriptor of the component's Cơ bản: inference finds them met. */
async function giveEvidence(personId: string, tagId: string): Promise<void> {
  const { stores } = world.nls
  const id = randomUUID()
  const observedAt = new Date('2026-10-01T08:00:00Z')
  await stores.statements.insertStatements(tenantId, [
    {
      id,
      personId,
      actorKey: `test:${personId}`,
      verbId: 'http://adlnet.gov/expapi/verbs/passed',
      activityIri: 'urn:bai-hoc:1',
      activityTree: ['urn:bai-hoc:1'],
      timestamp: observedAt,
      source: 'push',
      statement: { id },
    },
  ])
  await stores.progress.insertEvidence(
    tenantId,
    personId,
    descriptors.map((competencyId) => ({ competencyId, statementId: id, tagId, observedAt })),
  )
}

beforeAll(async () => {
  world = await startLtiWorld()
  tenantId = world.registered.tenantId
  const { stores } = world.nls
  for (const [role, userId, courseId] of [
    ['Instructor', '3', '2'],
    ['Learner', '4', '2'],
    ['Learner', '5', '7'],
  ] as const) {
    await launchIn(createBrowser(), world.platform, { role, userId, courseId })
  }
  const teacherId = await personOf('3')
  memberA = await personOf('4')
  memberB = await personOf('5')
  const courseA = await stores.courses.upsertContext(tenantId, {
    deploymentId: world.platform.deploymentId,
    externalId: '2',
  })
  const tag = await stores.tags.createTag(tenantId, {
    activityPrefix: 'urn:bai-hoc:',
    competencyIds: descriptors,
  })
  for (let i = 0; i < QUEUED - 1; i++) {
    const person = await stores.people.upsertPersonByIdentity(tenantId, {
      kind: 'mbox',
      mbox: `mailto:gv${i}@thpt.edu.vn`,
    })
    queued.push(person.id)
  }
  // The course's learner is queued last (the newest); they and the three before them have evidence.
  queued.push(memberA)
  for (const personId of queued.slice(-4)) await giveEvidence(personId, tag.id)
  for (const personId of queued) {
    await stores.progress.saveLevels(tenantId, personId, [heldLevel(COMPONENT, 'CB')])
  }
  // Each level's change a minute after the one before: two saves within one tick of the
  // database's clock would otherwise tie, and a tie is ordered by person.
  for (const [i, personId] of queued.entries()) {
    await world.nls.database.db.execute(
      sql`update level_history set changed_at = ${new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString()}::timestamptz
          where tenant_id = ${tenantId} and person_id = ${personId}`,
    )
  }
  const secret = Buffer.from(await stores.toolKeys.secret('session', () => 'unused'), 'base64url')
  const sign = async (session: Omit<Session, 'tenantId' | 'personId' | 'gen'>) => {
    const gen = (await stores.people.sessionGeneration(tenantId, teacherId)) ?? 0
    return signSession({ tenantId, personId: teacherId, gen, ...session }, secret, new Date())
  }
  teacherA = await sign({
    role: 'instructor',
    platformId: world.registered.id,
    contextId: courseA.id,
  })
  localTrainer = await sign({ role: 'instructor' })
}, 120_000)
afterAll(() => stopLtiWorld(world))

async function getPage(token: string, path: string): Promise<string> {
  const sep = path.includes('?') ? '&' : '?'
  const res = await fetch(`${world.nls.url}${path}${sep}session=${encodeURIComponent(token)}`, {
    headers: { accept: 'text/html' },
  })
  expect(res.status).toBe(200)
  return res.text()
}

function postForm(token: string, path: string, fields: [string, string][]): Promise<Response> {
  return fetch(`${world.nls.url}${path}`, {
    method: 'POST',
    headers: { accept: 'text/html' },
    body: new URLSearchParams([['session', token], ...fields]),
    redirect: 'manual',
  })
}

/** The people of a page's levels, in the page's order. */
const shown = (html: string) =>
  [...html.matchAll(/data-review="([^ "]+) ([^"]+)"/g)].map((m) => m[1]!)
const countOf = (html: string) => Number(/data-count="(\d+)"/.exec(html)?.[1])
/** The ticked checkboxes of a page, by their level. */
const ticks = (html: string) =>
  [...html.matchAll(/<input[^>]*name="item"[^>]*>/g)]
    .filter((m) => /\schecked/.test(m[0]))
    .map((m) => /value="([^"]+)"/.exec(m[0])![1])
const overridesOf = (personId: string) =>
  world.nls.stores.inference.overrideHistory(tenantId, personId)
const item = (personId: string): [string, string] => ['item', `${personId} ${COMPONENT}`]

describe('the review queue', () => {
  it('shows a school-wide trainer the statements waiting for unknown people, not a course’s', async () => {
    const id = randomUUID()
    await world.nls.stores.statements.insertStatements(tenantId, [
      {
        id,
        actorKey: 'account:https://k12online.vn|gv.hoa',
        verbId: 'http://adlnet.gov/expapi/verbs/completed',
        activityIri: 'urn:bai-hoc:2',
        activityTree: ['urn:bai-hoc:2'],
        timestamp: new Date('2026-11-02T08:00:00Z'),
        source: 'push',
        statement: { id },
      },
    ])
    const school = await getPage(localTrainer, '/app/review')
    expect(school).toContain('data-waiting-summary')
    expect(school).toMatch(/data-actor="gv\.hoa @ https:\/\/k12online\.vn"/)
    const course = await getPage(teacherA, '/app/review')
    expect(course).not.toContain('data-waiting')
  })

  it('shows 50 levels a page, newest change first, with the total and the page', async () => {
    const newestFirst = [...queued].reverse()
    const first = await getPage(localTrainer, '/app/review')
    expect(countOf(first)).toBe(QUEUED)
    expect(first).toContain('67 mức chờ xem xét · trang 1/2')
    expect(shown(first)).toEqual(newestFirst.slice(0, 50))
    expect(first).toContain('rel="next"')
    const second = await getPage(localTrainer, '/app/review?page=2')
    expect(shown(second)).toEqual(newestFirst.slice(50))
    expect(second).toContain('trang 2/2')
    expect(second).toContain('rel="prev"')
    expect(second).not.toContain('rel="next"')
  })

  it('refuses a course instructor’s bulk confirm with a person outside the course, whole', async () => {
    expect(countOf(await getPage(teacherA, '/app/review'))).toBe(1)
    const res = await postForm(teacherA, '/app/review/bulk', [
      item(memberA),
      item(memberB),
      ['reason', 'đủ minh chứng'],
    ])
    expect(res.status).toBe(403)
    expect(await overridesOf(memberA)).toEqual([])
    expect(await overridesOf(memberB)).toEqual([])
  })

  it('refuses a bulk confirm without a reason, the ticks kept', async () => {
    const picked = queued.slice(-4, -1)
    const res = await postForm(localTrainer, '/app/review/bulk', [
      ...picked.map(item),
      ['reason', '  '],
    ])
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('data-problem="reason"')
    expect(html).toContain('aria-invalid="true"')
    expect(ticks(html).sort()).toEqual(picked.map((p) => `${p} ${COMPONENT}`).sort())
    for (const personId of picked) expect(await overridesOf(personId)).toEqual([])
  })

  it('confirms the ticked levels with one reason, each verdict recorded and audited', async () => {
    const picked = queued.slice(-4, -1)
    const res = await postForm(localTrainer, '/app/review/bulk', [
      ...picked.map(item),
      ['reason', 'đủ minh chứng'],
    ])
    expect(res.status).toBe(303)
    for (const personId of picked) {
      const verdicts = await overridesOf(personId)
      expect(verdicts.map((v) => [v.action, v.targetId, v.reason]).sort()).toEqual(
        descriptors.map((id) => ['confirm', id, 'đủ minh chứng']).sort(),
      )
    }
    expect(await overridesOf(memberA)).toEqual([])
    expect(res.headers.get('location')).toContain('confirmed=3')
    const after = await getPage(localTrainer, '/app/review?confirmed=3')
    expect(after).toContain('Đã xác nhận 3 mục.')
    expect(countOf(after)).toBe(QUEUED - 3)
    expect(shown(after)).not.toEqual(expect.arrayContaining([picked[0]]))
    // The single confirm is kept.
    const single = await postForm(localTrainer, '/app/review', [
      ['personId', memberA],
      ['componentId', COMPONENT],
      ['decision', 'confirm'],
      ['reason', 'đã xem'],
    ])
    expect(single.status).toBe(303)
    expect(await overridesOf(memberA)).toHaveLength(descriptors.length)
  })
})
