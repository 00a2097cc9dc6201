// What counts as evidence for each kind of activity, over real HTTP on the real server and
// database: statements shaped as Moodle's xAPI log store (quiz attempts and questions, graded
// assignments, lessons, H5P), the SCORM-to-xAPI wrapper and cmi5 send them, posted to /xapi, and
// the levels a tag on the activity gives (or does not give).
import { randomUUID } from 'node:crypto'
import type { RunningServer } from '../../src/server/start-server.ts'
import {
  assignmentGraded,
  attemptReviewed,
  CMI5_AU,
  CMI5_BLOCK,
  cmi5Session,
  h5pAttempt,
  lessonCompleted,
  moduleIri,
  MOODLE_SITE as SITE,
  quizAttempt,
  quizQuestion,
  SCORM_SCO,
  scormSession,
} from '../support/moodle-statements.ts'
import { startXapiTenant } from '../support/nls-server.ts'

const V = { 'X-Experience-API-Version': '1.0.3', 'content-type': 'application/json' }
const ANSWERED = 'http://adlnet.gov/expapi/verbs/answered'
const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed'

let nls: RunningServer
let tenantId: string
let basic: string
let admin: string
beforeAll(async () => {
  ;({ nls, tenantId, basic, admin } = await startXapiTenant('Moodle'))
})
afterAll(() => nls.close())

/** A Moodle user of SITE as a launch records them. */
async function moodleUser(userId: string): Promise<string> {
  return (
    await nls.stores.people.upsertPersonByIdentity(tenantId, {
      kind: 'account',
      homePage: SITE,
      name: userId,
    })
  ).id
}

