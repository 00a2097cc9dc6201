// From a POSTed statement to a changed profile, over real HTTP on the real server and database:
// tags, inference, voiding, tag changes, overrides, finding people, and who may see what.
import { randomUUID } from 'node:crypto'
import { jest } from '@jest/globals'
import { signSession } from '../../lti/session.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import { pageViewed, quizAttempt } from '../support/moodle-statements.ts'
import { startXapiTenant } from '../support/nls-server.ts'

const SITE = 'https://lms.thpt-chuvanan.edu.vn'
const QUIZ = `${SITE}/mod/quiz/view.php?id=12`
const V = { 'X-Experience-API-Version': '1.0.3', 'content-type': 'application/json' }

let nls: RunningServer
let tenantId: string
let basic: string
let admin: string
beforeAll(async () => {
  ;({ nls, tenantId, basic, admin } = await startXapiTenant('Moodle A'))
})
afterAll(() => nls.close())

/** A person as a launch records them (Moodle user `userId` of SITE). */
async function person(userId: string): Promise<string> {
  const p = await nls.stores.people.upsertPersonByIdentity(tenantId, {
    kind: 'account',
    homePage: SITE,
    name: userId,
  })
  return p.id
}

async function postStatements(body: unknown): Promise<string[]> {
  const res = await fetch(`${nls.url}/xapi/statements`, {
    method: 'POST',
    headers: { ...V, authorization: basic },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as string[]
}

async function api(
  method: string,
  path: string,
  body?: unknown,
  authorization = admin,
  // Tests read answers as loosely as a client would; the API's own schemas are tested elsewhere.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; json: any }> {
  const sep = path.includes('?') ? '&' : '?'
  const res = await fetch(`${nls.url}/api${path}${sep}tenantId=${tenantId}`, {
    method,
    headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  return { status: res.status, json: text ? JSON.parse(text) : undefined }
}

async function component(personId: string, componentId: string) {
  await nls.inference.runOnce()
  const { status, json } = await api('GET', `/people/${personId}/profile`)
  expect(status).toBe(200)
  const components = json.components as { componentId: string }[]
  const found = components.find((c) => c.componentId === componentId)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a profile read loosely, as above
  return found as Record<string, any> | undefined
}

describe('inference over HTTP', () => {
  let tagId: string
  let learner: string
  let passed: string | undefined

  it('turns a tagged, passed quiz into Cơ bản with its reasons', async () => {
    const created = await api('POST', '/tags', {
      activityIri: QUIZ,
      activityName: 'Kiểm tra: An toàn trên môi trường số',
      competencyIds: ['TT18.PT.1.1.CB'],
      rule: { minScore: 0.8 },
    })
    expect(created.status).toBe(201)
    tagId = created.json.tag.id
    expect(created.json.tag).toMatchObject({
      competencyIds: ['TT18.PT.1.1.CB'],
      rule: { minScore: 0.8, requireSuccess: false, weight: 1, count: 1 },
      activity: { iri: QUIZ, name: 'Kiểm tra: An toàn trên môi trường số' },
    })

    learner = await person('4')
    const [low] = await postStatements([quizAttempt('4', 7)])
    expect((await component(learner, 'TT18.PT.1.1'))?.level ?? null).toBeNull()
    ;[passed] = await postStatements([quizAttempt('4', 9), pageViewed('4')])
    const c = await component(learner, 'TT18.PT.1.1')
    expect(c).toMatchObject({
      level: 'CB',
      inferredLevel: 'CB',
      levelName: { vi: 'Cơ bản' },
      name: { vi: expect.any(String) },
      evidenceCount: 1,
      next: { level: 'TT', levelName: { vi: 'Thành thạo' } },
    })
    const criterion = c!.levels[0].criteria[0]
    expect(criterion).toMatchObject({
      met: true,
      text: { vi: expect.any(String), en: expect.any(String) },
      sources: [{ tagId, statements: [{ id: passed }] }],
    })
    const { json } = await api('GET', `/people/${learner}/profile`)
    // The attempt is the statement's object; the quiz, its parent, is what the tag names.
    expect(json.statements[passed!]).toMatchObject({
      activityIri: expect.stringContaining(`${SITE}/mod/quiz/attempt.php?attempt=`),
      score: 0.9,
    })
    expect(json.statements[low!]).toBeUndefined()
    expect(json.tags[tagId]).toMatchObject({ activityIri: QUIZ, competencyIds: ['TT18.PT.1.1.CB'] })
    expect(json.selfAssessments).toEqual([])
    // The saved level follows, for reports.
    const saved = await nls.stores.progress.findLevels(tenantId, learner)
    expect(saved).toEqual([
      expect.objectContaining({ componentId: 'TT18.PT.1.1', level: 'CB', evidenceCount: 1 }),
    ])
  })

  it('retracts the evidence of a voided statement', async () => {
    const other = await person('5')
    const [target] = await postStatements([quizAttempt('5', 10)])
    expect((await component(other, 'TT18.PT.1.1'))?.level).toBe('CB')
    await postStatements([
      {
        actor: { account: { homePage: SITE, name: 'admin' } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { en: 'voided' } },
        object: { objectType: 'StatementRef', id: target },
      },
    ])
    const after = await component(other, 'TT18.PT.1.1')
    expect(after).toMatchObject({ level: null, evidenceCount: 0 })
    expect(await nls.stores.progress.findEvidence(tenantId, other)).toEqual([])
  })

  it('works people out again when a tag changes, and when it goes', async () => {
    const stricter = await api('PATCH', `/tags/${tagId}`, { rule: { minScore: 0.95 } })
    expect(stricter.status).toBe(200)
    expect((await component(learner, 'TT18.PT.1.1'))?.level).toBeNull()
    await api('PATCH', `/tags/${tagId}`, { rule: { minScore: 0.8 } })
    expect((await component(learner, 'TT18.PT.1.1'))?.level).toBe('CB')

    const extra = await api('POST', '/tags', {
      activityPrefix: `${SITE}/mod/quiz/`,
      competencyIds: ['TT18.PT.1.1.TT.1', 'TT18.PT.2.1.CB'],
      rule: { minScore: 0.5 },
    })
    expect(extra.status).toBe(201)
    expect((await component(learner, 'TT18.PT.2.1'))?.level).toBe('CB')
    expect((await component(learner, 'TT18.PT.1.1'))?.levels[1].metCount).toBe(1)
    expect((await api('DELETE', `/tags/${extra.json.tag.id}`)).status).toBe(204)
    expect((await component(learner, 'TT18.PT.2.1'))?.level).toBeNull()
    const audit = await nls.stores.audit.list({ tenantId })
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['tags.create', 'tags.update', 'tags.remove']),
    )
  })

  it('refuses bad tags, naming the field', async () => {
    const unknown = await api('POST', '/tags', {
      activityIri: QUIZ,
      competencyIds: ['TT18.PT.1.1.CX'],
    })
    expect(unknown.status).toBe(400)
    expect(unknown.json).toMatchObject({ code: 'ERR_TAG_INVALID' })
    expect(unknown.json.problems[0]).toMatchObject({ path: ['competencyIds', 0] })
    expect(unknown.json.problems[0].message).toContain('TT18.PT.1.1.CB')
    const component = await api('POST', '/tags', {
      activityIri: QUIZ,
      competencyIds: ['TT18.PT.1.1'],
    })
    expect(component.json.problems[0].message).toContain('is a component')
    const twoTargets = await api('POST', '/tags', {
      activityIri: QUIZ,
      activityPrefix: SITE,
      competencyIds: ['TT18.PT.1.1.CB'],
    })
    expect(twoTargets.status).toBe(400)
    expect(twoTargets.json.problems[0].message).toContain('exactly one of')
    const badRule = await api('POST', '/tags', {
      activityIri: QUIZ,
      competencyIds: ['TT18.PT.1.1.CB'],
      rule: { minScore: 80 },
    })
    expect(badRule.json.problems).toEqual([
      { path: ['body', 'rule', 'minScore'], message: 'must be a share from 0 to 1' },
    ])
    expect((await api('PATCH', `/tags/${randomUUID()}`, { rule: {} })).status).toBe(404)
    expect((await api('GET', '/tags')).json.tags).toHaveLength(1)
  })

  it('puts a trainer’s verdict over inference, audited, and shows both', async () => {
    const set = await api('POST', `/people/${learner}/overrides`, {
      targetId: 'TT18.PT.1.1',
      action: 'set-level',
      level: 'TT',
      reason: 'Hồ sơ minh chứng đã xem',
    })
    expect(set.status).toBe(201)
    const c = await component(learner, 'TT18.PT.1.1')
    expect(c).toMatchObject({
      level: 'TT',
      inferredLevel: 'CB',
      override: { kind: 'level', level: 'TT', reason: 'Hồ sơ minh chứng đã xem' },
      next: { level: 'NC' },
    })
    const reject = await api('POST', `/people/${learner}/overrides`, {
      targetId: 'TT18.PT.1.1',
      action: 'clear',
      reason: 'xem lại',
    })
    expect(reject.status).toBe(201)
    expect((await component(learner, 'TT18.PT.1.1'))?.level).toBe('CB')
    const bad = await api('POST', `/people/${learner}/overrides`, {
      targetId: 'TT18.PT.1.1',
      action: 'set-level',
      level: 'XX',
      reason: 'typo',
    })
    expect(bad.status).toBe(400)
    expect(bad.json.problems[0].path).toEqual(['body', 'level'])
    const history = await api('GET', `/people/${learner}/overrides`)
    expect(history.json.overrides.map((o: { action: string }) => o.action)).toEqual([
      'set-level',
      'clear',
    ])
    const audit = await nls.stores.audit.list({ tenantId })
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['overrides.set-level', 'overrides.clear']),
    )
  })

  it('names who gave a verdict, reading the names in one query: a trainer by name, else the actor', async () => {
    const secret = Buffer.from(
      await nls.stores.toolKeys.secret('session', () => 'unused'),
      'base64url',
    )
    const trainerSession = async (userId: string, name?: string) => {
      const { id } = await nls.stores.people.upsertPersonByIdentity(
        tenantId,
        { kind: 'account', homePage: SITE, name: userId },
        name === undefined ? {} : { name },
      )
      const token = await signSession(
        // A school's trainer (a local account): an LMS Instructor acts only in their course.
        { tenantId, personId: id, role: 'instructor', gen: 0 },
        secret,
        new Date(),
      )
      return { id, token }
    }
    const lan = await trainerSession('30', 'Nguyễn Thị Lan')
    const nameless = await trainerSession('31')
    const criterionId = (await component(learner, 'TT18.PT.1.1'))!.levels[0].criteria[0].id
    expect(
      (
        await api(
          'POST',
          `/people/${learner}/overrides`,
          { targetId: 'TT18.PT.1.1', action: 'set-level', level: 'NC', reason: 'Dự giờ' },
          `Bearer ${lan.token}`,
        )
      ).status,
    ).toBe(201)
    expect(
      (
        await api(
          'POST',
          `/people/${learner}/overrides`,
          { targetId: criterionId, action: 'confirm', reason: 'Sản phẩm đã nộp' },
          `Bearer ${nameless.token}`,
        )
      ).status,
    ).toBe(201)

    const getPeople = jest.spyOn(nls.stores.people, 'getPeople')
    try {
      const c = await component(learner, 'TT18.PT.1.1')
      expect(c?.override).toMatchObject({ level: 'NC', by: 'Nguyễn Thị Lan' })
      expect(c?.levels[0].criteria[0].override).toMatchObject({
        verdict: 'confirm',
        by: `person:${nameless.id}`,
      })
      expect(getPeople).toHaveBeenCalledTimes(1)
      expect([...getPeople.mock.calls[0]![1]].sort()).toEqual([lan.id, nameless.id].sort())
    } finally {
      getPeople.mockRestore()
    }
    const history = await api('GET', `/people/${learner}/overrides`)
    expect(
      history.json.overrides.map((o: { actor: string; by: string }) => [o.actor, o.by]),
    ).toEqual([
      ['admin-token:trainer-desk', 'admin-token:trainer-desk'],
      ['admin-token:trainer-desk', 'admin-token:trainer-desk'],
      [`person:${lan.id}`, 'Nguyễn Thị Lan'],
      [`person:${nameless.id}`, `person:${nameless.id}`],
    ])
    // The profile page says it too.
    const page = await fetch(`${nls.url}/app/people/${learner}?session=${lan.token}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<span data-override-by="true">bởi Nguyễn Thị Lan</span>')
    expect(html).toContain(`<span data-override-by="true">bởi person:${nameless.id}</span>`)

    for (const targetId of ['TT18.PT.1.1', criterionId]) {
      await api('POST', `/people/${learner}/overrides`, { targetId, action: 'clear', reason: '-' })
    }
  })

  it('finds a person by issuer and sub, or by an xAPI actor', async () => {
    const bySub = await api('GET', `/people?issuer=${encodeURIComponent(SITE)}&sub=4`)
    expect(bySub.json.person.id).toBe(learner)
    const actor = JSON.stringify({ account: { homePage: SITE, name: '4' } })
    const byActor = await api('GET', `/people?actor=${encodeURIComponent(actor)}`)
    expect(byActor.json.person.id).toBe(learner)
    expect((await api('GET', `/people?issuer=${encodeURIComponent(SITE)}&sub=999`)).status).toBe(
      404,
    )
    const bad = await api('GET', `/people?actor=${encodeURIComponent('{"name":"x"}')}`)
    expect(bad.status).toBe(400)
    expect(bad.json.problems[0].path).toEqual(['query', 'actor'])
    expect((await api('GET', '/people')).status).toBe(400)
  })

  it('lets a learner see only their own profile, and no tags', async () => {
    const secret = Buffer.from(
      await nls.stores.toolKeys.secret('session', () => 'unused'),
      'base64url',
    )
    const session = (personId: string, role: 'learner' | 'instructor') =>
      // Without a platform: a local account (a school's trainer acts for the whole school).
      signSession({ tenantId, personId, role, gen: 0 }, secret, new Date()).then(
        (t) => `Bearer ${t}`,
      )
    const mine = await session(learner, 'learner')
    expect((await api('GET', `/people/${learner}/profile`, undefined, mine)).status).toBe(200)
    const theirs = await api('GET', `/people/${await person('5')}/profile`, undefined, mine)
    expect(theirs.status).toBe(403)
    expect((await api('GET', '/tags', undefined, mine)).status).toBe(403)
    const trainer = await session(await person('3'), 'instructor')
    expect((await api('GET', '/tags', undefined, trainer)).status).toBe(200)
    expect((await api('GET', '/tags', undefined, '')).status).toBe(401)
    expect((await api('GET', '/tags', undefined, 'Bearer nope')).status).toBe(403)
  })
})
