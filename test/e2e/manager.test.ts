// A manager's main path in headless Chromium: launched as LTI Administrator, the semester report
// of the school's units with small groups hidden, and the one-click CSV and XLSX exports.
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import type { Browser } from 'playwright-core'
import type { LevelInput } from '../../src/store/index.ts'
import { heldLevel } from '../support/levels.ts'
import { semesterOf } from '../../src/reports/semester.ts'
import {
  expectUsable,
  launchChromium,
  newContext,
  screenshot,
  VIEWPORTS,
  watchCsp,
} from '../support/chromium.ts'
import { type School, startSchool } from '../support/school.ts'

let school: School
let chromium: Browser
const semester = semesterOf(new Date()).id

beforeAll(async () => {
  ;[school, chromium] = await Promise.all([startSchool(), launchChromium()])
  const { stores } = school.nls
  const components = (await import('../../framework/index.ts'))
    .shippedCatalog()
    .components('TT18.PT')
    .map((c) => c.id)
  // Trường A: 6 staff, 4 at Cơ bản on every component, 2 at Thành thạo on 1.1 only.
  // Trường B: 3 staff (too few to show). Trường C: 8 staff, all at Cơ bản on 1.1. One teacher
  // on the roster without a unit, at no level.
  const add = async (unit: string, n: number, levels: (i: number) => LevelInput[]) => {
    for (let i = 0; i < n; i++) {
      const email = `${unit.replace(/\W/g, '')}${i}@truong.edu.vn`
      const person = await stores.people.upsertPersonByIdentity(school.tenantId, {
        kind: 'mbox',
        mbox: `mailto:${email}`,
      })
      // On the school's roster, in the unit (if any).
      await stores.roster.updatePeople(school.tenantId, [
        { personId: person.id, email, ...(unit && { unit }) },
      ])
      const list = levels(i)
      if (list.length > 0) await stores.progress.saveLevels(school.tenantId, person.id, list)
    }
  }
  await add('Trường A', 6, (i) =>
    i < 4 ? components.map((c) => heldLevel(c, 'CB')) : [heldLevel('TT18.PT.1.1', 'TT')],
  )
  await add('Trường B', 3, () => [heldLevel('TT18.PT.1.1', 'NC')])
  await add('Trường C', 8, () => [heldLevel('TT18.PT.1.1', 'CB')])
  await add('', 1, () => [])
}, 60_000)
afterAll(async () => {
  await chromium?.close()
  await school?.close()
})

describe('a manager', () => {
  it('lands on the semester report: shares per level, units, small groups hidden', async () => {
    const context = await newContext(chromium, VIEWPORTS.phone)
    const page = await context.newPage()
    const cspViolations = watchCsp(page)
    const nls = await school.launch(page, { role: 'Administrator', userId: '2', in: 'window' })
    await expect(nls.locator('h1').textContent()).resolves.toBe('Báo cáo năng lực số')
    // 18 staff: A 6, B 3, C 8 and the teacher without a unit (the manager's launch is not
    // staff); 4 at Cơ bản on every component.
    await expect(nls.locator('[data-headline]').textContent()).resolves.toContain('(4/18)')
    const c11 = nls.locator('[data-report-table] tr[data-component="TT18.PT.1.1"]')
    await expect(c11.locator('[data-count="none"]').textContent()).resolves.toMatch(/^1 /)
    await expect(c11.locator('[data-count="CB"]').textContent()).resolves.toMatch(/^12 /)
    await expect(c11.locator('[data-count="TT"]').textContent()).resolves.toMatch(/^2 /)
    await expect(c11.locator('[data-count="NC"]').textContent()).resolves.toMatch(/^3 /)
    await expect(c11.locator('[data-at-least-first]').textContent()).resolves.toBe('94%')
    // B (3) and the teacher without a unit (1) are hidden; A and C are shown.
    const unit = (name: string) => nls.locator(`[data-units] tr[data-unit="${name}"]`)
    await expect(unit('Trường B').locator('[data-hidden]').count()).resolves.toBe(1)
    await expect(unit('').locator('[data-hidden]').count()).resolves.toBe(1)
    await expect(unit('Trường A').textContent()).resolves.toContain('67%')
    await expect(unit('Trường C').locator('[data-hidden]').count()).resolves.toBe(0)
    await expect(nls.locator('[data-trend]').getAttribute('aria-label')).resolves.toContain(
      `${semester} 22%`,
    )
    await expectUsable(nls, page, 'manager-report-phone')

    // One school: Trường A alone.
    await nls.getByLabel('Đơn vị', { exact: true }).selectOption('Trường A')
    await nls.getByRole('button', { name: 'Xem' }).click()
    await expect(nls.locator('[data-headline]').textContent()).resolves.toContain('(4/6)')
    // The report's charts (SVG with their own styles) and its form: nothing the CSP refused.
    expect(cspViolations()).toEqual([])
    await context.close()
  })

  it('exports the report as CSV and XLSX in one click, named for the semester', async () => {
    const context = await newContext(chromium, VIEWPORTS.desktop)
    const page = await context.newPage()
    const nls = await school.launch(page, { role: 'Administrator', userId: '2', in: 'window' })
    await screenshot(page, 'manager-report-desktop')
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      nls.locator('[data-export="csv"]').click(),
    ])
    expect(csv.suggestedFilename()).toBe(`nls-${semester}-TT18.PT.csv`)
    const text = await readFile(await csv.path(), 'utf8')
    expect(text.startsWith('\uFEFFĐơn vị,Thành phần,')).toBe(true)
    expect(text).toContain('Trường A,1.1,Dạy học và giáo dục trong môi trường số,6,0,4,2,0,100')
    expect(text).toContain('Trường B,,Ẩn (nhóm dưới 5 người)')
    expect(text).toContain('Tổng,,Đạt từ Cơ bản ở mọi thành phần,18,14,,,,22.2')

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      nls.locator('[data-export="xlsx"]').click(),
    ])
    expect(xlsx.suggestedFilename()).toBe(`nls-${semester}-TT18.PT.xlsx`)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(await xlsx.path())
    const sheet = book.getWorksheet(semester)!
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Đơn vị',
      'Thành phần',
      'Thành phần',
      'Số người',
      'Chưa đạt',
      'Cơ bản',
      'Thành thạo',
      'Nâng cao',
      'Đạt từ Cơ bản (%)',
    ])
    const a11 = sheet
      .getSheetValues()
      .find((row) => Array.isArray(row) && row[1] === 'Trường A' && row[2] === '1.1')
    expect((a11 as unknown[]).slice(4)).toEqual([6, 0, 4, 2, 0, 100])
    expect(book.getWorksheet('Thông tin')!.getCell('B1').value).toBe(semester)
    await context.close()
  })

  it('is refused to a teacher', async () => {
    const context = await newContext(chromium, VIEWPORTS.phone)
    const page = await context.newPage()
    const nls = await school.launch(page, { role: 'Learner', userId: '4', in: 'window' })
    const response = await page.goto(nls.url().replace('/app/profile', '/app/reports'))
    expect(response?.status()).toBe(403)
    await context.close()
  })
})
