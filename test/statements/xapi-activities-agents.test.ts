// GET /xapi/activities and /xapi/agents over HTTP (xAPI 1.0.3 Communication §2.4, §2.5; IEEE
// 9274.1.1 §4.1.6.3, §4.1.6.4): an Activity as its statements defined it, language maps merged;
// an Agent as a Person object; unknown ones answered with what was asked; per tenant; on both
// databases.
import type { RunningServer } from '../../src/server/start-server.ts'
import { addXapiTenant, startNls } from '../support/nls-server.ts'

let nls: RunningServer
let auth: string
let otherAuth: string
let tenantId: string
beforeAll(async () => {
  nls = await startNls()
  ;({ basic: auth, tenantId } = await addXapiTenant(nls, 'Moodle'))
  otherAuth = (await addXapiTenant(nls, 'Other school')).basic
})
afterAll(() => nls.close())

async function get(path: string, params: Record<string, unknown>, as = auth, method = 'GET') {
  const query = new URLSearchParams(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  )
  const res = await fetch(`${nls.url}/xapi/${path}?${query}`, {
    method,
    headers: { Authorization: as, 'X-Experience-API-Version': '2.0.0' },
  })
  const text = await res.text()
  return { status: res.status, text, body: text ? (JSON.parse(text) as unknown) : undefined }
}

const QUIZ = 'https://lms.example.edu.vn/mod/quiz/view.php?id=31'
const actor = {
  name: 'Phạm Minh',
  account: { homePage: 'https://lms.example.edu.vn', name: '1207' },
}

async function post(statement: object) {
  const res = await fetch(`${nls.url}/xapi/statements`, {
    method: 'POST',
    headers: {
      Authorization: auth,
      'X-Experience-API-Version': '1.0.3',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(statement),
  })
  expect(res.status).toBe(200)
}

it('gives an Activity as its statements defined it, the languages of its name merged', async () => {
  const definition = {
    type: 'http://adlnet.gov/expapi/activities/assessment',
    name: { 'en-US': 'Quiz 3' },
    description: { 'en-US': 'Ten questions' },
    moreInfo: 'https://lms.example.edu.vn/mod/quiz/view.php?id=31&info',
    extensions: { 'https://lms.example.edu.vn/xapi/ext/course': 'Tin học 8' },
  }
  await post({
    actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' },
    object: { objectType: 'Activity', id: QUIZ, definition },
  })
  const first = await get('activities', { activityId: QUIZ })
  expect(first.status).toBe(200)
  expect(first.body).toEqual({ objectType: 'Activity', id: QUIZ, definition })
  await post({
    actor,
    verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
    object: { id: QUIZ, definition: { name: { vi: 'Bài kiểm tra 3' } } },
  })
  const merged = await get('activities', { activityId: QUIZ })
  expect(merged.body).toEqual({
    objectType: 'Activity',
    id: QUIZ,
    definition: { ...definition, name: { 'en-US': 'Quiz 3', vi: 'Bài kiểm tra 3' } },
  })
  // Another tenant, or an Activity no statement names: the id alone.
  expect((await get('activities', { activityId: QUIZ }, otherAuth)).body).toEqual({
    objectType: 'Activity',
    id: QUIZ,
  })
  const head = await get('activities', { activityId: QUIZ }, auth, 'HEAD')
  expect(head).toMatchObject({ status: 200, text: '' })
  expect((await get('activities', {})).status).toBe(400)
  expect((await get('activities', { activityId: 'no scheme' })).status).toBe(400)
})

it('gives an Agent as a Person: its identifier and the names it is known by', async () => {
  const person = await nls.stores.people.upsertPersonByIdentity(
    tenantId,
    { kind: 'account', homePage: actor.account.homePage, name: actor.account.name },
    { name: 'Phạm Văn Minh' },
  )
  expect(person.name).toBe('Phạm Văn Minh')
  const res = await get('agents', { agent: actor })
  expect(res.status).toBe(200)
  expect(res.body).toEqual({
    objectType: 'Person',
    name: ['Phạm Minh', 'Phạm Văn Minh'],
    account: [actor.account],
  })
  // Unknown: what the request said.
  expect((await get('agents', { agent: { mbox: 'mailto:ai@example.edu.vn' } })).body).toEqual({
    objectType: 'Person',
    mbox: ['mailto:ai@example.edu.vn'],
  })
  expect((await get('agents', { agent: actor }, otherAuth)).body).toEqual({
    objectType: 'Person',
    name: ['Phạm Minh'],
    account: [actor.account],
  })
  const noIfi = await get('agents', { agent: { name: 'Không định danh', objectType: 'Agent' } })
  expect(noIfi.status).toBe(400)
  expect((noIfi.body as { message: string }).message).toMatch(/^agent:/)
  expect((await get('agents', {})).status).toBe(400)
  expect((await get('agents', { agent: actor, extra: '1' })).status).toBe(400)
})
