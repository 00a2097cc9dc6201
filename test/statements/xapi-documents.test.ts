// The document resources over HTTP (xAPI 1.0.3 Communication §2.2–§2.3, §2.6–§2.7, §3.1; IEEE
// 9274.1.1 §4.1.4, §4.1.6): States, Activity Profiles and Agent Profiles stored as sent, merged
// on POST, guarded by ETags, listed by id and time, each client in its own tenant; on both
// databases.
import { createHash } from 'node:crypto'
import type { RunningServer } from '../../src/server/start-server.ts'
import { addXapiTenant, startNls } from '../support/nls-server.ts'

let nls: RunningServer
let auth: string
let otherAuth: string
beforeAll(async () => {
  nls = await startNls()
  auth = (await addXapiTenant(nls, 'Moodle')).basic
  otherAuth = (await addXapiTenant(nls, 'Other school')).basic
})
afterAll(() => nls.close())

const ACTIVITY = 'https://lms.example.edu.vn/mod/scorm/view.php?id=12'
const AGENT = { mbox: 'mailto:an.nguyen@example.edu.vn' }
const REGISTRATION = 'ec531277-b57b-4c15-8d91-d292c5b2b8f7'

interface Sent {
  readonly method?: string
  readonly body?: string | Buffer
  readonly headers?: Record<string, string>
  readonly version?: string
  readonly as?: string
}

async function call(path: string, params: Record<string, unknown>, sent: Sent = {}) {
  const query = new URLSearchParams(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  )
  const res = await fetch(`${nls.url}/xapi/${path}?${query}`, {
    method: sent.method ?? 'GET',
    headers: {
      Authorization: sent.as ?? auth,
      'X-Experience-API-Version': sent.version ?? '1.0.3',
      ...sent.headers,
    },
    ...(sent.body !== undefined && {
      body: typeof sent.body === 'string' ? sent.body : new Uint8Array(sent.body),
    }),
  })
  const bytes = Buffer.from(await res.arrayBuffer())
  return { status: res.status, headers: res.headers, bytes, text: bytes.toString('utf8') }
}

const json = (value: unknown) => ({
  body: JSON.stringify(value),
  headers: { 'Content-Type': 'application/json' },
})
const sha1 = (b: string | Buffer) => createHash('sha1').update(b).digest('hex')

