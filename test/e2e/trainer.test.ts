// A trainer's main path in headless Chromium: launched from the course, the class heat-map of
// the roster the LMS shares (NRPS), a person's explanation, and the review queue.
import type { Browser } from 'playwright-core'
import {
  accessibilityViolations,
  expectUsable,
  launchChromium,
  newContext,
  press,
  screenshot,
  VIEWPORTS,
} from '../support/chromium.ts'
import { quizAttempt } from '../support/moodle-statements.ts'
import { type School, startSchool } from '../support/school.ts'

let school: School
let chromium: Browser
beforeAll(async () => {
  ;[school, chromium] = await Promise.all([startSchool(), launchChromium()])
  const site = school.platform.issuer
  // Course 2: the teacher (3) and six learners (4–9), none of whom has opened NLS yet.
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
}, 60_000)
afterAll(async () => {
  await chromium?.close()
  await school?.close()
})

/** The name NLS keeps for a Moodle user (as the roster gave it). */
async function nameOf(userId: string): Promise<string> {
  const person = await school.nls.stores.people.findPersonByIdentity(school.tenantId, {
    kind: 'lti',
    issuer: school.platform.issuer,
    clientId: school.platform.clientId,
    sub: userId,
  })
  return person!.name!
}

describe('a trainer', () => {
  it('sees the class heat-map of the LMS roster, and drills down to a person', async () => {
    const context = await newContext(chromium, VIEWPORTS.phone)
    const page = await context.newPage()
    let nls = await school.launch(page, { role: 'Instructor', userId: '3', in: 'iframe' })
    await expect(nls.locator('h1').textContent()).resolves.toBe('Bản đồ nhiệt của lớp')
    // The roster was read from the LMS: six learners, the teacher not among them.
    const rows = nls.locator('[data-heatmap] tbody tr')
    await expect(rows.count()).resolves.toBe(6)
    await expect(nls.locator('[data-course]').textContent()).resolves.toBe('Kỹ năng số cơ bản')
    // Their statements, kept before they were known, are worked out now.
    await school.nls.inference.runOnce()
    nls = await school.launch(page, { role: 'Instructor', userId: '3', in: 'iframe' })
    const cell = (name: string, component: string) =>
      nls
        .locator('[data-heatmap] tbody tr', { hasText: name })
        .locator(`td[data-component="${component}"]`)
    const name4 = await nameOf('4')
    await expect(cell(name4, 'TT18.PT.1.1').getAttribute('data-level')).resolves.toBe('CB')
    await expect(cell(name4, 'TT18.PT.1.2').getAttribute('data-level')).resolves.toBe('none')
    await expect(nls.locator('[data-heatmap] td[data-level="CB"]').count()).resolves.toBe(2)
    await expectUsable(nls, page, 'trainer-class-heatmap-phone-iframe')

    await press(nls.getByRole('link', { name: name4 }))
    await nls.waitForURL(/\/app\/people\//)
    await expect(nls.locator('h1').textContent()).resolves.toBe(`Hồ sơ năng lực số của ${name4}`)
    await expect(
      nls.locator('li[data-criterion="TT18.PT.1.1.CB.1"]').getAttribute('data-met'),
    ).resolves.toBe('true')
    await context.close()
  })

  it('confirms one inferred level and corrects another in the review queue', async () => {
    const context = await newContext(chromium, VIEWPORTS.desktop)
    const page = await context.newPage()
    const nls = await school.launch(page, { role: 'Instructor', userId: '3', in: 'window' })
    await nls.getByRole('link', { name: 'Duyệt kết quả' }).click()
    const items = nls.locator('form[data-review]')
    await expect(items.count()).resolves.toBe(2)
    await screenshot(page, 'trainer-review-desktop')
    const name5 = await nameOf('5')
    const item5 = items.filter({ hasText: name5 })
    await item5.getByLabel('Quyết định').selectOption('none')
    await item5.getByLabel('Lý do (bắt buộc)').fill('Làm bài hộ, đã xác minh')
    await item5.getByRole('button', { name: 'Lưu quyết định' }).click()
    await expect(nls.locator('[role=status]').textContent()).resolves.toBe('Đã lưu quyết định.')
    await expect(items.count()).resolves.toBe(1)
    const other = items.first()
    await other.getByLabel('Lý do (bắt buộc)').fill('Đúng với bài làm')
    await other.getByRole('button', { name: 'Lưu quyết định' }).click()
    await expect(nls.locator('[data-empty]').count()).resolves.toBe(1)
    expect(await accessibilityViolations(nls)).toEqual([])
    // The correction takes effect; the confirmation keeps the level and shows on the profile.
    await school.nls.inference.runOnce()
    const person5 = await school.nls.stores.people.findPersonByIdentity(school.tenantId, {
      kind: 'lti',
      issuer: school.platform.issuer,
      clientId: school.platform.clientId,
      sub: '5',
    })
    const levels = await school.nls.stores.progress.findLevels(school.tenantId, person5!.id)
    expect(levels.find((l) => l.componentId === 'TT18.PT.1.1')).toMatchObject({
      level: null,
      inferredLevel: 'CB',
    })
    // Still out of the queue: a trainer's level is not reviewed again.
    await nls.getByRole('link', { name: 'Duyệt kết quả' }).click()
    await expect(nls.locator('[data-empty]').count()).resolves.toBe(1)
    await context.close()
  })

  it('pages a large class, a hundred learners at a time', async () => {
    school.platform.setRoster('3', { students: 105 })
    const context = await newContext(chromium, VIEWPORTS.desktop)
    const page = await context.newPage()
    const nls = await school.launch(page, {
      role: 'Instructor',
      userId: '3',
      courseId: '3',
      in: 'window',
    })
    await expect(nls.locator('[data-heatmap] tbody tr').count()).resolves.toBe(100)
    await expect(nls.locator('[data-paging]').textContent()).resolves.toContain(
      'Người 1–100 trong 105.',
    )
    await nls.getByRole('link', { name: 'Trang sau →' }).click()
    await expect(nls.locator('[data-heatmap] tbody tr').count()).resolves.toBe(5)
    await expect(nls.locator('[data-paging]').textContent()).resolves.toContain(
      'Người 101–105 trong 105.',
    )
    await context.close()
  })
})
