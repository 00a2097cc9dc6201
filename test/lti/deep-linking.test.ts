// Deep Linking 2.0 from a fake Moodle 4.5: a trainer chooses competencies, NLS stores them as tags
// and returns a signed LtiResourceLink (with a line item); the link's first launch binds to them.
import type { RunningServer } from '../../src/server/start-server.ts'
import type { Platform } from '../../src/store/platform-store.ts'
import { createBrowser, type Browser } from '../support/browser.ts'
import type { FakePlatform } from '../support/fake-lti-platform.ts'
import { launchIn, refusalCode } from '../support/lti-launch.ts'
import { startLtiWorld, stopLtiWorld } from '../support/nls-server.ts'

let nls: RunningServer
let platform: FakePlatform
let registered: Platform
beforeAll(async () => {
  ;({ nls, platform, registered } = await startLtiWorld())
})
afterAll(() => stopLtiWorld({ nls, platform }))

/** A teacher's deep linking launch: the chooser page and its signed request field. */
async function chooser(browser: Browser): Promise<string> {
  const page = await launchIn(browser, platform, {
    role: 'Instructor',
    userId: '3',
    messageType: 'LtiDeepLinkingRequest',
  })
  expect(page.status).toBe(200)
  expect(page.text).toContain('action="/lti/deep-link"')
  expect(page.text).toContain('<html lang="vi">')
  expect(page.text).toContain('Chọn năng lực cho hoạt động')
  expect(page.text).not.toContain('Choose the competencies')
  // Moodle takes a line item with the link: the trainer chooses how its column is scored.
  expect(page.text).toContain('<input type="radio" name="gradebook" value="level" checked>')
  expect(page.text).toContain('<input type="radio" name="gradebook" value="share">')
  return /name="request" value="([^"]+)"/.exec(page.text)![1]!
}

async function choose(fields: [string, string][]): Promise<Response> {
  return fetch(`${nls.url}/lti/deep-link`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(fields).toString(),
  })
}

