import type { AccessTokens } from './access-token.ts'
import { type ServiceRequest, serviceRequest } from './service-request.ts'

const platform = { id: 'p1', name: 'Moodle', clientId: 'c', tokenUrl: 'https://m.example/token' }
const url = 'https://m.example/mod/lti/services.php/2/lineitems?type_id=1'

/** Tokens t1, t2, … ; `invalidate` moves on to the next one. */
function stubTokens() {
  let n = 1
  const invalidated: string[] = []
  const tokens: AccessTokens = {
    token: async () => `t${n}`,
    invalidate: (_p, _s, token) => {
      invalidated.push(token)
      n++
    },
  }
  return { tokens, invalidated }
}

/** A fetch answering from a script, one entry per request; records Authorization headers. */
function scripted(...answers: Array<() => Response>) {
  const seen: string[] = []
  const fetchFn = (async (_input: string | URL | Request, init?: RequestInit) => {
    seen.push(new Headers(init?.headers).get('authorization') ?? '')
    const answer = answers.shift()
    if (!answer) throw new Error('no more answers')
    return answer()
  }) as typeof fetch
  return { fetch: fetchFn, seen }
}

const status =
  (code: number, init: ResponseInit = {}, body = '') =>
  () =>
    new Response(body, { status: code, ...init })
const networkError = () => {
  throw new TypeError('fetch failed', { cause: new Error('socket hang up') })
}

const get: ServiceRequest = { method: 'GET', url, scopes: ['s'], idempotent: true }
const create: ServiceRequest = { method: 'POST', url, scopes: ['s'], body: '{}', idempotent: false }

function run(request: ServiceRequest, ...answers: Array<() => Response>) {
  const { tokens, invalidated } = stubTokens()
  const http = scripted(...answers)
  const sleeps: number[] = []
  const result = serviceRequest(
    { platform, tokens, fetch: http.fetch, sleep: async (ms) => void sleeps.push(ms) },
    request,
  )
  return { result, sleeps, seen: http.seen, invalidated }
}

describe('serviceRequest', () => {
  it('retries a 5xx and a network error with backoff, without waiting for real', async () => {
    const r = run(get, status(503), networkError, status(200))
    expect((await r.result).status).toBe(200)
    expect(r.sleeps).toEqual([1000, 2000])
  })

  it('gives up after a bounded number of retries', async () => {
    const r = run(
      get,
      status(502),
      status(502),
      status(502),
      status(502, { statusText: 'Bad Gateway' }),
    )
    await expect(r.result).rejects.toMatchObject({
      code: 'ERR_LTI_SERVICE_FAILED',
      message: `Moodle: GET ${url} answered 502 "Bad Gateway"`,
      status: 502,
    })
    expect(r.seen).toHaveLength(4)
    expect(r.sleeps).toEqual([1000, 2000, 4000])
  })

  it('does not repeat a creating POST after a 5xx or a lost answer', async () => {
    const r = run(create, status(500))
    await expect(r.result).rejects.toMatchObject({ status: 500 })
    const lost = run(create, networkError)
    await expect(lost.result).rejects.toMatchObject({
      code: 'ERR_LTI_SERVICE_FAILED',
      message: `Moodle: POST ${url} failed: fetch failed: socket hang up`,
      status: undefined,
    })
    expect(r.seen).toHaveLength(1)
    expect(lost.seen).toHaveLength(1)
  })

  it('repeats any request after a 429, waiting as long as Retry-After says', async () => {
    const r = run(create, status(429, { headers: { 'Retry-After': '2' } }), status(201))
    expect((await r.result).status).toBe(201)
    expect(r.sleeps).toEqual([2000])
  })

  it('asks for a new token once after a 401', async () => {
    const r = run(create, status(401), status(201))
    expect((await r.result).status).toBe(201)
    expect(r.invalidated).toEqual(['t1'])
    expect(r.seen).toEqual(['Bearer t1', 'Bearer t2'])
    expect(r.sleeps).toEqual([])

    const twice = run(get, status(401), status(401))
    await expect(twice.result).rejects.toMatchObject({ status: 401 })
    expect(twice.seen).toHaveLength(2)
  })

  it('never repeats a 400 or 409 and quotes the platform', async () => {
    const json = JSON.stringify({ status: 400, reason: 'No label or Score Maximum' })
    const r = run(create, status(400, {}, json))
    await expect(r.result).rejects.toMatchObject({
      message: `Moodle: POST ${url} answered 400 "No label or Score Maximum"`,
      platformMessage: 'No label or Score Maximum',
    })
    const conflict = run(get, status(409, { statusText: 'Refusing score' }, '[]'))
    await expect(conflict.result).rejects.toMatchObject({
      status: 409,
      platformMessage: 'Refusing score',
    })
    expect(r.seen).toHaveLength(1)
    expect(conflict.seen).toHaveLength(1)
  })

  it('takes an answer as success after an uncertain try only when told to', async () => {
    const score: ServiceRequest = {
      ...get,
      method: 'POST',
      alreadyApplied: (res) => res.status === 409,
    }
    const r = run(score, status(503), status(409))
    expect((await r.result).status).toBe(409)
    const first = run(score, status(409))
    await expect(first.result).rejects.toMatchObject({ status: 409 })
    // A 429 is not uncertain: the platform did not act on it.
    const limited = run(score, status(429), status(409))
    await expect(limited.result).rejects.toMatchObject({ status: 409 })
  })
})
