// A teacher's main path in headless Chromium: launched from Moodle (in its iframe and in a new
// window), their profile with the radar, evidence and a trainer's verdict.
import type { Browser } from 'playwright-core'
import {
  accessibilityViolations,
  expectUsable,
  launchChromium,
  navigate,
  newContext,
  press,
  screenshot,
  VIEWPORTS,
  watchCsp,
} from '../support/chromium.ts'
import { quizAttempt } from '../support/moodle-statements.ts'
import { type School, startSchool } from '../support/school.ts'

let school: School
let chromium: Browser
let teacherId: string
beforeAll(async () => {
  ;[school, chromium] = await Promise.all([startSchool(), launchChromium()])
  const site = school.platform.issuer
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
  await school.api(
    'POST',
    '/tags',
    {
      activityIri: `${site}/mod/assign/view.php?id=31`,
      activityName: 'Bài tập: Kế hoạch bài dạy có dùng công nghệ',
      competencyIds: ['TT18.PT.1.1.TT.1'],
    },
    201,
  )
  teacherId = await school.enrol('4', 'Learner')
  await school.send([quizAttempt('4', 9, { site })])
}, 60_000)
afterAll(async () => {
  await chromium?.close()
  await school?.close()
})

describe('a teacher', () => {
  it('opens NLS inside Moodle on a phone and sees their profile: radar, levels, evidence', async () => {
    const context = await newContext(chromium, VIEWPORTS.phone)
    const page = await context.newPage()
    const cspViolations = watchCsp(page)
    const nls = await school.launch(page, { role: 'Learner', userId: '4', in: 'iframe' })
    await expect(nls.locator('h1').textContent()).resolves.toBe('Hồ sơ năng lực số')
    await expect(nls.locator('[data-person]').textContent()).resolves.toBe('Minh Trần Văn')
    // The radar of the 20 components of the general-education table, as SVG with a text alternative.
    const radar = nls.locator('[data-table="TT18.PT"] figure[data-radar]')
    await expect(radar.locator('svg').count()).resolves.toBe(1)
    await expect(radar.getAttribute('aria-label')).resolves.toContain('1.1 Cơ bản')
    await expect(
      nls.locator('[data-table="TT18.PT"] ol.comps > li[data-component]').count(),
    ).resolves.toBe(20)
    const row = nls.locator('li[data-component="TT18.PT.1.1"] > details > summary')
    await expect(row.locator('[data-level]').first().getAttribute('data-level')).resolves.toBe('CB')
    // The component's details: each descriptor met or missing, the evidence behind.
    // Opened from the keyboard, as without a mouse.
    await press(nls.locator('details#TT18\\.PT\\.1\\.1 > summary'))
    const met = nls.locator('li[data-criterion="TT18.PT.1.1.CB.1"]')
    await expect(met.getAttribute('data-met')).resolves.toBe('true')
    await expect(met.textContent()).resolves.toContain(
      'Sử dụng được các chức năng và công cụ cơ bản của nền tảng quản lí học tập (LMS)',
    )
    // The attempt is the evidence, named within the quiz the tag is on.
    await expect(met.locator('[data-evidence] td').first().textContent()).resolves.toBe(
      'Kiểm tra: An toàn trên môi trường số › Lượt làm bài',
    )
    await expect(met.locator('[data-evidence]').textContent()).resolves.toContain('90')
    await expect(
      nls.locator('li[data-criterion="TT18.PT.1.1.TT.1"]').getAttribute('data-met'),
    ).resolves.toBe('false')
    await expectUsable(nls, page, 'teacher-profile-phone-iframe')
    // Framed by Moodle, with its charts: nothing the CSP refused (frame-ancestors neither).
    expect(cspViolations()).toEqual([])
    await context.close()
  })

  it("sees a trainer's verdict marked, in a new window on a desktop, in English too", async () => {
    await school.api(
      'POST',
      `/people/${teacherId}/overrides`,
      { action: 'confirm', targetId: 'TT18.PT.1.2.CB.1', reason: 'Dự giờ ngày 12/11' },
      201,
    )
    const context = await newContext(chromium, VIEWPORTS.desktop)
    const page = await context.newPage()
    const nls = await school.launch(page, { role: 'Learner', userId: '4', in: 'window' })
    const verdict = nls.locator('li[data-criterion="TT18.PT.1.2.CB.1"] [data-override]')
    await expect(verdict.textContent()).resolves.toContain('Dự giờ ngày 12/11')
    await expect(
      nls.locator('li[data-criterion="TT18.PT.1.2.CB.1"]').getAttribute('data-met'),
    ).resolves.toBe('true')
    await nls.locator('header a[lang="en"]').click()
    await expect(nls.locator('h1').textContent()).resolves.toBe('Digital competency profile')
    await expect(nls.locator('html').getAttribute('lang')).resolves.toBe('en')
    // Keyboard: the first Tab reaches the skip link, which leads to the content.
    await page.keyboard.press('Tab')
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe('skip')
    expect(await accessibilityViolations(nls)).toEqual([])
    await screenshot(page, 'teacher-profile-desktop-en')
    await context.close()
  })

  it('self-assesses by ticking "I can…" statements, kept apart and compared with the inferred level', async () => {
    const context = await newContext(chromium, VIEWPORTS.phone)
    const page = await context.newPage()
    const nls = await school.launch(page, { role: 'Learner', userId: '4', in: 'window' })
    await navigate(nls, 'Tự đánh giá')
    await expect(nls.locator('h1').textContent()).resolves.toBe('Tự đánh giá năng lực số')
    const c11 = nls.locator('details[data-component="TT18.PT.1.1"]')
    await c11.locator(':scope > summary').click()
    // Every Cơ bản and Thành thạo descriptor of 1.1: the ticks give Thành thạo.
    for (const box of await c11.locator('fieldset').nth(0).getByRole('checkbox').all())
      await box.check()
    for (const box of await c11.locator('fieldset').nth(1).getByRole('checkbox').all())
      await box.check()
    const c12 = nls.locator('details[data-component="TT18.PT.1.2"]')
    await c12.locator(':scope > summary').click()
    await c12.getByRole('checkbox').first().check()
    await nls.getByRole('button', { name: 'Lưu tự đánh giá' }).click()
    await expect(nls.locator('[role=status]').textContent()).resolves.toBe(
      'Đã lưu tự đánh giá 2 thành phần.',
    )
    const summary11 = nls.locator('details[data-component="TT18.PT.1.1"] > summary')
    await expect(summary11.locator('[data-level]').nth(1).getAttribute('data-level')).resolves.toBe(
      'TT',
    )
    await expect(
      summary11.locator('[data-agreement]').getAttribute('data-agreement'),
    ).resolves.toBe('higher')
    await expect(
      nls
        .locator('details[data-component="TT18.PT.1.2"] > summary [data-agreement]')
        .getAttribute('data-agreement'),
    ).resolves.toBe('agree')
    // The ticks stay ticked; saving again unchanged adds nothing.
    await nls.locator('details[data-component="TT18.PT.1.1"] > summary').click()
    await expect(
      nls
        .locator('details[data-component="TT18.PT.1.1"] input[value="TT18.PT.1.1.TT.1"]')
        .isChecked(),
    ).resolves.toBe(true)
    await nls.getByRole('button', { name: 'Lưu tự đánh giá' }).click()
    await expect(nls.locator('[role=status]').textContent()).resolves.toBe(
      'Đã lưu tự đánh giá 0 thành phần.',
    )
    await expectUsable(nls, page, 'teacher-self-assessment-phone')
    // Never evidence: the inferred level of 1.1 is still Cơ bản; the profile shows both.
    const saved = await school.nls.stores.progress.latestSelfAssessments(school.tenantId, teacherId)
    expect(saved.map((a) => [a.componentId, a.level])).toEqual([
      ['TT18.PT.1.1', 'TT'],
      ['TT18.PT.1.2', 'CB'],
    ])
    await navigate(nls, 'Hồ sơ của tôi')
    const row = nls.locator('li[data-component="TT18.PT.1.1"] > details > summary [data-level]')
    await expect(row.nth(0).getAttribute('data-level')).resolves.toBe('CB')
    await expect(row.nth(1).getAttribute('data-level')).resolves.toBe('TT')
    await expect(
      nls.locator('figure[data-radar]').first().getAttribute('aria-label'),
    ).resolves.toContain('1.1 Cơ bản / Thành thạo')
    await screenshot(page, 'teacher-profile-with-self-assessment-phone')
    await context.close()
  })

  it('sees training needs against the school target, with the activities that close the gap', async () => {
    const tenant = await school.nls.stores.tenants.getTenant(school.tenantId)
    await school.nls.stores.tenants.setSettings(school.tenantId, {
      ...(tenant!.settings as object),
      targets: { 'TT18.PT': 'CB', 'TT18.PT.1.1': 'TT' },
    })
    const context = await newContext(chromium, VIEWPORTS.phone)
    const page = await context.newPage()
    const nls = await school.launch(page, { role: 'Learner', userId: '4', in: 'iframe' })
    await navigate(nls, 'Nhu cầu bồi dưỡng')
    await expect(nls.locator('h1').textContent()).resolves.toBe('Nhu cầu bồi dưỡng')
    const c11 = nls.locator('[data-component="TT18.PT.1.1"]')
    await expect(c11.getAttribute('data-gap')).resolves.toBe('1')
    await expect(c11.locator('[data-source]').getAttribute('data-source')).resolves.toBe('school')
    await press(c11.locator('summary'))
    await expect(
      c11.locator('li[data-missing="TT18.PT.1.1.TT.1"]').textContent(),
    ).resolves.toContain('Xây dựng được kế hoạch bài dạy theo tiếp cận công nghệ')
    const activity = c11.locator('[data-activities] a')
    await expect(activity.textContent()).resolves.toBe(
      'Bài tập: Kế hoạch bài dạy có dùng công nghệ',
    )
    await expect(activity.getAttribute('href')).resolves.toBe(
      `${school.platform.issuer}/mod/assign/view.php?id=31`,
    )
    // 2.1 has no level yet: the table-wide school target Cơ bản is one level away.
    await expect(
      nls.locator('[data-component="TT18.PT.2.1"]').getAttribute('data-gap'),
    ).resolves.toBe('1')
    // The teacher aims higher on 1.2 (Cơ bản now, Nâng cao wanted).
    await nls.getByLabel('Đặt mục tiêu').nth(1).selectOption('NC')
    await press(nls.getByRole('button', { name: 'Lưu mục tiêu' }))
    await expect(nls.locator('[role=status]').textContent()).resolves.toBe('Đã lưu mục tiêu.')
    const c12 = nls.locator('[data-component="TT18.PT.1.2"]')
    await expect(c12.getAttribute('data-gap')).resolves.toBe('2')
    await expect(c12.locator('[data-source]').getAttribute('data-source')).resolves.toBe('me')
    expect(await school.nls.stores.progress.personTargets(school.tenantId, teacherId)).toEqual([
      { componentId: 'TT18.PT.1.2', level: 'NC' },
    ])
    await expectUsable(nls, page, 'teacher-needs-phone-iframe')
    await context.close()
  })
})
