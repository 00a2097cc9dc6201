// Schools without an LMS launch: a district made with the CLI, a manager's account, the staff
// roster imported from the page, the sign-in, and the district report of its schools.
import type { Browser } from 'playwright-core'
import {
  accessibilityViolations,
  launchChromium,
  newContext,
  overflowX,
  screenshot,
  VIEWPORTS,
} from '../support/chromium.ts'
import { runCli } from '../support/cli.ts'
import { startServerProcess, type ServerProcess } from '../support/server-process.ts'
import { createTestPlace } from '../support/test-database.ts'

let chromium: Browser
let place: Awaited<ReturnType<typeof createTestPlace>>
let server: ServerProcess
let districtId: string
let password: string
beforeAll(async () => {
  ;[chromium, place] = await Promise.all([launchChromium(), createTestPlace()])
  // What district IT does before starting NLS: the district, its schools, a manager.
  const nls = (...argv: string[]) => runCli(place.env, ...argv)
  const district = await nls('tenant', 'add', '--name', 'Phòng GD&ĐT Ba Đình', '--organisation')
  expect(district.err).toBe('')
  districtId = district.out.trim()
  for (const school of ['THCS Giảng Võ', 'THCS Thăng Long']) {
    expect((await nls('tenant', 'add', '--name', school, '--parent', districtId)).code).toBe(0)
  }
  const made = await nls(
    ...['account', 'add', '--tenant', districtId, '--username', 'truongphong'],
    ...['--role', 'manager', '--name', 'Lê Văn Hùng'],
  )
  expect(made.code).toBe(0)
  password = made.out.trim()
  server = await startServerProcess(place.env)
}, 120_000)
afterAll(async () => {
  await chromium?.close()
  await server?.stop()
  await place?.remove()
})

describe('a district manager without an LMS', () => {
  it('is refused with a wrong password, then signs in and sees the report of the schools', async () => {
    const context = await newContext(chromium, VIEWPORTS.phone)
    const page = await context.newPage()
    await page.goto(`${server.url}/login`)
    await page.getByLabel('Tên đăng nhập').fill('truongphong')
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau')
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    await expect(page.locator('[data-problem]').textContent()).resolves.toBe(
      'Tên đăng nhập hoặc mật khẩu không đúng.',
    )
    expect(await accessibilityViolations(page)).toEqual([])
    await screenshot(page, 'login-refused-phone')
    await page.getByLabel('Mật khẩu').fill(password)
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    await page.waitForURL(`${server.url}/app/reports`)
    await expect(page.locator('h1').textContent()).resolves.toBe('Báo cáo năng lực số')
    await expect(page.locator('[data-person]').textContent()).resolves.toBe('Lê Văn Hùng')
    // The district's schools are its units.
    await expect(page.locator('#unit option').allTextContents()).resolves.toEqual([
      'Tất cả đơn vị',
      'THCS Giảng Võ',
      'THCS Thăng Long',
    ])
    expect(await overflowX(page)).toBeLessThanOrEqual(0)

    // The staff roster, uploaded from the page: a bad row stops the import until asked otherwise.
    await page.getByRole('link', { name: 'Danh sách nhân sự' }).click()
    const csv = [
      'email;ho_ten;don_vi;bang',
      'an@gv.edu.vn;Nguyễn Văn An;THCS Giảng Võ;PT',
      'binh@gv.edu.vn;Trần Thị Bình;THCS Giảng Võ;PT+QL',
      'chi@tl.edu.vn;Phạm Chí;THCS Thăng Long;',
      'khong-phai-email;Lỗi;THCS Thăng Long;PT',
      'dung@x.edu.vn;Đỗ Dũng;Trường lạ;PT',
    ].join('\r\n')
    const file = { name: 'nhan-su.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') }
    await page.getByLabel('Tệp CSV').setInputFiles(file)
    await page.getByRole('button', { name: 'Tải lên và nhập' }).click()
    const problems = page.locator('[data-problems]')
    await expect(problems.textContent()).resolves.toContain('Có 2 lỗi; chưa nhập dòng nào.')
    await expect(problems.textContent()).resolves.toContain(
      'row 4 (line 5): email: "khong-phai-email" is not an email address',
    )
    await expect(problems.textContent()).resolves.toContain(
      "row 5 (line 6): unit: must name one of the district's schools",
    )
    await expect(page.locator('[data-roster-units] tbody tr').count()).resolves.toBe(2)
    await screenshot(page, 'manager-roster-problems-phone')
    await page.getByLabel('Tệp CSV').setInputFiles(file)
    await page.getByLabel('Nhập các dòng hợp lệ kể cả khi có dòng lỗi').check()
    await page.getByRole('button', { name: 'Tải lên và nhập' }).click()
    await expect(page.locator('[role=status]').textContent()).resolves.toBe(
      'Đã nhập: 3 người mới, 0 người cập nhật.',
    )
    const staff = (unit: string) =>
      page.locator(`[data-roster-units] tr[data-unit="${unit}"] td`).textContent()
    await expect(staff('THCS Giảng Võ')).resolves.toBe('2')
    await expect(staff('THCS Thăng Long')).resolves.toBe('1')
    expect(await accessibilityViolations(page)).toEqual([])

    // The report now counts the schools' staff; then sign out.
    await page.getByRole('link', { name: 'Báo cáo' }).click()
    await expect(
      page.locator('[data-units] tr[data-unit="THCS Giảng Võ"]').textContent(),
    ).resolves.toContain('Ẩn')
    await page.getByRole('button', { name: 'Đăng xuất' }).click()
    await page.waitForURL(`${server.url}/login`)
    const after = await page.goto(`${server.url}/app/reports`)
    expect(after?.status()).toBe(401)
    await context.close()
  })
})
