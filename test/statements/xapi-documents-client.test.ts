// A SCORM-to-xAPI wrapper's session through a client library used as published (@xapi/xapi):
// read the resume state (none yet), the course's settings (an Activity Profile) and the
// learner's preferences (an Agent Profile); write progress to the State on each page; send the
// statements; at the end read the State back, list and clear it. On both databases.
import { randomUUID } from 'node:crypto'
import xapiModule from '@xapi/xapi'
import type { RunningServer } from '../../src/server/start-server.ts'
import { startNls } from '../support/nls-server.ts'

const XAPI = xapiModule.default

let nls: RunningServer
let xapi: InstanceType<typeof XAPI>
beforeAll(async () => {
  nls = await startNls()
  const tenant = await nls.stores.tenants.createTenant({ kind: 'platform', name: 'K12Online' })
  const { client, secret } = await nls.stores.xapiClients.createClient(tenant.id, 'scorm', 't')
  xapi = new XAPI({
    endpoint: `${nls.url}/xapi/`,
    auth: XAPI.toBasicAuth(client.key, secret),
    version: '1.0.3',
    adapter: 'fetch',
  })
})
afterAll(() => nls.close())

const activityId = 'https://k12online.example.vn/scorm/an-toan-thong-tin'
const agent = {
  objectType: 'Agent' as const,
  name: 'Lê Thu Hà',
  account: { homePage: 'https://k12online.example.vn', name: 'gv-1024' },
}
const registration = randomUUID()

/** The code an LRS refusal carries (the library throws the body of any answer but 2xx). */
async function refusal(call: Promise<unknown>): Promise<string | undefined> {
  try {
    await call
    return undefined
  } catch (err) {
    return (JSON.parse((err as Error).message) as { code?: string }).code
  }
}

it('runs a wrapper session: states, profiles and statements', async () => {
  // Initialize: no resume data yet; the course's settings and the learner's preferences.
  expect(await refusal(xapi.getState({ agent, activityId, stateId: 'resume', registration }))).toBe(
    'ERR_XAPI_NOT_FOUND',
  )
  await xapi.setActivityProfile({
    activityId,
    profileId: 'settings',
    profile: { masteryScore: 0.8, language: 'vi' },
    etag: '*',
    matchHeader: 'If-None-Match',
  })
  expect((await xapi.getActivityProfile({ activityId, profileId: 'settings' })).data).toEqual({
    masteryScore: 0.8,
    language: 'vi',
  })
  await xapi.createAgentProfile({ agent, profileId: 'preferences', profile: { audio: false } })
  expect((await xapi.getAgentProfiles({ agent })).data).toEqual(['preferences'])

  // Each page: the location and suspend data, merged into the resume state.
  for (const page of [1, 2, 3]) {
    await xapi.createState({
      agent,
      activityId,
      registration,
      stateId: 'resume',
      state: { location: `page-${page}`, [`page-${page}`]: 'seen' },
    })
    await xapi.sendStatement({
      statement: {
        actor: agent,
        verb: { id: 'http://adlnet.gov/expapi/verbs/progressed' },
        object: { objectType: 'Activity', id: activityId },
        context: { registration },
        result: {
          extensions: { 'https://w3id.org/xapi/cmi5/result/extensions/progress': page * 33 },
        },
      },
    })
  }
  const resume = await xapi.getState({ agent, activityId, stateId: 'resume', registration })
  expect(resume.data).toEqual({
    location: 'page-3',
    'page-1': 'seen',
    'page-2': 'seen',
    'page-3': 'seen',
  })
  await xapi.setState({ agent, activityId, registration, stateId: 'bookmark', state: 'page-3' })
  expect((await xapi.getStates({ agent, activityId, registration })).data).toEqual([
    'bookmark',
    'resume',
  ])

  // Terminate: the statements are in the LRS; the attempt's states are cleared.
  const sent = await xapi.getStatements({ agent, activity: activityId, registration })
  expect(sent.data.statements).toHaveLength(3)
  await xapi.deleteState({ agent, activityId, registration, stateId: 'bookmark' })
  expect((await xapi.getStates({ agent, activityId, registration })).data).toEqual(['resume'])
  await xapi.deleteStates({ agent, activityId, registration })
  expect((await xapi.getStates({ agent, activityId, registration })).data).toEqual([])
  await xapi.deleteAgentProfile({ agent, profileId: 'preferences' })
  expect(await refusal(xapi.getAgentProfile({ agent, profileId: 'preferences' }))).toBe(
    'ERR_XAPI_NOT_FOUND',
  )
})
