// The LRS-compatible statements resource over real HTTP, on the real server and database.
import { randomUUID } from 'node:crypto'
import type { RunningServer } from '../../src/server/start-server.ts'
import { MOODLE_SITE, pageViewed, quizAttempt } from '../support/moodle-statements.ts'
import { startNls } from '../support/nls-server.ts'

let nls: RunningServer
let tenantId: string
let auth: string
let otherAuth: string
beforeAll(async () => {
  nls = await startNls()
  tenantId = (await nls.stores.tenants.createTenant({ kind: 'platform', name: 'Moodle A' })).id
  const other = (await nls.stores.tenants.createTenant({ kind: 'platform', name: 'Moodle B' })).id
  const basic = async (tenant: string) => {
    const { client, secret } = await nls.stores.xapiClients.createClient(tenant, 'logstore', 'test')
    return `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`
  }
  auth = await basic(tenantId)
  otherAuth = await basic(other)
})
afterAll(() => nls.close())

const V = { 'X-Experience-API-Version': '1.0.3' }

function post(body: unknown, authorization = auth): Promise<Response> {
  return fetch(`${nls.url}/xapi/statements`, {
    method: 'POST',
    headers: { ...V, authorization, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

function get(query: string, authorization = auth): Promise<Response> {
  return fetch(`${nls.url}/xapi/statements?${query}`, { headers: { ...V, authorization } })
}

describe('the xAPI endpoint', () => {
  it('/about needs no credentials', async () => {
    const res = await fetch(`${nls.url}/xapi/about`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ version: ['1.0.3', '2.0.0'], extensions: {} })
    // Communication §3.3: every answer names the version, this one and refusals too.
    expect(res.headers.get('x-experience-api-version')).toBe('1.0.3')
  })

  it('refuses a request without version header or credentials', async () => {
    const noVersion = await fetch(`${nls.url}/xapi/statements`, {
      method: 'POST',
      headers: { authorization: auth },
    })
    expect(noVersion.status).toBe(400)
    expect(await noVersion.json()).toMatchObject({ code: 'ERR_XAPI_VERSION_INVALID' })
    expect(noVersion.headers.get('x-experience-api-version')).toBe('1.0.3')
    const oldVersion = await fetch(`${nls.url}/xapi/statements`, {
      headers: { authorization: auth, 'X-Experience-API-Version': '0.95' },
    })
    expect(oldVersion.status).toBe(400)
    const anonymous = await post([pageViewed('4')], '')
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('x-experience-api-version')).toBe('1.0.3')
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="NLS xAPI"')
    const wrong = await post([pageViewed('4')], `Basic ${Buffer.from('a:b').toString('base64')}`)
    expect(await wrong.json()).toMatchObject({ code: 'ERR_XAPI_CREDENTIALS_INVALID' })
  })

  it('a GET of statements says how far it is consistent, refused or not', async () => {
    const consistent = (res: Response) =>
      Date.parse(res.headers.get('x-experience-api-consistent-through') ?? '')
    // Refused for its version, for its credentials, for its parameters; and answered.
    const refusals = [
      await fetch(`${nls.url}/xapi/statements`),
      await fetch(`${nls.url}/xapi/statements`, { headers: V }),
      await get('colour=blue'),
    ]
    expect(refusals.map((r) => r.status)).toEqual([400, 401, 400])
    const answered = await get('limit=1')
    expect(answered.status).toBe(200)
    for (const res of [...refusals, answered]) expect(consistent(res)).not.toBeNaN()
    // A POST is no read.
    expect(
      (await post([pageViewed('4')])).headers.get('x-experience-api-consistent-through'),
    ).toBeNull()
  })

  it('a method a resource does not take is 405 naming those it takes, credentials or not', async () => {
    const cases: [string, string, string][] = [
      ['DELETE', '/xapi/statements?statementId=' + randomUUID(), 'GET, HEAD, POST, PUT'],
      ['DELETE', '/xapi/activities?activityId=http://example.com/a', 'GET, HEAD'],
      ['POST', '/xapi/activities?activityId=http://example.com/a', 'GET, HEAD'],
      ['PUT', '/xapi/agents?agent=' + encodeURIComponent('{"mbox":"mailto:a@b.vn"}'), 'GET, HEAD'],
      ['PATCH', '/xapi/activities/state', 'GET, HEAD, PUT, POST, DELETE'],
      ['DELETE', '/xapi/about', 'GET, HEAD'],
    ]
    for (const [method, path, allow] of cases) {
      for (const headers of [{}, { ...V, authorization: auth }]) {
        const res = await fetch(`${nls.url}${path}`, { method, headers })
        expect({ method, path, status: res.status, allow: res.headers.get('allow') }).toEqual({
          method,
          path,
          status: 405,
          allow,
        })
        expect(await res.json()).toMatchObject({ code: 'ERR_XAPI_METHOD_NOT_ALLOWED' })
      }
    }
    // The Alternate Request Syntax's method counts: a form asking DELETE of statements too.
    const viaForm = await fetch(`${nls.url}/xapi/statements?method=DELETE`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ Authorization: auth, 'X-Experience-API-Version': '1.0.3' }),
    })
    expect(viaForm.status).toBe(405)
    // An unknown path stays 404.
    expect(
      (
        await fetch(`${nls.url}/xapi/nothing`, {
          method: 'DELETE',
          headers: { ...V, authorization: auth },
        })
      ).status,
    ).toBe(404)
  })

  it('stores a Moodle batch: ids assigned, stored and authority set, version echoed', async () => {
    const batch = [quizAttempt('4', 8), pageViewed('4'), quizAttempt('5', 3)]
    const res = await post(batch)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-experience-api-version')).toBe('1.0.3')
    const ids = (await res.json()) as string[]
    expect(ids).toHaveLength(3)
    const one = await get(`statementId=${ids[0]}`)
    expect(one.status).toBe(200)
    expect(one.headers.get('x-experience-api-consistent-through')).toBeTruthy()
    const statement = (await one.json()) as Record<string, unknown>
    expect(statement).toMatchObject({
      id: ids[0],
      actor: { account: { homePage: MOODLE_SITE, name: '4' } },
      result: { score: { raw: 8 } },
      authority: { objectType: 'Agent', name: 'logstore' },
      version: '1.0.0',
    })
    expect(typeof statement.stored).toBe('string')
  })

  it('refuses an authority that is not an Agent or an anonymous Group of two, rather than replace it', async () => {
    const member = (name: string) => ({ mbox: `mailto:${name}@example.edu.vn` })
    const res = await post([
      {
        ...pageViewed('4'),
        authority: { objectType: 'Group', member: [member('a'), member('b'), member('c')] },
      },
    ])
    expect(res.status).toBe(400)
    const body = (await res.json()) as { problems: { path: unknown[]; message: string }[] }
    expect(body.problems).toEqual([
      { path: [0, 'authority'], message: expect.stringContaining('exactly two members') },
    ])
    const app = { account: { homePage: 'https://lms.example.edu.vn/oauth', name: 'moodle' } }
    const twoLegged = await post([
      { ...pageViewed('4'), authority: { objectType: 'Group', member: [app, member('a')] } },
    ])
    expect(twoLegged.status).toBe(200)
  })

  it('keeps a statement of an anonymous Group, found through its members', async () => {
    const team = {
      objectType: 'Group',
      name: 'Nhóm 3',
      member: [
        { mbox: 'mailto:nhom3-a@example.edu.vn' },
        { mbox: 'mailto:nhom3-b@example.edu.vn' },
      ],
    }
    const res = await post({ ...pageViewed('4'), actor: team })
    expect(res.status).toBe(200)
    const [id] = (await res.json()) as string[]
    const one = await get(`statementId=${id}`)
    expect(((await one.json()) as { actor: unknown }).actor).toEqual(team)
    const agent = encodeURIComponent(JSON.stringify({ mbox: 'mailto:nhom3-b@example.edu.vn' }))
    const related = await get(`agent=${agent}&related_agents=true`)
    const found = ((await related.json()) as { statements: { id: string }[] }).statements
    expect(found.map((s) => s.id)).toContain(id)
    const asActor = await get(`agent=${agent}`)
    expect(((await asActor.json()) as { statements: unknown[] }).statements).toEqual([])
    // Nobody to match: not among the actors waiting for a person.
    const waiting = await nls.stores.statements.unmatchedActors(tenantId, 100)
    expect(waiting.top.map((a) => a.actorKey).filter((k) => k.startsWith('group:'))).toEqual([])
  })

  it('a statement of another tenant is invisible', async () => {
    const [id] = (await (await post([pageViewed('9')])).json()) as string[]
    expect((await get(`statementId=${id}`, otherAuth)).status).toBe(404)
  })

  it('the same id: equal content is accepted again, other content is 409 and the batch is not stored', async () => {
    const id = randomUUID()
    const first = await post({ ...quizAttempt('6', 7, { attempt: 60 }), id })
    expect(first.status).toBe(200)
    expect((await post({ ...quizAttempt('6', 7, { attempt: 60 }), id })).status).toBe(200)
    const fresh = randomUUID()
    const conflict = await post([
      { ...pageViewed('6'), id: fresh },
      { ...quizAttempt('6', 2), id },
    ])
    expect(conflict.status).toBe(409)
    expect(await conflict.json()).toEqual({
      code: 'ERR_XAPI_CONFLICT',
      message: `statement ${id} already exists with different content`,
    })
    expect((await get(`statementId=${fresh}`)).status).toBe(404)
  })

  it('a bad statement is 400 with the path of each problem, and nothing of its batch is stored', async () => {
    const good = { ...pageViewed('7'), id: randomUUID() }
    const bad = { ...quizAttempt('7', 4), actor: { mbox: 'not-an-email' } }
    const res = await post([good, bad])
    expect(res.status).toBe(400)
    const body = (await res.json()) as { code: string; problems: { path: (string | number)[] }[] }
    expect(body.code).toBe('ERR_XAPI_STATEMENTS_INVALID')
    expect(body.problems.some((p) => p.path[0] === 1 && p.path[1] === 'actor')).toBe(true)
    expect((await get(`statementId=${good.id}`)).status).toBe(404)
  })

  it('one id twice in a batch is refused', async () => {
    const id = randomUUID()
    const res = await post([
      { ...pageViewed('8'), id },
      { ...pageViewed('8', 9), id },
    ])
    expect(res.status).toBe(400)
  })

  it('PUT with statementId stores one statement; a different id in the body is refused', async () => {
    const id = randomUUID()
    const put = (body: unknown, statementId = id) =>
      fetch(`${nls.url}/xapi/statements?statementId=${statementId}`, {
        method: 'PUT',
        headers: { ...V, authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect((await put(pageViewed('10'))).status).toBe(204)
    expect((await get(`statementId=${id}`)).status).toBe(200)
    expect((await put({ ...pageViewed('10'), id: randomUUID() })).status).toBe(400)
    const missing = await fetch(`${nls.url}/xapi/statements`, {
      method: 'PUT',
      headers: { ...V, authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(pageViewed('10')),
    })
    expect(missing.status).toBe(400)
  })

  it('a voiding statement voids its target: gone by statementId, found by voidedStatementId', async () => {
    const [target] = (await (await post([quizAttempt('11', 9)])).json()) as string[]
    const voiding = {
      actor: { account: { homePage: MOODLE_SITE, name: '2' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { en: 'voided' } },
      object: { objectType: 'StatementRef', id: target },
    }
    expect((await post(voiding)).status).toBe(200)
    expect((await get(`statementId=${target}`)).status).toBe(404)
    const voided = await get(`voidedStatementId=${target}`)
    expect(voided.status).toBe(200)
    expect(((await voided.json()) as { id: string }).id).toBe(target)
  })

  it('an actor known from an LTI launch is matched to the person', async () => {
    const person = await nls.stores.people.upsertPersonByIdentity(
      tenantId,
      { kind: 'lti', issuer: MOODLE_SITE, clientId: 'abc', sub: '12' },
      { name: 'Trần Văn Minh' },
    )
    await nls.stores.people.linkIdentity(tenantId, person.id, {
      kind: 'account',
      homePage: MOODLE_SITE,
      name: '12',
    })
    await post([quizAttempt('12', 10)])
    const mine = await nls.stores.statements.findStatementsForPerson(tenantId, person.id)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({
      verbId: 'http://adlnet.gov/expapi/verbs/completed',
      activityIri: expect.stringContaining(`${MOODLE_SITE}/mod/quiz/attempt.php?attempt=`),
      scoreScaled: 1,
      success: true,
      completion: true,
    })
  })

  it('counts what it stored in /metrics', async () => {
    await post([pageViewed('13'), pageViewed('13', 8)])
    const text = await (await fetch(`${nls.url}/metrics`)).text()
    const count = Number(/nls_statements_ingested_total\{source="push"\} (\d+)/.exec(text)?.[1])
    expect(count).toBeGreaterThanOrEqual(2)
  })
})
