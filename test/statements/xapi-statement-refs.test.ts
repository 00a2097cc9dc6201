// GET /xapi/statements: a statement that targets another through a StatementRef meets a filter
// when the statement it targets does, recursively (xAPI 1.0.3 Communication §2.1.3, "Filter
// Conditions for StatementRefs"), with the spec's own example and the conformance suite's
// voided-target sequence.
import { randomUUID } from 'node:crypto'
import { addXapiTenant, startXapiTenant, type XapiTenant } from '../support/nls-server.ts'

let school: XapiTenant
let otherSchool: string

const BEN = { objectType: 'Agent', name: 'Ben', mbox: 'mailto:ben@thpt-chuvanan.edu.vn' }
const ANDREW = { name: 'Andrew', mbox: 'mailto:andrew@thpt-chuvanan.edu.vn' }
const CAROL = { name: 'Carol', mbox: 'mailto:carol@thpt-chuvanan.edu.vn' }
const EXPLOSIVES = 'http://www.example.com/explosives-training'
const PASSED = 'http://adlnet.gov/expapi/verbs/passed'
const CONFIRMED = 'http://example.com/verbs/confirmed'
const ACKNOWLEDGED = 'http://example.com/verbs/acknowledged'
const registration = randomUUID()

const verb = (id: string) => ({ id, display: { en: id.split('/').at(-1)! } })
const ref = (id: string) => ({ objectType: 'StatementRef', id })

/** Ben passed; Andrew confirmed it; Carol acknowledged the confirmation. */
const passed = randomUUID()
const confirmed = randomUUID()
const acknowledged = randomUUID()
/** Someone else's statement that only mentions Ben's in its context: never a match for Ben. */
const mentions = randomUUID()
let storedOf: Record<string, string> = {}

beforeAll(async () => {
  school = await startXapiTenant('THPT Chu Văn An')
  otherSchool = (await addXapiTenant(school.nls, 'THPT Việt Đức')).basic
  // One POST each, so that `stored` grows from one to the next.
  await post({
    id: passed,
    actor: BEN,
    verb: verb(PASSED),
    object: { id: EXPLOSIVES },
    context: { registration },
  })
  await post({ id: confirmed, actor: ANDREW, verb: verb(CONFIRMED), object: ref(passed) })
  // Its target in upper case: the same statement.
  await post({
    id: acknowledged,
    actor: CAROL,
    verb: verb(ACKNOWLEDGED),
    object: ref(confirmed.toUpperCase()),
  })
  await post({
    id: mentions,
    actor: CAROL,
    verb: verb(ACKNOWLEDGED),
    object: { id: 'http://www.example.com/safety-briefing' },
    context: { statement: ref(passed) },
  })
  for (const id of [passed, confirmed, acknowledged, mentions]) {
    const res = await fetch(`${school.nls.url}/xapi/statements?statementId=${id}`, {
      headers: headers(),
    })
    storedOf = { ...storedOf, [id]: ((await res.json()) as { stored: string }).stored }
  }
})
afterAll(() => school.nls.close())

const headers = (basic = school.basic) => ({
  'X-Experience-API-Version': '1.0.3',
  authorization: basic,
})

