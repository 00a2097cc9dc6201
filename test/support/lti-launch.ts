import type { Browser, BrowserResponse } from './browser.ts'
import type { FakePlatform, InitiateLaunchOptions } from './fake-lti-platform.ts'

/** Moodle's launch as a browser makes it: login form → tool login → auth.php → tool launch. */
export async function launchIn(
  browser: Browser,
  moodle: FakePlatform,
  options: InitiateLaunchOptions,
): Promise<BrowserResponse> {
  return browser.submitAutoPostForm(await authenticate(browser, moodle, options))
}

/** The first half of a launch: up to auth.php's self-posting form (id_token and state). */
export async function authenticate(
  browser: Browser,
  moodle: FakePlatform,
  options: InitiateLaunchOptions,
): Promise<BrowserResponse> {
  const initiation = moodle.initiateLaunch(options)
  return browser.submitAutoPostForm(initiation.html, `${moodle.issuer}/mod/lti/launch.php`)
}

/** The refusal code a page shows (HTML error page) or a JSON body carries. */
export function refusalCode(page: BrowserResponse): string | undefined {
  return (
    /data-code>([^<]+)</.exec(page.text)?.[1] ??
    (page.text.startsWith('{') ? (JSON.parse(page.text) as { code?: string }).code : undefined)
  )
}