async function post(statements: readonly unknown[]): Promise<string[]> {
  const res = await fetch(`${nls.url}/xapi/statements`, {
    method: 'POST',
    headers: { ...V, authorization: basic },
    body: JSON.stringify(statements),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as string[]
}

async function tag(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${nls.url}/api/tags?tenantId=${tenantId}`, {
    method: 'POST',
    headers: { authorization: admin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { tag: { id: string } }).tag.id
}

interface Criterion {
  readonly met: boolean
  readonly sources: readonly { tagId: string; statements: readonly { id: string }[] }[]
}
interface Component {
  readonly componentId: string
  readonly level: string | null
  readonly evidenceCount: number
  readonly levels: readonly { code: string; criteria: readonly Criterion[] }[]
}

/** A component of a person's profile once inference has run. */
async function component(personId: string, componentId: string): Promise<Component | undefined> {
  await nls.inference.runOnce()
  const res = await fetch(`${nls.url}/api/people/${personId}/profile?tenantId=${tenantId}`, {
    headers: { authorization: admin },
  })
  expect(res.status).toBe(200)
  const { components } = (await res.json()) as { components: Component[] }
  return components.find((c) => c.componentId === componentId)
}

/** The statements behind a component's evidence, once each. */
function evidenceOf(c: Component | undefined): string[] {
  const ids = c?.levels.flatMap((l) =>
    l.criteria.flatMap((cr) => cr.sources.flatMap((s) => s.statements.map((st) => st.id))),
  )
  return [...new Set(ids ?? [])].sort()
}

describe('Moodle quiz: the attempt is the evidence, under the quiz', () => {
  const cmid = 50
  const QUIZ = moduleIri('quiz', cmid)

  it('credits a finished attempt that reaches the score, not one that does not, and never its questions', async () => {
    await tag({
      activityIri: QUIZ,
      competencyIds: ['TT18.PT.1.1.CB'],
      rule: { minScore: 0.8, verbs: [COMPLETED, ANSWERED] },
    })
    const lan = await moodleUser('401')
    // 5/10 with two questions answered right: under an 80 % rule, nothing.
    await post([
      quizQuestion('401', 1, true, { cmid, attempt: 7001 }),
      quizQuestion('401', 2, true, { cmid, attempt: 7001 }),
      quizAttempt('401', 5, { cmid, attempt: 7001 }),
      attemptReviewed('401', { cmid, attempt: 7001 }),
    ])
    const none = await component(lan, 'TT18.PT.1.1')
    expect(none?.level ?? null).toBeNull()
    expect(evidenceOf(none)).toEqual([])
    // 9/10: the attempt's `completed` is the evidence, its questions add nothing.
    const [q1, q2, passed] = await post([
      quizQuestion('401', 1, true, { cmid, attempt: 7002 }),
      quizQuestion('401', 2, true, { cmid, attempt: 7002 }),
      quizAttempt('401', 9, { cmid, attempt: 7002 }),
    ])
    const c = await component(lan, 'TT18.PT.1.1')
    expect(c).toMatchObject({ level: 'CB' })
    expect(evidenceOf(c)).toEqual([passed])
    expect(evidenceOf(c)).not.toContain(q1)
    expect(evidenceOf(c)).not.toContain(q2)
  })

  it('counts attempts, not questions, toward a rule asking for two', async () => {
    const QUIZ2 = moduleIri('quiz', 51)
    await tag({
      activityIri: QUIZ2,
      competencyIds: ['TT18.PT.1.2.CB'],
      rule: { count: 2, verbs: [COMPLETED, ANSWERED] },
    })
    const minh = await moodleUser('402')
    await post([
      quizQuestion('402', 1, true, { cmid: 51, attempt: 7101 }),
      quizQuestion('402', 2, true, { cmid: 51, attempt: 7101 }),
      quizQuestion('402', 3, true, { cmid: 51, attempt: 7101 }),
      quizAttempt('402', 10, { cmid: 51, attempt: 7101 }),
    ])
    expect((await component(minh, 'TT18.PT.1.2'))?.level ?? null).toBeNull()
    await post([quizAttempt('402', 8, { cmid: 51, attempt: 7102 })])
    expect(await component(minh, 'TT18.PT.1.2')).toMatchObject({ level: 'CB' })
  })

  it('finds the people already seen when a tag is put on the quiz later (by its parents)', async () => {
    const QUIZ3 = moduleIri('quiz', 52)
    const an = await moodleUser('403')
    await post([quizAttempt('403', 9, { cmid: 52 })])
    expect((await component(an, 'TT18.PT.2.1'))?.level ?? null).toBeNull()
    await tag({ activityIri: QUIZ3, competencyIds: ['TT18.PT.2.1.CB'], rule: { minScore: 0.8 } })
    expect(await component(an, 'TT18.PT.2.1')).toMatchObject({ level: 'CB' })
  })

  it('credits only statements whose object is the quiz when the rule says so', async () => {
    const QUIZ4 = moduleIri('quiz', 53)
    await tag({
      activityIri: QUIZ4,
      competencyIds: ['TT18.PT.2.2.CB'],
      rule: { objectOnly: true },
    })
    const binh = await moodleUser('404')
    await post([quizAttempt('404', 10, { cmid: 53 })])
    expect((await component(binh, 'TT18.PT.2.2'))?.level ?? null).toBeNull()
  })
})

describe('Moodle assignment, lesson and H5P', () => {
  it('credits a graded assignment (`scored`) by its grade', async () => {
    await tag({
      activityIri: moduleIri('assign', 60),
      competencyIds: ['TT18.PT.3.1.CB'],
      rule: { minScore: 0.8 },
    })
    const low = await moodleUser('501')
    const high = await moodleUser('502')
    await post([assignmentGraded('501', 6, 10, 60), assignmentGraded('502', 17, 20, 60)])
    expect((await component(low, 'TT18.PT.3.1'))?.level ?? null).toBeNull()
    expect(await component(high, 'TT18.PT.3.1')).toMatchObject({ level: 'CB' })
  })

  it('credits a finished lesson by its grade', async () => {
    await tag({
      activityIri: moduleIri('lesson', 61),
      competencyIds: ['TT18.PT.3.2.CB'],
      rule: { minScore: 0.7 },
    })
    const p = await moodleUser('503')
    await post([lessonCompleted('503', 65, 61)])
    expect((await component(p, 'TT18.PT.3.2'))?.level ?? null).toBeNull()
    await post([lessonCompleted('503', 85, 61)])
    expect(await component(p, 'TT18.PT.3.2')).toMatchObject({ level: 'CB' })
  })

  it('takes an H5P activity’s own score, not its sub-contents’ answers', async () => {
    await tag({
      activityIri: moduleIri('h5pactivity', 62),
      competencyIds: ['TT18.PT.4.1.CB'],
      rule: { minScore: 0.8, verbs: [COMPLETED, ANSWERED] },
    })
    const p = await moodleUser('504')
    // Every sub-content right, but the content's score is 2/4: nothing.
    const low = h5pAttempt('504', { raw: 2, max: 4 }, { cmid: 62 })
    await post([...low.parts, low.whole])
    const none = await component(p, 'TT18.PT.4.1')
    expect(none?.level ?? null).toBeNull()
    expect(evidenceOf(none)).toEqual([])
    const high = h5pAttempt('504', { raw: 4, max: 4 }, { cmid: 62, verb: 'answered' })
    const ids = await post([...high.parts, high.whole])
    const c = await component(p, 'TT18.PT.4.1')
    expect(c).toMatchObject({ level: 'CB' })
    expect(evidenceOf(c)).toEqual([ids.at(-1)])
  })
})

describe('SCORM through the SCORM-to-xAPI wrapper, and cmi5', () => {
  it('credits a SCO once per registration when it is passed with the score', async () => {
    await tag({
      activityIri: SCORM_SCO,
      competencyIds: ['TT18.PT.5.1.CB'],
      rule: { minScore: 0.8, count: 2 },
    })
    const email = 'lan.nt@thpt-chuvanan.edu.vn'
    const p = (
      await nls.stores.people.upsertPersonByIdentity(tenantId, {
        kind: 'mbox',
        mbox: `mailto:${email}`,
      })
    ).id
    // One session: `scored`, `passed` and `completed` are one attempt, so one of two.
    await post(scormSession(email, 0.9, randomUUID()))
    const one = await component(p, 'TT18.PT.5.1')
    expect(one?.level ?? null).toBeNull()
    expect(evidenceOf(one)).toHaveLength(1)
    // A failed session adds nothing; a second passed one makes two.
    await post(scormSession(email, 0.5, randomUUID()))
    expect((await component(p, 'TT18.PT.5.1'))?.level ?? null).toBeNull()
    await post(scormSession(email, 0.85, randomUUID()))
    expect(await component(p, 'TT18.PT.5.1')).toMatchObject({ level: 'CB' })
  })

  it('credits a cmi5 AU passed in a session once, and the block satisfied', async () => {
    await tag({
      activityIri: CMI5_AU,
      competencyIds: ['TT18.PT.6.1.CB'],
      rule: { count: 2, requireSuccess: true },
    })
    await tag({ activityIri: CMI5_BLOCK, competencyIds: ['TT18.PT.6.2.CB'] })
    const p = await moodleUser('601')
    await post(cmi5Session('601', 0.5, randomUUID()))
    expect((await component(p, 'TT18.PT.6.2'))?.level ?? null).toBeNull()
    await post(cmi5Session('601', 0.9, randomUUID()))
    // `passed` with success counts, `completed` has no success: one of two for the AU.
    expect((await component(p, 'TT18.PT.6.1'))?.level ?? null).toBeNull()
    expect(await component(p, 'TT18.PT.6.2')).toMatchObject({ level: 'CB' })
    await post(cmi5Session('601', 0.8, randomUUID()))
    expect(await component(p, 'TT18.PT.6.1')).toMatchObject({ level: 'CB' })
  })
})
