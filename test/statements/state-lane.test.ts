// A State GET, and a PUT with a length, take the lane in front of Express (statements-lane.ts)
// once the credentials were verified lately, and are answered by the State route's own handlers.
// Each request here is sent twice: once to /xapi/activities/state, as the lane takes it, once to
// /xapi/activities/state/ (a trailing slash), which only Express routes, to the same route; both
// must get the same answer. Which one served a request shows in its log line: pino-http's carries
// the request's headers, the lane's does not.
import http from 'node:http'
import type { RunningServer } from '../../src/server/start-server.ts'
import { comparableHeaders } from '../support/http-headers.ts'
import { startNls } from '../support/nls-server.ts'
import { requestLogCapture, requestsCounted } from '../support/request-log.ts'

interface Answer {
  readonly status: number
  readonly headers: http.IncomingHttpHeaders
  readonly body: Buffer
}

const SITE = 'https://lms.thpt-chuvanan.edu.vn'
const ACTIVITY = `${SITE}/mod/scorm/view.php?id=9`

const { log, lineOf, servedByLane } = requestLogCapture()
let nls: RunningServer
let auth: string
beforeAll(async () => {
  nls = await startNls({ log })
  const tenant = await nls.stores.tenants.createTenant({ kind: 'platform', name: 'Moodle' })
  const { client, secret } = await nls.stores.xapiClients.createClient(tenant.id, 'scorm', 't')
  auth = `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`
  // Credentials are verified once by Express, then taken by the lane.
  expect((await send('express', 'GET', query('nobody', 'resume'))).status).toBe(404)
})
afterAll(() => nls.close())

/** The query of a learner's State document. */
function query(learner: string, stateId?: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    activityId: ACTIVITY,
    agent: JSON.stringify({ account: { homePage: SITE, name: learner } }),
    ...(stateId !== undefined && { stateId }),
    ...extra,
  }).toString()
}

/** Sends a State request as the lane takes it, or to the path only Express routes. */
function send(
  via: 'lane' | 'express',
  method: 'GET' | 'HEAD' | 'PUT',
  search: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const path = via === 'lane' ? '/xapi/activities/state' : '/xapi/activities/state/'
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${nls.url}${path}?${search}`,
      {
        method,
        headers: {
          authorization: auth,
          'X-Experience-API-Version': '1.0.3',
          ...(body !== undefined && {
            'content-type': 'application/json',
            ...(headers['transfer-encoding'] === undefined && {
              'content-length': String(Buffer.byteLength(body)),
            }),
          }),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const tookLane = (answer: Answer) => servedByLane(answer.headers['x-request-id'])

/** The headers to compare: those that differ between any two answers (time, request, connection) left out. */
const comparable = (headers: http.IncomingHttpHeaders) =>
  comparableHeaders(headers, ['last-modified'])

/** The same request via the lane and via Express: both answers, the lane's first. */
async function both(
  method: 'GET' | 'PUT',
  search: (via: 'lane' | 'express') => string,
  body?: string,
  headers?: Record<string, string>,
): Promise<[Answer, Answer]> {
  const viaLane = await send('lane', method, search('lane'), body, headers)
  const viaExpress = await send('express', method, search('express'), body, headers)
  // An error the lane met is answered by Express, whose log line it is.
  if (viaLane.status < 400) expect(tookLane(viaLane)).toBe(true)
  expect(tookLane(viaExpress)).toBe(false)
  expect(viaLane.status).toBe(viaExpress.status)
  expect(comparable(viaLane.headers)).toEqual(comparable(viaExpress.headers))
  return [viaLane, viaExpress]
}

describe('the State lane', () => {
  const resume = JSON.stringify({ location: 'page-3', suspend_data: 'A1B2C3' })

  it('saves and reads a State as the State route does, headers and all', async () => {
    const [put] = await both('PUT', (via) => query(`put-${via}`, 'resume'), resume)
    expect(put.status).toBe(204)
    expect(put.headers.etag).toMatch(/^"[0-9a-f]{40}"$/)
    expect(put.headers['last-modified']).toBeDefined()
    const [get, viaExpress] = await both('GET', (via) => query(`put-${via}`, 'resume'))
    expect(get.status).toBe(200)
    expect(get.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(get.headers.etag).toBe(put.headers.etag)
    expect(get.headers['x-experience-api-version']).toBe('1.0.3')
    expect(get.headers['content-security-policy']).toContain("frame-ancestors 'self'")
    expect(get.body.toString('utf8')).toBe(resume)
    expect(viaExpress.body.toString('utf8')).toBe(resume)
  })

  it('answers a conditional GET of the current version 304, as Express does', async () => {
    const saved = await send('lane', 'PUT', query('cond', 'resume'), resume)
    const [answer] = await both('GET', () => query('cond', 'resume'), undefined, {
      'if-none-match': saved.headers.etag!,
    })
    expect(answer.status).toBe(304)
    expect(answer.body).toHaveLength(0)
  })

  it('hands errors to Express, which answers them as it answers the route', async () => {
    // A document not there, a parameter missing, a condition that fails.
    const [missing, missingViaExpress] = await both('GET', () => query('nobody', 'resume'))
    expect(missing.status).toBe(404)
    expect(missing.body.toString()).toBe(missingViaExpress.body.toString())
    const [noActivity] = await both('GET', () =>
      new URLSearchParams({
        agent: JSON.stringify({ mbox: 'mailto:gv@example.edu.vn' }),
      }).toString(),
    )
    expect(noActivity.status).toBe(400)
    expect(JSON.parse(noActivity.body.toString()) as unknown).toMatchObject({
      message: expect.stringContaining('activityId'),
    })
    await send('lane', 'PUT', query('stale', 'resume'), resume)
    const [stale] = await both('PUT', () => query('stale', 'resume'), '{"location":"page-4"}', {
      'if-match': '"0000000000000000000000000000000000000000"',
    })
    expect(stale.status).toBe(412)
    const kept = await send('lane', 'GET', query('stale', 'resume'))
    expect(kept.body.toString()).toBe(resume)
  })

  it('logs each request with its ID and counts it in the metrics under the route', async () => {
    const metric = (status: string) =>
      requestsCounted(nls.url, { method: 'PUT', route: '/xapi/activities/state', status })
    const before = await metric('204')
    const answer = await send('lane', 'PUT', query('logged', 'resume'), resume, {
      'x-request-id': 'scorm-req-7',
    })
    expect(answer.headers['x-request-id']).toBe('scorm-req-7')
    expect(lineOf('scorm-req-7')).toMatchObject({
      msg: 'request completed',
      req: { url: expect.stringMatching(/^\/xapi\/activities\/state\?activityId=/) },
      res: { statusCode: 204 },
    })
    expect(await metric('204')).toBe(before + 1)
  })

  it('leaves to Express a HEAD and a body without a length, which it answers', async () => {
    const head = await send('lane', 'HEAD', query('put-lane', 'resume'))
    expect(head.status).toBe(200)
    expect(head.body).toHaveLength(0)
    expect(tookLane(head)).toBe(false)
    const chunked = await send('lane', 'PUT', query('chunked', 'resume'), resume, {
      'transfer-encoding': 'chunked',
    })
    expect(chunked.status).toBe(204)
    expect(tookLane(chunked)).toBe(false)
  })
})
