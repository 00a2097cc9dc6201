// A school for end-to-end tests: NLS and a fake Moodle registered with each other, an xAPI client
// of the school's log store, an admin token, and helpers that go through the real HTTP API.
import type { Frame, Page } from 'playwright-core'
import type { InitiateLaunchOptions } from './fake-lti-platform.ts'
import { createBrowser } from './browser.ts'
import { launchIn } from './lti-launch.ts'
import { type LtiWorld, startLtiWorld, stopLtiWorld } from './nls-server.ts'

const V = { 'X-Experience-API-Version': '1.0.3', 'content-type': 'application/json' }

export interface School extends LtiWorld {
  readonly tenantId: string
  /** Calls /api with the admin token; fails the test on a status other than `expected`. */
  api(method: string, path: string, body?: unknown, expected?: number): Promise<unknown>
  /** Sends statements as the school's Moodle log store does, then lets inference run. */
  send(statements: readonly unknown[]): Promise<string[]>
  /**
   * An LTI launch in Chromium, as Moodle makes it: in an iframe of a course page (`frame`), or
   * in a new window. Resolves once NLS's page has loaded; returns the frame NLS is in.
   */
  launch(page: Page, options: InitiateLaunchOptions & { in: 'iframe' | 'window' }): Promise<Frame>
  /** A person's first launch (as any browser makes it): returns their NLS person id. */
  enrol(userId: string, role: InitiateLaunchOptions['role']): Promise<string>
  close(): Promise<void>
}

export async function startSchool(): Promise<School> {
  const world = await startLtiWorld()
  const { nls, platform, registered } = world
  const tenantId = registered.tenantId
  const { client, secret } = await nls.stores.xapiClients.createClient(tenantId, 'logstore', 'e2e')
  const basic = `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`
  const admin = `Bearer ${(await nls.stores.adminTokens.createToken('e2e', 'test')).secret}`

  const api: School['api'] = async (method, path, body, expected = 200) => {
    const sep = path.includes('?') ? '&' : '?'
    const res = await fetch(`${nls.url}/api${path}${sep}tenantId=${tenantId}`, {
      method,
      headers: {
        authorization: admin,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
    const text = await res.text()
    if (res.status !== expected) throw new Error(`${method} ${path}: ${res.status} ${text}`)
    return text ? JSON.parse(text) : undefined
  }

  const send: School['send'] = async (statements) => {
    const res = await fetch(`${nls.url}/xapi/statements`, {
      method: 'POST',
      headers: { ...V, authorization: basic },
      body: JSON.stringify(statements),
    })
    if (res.status !== 200) throw new Error(`statements: ${res.status} ${await res.text()}`)
    const ids = (await res.json()) as string[]
    await nls.inference.runOnce()
    return ids
  }

  // Moodle's course pages, on Moodle's own site (another than NLS's 127.0.0.2), as NLS's
  // frame-ancestors expects: the launch form, and the module page that frames it.
  const moodle = platform.issuer
  platform.servePage(
    '/mod/lti/view.php',
    `<!doctype html><html lang="vi"><head><title>Moodle</title></head><body style="margin:0">
<iframe id="contentframe" title="NLS" src="/mod/lti/launch.php"
  style="border:0;width:100%;height:100vh" allow="fullscreen"></iframe></body></html>`,
  )
  const launch: School['launch'] = async (page, options) => {
    platform.servePage('/mod/lti/launch.php', platform.initiateLaunch(options).html)
    if (options.in === 'window') {
      await page.goto(`${moodle}/mod/lti/launch.php`)
      await page.waitForURL(`${nls.url}/app/**`)
      return page.mainFrame()
    }
    const inNls = (url: string) => url.startsWith(`${nls.url}/app/`)
    const landed = page.waitForEvent('framenavigated', { predicate: (f) => inNls(f.url()) })
    await page.goto(`${moodle}/mod/lti/view.php`)
    const frame = await landed
    await frame.waitForLoadState()
    return frame
  }

  const enrol: School['enrol'] = async (userId, role) => {
    const landed = await launchIn(createBrowser(), platform, { role, userId })
    if (landed.status !== 200) throw new Error(`launch of ${userId}: ${landed.status}`)
    const person = await nls.stores.people.findPersonByIdentity(tenantId, {
      kind: 'lti',
      issuer: platform.issuer,
      clientId: platform.clientId,
      sub: userId,
    })
    return person!.id
  }

  const close = async () => {
    await stopLtiWorld(world)
  }
  return { ...world, tenantId, api, send, launch, enrol, close }
}
