// The Alternate Request Syntax (xAPI 1.0.3 Communication §1.3) over HTTP: a form POSTed with
// ?method= stands for the request it names, its header fields as headers, `content` as the body,
// the rest as query parameters; on both databases.
import { randomUUID } from 'node:crypto'
import type { RunningServer } from '../../src/server/start-server.ts'
import { pageViewed } from '../support/moodle-statements.ts'
import { startXapiTenant } from '../support/nls-server.ts'

let nls: RunningServer
let auth: string
beforeAll(async () => {
  ;({ nls, basic: auth } = await startXapiTenant('Moodle'))
})
afterAll(() => nls.close())

/** POSTs a form to a path with ?method=…; the credentials and version only in the form. */
async function form(path: string, fields: Record<string, string>, query = '') {
  const res = await fetch(`${nls.url}/xapi/${path}${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  })
  const text = await res.text()
  return { status: res.status, text, headers: res.headers }
}

const common = () => ({ Authorization: auth, 'X-Experience-API-Version': '1.0.3' })

it('stores a statement PUT as a form, and reads it back with a GET as a form', async () => {
  const id = randomUUID()
  const put = await form(
    'statements',
    {
      ...common(),
      'Content-Type': 'application/json',
      statementId: id,
      content: JSON.stringify(pageViewed('4')),
    },
    '?method=PUT',
  )
  expect(put.status).toBe(204)
  const got = await form('statements', { ...common(), statementId: id }, '?method=GET')
  expect(got.status).toBe(200)
  expect(JSON.parse(got.text)).toMatchObject({ id, verb: pageViewed('4').verb })
  expect(got.headers.get('x-experience-api-version')).toBe('1.0.3')
  // A query as a form: the statements of an agent.
  const query = await form(
    'statements',
    { ...common(), agent: JSON.stringify(pageViewed('4').actor), limit: '1' },
    '?method=GET',
  )
  expect(JSON.parse(query.text).statements).toHaveLength(1)
})

it('writes and reads a State as a form', async () => {
  const params = {
    activityId: 'https://lms.example.edu.vn/mod/scorm/view.php?id=5',
    agent: JSON.stringify({ mbox: 'mailto:form@example.edu.vn' }),
    stateId: 'resume',
  }
  const put = await form(
    'activities/state',
    { ...common(), ...params, 'Content-Type': 'application/json', content: '{"page":4}' },
    '?method=PUT',
  )
  expect(put.status).toBe(204)
  const got = await form('activities/state', { ...common(), ...params }, '?method=GET')
  expect(got).toMatchObject({ status: 200, text: '{"page":4}' })
  const gone = await form('activities/state', { ...common(), ...params }, '?method=DELETE')
  expect(gone.status).toBe(204)
  expect((await form('activities/state', { ...common(), ...params }, '?method=GET')).status).toBe(
    404,
  )
})

it('refuses what the syntax does not allow', async () => {
  const message = async (res: Promise<{ status: number; text: string }>) => {
    const { status, text } = await res
    expect(status).toBe(400)
    return (JSON.parse(text) as { message: string }).message
  }
  // Another query parameter beside method.
  expect(
    await message(form('statements', { ...common() }, `?method=GET&statementId=${randomUUID()}`)),
  ).toMatch(/no query parameter but method/)
  // method on a GET.
  const get = await fetch(`${nls.url}/xapi/statements?method=GET`, { headers: common() })
  expect(get.status).toBe(400)
  // A body that is not a form.
  const notForm = await fetch(`${nls.url}/xapi/statements?method=PUT`, {
    method: 'POST',
    headers: { ...common(), 'Content-Type': 'application/json' },
    body: JSON.stringify(pageViewed('4')),
  })
  expect(notForm.status).toBe(400)
  // A PUT without content.
  expect(
    (await form('statements', { ...common(), statementId: randomUUID() }, '?method=PUT')).status,
  ).toBe(400)
  // Content that is not JSON for a statement.
  expect(
    await message(
      form(
        'statements',
        {
          ...common(),
          'Content-Type': 'application/json',
          content: '{"no',
          statementId: randomUUID(),
        },
        '?method=PUT',
      ),
    ),
  ).toMatch(/not JSON/)
  // Credentials are read from the form: wrong ones are refused.
  expect(
    (await form('statements', { ...common(), Authorization: 'Basic bm86bm8=' }, '?method=GET'))
      .status,
  ).toBe(401)
})
