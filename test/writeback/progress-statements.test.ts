// Level changes written back as xAPI statements shaped by our profile: to the tenant's upstream
// LRS (a real LRS in its own process), or to NLS's own statement store; once each, also after
// the LRS was away.
import { jest } from '@jest/globals'
import {
  checkStatementTemplate,
  type Profile,
  templateFor,
} from '../../statements/progress/profile.ts'
import { validateStatements } from '../../statements/xapi/index.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import { quizAttempt } from '../support/moodle-statements.ts'
import { startNls } from '../support/nls-server.ts'
import { type RealLrs, startRealLrs } from '../support/real-lrs.ts'

jest.setTimeout(120_000)

// Statements as JSON, read loosely as an analyst would; their shape is checked against our profile.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>

const SITE = 'https://lms.thpt-chuvanan.edu.vn'
const QUIZ = `${SITE}/mod/quiz/view.php?id=12`
const V = { 'X-Experience-API-Version': '1.0.3' }
const PROGRESSED = 'http://adlnet.gov/expapi/verbs/progressed'

let nls: RunningServer
let lrs: RealLrs
beforeAll(async () => {
  ;[nls, lrs] = await Promise.all([startNls(), startRealLrs()])
})
afterAll(async () => {
  await lrs.stop()
  await nls.close()
})