describe('State', () => {
  const state = (stateId: string, extra: Record<string, unknown> = {}) => ({
    activityId: ACTIVITY,
    agent: AGENT,
    stateId,
    ...extra,
  })

  it('stores a document as sent and gives it back with its ETag and time; HEAD has no body', async () => {
    const doc = '{"cmi.suspend_data":"A1B2","cmi.location":"page-3"}'
    const put = await call('activities/state', state('resume'), {
      method: 'PUT',
      ...json(null),
      body: doc,
    })
    expect(put.status).toBe(204)
    expect(put.headers.get('etag')).toBe(`"${sha1(doc)}"`)
    const got = await call('activities/state', state('resume'))
    expect(got.status).toBe(200)
    expect(got.text).toBe(doc)
    expect(got.headers.get('content-type')).toMatch(/^application\/json/)
    expect(got.headers.get('etag')).toBe(`"${sha1(doc)}"`)
    expect(Date.parse(got.headers.get('last-modified')!)).not.toBeNaN()
    expect(got.headers.get('x-experience-api-version')).toBe('1.0.3')
    const head = await call('activities/state', state('resume'), { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.bytes.length).toBe(0)
    expect(head.headers.get('etag')).toBe(`"${sha1(doc)}"`)
  })

  it('keeps bytes of any type exactly, and refuses a document over 16 MiB with 413', async () => {
    const bytes = Buffer.from([0, 1, 2, 254, 255, 0x0a, 0x22])
    const put = await call('activities/state', state('binary'), {
      method: 'PUT',
      body: bytes,
      headers: { 'Content-Type': 'application/octet-stream' },
    })
    expect(put.status).toBe(204)
    const got = await call('activities/state', state('binary'))
    expect(got.bytes.equals(bytes)).toBe(true)
    expect(got.headers.get('content-type')).toBe('application/octet-stream')
    const big = await call('activities/state', state('big'), {
      method: 'PUT',
      body: Buffer.alloc(16 * 1024 * 1024 + 1),
      headers: { 'Content-Type': 'application/octet-stream' },
    })
    expect(big.status).toBe(413)
    expect((await call('activities/state', state('big'))).status).toBe(404)
  })

  it('merges the top-level properties of JSON objects on POST, and refuses what cannot merge', async () => {
    const id = state('merge')
    expect(
      (await call('activities/state', id, { method: 'POST', ...json({ a: 1, o: { x: 1 } }) }))
        .status,
    ).toBe(204)
    expect(
      (await call('activities/state', id, { method: 'POST', ...json({ b: 2, o: { y: 2 } }) }))
        .status,
    ).toBe(204)
    const merged = await call('activities/state', id)
    expect(JSON.parse(merged.text)).toEqual({ a: 1, b: 2, o: { y: 2 } })
    const notJson = await call('activities/state', id, {
      method: 'POST',
      body: 'abc',
      headers: { 'Content-Type': 'text/plain' },
    })
    expect(notJson.status).toBe(400)
    expect(JSON.parse(notJson.text).message).toMatch(/application\/json/)
    const badJson = await call('activities/state', id, {
      method: 'POST',
      body: '{"a":',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(badJson.status).toBe(400)
    const array = await call('activities/state', id, { method: 'POST', ...json([1, 2]) })
    expect(array.status).toBe(400)
    expect(JSON.parse((await call('activities/state', id)).text)).toEqual({
      a: 1,
      b: 2,
      o: { y: 2 },
    })
    // Onto a document that is not JSON: refused, the document unchanged.
    await call('activities/state', state('text'), {
      method: 'PUT',
      body: 'plain',
      headers: { 'Content-Type': 'text/plain' },
    })
    expect(
      (await call('activities/state', state('text'), { method: 'POST', ...json({ a: 1 }) })).status,
    ).toBe(400)
    expect((await call('activities/state', state('text'))).text).toBe('plain')
  })

  it('keeps registrations apart, lists ids after a time, and deletes a context at once', async () => {
    const agent = { account: { homePage: 'https://lms.example.edu.vn', name: 'hs-0042' } }
    const base = { activityId: ACTIVITY, agent }
    const put = (stateId: string, registration?: string) =>
      call(
        'activities/state',
        { ...base, stateId, ...(registration && { registration }) },
        { method: 'PUT', ...json({ stateId }) },
      )
    expect((await put('one')).status).toBe(204)
    expect((await put('one', REGISTRATION)).status).toBe(204)
    const first = await call('activities/state', base)
    const between = new Date(Date.parse(first.headers.get('last-modified')!) + 1000)
    // Last-Modified is in whole seconds: wait for the clock to pass the next one.
    while (Date.now() <= between.getTime()) await new Promise((r) => setTimeout(r, 50))
    expect((await put('two', REGISTRATION)).status).toBe(204)
    expect(JSON.parse((await call('activities/state', base)).text)).toEqual(['one', 'two'])
    expect(
      JSON.parse((await call('activities/state', { ...base, registration: REGISTRATION })).text),
    ).toEqual(['one', 'two'])
    const since = await call('activities/state', { ...base, since: between.toISOString() })
    expect(JSON.parse(since.text)).toEqual(['two'])
    const one = await call('activities/state', { ...base, stateId: 'one' })
    expect(JSON.parse(one.text)).toEqual({ stateId: 'one' })
    // DELETE without a stateId: the context's documents (of every registration when none given).
    expect(
      (
        await call(
          'activities/state',
          { ...base, registration: REGISTRATION },
          { method: 'DELETE' },
        )
      ).status,
    ).toBe(204)
    expect(JSON.parse((await call('activities/state', base)).text)).toEqual(['one'])
    expect((await call('activities/state', base, { method: 'DELETE' })).status).toBe(204)
    expect(JSON.parse((await call('activities/state', base)).text)).toEqual([])
  })

  it('lets a 1.0.3 client replace a State without conditions, but not a 2.0 client', async () => {
    const id = state('versions')
    expect((await call('activities/state', id, { method: 'PUT', ...json({ v: 1 }) })).status).toBe(
      204,
    )
    expect((await call('activities/state', id, { method: 'PUT', ...json({ v: 2 }) })).status).toBe(
      204,
    )
    const conflict = await call('activities/state', id, {
      method: 'PUT',
      ...json({ v: 3 }),
      version: '2.0.0',
    })
    expect(conflict.status).toBe(409)
    expect(JSON.parse(conflict.text).message).toMatch(/If-Match/)
    expect(conflict.headers.get('x-experience-api-version')).toBe('2.0.0')
    const got = await call('activities/state', id, { version: '2.0.0' })
    expect(JSON.parse(got.text)).toEqual({ v: 2 })
    const replaced = await call('activities/state', id, {
      method: 'PUT',
      body: JSON.stringify({ v: 3 }),
      headers: { 'Content-Type': 'application/json', 'If-Match': got.headers.get('etag')! },
      version: '2.0.0',
    })
    expect(replaced.status).toBe(204)
    // 2.0 does not allow since beside a stateId; 1.0.3 ignores it.
    const sinceAt = { ...id, since: '2026-01-01T00:00:00Z' }
    expect((await call('activities/state', sinceAt, { version: '2.0.0' })).status).toBe(400)
    expect((await call('activities/state', sinceAt)).status).toBe(200)
  })

  it('refuses missing, unknown and malformed parameters, naming them', async () => {
    const refusal = async (params: Record<string, unknown>, method = 'GET') => {
      const res = await call('activities/state', params, {
        method,
        ...(method !== 'GET' && json({})),
      })
      expect(res.status).toBe(400)
      return JSON.parse(res.text).message as string
    }
    expect(await refusal({ agent: AGENT, stateId: 's' })).toMatch(/^activityId: is required/)
    expect(await refusal({ activityId: 'not an iri', agent: AGENT })).toMatch(/^activityId:/)
    expect(await refusal({ activityId: ACTIVITY, stateId: 's' })).toMatch(/^agent: is required/)
    expect(await refusal({ activityId: ACTIVITY, agent: 'not JSON' })).toMatch(/^agent:/)
    expect(
      await refusal({ activityId: ACTIVITY, agent: { name: 'An', objectType: 'Agent' } }),
    ).toMatch(/^agent:/)
    expect(await refusal({ ...state('s'), registration: 'not-a-uuid' })).toMatch(/^registration:/)
    expect(await refusal({ ...state('s'), stateid: 'x' })).toMatch(/unknown parameter stateid/)
    expect(await refusal({ activityId: ACTIVITY, agent: AGENT }, 'PUT')).toMatch(
      /^stateId: is required/,
    )
    expect(await refusal({ activityId: ACTIVITY, agent: AGENT, since: 'yesterday' })).toMatch(
      /^since:/,
    )
    expect(await refusal({ ...state('s'), since: '2026-01-01T00:00:00Z' }, 'DELETE')).toMatch(
      /^since:/,
    )
  })
})

describe('Activity Profile and Agent Profile', () => {
  it('guards a profile with ETags: If-None-Match to create, If-Match to replace or delete', async () => {
    const id = { activityId: ACTIVITY, profileId: 'settings' }
    const put = (headers: Record<string, string>, value: unknown, version = '1.0.3') =>
      call('activities/profile', id, {
        method: 'PUT',
        body: JSON.stringify(value),
        headers: { 'Content-Type': 'application/json', ...headers },
        version,
      })
    // 1.0.3: a PUT of a profile names its condition, even to create one.
    const bare = await put({}, { v: 0 })
    expect(bare.status).toBe(400)
    expect(JSON.parse(bare.text).message).toMatch(/If-None-Match/)
    expect((await call('activities/profile', id)).status).toBe(404)
    expect((await put({ 'If-None-Match': '*' }, { v: 1 })).status).toBe(204)
    expect((await put({ 'If-None-Match': '*' }, { v: 2 })).status).toBe(412)
    const conflict = await put({}, { v: 2 })
    expect(conflict.status).toBe(409)
    expect(JSON.parse(conflict.text).message).toMatch(/If-Match/)
    const got = await call('activities/profile', id)
    expect(JSON.parse(got.text)).toEqual({ v: 1 })
    const etag = got.headers.get('etag')!
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/)
    expect(
      (await put({ 'If-Match': '"1111111111111111111111111111111111111111"' }, { v: 2 })).status,
    ).toBe(412)
    expect((await put({ 'If-Match': `W/${etag}` }, { v: 2 })).status).toBe(204)
    expect(JSON.parse((await call('activities/profile', id)).text)).toEqual({ v: 2 })
    // POST and DELETE take If-Match too.
    const stale = await call('activities/profile', id, {
      method: 'POST',
      ...json({ w: 1 }),
      headers: { 'Content-Type': 'application/json', 'If-Match': etag },
    })
    expect(stale.status).toBe(412)
    expect(
      (await call('activities/profile', id, { method: 'DELETE', headers: { 'If-Match': etag } }))
        .status,
    ).toBe(412)
    expect(JSON.parse((await call('activities/profile', { activityId: ACTIVITY })).text)).toEqual([
      'settings',
    ])
    expect((await call('activities/profile', id, { method: 'DELETE' })).status).toBe(204)
    expect((await call('activities/profile', id)).status).toBe(404)
    // Deleting what is not there is done already.
    expect((await call('activities/profile', id, { method: 'DELETE' })).status).toBe(204)
    // 2.0 lets a PUT create a profile without conditions.
    expect((await put({}, { v: 3 }, '2.0.0')).status).toBe(204)
    expect((await put({}, { v: 4 }, '2.0.0')).status).toBe(409)
  })

  it('finds an agent profile by the agent identifier, however the agent is written (the domain of an email in any case)', async () => {
    const put = await call(
      'agents/profile',
      {
        agent: { objectType: 'Agent', mbox: 'mailto:binh.tran@Example.EDU.vn' },
        profileId: 'prefs',
      },
      {
        method: 'PUT',
        ...json({ lang: 'vi' }),
        headers: { 'Content-Type': 'application/json', 'If-None-Match': '*' },
      },
    )
    expect(put.status).toBe(204)
    const other = await call('agents/profile', {
      agent: { name: 'Trần Bình', mbox: 'mailto:binh.tran@example.edu.vn' },
      profileId: 'prefs',
    })
    expect(JSON.parse(other.text)).toEqual({ lang: 'vi' })
    const ids = await call('agents/profile', { agent: { mbox: 'mailto:binh.tran@example.edu.vn' } })
    expect(JSON.parse(ids.text)).toEqual(['prefs'])
    const noProfileId = await call('agents/profile', { agent: AGENT }, { method: 'DELETE' })
    expect(noProfileId.status).toBe(400)
    expect(JSON.parse(noProfileId.text).message).toMatch(/^profileId: is required/)
  })

  it('shows a client only its own tenant documents', async () => {
    const id = { activityId: ACTIVITY, agent: AGENT, stateId: 'private' }
    expect(
      (await call('activities/state', id, { method: 'PUT', ...json({ secret: 1 }) })).status,
    ).toBe(204)
    expect((await call('activities/state', id, { as: otherAuth })).status).toBe(404)
    const ids = await call(
      'activities/state',
      { activityId: ACTIVITY, agent: AGENT },
      { as: otherAuth },
    )
    expect(JSON.parse(ids.text)).toEqual([])
    expect(
      (
        await call(
          'activities/state',
          { activityId: ACTIVITY, agent: AGENT },
          { method: 'DELETE', as: otherAuth },
        )
      ).status,
    ).toBe(204)
    expect((await call('activities/state', id)).status).toBe(200)
    expect((await call('activities/state', id, { as: 'Basic bm86bm8=' })).status).toBe(401)
  })

  it('lets one of two racing creations win and refuses the other', async () => {
    const id = { activityId: ACTIVITY, profileId: 'race' }
    const create = (v: number) =>
      call('activities/profile', id, {
        method: 'PUT',
        body: JSON.stringify({ v }),
        headers: { 'Content-Type': 'application/json', 'If-None-Match': '*' },
      })
    const statuses = (await Promise.all([1, 2, 3, 4].map(create))).map((r) => r.status).sort()
    expect(statuses).toEqual([204, 412, 412, 412])
  })
})
