// Issue 16, item 7: what an auditor sends to the xAPI endpoint. Each hostile input is a 400 that
// names the field (the statement's index in a batch, then its path), never a 500, and a batch
// with one bad statement stores nothing (a batch is atomic: xAPI Communication §2.1.1).
import { randomUUID } from 'node:crypto'
import type { RunningServer } from '../../src/server/start-server.ts'
import { pageViewed, quizAttempt } from '../support/moodle-statements.ts'
import { startNls } from '../support/nls-server.ts'

let nls: RunningServer
let auth: string
beforeAll(async () => {
  nls = await startNls()
  const tenant = await nls.stores.tenants.createTenant({ kind: 'platform', name: 'Moodle H' })
  const { client, secret } = await nls.stores.xapiClients.createClient(tenant.id, 'h', 'test')
  auth = `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`
})
afterAll(() => nls.close())

const V = { 'X-Experience-API-Version': '1.0.3' }

interface Refusal {
  readonly code: string
  readonly message: string
  readonly problems?: readonly { path: (string | number)[]; message: string }[]
}

function send(body: string, contentType = 'application/json'): Promise<Response> {
  return fetch(`${nls.url}/xapi/statements`, {
    method: 'POST',
    headers: { ...V, authorization: auth, 'content-type': contentType },
    body,
  })
}

const get = (query: string) =>
  fetch(`${nls.url}/xapi/statements?${query}`, { headers: { ...V, authorization: auth } })

/**
 * POSTs a batch of a good statement (with an id) and `bad`; expects a 400 whose only problem is at
 * `[1, ...path]` and whose message names it, and the good statement not stored.
 */
async function expectRefused(
  bad: unknown | RawJson,
  path: readonly (string | number)[],
  message: RegExp,
): Promise<Refusal> {
  const good = { ...pageViewed('5'), id: randomUUID() }
  const json = bad instanceof RawJson ? bad.json : JSON.stringify(bad)
  const res = await send(`[${JSON.stringify(good)},${json}]`)
  const body = (await res.json()) as Refusal
  expect({ status: res.status, code: body.code }).toEqual({
    status: 400,
    code: 'ERR_XAPI_STATEMENTS_INVALID',
  })
  expect(res.headers.get('x-experience-api-version')).toBe('1.0.3')
  expect(body.problems).toEqual([{ path: [1, ...path], message: expect.stringMatching(message) }])
  expect(body.message).toContain(`[1].${path.join('.')}: `)
  expect((await get(`statementId=${good.id}`)).status).toBe(404)
  return body
}

/** JSON text as is: a value nested too deep for JSON.stringify in this process. */
class RawJson {
  constructor(readonly json: string) {}
}

/** A statement whose result extension is `levels` objects, one inside the other. */
function deeplyNested(levels: number): RawJson {
  const statement = {
    ...quizAttempt('5', 3),
    result: { extensions: { 'https://nls.example/deep': 'DEEP' } },
  }
  const deep = `${'{"a":'.repeat(levels)}"bottom"${'}'.repeat(levels)}`
  return new RawJson(JSON.stringify(statement).replace('"DEEP"', deep))
}

