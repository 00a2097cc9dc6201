// Headless Chromium from Debian (/usr/bin/chromium), driven by playwright-core, for end-to-end
// tests of the pages. Screenshots go to test-artifacts/e2e/ (kept by CI as artifacts).
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { expect } from '@jest/globals'
import {
  type Browser,
  type BrowserContext,
  type Frame,
  type Locator,
  type Page,
} from 'playwright-core'

export { launchChromium } from './chromium-launch.ts'

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'e2e')

/** A phone (360 px wide, as the smallest screen) or a desktop. */
export const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  desktop: { width: 1280, height: 900 },
} as const

/** A fresh browser profile with that window; a step that waits more than 10 s fails. */
export async function newContext(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN' })
  context.setDefaultTimeout(10_000)
  return context
}

/** Saves a full-page screenshot as test-artifacts/e2e/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.waitForLoadState('networkidle')
  const path = join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/**
 * The WCAG 2.1 A and AA rules axe-core finds broken in a page or frame (NLS inside Moodle's
 * iframe is checked as its own document): id, impact and where.
 */
export async function accessibilityViolations(page: Page | Frame): Promise<string[]> {
  // Evaluated by the test, not added as a <script>: the pages' CSP refuses inline scripts.
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<AxeResult> } }).axe
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    )
  })
  return violations
}

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: string[] }[] }[]
}

/**
 * Collects the Content Security Policy violations a page and its frames report (Chromium logs
 * each to the console); call the result to read them.
 */
export function watchCsp(page: Page): () => string[] {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  return () => [...violations]
}

/** How far a page or frame is wider than its window (0: no sideways scrolling). */
export async function overflowX(page: Page | Frame): Promise<number> {
  const [overflow, culprits] = await page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > width + 0.5)
      .filter((e) => !e.parentElement?.closest('.scroll'))
      .slice(0, 5)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`,
      )
    return [document.documentElement.scrollWidth - width, wide] as const
  })
  // Name what sticks out, so that a failure says where to look.
  if (overflow > 0) console.warn(`wider than the window: ${culprits.join(', ')}`)
  return overflow
}

/**
 * Activates a link, button or summary from the keyboard. In Moodle's iframe (another site)
 * pointer clicks do not reach this Chromium's frames under playwright-core; the keyboard does,
 * as it does for people who use no mouse.
 */
export async function press(target: Locator): Promise<void> {
  await target.focus()
  await target.press('Enter')
}

/**
 * What every page must pass, in a page or in Moodle's frame: no sideways scrolling of the page
 * and no WCAG 2.1 A/AA violation; then its screenshot is saved as `name`.
 */
export async function expectUsable(nls: Page | Frame, page: Page, name: string): Promise<void> {
  expect(await overflowX(nls)).toBeLessThanOrEqual(0)
  expect(await accessibilityViolations(nls)).toEqual([])
  await screenshot(page, name)
}

/**
 * Opens the pages' menu where it is folded into a disclosure (a phone), from the keyboard, which
 * works in Moodle's iframe too; on a wide screen the menu is open already.
 */
export async function openMenu(nls: Page | Frame): Promise<void> {
  const summary = nls.locator('nav.main details.menu > summary')
  if (
    (await summary.count()) > 0 &&
    (await summary.isVisible()) &&
    (await nls.locator('nav.main details.menu[open]').count()) === 0
  ) {
    await press(summary)
  }
}

/** Follows a link of the pages' navigation as a person does, opening the menu first if folded. */
export async function navigate(nls: Page | Frame, name: string): Promise<void> {
  await openMenu(nls)
  const link = nls.locator('nav.main').getByRole('link', { name, exact: true })
  const path = new URL((await link.getAttribute('href'))!, nls.url()).pathname
  await press(link)
  await nls.waitForURL((url) => url.pathname === path)
  await nls.waitForLoadState()
}
