// The look of the main pages on a phone (360 px) and a desktop (1280 px): no sideways scrolling,
// no WCAG A/AA violation, a compact header, a short profile with a large radar, a heat-map that
// shows six components before scrolling, and one language at a time.
import type { Browser, Frame, Page } from 'playwright-core'
import { shippedCatalog } from '../../framework/index.ts'
import { en } from '../../src/web/locales/en.ts'
import { vi } from '../../src/web/locales/vi.ts'
import { heldLevel } from '../support/levels.ts'
import {
  accessibilityViolations,
  launchChromium,
  navigate,
  newContext,
  overflowX,
  press,
  screenshot,
} from '../support/chromium.ts'
import { quizAttempt } from '../support/moodle-statements.ts'
import { type School, startSchool } from '../support/school.ts'

/** The phone of the issue (360 × 780) and a desktop. */
const PHONE = { width: 360, height: 780 }
const DESKTOP = { width: 1280, height: 900 }

let school: School
let chromium: Browser
beforeAll(async () => {
  ;[school, chromium] = await Promise.all([startSchool(), launchChromium()])
  const site = school.platform.issuer
  school.platform.setRoster('2', { students: 6 })
  await school.api(
    'POST',
    '/tags',
    {
      activityIri: `${site}/mod/quiz/view.php?id=12`,
      activityName: 'Kiểm tra: An toàn trên môi trường số',
      competencyIds: ['TT18.PT.1.1.CB'],
    },
    201,
  )
  await school.send([quizAttempt('4', 9, { site }), quizAttempt('5', 10, { site })])
  // Staff of two units with a long name, for the report's bars.
  const { stores } = school.nls
  const components = shippedCatalog()
    .components('TT18.PT')
    .map((c) => c.id)
  for (const [unit, n] of [
    ['Tổ Khoa học Tự nhiên và Công nghệ của trường Trung học phổ thông', 6],
    ['Tổ Ngữ văn', 6],
  ] as const) {
    for (let i = 0; i < n; i++) {
      const person = await stores.people.upsertPersonByIdentity(school.tenantId, {
        kind: 'mbox',
        mbox: `mailto:${unit.length}-${i}@truong.edu.vn`,
      })
      await stores.people.setUnit(school.tenantId, person.id, unit)
      await stores.progress.saveLevels(
        school.tenantId,
        person.id,
        components.slice(0, 4 + i).map((c) => heldLevel(c, i % 2 ? 'TT' : 'CB')),
      )
    }
  }
}, 90_000)
afterAll(async () => {
  await chromium?.close()
  await school?.close()
})

/** English of the pages (texts that differ from their Vietnamese) and of the framework. */
function englishTexts(): string[] {
  const leaves = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : Object.values(value as Record<string, unknown>).flatMap(leaves)
  const vietnamese = new Set(leaves(vi))
  const catalog = shippedCatalog()
  const framework = catalog.components('TT18.PT').flatMap((c) => [c.name.en ?? ''])
  return [...leaves(en), ...framework]
    .filter((text) => !vietnamese.has(text) && !text.includes('{{'))
    .filter((text) => text.length >= 12)
}

/** The page's text outside elements marked English (lang="en"), script and style excluded. */
async function textOutsideEnglish(nls: Page | Frame): Promise<string> {
  return nls.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement
    copy.querySelectorAll('[lang="en"], script, style').forEach((e) => e.remove())
    return copy.textContent ?? ''
  })
}

async function headerHeight(nls: Page | Frame): Promise<number> {
  return nls.evaluate(() => document.querySelector('nav.main')!.getBoundingClientRect().bottom)
}

async function expectTidy(nls: Page | Frame): Promise<void> {
  expect(await overflowX(nls)).toBeLessThanOrEqual(0)
  expect(await accessibilityViolations(nls)).toEqual([])
}

