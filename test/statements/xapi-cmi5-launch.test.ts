// A cmi5 launch's requests to the LRS (cmi5 Quartz §8.1, §10, §11, §9.3), as an LMS and an AU
// send them: the LMS writes the "LMS.LaunchData" State and may write the
// "cmi5LearnerPreferences" Agent Profile; the AU reads both, then sends initialized, completed,
// passed and terminated with the launch's context template; the LMS reads the registration's
// statements. Over HTTP, on both databases.
import { randomUUID } from 'node:crypto'
import type { RunningServer } from '../../src/server/start-server.ts'
import { addXapiTenant, startNls } from '../support/nls-server.ts'

let nls: RunningServer
let lms: string
beforeAll(async () => {
  nls = await startNls()
  lms = (await addXapiTenant(nls, 'K12Online')).basic
})
afterAll(() => nls.close())

const AU = 'https://k12online.example.vn/cmi5/an-toan-thong-tin/au/1'
const actor = {
  objectType: 'Agent',
  account: { homePage: 'https://k12online.example.vn', name: 'gv-2048' },
}
const registration = randomUUID()
const session = randomUUID()
const CMI5 = 'https://w3id.org/xapi/cmi5/context/categories/cmi5'

async function call(
  method: string,
  path: string,
  params: Record<string, unknown>,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const query = new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  )
  const res = await fetch(`${nls.url}/xapi/${path}?${query}`, {
    method,
    headers: {
      Authorization: lms,
      'X-Experience-API-Version': '1.0.3',
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
      ...headers,
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined }
}

it('serves a cmi5 launch: launch data, learner preferences, the AU statements', async () => {
  const contextTemplate = {
    contextActivities: {
      grouping: [{ id: 'https://k12online.example.vn/cmi5/an-toan-thong-tin' }],
    },
    extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': session },
  }
  const launchData = {
    contextTemplate,
    launchMode: 'Normal',
    launchParameters: '{"level":"co-ban"}',
    masteryScore: 0.8,
    moveOn: 'CompletedAndPassed',
    returnURL: 'https://k12online.example.vn/course/12',
  }
  const state = { activityId: AU, agent: actor, registration, stateId: 'LMS.LaunchData' }
  // The LMS, before the launch.
  expect((await call('PUT', 'activities/state', state, launchData)).status).toBe(204)
  const preferences = { agent: actor, profileId: 'cmi5LearnerPreferences' }
  expect(
    (
      await call(
        'PUT',
        'agents/profile',
        preferences,
        { languagePreference: 'vi-VN,en-US', audioPreference: 'on' },
        { 'If-None-Match': '*' },
      )
    ).status,
  ).toBe(204)

  // The AU, launched.
  const read = await call('GET', 'activities/state', state)
  expect(read).toEqual({ status: 200, body: launchData })
  expect((await call('GET', 'agents/profile', preferences)).body).toEqual({
    languagePreference: 'vi-VN,en-US',
    audioPreference: 'on',
  })
  const statement = (verb: string, extra: object = {}) => ({
    id: randomUUID(),
    actor,
    verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
    object: { objectType: 'Activity', id: AU },
    context: {
      ...contextTemplate,
      registration,
      contextActivities: {
        ...contextTemplate.contextActivities,
        category: [{ id: CMI5 }, { id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' }],
      },
    },
    timestamp: new Date().toISOString(),
    ...extra,
  })
  const sent = [
    statement('initialized'),
    statement('completed', { result: { completion: true, duration: 'PT12M' } }),
    statement('passed', { result: { success: true, score: { scaled: 0.9 }, duration: 'PT12M' } }),
    statement('terminated', { result: { duration: 'PT13M' } }),
  ]
  for (const s of sent) {
    const res = await call('POST', 'statements', {}, s)
    expect(res).toEqual({ status: 200, body: [s.id] })
  }

  // The LMS, after: the registration's statements, oldest first.
  const got = await call('GET', 'statements', { registration, ascending: 'true' })
  const verbs = (got.body as { statements: { verb: { id: string } }[] }).statements.map((s) =>
    s.verb.id.split('/').pop(),
  )
  expect(verbs).toEqual(['initialized', 'completed', 'passed', 'terminated'])
  // The launch data stays for the next launch of the registration.
  expect((await call('GET', 'activities/state', { ...state, stateId: undefined })).body).toEqual([
    'LMS.LaunchData',
  ])
})