async function post(body: unknown, basic = school.basic): Promise<string[]> {
  const res = await fetch(`${school.nls.url}/xapi/statements`, {
    method: 'POST',
    headers: { ...headers(basic), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as string[]
}

interface Page {
  statements: { id: string }[]
  more: string
}

async function ids(params: Record<string, string>, basic = school.basic): Promise<string[]> {
  const res = await fetch(`${school.nls.url}/xapi/statements?${new URLSearchParams(params)}`, {
    headers: headers(basic),
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as Page).statements.map((s) => s.id)
}

describe('filters reach the statements that target a match', () => {
  it('the spec’s example: an Actor filter of Ben or an Activity filter of the training returns the confirmation too', async () => {
    const ben = JSON.stringify({ mbox: BEN.mbox })
    // Newest first; Carol's acknowledgement targets the confirmation, which targets Ben's.
    expect(await ids({ agent: ben })).toEqual([acknowledged, confirmed, passed])
    expect(await ids({ activity: EXPLOSIVES })).toEqual([acknowledged, confirmed, passed])
    expect(await ids({ verb: PASSED })).toEqual([acknowledged, confirmed, passed])
    expect(await ids({ registration })).toEqual([acknowledged, confirmed, passed])
    expect(await ids({ agent: ben, related_agents: 'true' })).toEqual([
      acknowledged,
      confirmed,
      passed,
    ])
    expect(await ids({ verb: PASSED, ascending: 'true' })).toEqual([
      passed,
      confirmed,
      acknowledged,
    ])
  })

  it('every filter must hold on one targeted statement', async () => {
    // Ben passed, and Andrew confirmed: no single statement is Ben's and a confirmation.
    expect(await ids({ agent: JSON.stringify({ mbox: BEN.mbox }), verb: CONFIRMED })).toEqual([])
    // Andrew's confirmation itself is matched, and Carol's acknowledgement through it.
    expect(await ids({ agent: JSON.stringify({ mbox: ANDREW.mbox }) })).toEqual([
      acknowledged,
      confirmed,
    ])
    expect(await ids({ verb: CONFIRMED, registration })).toEqual([])
  })

  it('a StatementRef in the context does not make a match', async () => {
    expect(await ids({ agent: JSON.stringify({ mbox: BEN.mbox }) })).not.toContain(mentions)
    expect(await ids({ agent: JSON.stringify({ mbox: CAROL.mbox }) })).toEqual([
      mentions,
      acknowledged,
    ])
  })

  it('since, until and limit apply to the targeting statement', async () => {
    const ben = JSON.stringify({ mbox: BEN.mbox })
    expect(await ids({ agent: ben, since: storedOf[passed]! })).toEqual([acknowledged, confirmed])
    expect(await ids({ agent: ben, until: storedOf[confirmed]! })).toEqual([confirmed, passed])
    expect(await ids({ agent: ben, limit: '1' })).toEqual([acknowledged])
  })

  it('more pages through direct and targeting statements once each, in order', async () => {
    const seen: string[] = []
    let url = `/xapi/statements?${new URLSearchParams({ verb: PASSED, limit: '1' })}`
    while (url) {
      const res = await fetch(`${school.nls.url}${url}`, { headers: headers() })
      const page = (await res.json()) as Page
      seen.push(...page.statements.map((s) => s.id))
      url = page.more
    }
    expect(seen).toEqual([acknowledged, confirmed, passed])
  })

  it('another school sees neither the statements nor a match through them', async () => {
    const [theirs] = await post(
      { actor: ANDREW, verb: verb(CONFIRMED), object: ref(passed) },
      otherSchool,
    )
    expect(await ids({ agent: JSON.stringify({ mbox: BEN.mbox }) }, otherSchool)).toEqual([])
    expect(await ids({ verb: CONFIRMED }, otherSchool)).toEqual([theirs])
    expect(await ids({ agent: JSON.stringify({ mbox: BEN.mbox }) })).not.toContain(theirs)
  })

  it('statements that target each other end the search', async () => {
    const first = randomUUID()
    const second = randomUUID()
    const LOOPED = 'http://example.com/verbs/looped'
    await post({ id: first, actor: CAROL, verb: verb(LOOPED), object: ref(second) })
    await post({ id: second, actor: ANDREW, verb: verb(CONFIRMED), object: ref(first) })
    expect(await ids({ verb: LOOPED })).toEqual([second, first])
    expect(await ids({ verb: 'http://example.com/verbs/never-sent' })).toEqual([])
  })
})

describe('a voided statement is still matched for the statements that target it', () => {
  // The conformance suite's sequence (Communication 2.1.4.s1.b2): a statement with a verb of its
  // own, voided; then another statement of that verb that targets it.
  const VERB = `http://adlnet.gov/expapi/test/voided/target/${randomUUID()}`
  const voided = randomUUID()
  const voiding = randomUUID()
  const statementRef = randomUUID()
  let untilVoiding = ''

  beforeAll(async () => {
    await post({ id: voided, actor: BEN, verb: verb(VERB), object: { id: EXPLOSIVES } })
    await post({
      id: voiding,
      actor: ANDREW,
      verb: verb('http://adlnet.gov/expapi/verbs/voided'),
      object: ref(voided),
    })
    const res = await fetch(`${school.nls.url}/xapi/statements?statementId=${voiding}`, {
      headers: headers(),
    })
    untilVoiding = ((await res.json()) as { stored: string }).stored
    await post({ id: statementRef, actor: CAROL, verb: verb(VERB), object: ref(voided) })
  })

  it('the verb finds the StatementRef and the voiding statement, not the voided one', async () => {
    expect(await ids({ verb: VERB })).toEqual([statementRef, voiding])
    expect(await ids({ verb: VERB, limit: '1' })).toEqual([statementRef])
    expect(
      await ids({ verb: 'http://adlnet.gov/expapi/verbs/voided', until: untilVoiding }),
    ).toContain(voiding)
    expect(await ids({ verb: VERB, since: untilVoiding })).toEqual([statementRef])
  })
})
