// A trainer tags the course's activities in headless Chromium: the activities the LMS linked and
// those its statements name, the framework searched without accents, the rule, the CSV export.
import { readFile } from 'node:fs/promises'
import type { Browser } from 'playwright-core'
import {
  expectUsable,
  launchChromium,
  navigate,
  newContext,
  VIEWPORTS,
} from '../support/chromium.ts'
import { quizAttempt } from '../support/moodle-statements.ts'
import { type School, startSchool } from '../support/school.ts'

let school: School
let chromium: Browser
let learner: string
beforeAll(async () => {
  ;[school, chromium] = await Promise.all([startSchool(), launchChromium()])
  learner = await school.enrol('4', 'Learner')
  // A quiz of course 2 that no one has tagged yet: NLS knows it from the statements alone.
  await school.send([quizAttempt('4', 9, { site: school.platform.issuer, cmid: 44 })])
}, 60_000)
afterAll(async () => {
  await chromium?.close()
  await school?.close()
})

describe('tagging from the course page', () => {
  it('tags a quiz seen in statements with a competency found by searching without accents', async () => {
    const context = await newContext(chromium, VIEWPORTS.phone)
    const page = await context.newPage()
    const nls = await school.launch(page, { role: 'Instructor', userId: '3', in: 'window' })
    await navigate(nls, 'Hoạt động và gắn thẻ')
    const quizIri = `${school.platform.issuer}/mod/quiz/view.php?id=44`
    const quiz = nls.locator(`tr[data-activity="${quizIri}"]`)
    await expect(quiz.textContent()).resolves.toContain('thấy trong 1 bản ghi gần đây')
    await expect(quiz.textContent()).resolves.toContain('chưa gắn thẻ')
    // The launch's own link is listed too.
    await expect(nls.locator('[data-activities] tbody tr').count()).resolves.toBe(2)
    await expectUsable(nls, page, 'trainer-course-activities-phone')

    await quiz.getByRole('link', { name: 'Gắn thẻ' }).click()
    await nls
      .getByLabel('Tìm trong khung năng lực (gõ không dấu cũng được)')
      .fill('ky nang thong tin')
    await nls.getByRole('button', { name: 'Tìm kiếm' }).click()
    const hit = nls.locator('[data-hit="TT18.PT.4.1.CB"]')
    await expect(hit.textContent()).resolves.toContain('Cả mức')
    await hit.getByRole('checkbox').check()
    await nls.getByLabel('Điểm tối thiểu (%), để trống nếu không cần').fill('80')
    await expectUsable(nls, page, 'trainer-tag-editor-phone')
    await nls.getByRole('button', { name: 'Lưu thẻ' }).click()
    await expect(nls.locator('[role=status]').textContent()).resolves.toBe('Đã lưu thẻ.')
    await expect(quiz.locator('.tag').allTextContents()).resolves.toEqual(['TT18.PT.4.1.CB'])
    // The learner's 9/10 meets the 80 % rule: Cơ bản on 4.1.
    await school.nls.inference.runOnce()
    const levels = await school.nls.stores.progress.findLevels(school.tenantId, learner)
    expect(levels.find((l) => l.componentId === 'TT18.PT.4.1')?.level).toBe('CB')

    // The course's tags as CSV, one click.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      nls.locator('[data-export]').click(),
    ])
    const csv = await readFile(await download.path(), 'utf8')
    expect(csv).toContain(quizIri)
    expect(csv).toContain('TT18.PT.4.1.CB')
    expect(csv).toContain(',0.8,')

    // Edit: nothing chosen is refused with the field named; then the tag is removed.
    await quiz.getByRole('link', { name: 'Sửa' }).click()
    await nls.locator('[data-selected]').getByRole('checkbox').uncheck()
    const refused = page.waitForResponse((r) => r.request().method() === 'POST')
    await nls.getByRole('button', { name: 'Lưu thẻ' }).click()
    expect((await refused).status()).toBe(422)
    // The editor again, in Vietnamese, the problem at the competencies and the score kept.
    await expect(nls.locator('#competency-problem').textContent()).resolves.toContain(
      'Hãy chọn ít nhất một năng lực',
    )
    await expect(
      nls.getByLabel('Điểm tối thiểu (%), để trống nếu không cần').inputValue(),
    ).resolves.toBe('80')
    await expectUsable(nls, page, 'trainer-tag-editor-refused-phone')
    await nls.getByRole('button', { name: 'Xóa thẻ' }).click()
    await expect(nls.locator('[role=status]').textContent()).resolves.toBe('Đã xóa thẻ.')
    await expect(quiz.textContent()).resolves.toContain('chưa gắn thẻ')

    // A tag file uploaded from the page: a bad row stops it until the valid rows are asked for.
    const file = {
      name: 'the.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `activity_iri;competency_ids;min_score\r\n${quizIri};TT18.PT.4.1.CB;80%\r\n${quizIri};TT18.PT.9.9.CB;\r\n`,
      ),
    }
    await nls.getByLabel('Tệp CSV').setInputFiles(file)
    await nls.getByRole('button', { name: 'Tải lên và nhập' }).click()
    const problems = nls.locator('[data-problems]')
    await expect(problems.textContent()).resolves.toContain('Chưa nhập thẻ nào')
    await expect(problems.textContent()).resolves.toContain('Hàng 2 (dòng 3), cột competency_ids:')
    await expect(quiz.textContent()).resolves.toContain('chưa gắn thẻ')
    await nls.getByLabel('Tệp CSV').setInputFiles(file)
    await nls.getByLabel('Nhập các dòng hợp lệ kể cả khi có dòng lỗi').check()
    await nls.getByRole('button', { name: 'Tải lên và nhập' }).click()
    await expect(nls.locator('[role=status]').textContent()).resolves.toBe(
      'Đã nhập 1 thẻ (1 dòng lỗi bị bỏ qua).',
    )
    await expect(quiz.locator('.tag').allTextContents()).resolves.toEqual(['TT18.PT.4.1.CB'])
    await expectUsable(nls, page, 'trainer-tags-imported-phone')
    await context.close()
  })
})
