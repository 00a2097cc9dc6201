// POST /xapi/statements of the common case takes a lane of its own in front of Express
// (statements-lane.ts). Each request here is sent twice: once as the lane takes it (JSON with a
// length, credentials verified lately), once chunked, which only the Express route takes; both
// must get the same answer. Which one served a request shows in its log line: pino-http's
// carries the request's headers, the lane's does not.
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { gzipSync } from 'node:zlib'
import type { RunningServer } from '../../src/server/start-server.ts'
import { pageViewed, quizAttempt } from '../support/moodle-statements.ts'
import { comparableHeaders } from '../support/http-headers.ts'
import { startNls } from '../support/nls-server.ts'
import { requestLogCapture, requestsCounted } from '../support/request-log.ts'

interface Answer {
  readonly status: number
  readonly headers: http.IncomingHttpHeaders
  readonly body: unknown
}

const { log, lineOf } = requestLogCapture()
let nls: RunningServer
let auth: string
beforeAll(async () => {
  nls = await startNls({
    log,
    // The lane works out HSTS as Express does: behind a trusted proxy, from X-Forwarded-Proto.
    env: { NLS_TRUST_PROXY: 'loopback' },
  })
  const tenant = await nls.stores.tenants.createTenant({ kind: 'platform', name: 'Moodle' })
  const { client, secret } = await nls.stores.xapiClients.createClient(tenant.id, 'logstore', 't')
  auth = `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`
  // Credentials are verified once by the Express route, then taken by the lane.
  expect((await send('express', [pageViewed('4')])).status).toBe(200)
})
afterAll(() => nls.close())

/** POSTs `body` (JSON unless a string or Buffer) as the lane takes it, or chunked for Express. */
function send(
  via: 'lane' | 'express',
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const bytes = Buffer.isBuffer(body)
    ? body
    : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${nls.url}/xapi/statements`,
      {
        method: 'POST',
        headers: {
          authorization: auth,
          'X-Experience-API-Version': '1.0.3',
          'content-type': 'application/json',
          ...(via === 'lane'
            ? { 'content-length': String(bytes.length) }
            : { 'transfer-encoding': 'chunked' }),
          ...headers,
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }),
        )
      },
    )
    req.on('error', reject)
    req.end(bytes)
  })
}

const tookLane = (answer: Answer) => lineOf(String(answer.headers['x-request-id'])).req?.headers

/** The headers to compare: those that differ between any two answers (time, request, length) left out. */
const comparable = (headers: http.IncomingHttpHeaders) =>
  comparableHeaders(headers, ['content-length', 'etag', 'transfer-encoding'])

describe('the statements lane', () => {
  it('stores and answers as the Express route does, headers and all', async () => {
    const viaLane = await send('lane', [quizAttempt('5', 7), pageViewed('5')])
    const viaExpress = await send('express', [quizAttempt('5', 7), pageViewed('5')])
    expect(viaLane.status).toBe(200)
    expect(tookLane(viaLane)).toBeUndefined()
    expect(tookLane(viaExpress)).toBeDefined()
    expect(viaLane.body).toEqual([expect.any(String), expect.any(String)])
    expect(comparable(viaLane.headers)).toEqual(comparable(viaExpress.headers))
    expect(viaLane.headers['content-security-policy']).toContain("frame-ancestors 'self'")
    expect(viaLane.headers['x-experience-api-version']).toBe('1.0.3')
    const [kept] = await nls.stores.statements.getStatements(
      (await nls.stores.tenants.listTenants())[0]!.id,
      [(viaLane.body as string[])[0]!],
    )
    expect(kept?.statement).toMatchObject({
      result: { score: { raw: 7 } },
      authority: { name: 'logstore' },
    })
  })

  it('sends HSTS where the request came over TLS to a trusted proxy, as Express does', async () => {
    const proto = { 'x-forwarded-proto': 'https' }
    const viaLane = await send('lane', [pageViewed('6')], proto)
    const viaExpress = await send('express', [pageViewed('6')], proto)
    expect(tookLane(viaLane)).toBeUndefined()
    expect(viaLane.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
    expect(comparable(viaLane.headers)).toEqual(comparable(viaExpress.headers))
    const plain = await send('lane', [pageViewed('6')])
    expect(plain.headers['strict-transport-security']).toBeUndefined()
  })

  it.each([
    ['a statement without a verb', [{ ...pageViewed('7'), verb: undefined }]],
    ['a body that is not JSON', '[{"actor": '],
    ['an empty list', []],
  ])('answers %s with the error the Express route gives', async (_what, body) => {
    const viaLane = await send('lane', body)
    const viaExpress = await send('express', body)
    expect(viaLane.status).toBe(400)
    expect(tookLane(viaLane)).toBeDefined() // answered by Express's error handler
    expect(viaLane.body).toEqual(viaExpress.body)
    expect(comparable(viaLane.headers)).toEqual(comparable(viaExpress.headers))
  })

  it('answers JSON that is not an object or a list with a 400 naming the body', async () => {
    const answer = await send('lane', '42')
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ code: 'ERR_INPUT_INVALID', problems: [{ path: ['body'] }] })
  })

  it('accepts an identical re-send and refuses other content under a kept id (409)', async () => {
    const id = randomUUID()
    const statement = { ...pageViewed('8'), id }
    expect((await send('lane', [statement])).status).toBe(200)
    const again = await send('lane', [statement])
    expect(again.status).toBe(200)
    expect(again.body).toEqual([id])
    const other = { ...quizAttempt('8', 2), id }
    const viaLane = await send('lane', [other])
    const viaExpress = await send('express', [other])
    expect(viaLane.status).toBe(409)
    expect(viaLane.body).toEqual(viaExpress.body)
  })

  it('logs each request with its ID and counts it in the metrics', async () => {
    const metric = () =>
      requestsCounted(nls.url, { method: 'POST', route: '/xapi/statements', status: '200' })
    const before = await metric()
    const answer = await send('lane', [pageViewed('9')], { 'x-request-id': 'moodle-req-42' })
    expect(answer.headers['x-request-id']).toBe('moodle-req-42')
    expect(lineOf('moodle-req-42')).toMatchObject({
      msg: 'request completed',
      req: { url: '/xapi/statements' },
      res: { statusCode: 200 },
    })
    expect(await metric()).toBe(before + 1)
  })

  it('leaves to Express what it does not take, which answers it', async () => {
    // A compressed body, and one over the lane's size, are Express's (express.json inflates and
    // reads up to 16 MB).
    const gzipped = await send('lane', gzipSync(JSON.stringify([pageViewed('10')])), {
      'content-encoding': 'gzip',
    })
    expect(gzipped.status).toBe(200)
    expect(tookLane(gzipped)).toBeDefined()
    const many = Array.from({ length: 900 }, (_, i) => quizAttempt(String(100 + (i % 50)), i % 11))
    expect(JSON.stringify(many).length).toBeGreaterThan(1024 * 1024)
    const large = await send('lane', many)
    expect(large.status).toBe(200)
    expect(large.body).toHaveLength(900)
    expect(tookLane(large)).toBeDefined()
    // A version we do not speak, and credentials never verified, are refused there.
    const oldVersion = await send('lane', [pageViewed('11')], {
      'X-Experience-API-Version': '0.95',
    })
    expect(oldVersion.status).toBe(400)
    expect(oldVersion.body).toMatchObject({ code: 'ERR_XAPI_VERSION_INVALID' })
    const stranger = await send('lane', [pageViewed('11')], {
      authorization: `Basic ${Buffer.from('nobody:nothing').toString('base64')}`,
    })
    expect(stranger.status).toBe(401)
  })
})