describe('hostile statements', () => {
  it('U+0000 in a string is refused naming the field, not a 500 from PostgreSQL', () =>
    expectRefused(
      {
        ...quizAttempt('5', 3),
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { vi: 'xong\u0000' } },
      },
      ['verb', 'display', 'vi'],
      /^"vi" contains the character U\+0000/,
    ))

  it('U+0000 in a property name (an extension IRI) is refused naming it', () =>
    expectRefused(
      { ...quizAttempt('5', 3), result: { extensions: { 'https://nls.example/x\u0000': 1 } } },
      ['result', 'extensions', 'https://nls.example/x\u0000'],
      /is a property name that contains the character U\+0000/,
    ))

  it('an unpaired surrogate in an IRI is refused naming the field', () =>
    expectRefused(
      {
        ...pageViewed('5'),
        object: { id: 'https://lms.example.edu.vn/mod/page/view.php?id=\ud800' },
      },
      ['object', 'id'],
      /^"id" contains an unpaired UTF-16 surrogate/,
    ))

  it.each([5_000, 3_000])('%i levels of nesting in extensions are refused at level 65', (levels) =>
    expectRefused(
      deeplyNested(levels),
      // The statement is level 1, result 2, extensions 3, the extension's value 4, then "a"s.
      ['result', 'extensions', 'https://nls.example/deep', ...Array<string>(61).fill('a')],
      /^"a" nests objects and arrays deeper than 64 levels/,
    ),
  )

  it('a statement over 64 KiB names the member that is too large', () =>
    expectRefused(
      {
        ...quizAttempt('5', 3),
        result: {
          extensions: Object.fromEntries(
            Array.from({ length: 80 }, (_, i) => [`https://nls.example/x/${i}`, 'ố'.repeat(400)]),
          ),
        },
      },
      ['result', 'extensions'],
      /^"extensions" is \d+ bytes of JSON, which makes the statement \d+ bytes; a statement may be at most 65536 bytes/,
    ))

  it('an IRI that does not parse (an unclosed IPv6 literal) is refused', () =>
    expectRefused(
      { ...pageViewed('5'), object: { id: 'http://[::1' } },
      ['object', 'id'],
      /^"id" must be an IRI/,
    ))

  it('a Vietnamese statement with non-ASCII IRIs is stored and reads back in every format', async () => {
    const id = randomUUID()
    const statement = {
      id,
      actor: { name: 'Nguyễn Thị Lan', mbox: 'mailto:lan.nt@thpt-chuvanan.edu.vn' },
      verb: { id: 'https://nls.example/động-từ/đã-hoàn-thành', display: { vi: 'đã hoàn thành' } },
      object: {
        id: 'https://trường-thpt.edu.vn/hoạt-động/bài-kiểm-tra?lớp=10A#câu-1',
        definition: {
          name: { vi: 'Bài kiểm tra: An toàn số 👩‍🏫' },
          extensions: { 'tag:nls.example,2026:năng-lực': { 'mức độ': 'Thành thạo' } },
        },
      },
      context: {
        contextActivities: { category: [{ id: 'urn:nls:khung:TT18' }] },
      },
    }
    const res = await send(JSON.stringify(statement))
    expect(res.status).toBe(200)
    for (const format of ['exact', 'canonical', 'ids']) {
      const read = await get(`statementId=${id}&format=${format}`)
      expect(read.status).toBe(200)
      expect(await read.json()).toMatchObject({ object: { id: statement.object.id } })
    }
  })
})

describe('hostile requests', () => {
  it('a `more` token with a bad date is a 400 naming `more`', async () => {
    const token = Buffer.from(JSON.stringify({ p: {}, s: 'not a date', i: randomUUID() })).toString(
      'base64url',
    )
    const res = await get(`more=${token}`)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      code: 'ERR_XAPI_QUERY_INVALID',
      message: 'more: not a token this LRS gave',
    })
  })

  it.each([
    ['activity', `activity=${encodeURIComponent('https://x.edu.vn/a\u0000b')}`],
    ['agent', `agent=${encodeURIComponent('{"mbox":"mailto:a\u0000@x.vn"}')}`],
  ])('U+0000 in a query parameter is a 400 naming %s', async (name, q) => {
    const res = await get(q)
    expect(res.status).toBe(400)
    expect(res.headers.get('x-experience-api-version')).toBe('1.0.3')
    expect(await res.json()).toMatchObject({
      code: 'ERR_XAPI_QUERY_INVALID',
      message: expect.stringMatching(new RegExp(`^${name}: contains `)),
    })
  })

  it('JSON in latin1 is a 415 saying that UTF-8 is accepted', async () => {
    const res = await send(JSON.stringify(pageViewed('5')), 'application/json; charset=latin1')
    expect(res.status).toBe(415)
    expect(res.headers.get('x-experience-api-version')).toBe('1.0.3')
    expect(await res.json()).toEqual({
      code: 'ERR_INPUT_INVALID',
      message:
        'body: charset "latin1" is not supported; send JSON in UTF-8 (Content-Type: application/json; charset=utf-8)',
    })
  })
})
