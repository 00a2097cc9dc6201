// GET /xapi/statements with the query parameters a client of the statements resource expects.
import { randomUUID } from 'node:crypto'
import type { RunningServer } from '../../src/server/start-server.ts'
import { MOODLE_SITE, pageViewed, quizAttempt } from '../support/moodle-statements.ts'
import { startNls } from '../support/nls-server.ts'

let nls: RunningServer
let auth: string
let clientKey: string
const registration = randomUUID()
const ids: Record<string, string[]> = {}
/** The statement that voids one of agent 20's. */
let voiding: string | undefined
beforeAll(async () => {
  nls = await startNls()
  const tenant = await nls.stores.tenants.createTenant({ kind: 'platform', name: 'Moodle Q' })
  const { client, secret } = await nls.stores.xapiClients.createClient(tenant.id, 'q', 'test')
  clientKey = client.key
  auth = `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`
  // Separate POSTs, so that `stored` increases from one group to the next.
  ids.a = await post([quizAttempt('20', 6), quizAttempt('20', 9, { cmid: 30 })])
  ids.b = await post([
    pageViewed('20'),
    { ...pageViewed('21'), context: { registration, platform: 'Moodle' } },
  ])
  ids.c = await post([
    {
      ...pageViewed('7'),
      verb: {
        id: 'http://adlnet.gov/expapi/verbs/answered',
        display: { en: 'answered', vi: 'đã trả lời' },
      },
    },
  ])
})
afterAll(() => nls.close())

const H = () => ({ 'X-Experience-API-Version': '1.0.3', authorization: auth })