describe('deep linking', () => {
  it('shows the chooser in one language, and in the other through its switch', async () => {
    const browser = createBrowser()
    const request = await chooser(browser)
    const res = await fetch(`${nls.url}/lti/deep-link/language`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ request, title: 'Quiz', lang: 'en' }).toString(),
    })
    expect(res.status).toBe(200)
    const english = await res.text()
    expect(english).toContain('<html lang="en">')
    expect(english).toContain('Choose the competencies this activity evidences')
    expect(english).toContain('<button type="submit">Create the activity</button>')
    expect(english).not.toContain('Chọn năng lực cho hoạt động')
    expect(english).toContain(`<input type="hidden" name="request" value="${request}">`)
    expect(english).toContain('<input type="hidden" name="lang" value="en">')
    expect(english).toContain('value="Quiz"')
    // Its switch leads back to Vietnamese; a forged request is refused.
    expect(english).toContain('name="lang" value="vi" lang="vi"')
    const forged = await fetch(`${nls.url}/lti/deep-link/language`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ request: `${request}x`, lang: 'en' }).toString(),
    })
    expect({ status: forged.status, body: await forged.json() }).toEqual({
      status: 400,
      body: {
        code: 'ERR_LTI_DEEP_LINKING_INVALID',
        message: 'the selection expired or was altered; start again from the LMS',
      },
    })
  })

  it('chosen competencies become tags of a new activity; Moodle gets a signed link with a line item', async () => {
    const browser = createBrowser()
    const request = await chooser(browser)
    const res = await choose([
      ['request', request],
      ['title', 'Bài kiểm tra an toàn số'],
      ['competency', 'TT18.PT.1.1.CB'],
      ['competency', 'TT18.PT.2.1.TT'],
      ['descriptors', 'TT18.PT.1.1.CB.2, TT18.PT.1.1.CB.2 TT18.MN.1.1.NC.1'],
      ['gradebook', 'share'],
    ])
    expect(res.status).toBe(200)
    const returnPage = await res.text()
    // The page posts itself to the platform: its CSP's form-action names the platform's origin.
    const action = /<form id="return" method="post" action="([^"]+)"/.exec(returnPage)![1]!
    expect(res.headers.get('content-security-policy')).toContain(
      `form-action 'self' ${new URL(action).origin};`,
    )
    const moodle = await browser.submitAutoPostForm(returnPage, `${nls.url}/lti/deep-link`)
    expect(moodle.status).toBe(200)

    const [returned] = platform.deepLinkReturns()
    expect(returned?.items).toEqual([
      {
        type: 'ltiResourceLink',
        title: 'Bài kiểm tra an toàn số',
        url: `${nls.url}/lti/launch`,
        custom: { nls_activity: expect.stringMatching(/^[0-9a-f-]{36}$/) },
        lineItem: {
          scoreMaximum: 100,
          label: 'Bài kiểm tra an toàn số',
          resourceId: expect.any(String),
          tag: 'nls',
        },
      },
    ])
    const linkKey = returned!.links[0]!.custom.nls_activity!
    const activity = await nls.stores.courses.findActivityByIri(
      registered.tenantId,
      `urn:nls:link:${linkKey}`,
    )
    expect(activity?.name).toBe('Bài kiểm tra an toàn số')
    const tags = await nls.stores.tags.listTags(registered.tenantId, { activityId: activity!.id })
    expect(tags).toHaveLength(1)
    expect([...tags[0]!.competencyIds].sort()).toEqual([
      'TT18.MN.1.1.NC.1',
      'TT18.PT.1.1.CB',
      'TT18.PT.1.1.CB.2',
      'TT18.PT.2.1.TT',
    ])
    expect(tags[0]!.rule).toMatchObject({ gradebook: 'share' })
    const lineItem = platform.lineItems().find((l) => l.resourceId === linkKey)
    expect(lineItem).toMatchObject({ scoreMaximum: 100, tag: 'nls' })

    // The new link's first launch binds Moodle's resource link to the tagged activity.
    const resourceLinkId = returned!.links[0]!.resourceLinkId
    const launched = await launchIn(createBrowser(), platform, {
      role: 'Learner',
      userId: '4',
      resourceLinkId,
    })
    expect(launched.status).toBe(200)
    const bound = await nls.stores.courses.findActivityByIri(
      registered.tenantId,
      `urn:nls:link:${linkKey}`,
    )
    expect(bound).toMatchObject({ id: activity!.id, resourceLinkId })
  })

  it('unknown IDs are refused by name, and nothing is stored', async () => {
    const request = await chooser(createBrowser())
    const before = platform.deepLinkReturns().length
    const res = await choose([
      ['request', request],
      ['title', 'x'],
      ['competency', 'TT18.PT.1.1.CB'],
      ['descriptors', 'TT18.PT.9.9.CB.1 TT18.PT.1.1'],
    ])
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      code: 'ERR_LTI_DEEP_LINKING_INVALID',
      message:
        'not a descriptor or a component at a level: TT18.PT.9.9.CB.1, TT18.PT.1.1 (e.g. TT18.PT.1.1.CB.2 or TT18.PT.1.1.CB)',
    })
    expect(platform.deepLinkReturns()).toHaveLength(before)
  })

  it('a gradebook score other than level or share is refused by its field', async () => {
    const request = await chooser(createBrowser())
    const res = await choose([
      ['request', request],
      ['title', 'x'],
      ['competency', 'TT18.PT.1.1.CB'],
      ['gradebook', 'average'],
    ])
    expect(res.status).toBe(400)
    expect(JSON.stringify(await res.json())).toContain("must be 'level' or 'share'")
  })

  it('nothing chosen, no title, an altered request', async () => {
    const request = await chooser(createBrowser())
    const none = await choose([
      ['request', request],
      ['title', 'x'],
    ])
    expect(((await none.json()) as { message: string }).message).toBe(
      'choose at least one competency',
    )
    const untitled = await choose([
      ['request', request],
      ['title', ' '],
      ['competency', 'TT18.PT.1.1.CB'],
    ])
    expect(await untitled.json()).toMatchObject({
      code: 'ERR_INPUT_INVALID',
      message: 'body.title: must not be empty',
    })
    const altered = await choose([
      ['request', `${request.slice(0, -2)}xx`],
      ['title', 'x'],
      ['competency', 'TT18.PT.1.1.CB'],
    ])
    expect(await altered.json()).toEqual({
      code: 'ERR_LTI_DEEP_LINKING_INVALID',
      message: 'the selection expired or was altered; start again from the LMS',
    })
  })

  it('a student cannot deep link', async () => {
    const page = await launchIn(createBrowser(), platform, {
      role: 'Learner',
      userId: '4',
      messageType: 'LtiDeepLinkingRequest',
    })
    expect({ status: page.status, code: refusalCode(page) }).toEqual({
      status: 400,
      code: 'ERR_LTI_DEEP_LINKING_INVALID',
    })
  })
})