describe('the look', () => {
  it("a teacher's profile on a phone: compact header, large radar, short page, Vietnamese only", async () => {
    const context = await newContext(chromium, PHONE)
    const page = await context.newPage()
    const nls = await school.launch(page, { role: 'Learner', userId: '4', in: 'window' })
    await expect(nls.locator('h1').textContent()).resolves.toBe('Hồ sơ năng lực số')
    await expectTidy(nls)
    expect(await headerHeight(nls)).toBeLessThanOrEqual(120)
    const radar = await nls.locator('figure[data-radar] svg').first().boundingBox()
    expect(radar!.width).toBeGreaterThanOrEqual(300)
    // The rings are the levels, named.
    const radarText = await nls.locator('figure[data-radar] svg').first().textContent()
    for (const level of ['Cơ bản', 'Thành thạo', 'Nâng cao']) expect(radarText).toContain(level)
    // One list of the 20 components, each folded: the page stays short.
    await expect(
      nls.locator('[data-table="TT18.PT"] ol.comps > li[data-component]').count(),
    ).resolves.toBe(20)
    await expect(nls.locator('details[data-component-details][open]').count()).resolves.toBe(0)
    const height = await nls.evaluate(() => document.documentElement.scrollHeight)
    expect(height).toBeLessThan(2500)
    // One language at a time: English only where marked as English (folded translations).
    const text = await textOutsideEnglish(nls)
    expect(englishTexts().filter((english) => text.includes(english))).toEqual([])
    expect(text).not.toMatch(/\b(the|and|with|level|evidence|component)\b/i)
    await screenshot(page, 'look-profile-phone')
    // A component opened: its criteria, the evidence as cards, the translation one click away.
    await press(nls.locator('details#TT18\\.PT\\.1\\.1 > summary'))
    await expect(
      nls.locator('details#TT18\\.PT\\.1\\.1 details.tr').count(),
    ).resolves.toBeGreaterThan(1)
    await expectTidy(nls)
    await screenshot(page, 'look-profile-component-phone')
    // The menu folds away on a phone and opens from the keyboard.
    await navigate(nls, 'Tự đánh giá')
    await expect(nls.locator('h1').textContent()).resolves.toBe('Tự đánh giá năng lực số')
    await context.close()
  })

  it("a teacher's profile in English: English first, the Vietnamese beside it", async () => {
    const context = await newContext(chromium, DESKTOP)
    const page = await context.newPage()
    const nls = await school.launch(page, { role: 'Learner', userId: '4', in: 'window' })
    await nls.locator('header a[lang="en"]').click()
    await expect(nls.locator('h1').textContent()).resolves.toBe('Digital competency profile')
    const name = nls.locator('li[data-component="TT18.PT.1.1"] .name')
    await expect(name.locator('[lang="en"]').count()).resolves.toBe(1)
    await expect(name.locator('[lang="vi"]').count()).resolves.toBe(1)
    await expect(nls.locator('details.tr').count()).resolves.toBe(0)
    await expectTidy(nls)
    const radar = await nls.locator('figure[data-radar] svg').first().boundingBox()
    expect(radar!.width).toBeGreaterThanOrEqual(480)
    // On a desktop the navigation is open, without a menu to unfold.
    await expect(nls.locator('nav.main details.menu > summary').isVisible()).resolves.toBe(false)
    await expect(
      nls.locator('nav.main').getByRole('link', { name: 'Self-assessment' }).isVisible(),
    ).resolves.toBe(true)
    await screenshot(page, 'look-profile-desktop-en')
    await context.close()
  })

  for (const [size, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    it(`the heat-map and the report on a ${size}`, async () => {
      const context = await newContext(chromium, viewport)
      const page = await context.newPage()
      // In a new window on the phone, inside Moodle's iframe on the desktop.
      const nls = await school.launch(page, {
        role: 'Administrator',
        userId: '2',
        in: size === 'phone' ? 'window' : 'iframe',
      })
      await navigate(nls, 'Bản đồ nhiệt của lớp')
      await expect(nls.locator('[data-heatmap] tbody tr').count()).resolves.toBeGreaterThan(0)
      await expectTidy(nls)
      if (size === 'phone') expect(await headerHeight(nls)).toBeLessThanOrEqual(120)
      // Six components or more in sight before scrolling, the names' column kept in place.
      const visible = await nls.evaluate(() => {
        const box = document.querySelector('[data-heatmap]')!.closest('.scroll')!
        const right = box.getBoundingClientRect().right
        return Array.from(document.querySelectorAll('[data-heatmap] thead th'))
          .slice(1)
          .filter((th) => th.getBoundingClientRect().right <= right + 0.5).length
      })
      expect(visible).toBeGreaterThanOrEqual(6)
      await screenshot(page, `look-heatmap-${size}`)
      await navigate(nls, 'Báo cáo')
      await expect(nls.locator('h1').textContent()).resolves.toBe('Báo cáo năng lực số')
      await expectTidy(nls)
      // The bars' labels: the long unit's name cut to its place, the bars still wide.
      const bars = await nls.evaluate(
        () =>
          document.querySelector('figure[data-level-mix="units"] svg')!.getBoundingClientRect()
            .width,
      )
      expect(bars).toBeGreaterThanOrEqual(300)
      await screenshot(page, `look-reports-${size}`)
      await context.close()
    })
  }
})