async function post(body: unknown): Promise<string[]> {
  const res = await fetch(`${nls.url}/xapi/statements`, {
    method: 'POST',
    headers: { ...H(), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as string[]
}

async function query(params: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${nls.url}/xapi/statements?${new URLSearchParams(params)}`, {
    headers: { ...H(), ...headers },
  })
  return {
    status: res.status,
    lastModified: res.headers.get('last-modified'),
    body: (await res.json()) as { statements: { id: string }[]; more: string; message?: string },
  }
}

const agent = (name: string) => JSON.stringify({ account: { homePage: MOODLE_SITE, name } })
const all = () => [...ids.a!, ...ids.b!, ...ids.c!]

describe('statement queries', () => {
  it('newest first by default, oldest first with ascending', async () => {
    const desc = await query({})
    // Last-Modified is the newest `stored` returned, whichever the order (xAPI 2.0.0).
    const newest = await fetch(`${nls.url}/xapi/statements?statementId=${ids.c![0]}`, {
      headers: H(),
    })
    const stored = new Date(((await newest.json()) as { stored: string }).stored).toUTCString()
    expect(desc.lastModified).toBe(stored)
    expect((await query({ ascending: 'true', limit: '10' })).lastModified).toBe(stored)
    expect((await query({ verb: 'http://example.com/never' })).lastModified).toBeNull()
    expect(desc.body.statements.map((s) => s.id).sort()).toEqual(all().sort())
    expect(desc.body.more).toBe('')
    const asc = await query({ ascending: 'true' })
    expect(
      asc.body.statements
        .slice(0, 2)
        .map((s) => s.id)
        .sort(),
    ).toEqual([...ids.a!].sort())
    expect(asc.body.statements.at(-1)?.id).toBe(ids.c![0])
  })

  it('agent, verb, activity and registration filters', async () => {
    expect((await query({ agent: agent('20') })).body.statements.map((s) => s.id).sort()).toEqual(
      [...ids.a!, ids.b![0]!].sort(),
    )
    const answered = await query({ verb: 'http://adlnet.gov/expapi/verbs/answered' })
    expect(answered.body.statements.map((s) => s.id)).toEqual(ids.c)
    // Moodle names the quiz as the attempt's parent: a related activity, not the object.
    const quiz30 = `${MOODLE_SITE}/mod/quiz/view.php?id=30`
    expect((await query({ activity: quiz30 })).body.statements).toEqual([])
    const related = await query({ activity: quiz30, related_activities: 'true' })
    expect(related.body.statements.map((s) => s.id)).toEqual([ids.a![1]])
    expect((await query({ registration })).body.statements.map((s) => s.id)).toEqual([ids.b![1]])
  })

  it('related_activities finds statements whose context names the course', async () => {
    const course = `${MOODLE_SITE}/course/view.php?id=2`
    expect((await query({ activity: course })).body.statements).toEqual([])
    const related = await query({ activity: course, related_activities: 'true' })
    expect(related.body.statements.map((s) => s.id).sort()).toEqual([...ids.a!].sort())
  })

  it('related_agents finds the statements a client stored as their authority', async () => {
    const authority = JSON.stringify({
      account: { homePage: `${nls.url}/xapi/clients`, name: clientKey },
    })
    expect((await query({ agent: authority })).body.statements).toEqual([])
    expect(
      (await query({ agent: authority, related_agents: 'true' })).body.statements,
    ).toHaveLength(5)
  })

  it('since and until work on `stored`', async () => {
    const first = await fetch(`${nls.url}/xapi/statements?statementId=${ids.a![0]}`, {
      headers: H(),
    })
    const stored = ((await first.json()) as { stored: string }).stored
    const after = await query({ since: stored })
    expect(after.body.statements.map((s) => s.id).sort()).toEqual([...ids.b!, ...ids.c!].sort())
    expect((await query({ until: stored })).body.statements.map((s) => s.id).sort()).toEqual(
      [...ids.a!].sort(),
    )
  })

  it('limit and more page through everything once', async () => {
    const seen: string[] = []
    let page = await query({ limit: '2', ascending: 'true' })
    for (;;) {
      seen.push(...page.body.statements.map((s) => s.id))
      if (!page.body.more) break
      const res = await fetch(`${nls.url}${page.body.more}`, { headers: H() })
      page = {
        status: res.status,
        lastModified: res.headers.get('last-modified'),
        body: (await res.json()) as typeof page.body,
      }
    }
    expect(seen).toHaveLength(5)
    expect(new Set(seen)).toEqual(new Set(all()))
  })

  it('format ids drops names, displays and definitions; canonical keeps one language', async () => {
    const idsOnly = (
      await query({ verb: 'http://adlnet.gov/expapi/verbs/answered', format: 'ids' })
    ).body.statements[0] as unknown as Record<string, Record<string, unknown>>
    expect(idsOnly.verb).toEqual({ id: 'http://adlnet.gov/expapi/verbs/answered' })
    expect(idsOnly.actor).toEqual({ account: { homePage: MOODLE_SITE, name: '7' } })
    expect(idsOnly.object).not.toHaveProperty('definition')
    const canonical = (
      await query(
        { verb: 'http://adlnet.gov/expapi/verbs/answered', format: 'canonical' },
        { 'accept-language': 'vi' },
      )
    ).body.statements[0] as unknown as { verb: { display: Record<string, string> } }
    expect(canonical.verb.display).toEqual({ vi: 'đã trả lời' })
  })

  it('voided statements leave the results', async () => {
    ;[voiding] = await post({
      actor: { account: { homePage: MOODLE_SITE, name: '2' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { en: 'voided' } },
      object: { objectType: 'StatementRef', id: ids.a![1] },
    })
    const quiz30 = await query({ activity: `${MOODLE_SITE}/mod/quiz/view.php?id=30` })
    expect(quiz30.body.statements).toEqual([])
  })

  it('unknown or malformed parameters are 400 naming them', async () => {
    expect(await query({ colour: 'blue' })).toMatchObject({
      status: 400,
      body: { message: 'unknown parameter colour' },
    })
    expect((await query({ since: 'yesterday' })).body.message).toBe(
      'since: must be an ISO 8601 timestamp with a time zone',
    )
    expect((await query({ agent: '{"name":"x"}' })).status).toBe(400)
    // An activity or verb is an IRI with a scheme, as in a statement (Data 2.2.s4.b4).
    for (const [name, value] of [
      ['activity', 'not.a.valid.iri.com/activity'],
      ['verb', 'not.a.valid.iri.com/verb'],
    ] as const) {
      const bad = await query({ [name]: value })
      expect(bad.status).toBe(400)
      expect(bad.body.message).toMatch(new RegExp(`^${name}: must be an IRI with a scheme`))
    }
    // Vietnamese in an IRI is no fault.
    expect(
      (await query({ activity: 'https://lms.thcs-giangvo.edu.vn/khoá-học/an-toàn-số' })).status,
    ).toBe(200)
    expect((await query({ statementId: ids.a![0]!, verb: 'http://x.example' })).status).toBe(400)
  })
  it('agent finds the statements about the agent (as the object), not only by them', async () => {
    const [reviewed] = await post({
      actor: { account: { homePage: MOODLE_SITE, name: '2' } },
      verb: { id: 'http://id.tincanapi.com/verb/reviewed', display: { en: 'reviewed' } },
      object: { objectType: 'Agent', account: { homePage: MOODLE_SITE, name: '20' } },
    })
    // Agent 20's own statements (one of them voided meanwhile), the review about them, and the
    // statement that voided one of theirs: it targets a statement of agent 20 (Communication
    // §2.1.3).
    const about20 = await query({ agent: agent('20') })
    expect(about20.body.statements.map((s) => s.id).sort()).toEqual(
      [ids.a![0]!, ids.b![0]!, reviewed!, voiding!].sort(),
    )
    // The reviewer's too, as its actor.
    expect((await query({ agent: agent('2') })).body.statements.map((s) => s.id)).toContain(
      reviewed,
    )
  })
})