/** A tenant with a tagged quiz, a known person (Moodle user 4) and an xAPI client. */
async function school(name: string) {
  const tenantId = (await nls.stores.tenants.createTenant({ kind: 'platform', name })).id
  const quiz = await nls.stores.courses.upsertActivity(tenantId, { iri: QUIZ })
  await nls.stores.tags.createTag(tenantId, {
    activityId: quiz.id,
    competencyIds: ['TT18.PT.1.1.CB'],
    rule: { minScore: 0.8 },
  })
  const person = await nls.stores.people.upsertPersonByIdentity(
    tenantId,
    { kind: 'account', homePage: SITE, name: '4' },
    { name: 'Trần Văn Minh' },
  )
  const { client, secret } = await nls.stores.xapiClients.createClient(tenantId, 'logstore', 'test')
  const basic = `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`
  const post = async (body: unknown): Promise<string[]> => {
    const res = await fetch(`${nls.url}/xapi/statements`, {
      method: 'POST',
      headers: { ...V, authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect(res.status).toBe(200)
    return (await res.json()) as string[]
  }
  const voidStatement = (id: string) =>
    post({
      actor: { account: { homePage: SITE, name: 'admin' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { en: 'voided' } },
      object: { objectType: 'StatementRef', id },
    })
  const ours = async (): Promise<Json[]> => {
    const res = await fetch(`${nls.url}/xapi/statements?verb=${encodeURIComponent(PROGRESSED)}`, {
      headers: { ...V, authorization: basic },
    })
    return ((await res.json()) as { statements: Json[] }).statements
  }
  return { tenantId, personId: person.id, post, voidStatement, ours }
}

async function basicOf(tenantId: string): Promise<string> {
  const { client, secret } = await nls.stores.xapiClients.createClient(
    tenantId,
    `reader-${Date.now()}`,
    'test',
  )
  return `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`
}

async function settle(): Promise<void> {
  await nls.inference.runOnce()
  await nls.outbox.runOnce()
}

async function profile(): Promise<Profile> {
  const res = await fetch(`${nls.url}/xapi/profile`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('application/ld+json')
  return (await res.json()) as Profile
}

/** Every statement passes our xAPI validation and matches its template of our profile. */
async function expectProfiled(statements: readonly object[]): Promise<void> {
  const ours = await profile()
  for (const statement of statements) {
    expect(validateStatements(statement, { version: '1.0.3' }).ok).toBe(true)
    const template = templateFor(statement, ours)
    expect(template).toBeDefined()
    expect(checkStatementTemplate(statement, template!)).toEqual([])
  }
}

async function lrsStatements(agentName: string): Promise<Json[]> {
  const agent = JSON.stringify({ account: { homePage: SITE, name: agentName } })
  const res = await fetch(
    `${lrs.endpoint}statements?agent=${encodeURIComponent(agent)}&verb=${encodeURIComponent(PROGRESSED)}&limit=100`,
    { headers: { ...V, authorization: lrs.auth } },
  )
  return ((await res.json()) as { statements: Json[] }).statements
}

describe('progress statements', () => {
  it('without an upstream LRS, land in our own store: up, and down when evidence is voided', async () => {
    const s = await school('THPT A')
    const [passed] = await s.post(quizAttempt('4', 9))
    await settle()
    const [up] = await s.ours()
    expect(up).toMatchObject({
      actor: { name: 'Trần Văn Minh', account: { homePage: SITE, name: '4' } },
      verb: { id: PROGRESSED },
      object: { id: 'urn:nls:TT18.PT.1.1', definition: { name: { vi: expect.any(String) } } },
      context: {
        contextActivities: {
          category: [{ id: expect.stringContaining(`${nls.url}/xapi/profile`) }],
        },
      },
    })
    expect(Object.values(up!.result.extensions)).toContain('CB')
    await s.voidStatement(passed!)
    await settle()
    const both = await s.ours()
    expect(both).toHaveLength(2)
    const down = both.find((x) => x.id !== up!.id)!
    expect(Object.values(down.result.extensions)).toContain('none')
    await expectProfiled(both)
    // Nothing is sent twice: another pass finds nothing to do.
    await settle()
    expect(await s.ours()).toHaveLength(2)
    expect(await nls.stores.outbox.depth()).toBe(0)
  })

  it('go to the tenant’s upstream LRS once each, also after it was away for a while', async () => {
    const s = await school('THPT B')
    await nls.stores.lrsSources.setSource(
      s.tenantId,
      { endpoint: lrs.endpoint, username: 'nls', password: 'test', pull: false, forward: false },
      'test',
    )
    await s.post(quizAttempt('4', 9))
    await settle()
    const first = await lrsStatements('4')
    expect(first).toHaveLength(1)
    await expectProfiled(first)
    expect(await s.ours()).toEqual([])

    // The LRS goes away; a trainer sets a level meanwhile; the statement waits in the outbox.
    const port = lrs.port
    await lrs.stop()
    await nls.stores.inference.addOverride(s.tenantId, s.personId, {
      targetId: 'TT18.PT.1.1',
      action: 'set-level',
      level: 'TT',
      reason: 'hồ sơ minh chứng',
      actor: 'person:trainer',
    })
    await nls.stores.inference.enqueue(s.tenantId, [s.personId])
    await settle()
    const [waiting] = await nls.stores.outbox.claimDue(new Date(Date.now() + 3_600_000), 10)
    expect(waiting?.lastError).toMatch(/cannot reach/)
    // Back (its memory store empty): due again after its backoff — now, as time would.
    lrs = await startRealLrs(port)
    await nls.stores.outbox.markFailed(waiting!, waiting!.lastError!, new Date(0))
    await settle()
    await settle()
    const after = await lrsStatements('4')
    expect(after).toHaveLength(1)
    expect(after[0]!.id).toBe((waiting!.payload as { statement: { id: string } }).statement.id)
    expect(Object.values(after[0]!.context.extensions)).toContainEqual({
      reason: 'hồ sơ minh chứng',
      by: 'person:trainer',
    })
    await expectProfiled(after)
    expect(await nls.stores.outbox.depth()).toBe(0)
  })

  it('include a statement per descriptor reached when the tenant asks for them', async () => {
    const s = await school('THPT E')
    await nls.stores.tenants.setSettings(s.tenantId, { writeDescriptors: true })
    await s.post(quizAttempt('4', 9))
    await settle()
    const res = await fetch(
      `${nls.url}/xapi/statements?verb=${encodeURIComponent('https://w3id.org/xapi/adl/verbs/satisfied')}`,
      { headers: { ...V, authorization: await basicOf(s.tenantId) } },
    )
    const reached = ((await res.json()) as { statements: Json[] }).statements
    // The tag names the component at Cơ bản: every Cơ bản descriptor is reached.
    const cb = (await import('../../framework/index.ts'))
      .shippedCatalog()
      .getOf('TT18.PT.1.1.CB', 'level')
    expect(reached.map((r) => r.object.id).sort()).toEqual(
      cb.level.descriptors.map((d) => `urn:nls:${d.id}`).sort(),
    )
    await expectProfiled(reached)
    expect(await s.ours()).toHaveLength(1)
  })

  it('are kept when the LRS refuses them, shown as given up, and go again on demand', async () => {
    const s = await school('THPT C')
    await nls.stores.lrsSources.setSource(
      s.tenantId,
      {
        endpoint: `${lrs.endpoint}nowhere/`,
        username: 'nls',
        password: 'test',
        pull: false,
        forward: false,
      },
      'test',
    )
    await s.post(quizAttempt('4', 10))
    await settle()
    // A 404 of the statements resource is a refusal: given up at once, not retried forever.
    const [givenUp] = await nls.stores.outbox.listGivenUp(10)
    expect(givenUp?.lastError).toMatch(/answered 404/)
    const metrics = await (await fetch(`${nls.url}/metrics`)).text()
    expect(metrics).toMatch(/^nls_outbox_given_up [1-9]/m)
    await nls.stores.lrsSources.setSource(
      s.tenantId,
      { endpoint: lrs.endpoint, username: 'nls', password: 'test', pull: false, forward: false },
      'test',
    )
    expect(await nls.stores.outbox.retryGivenUp([givenUp!.id])).toBe(1)
    await settle()
    const arrived = await fetch(
      `${lrs.endpoint}statements?statementId=${(givenUp!.payload as { statement: { id: string } }).statement.id}`,
      { headers: { ...V, authorization: lrs.auth } },
    )
    expect(arrived.status).toBe(200)
  })
})
