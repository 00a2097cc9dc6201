// Schools without an LMS launch: a district made with the CLI, a manager's account, the staff
// roster imported from the page, the sign-in, and the district report of its schools; a school's
// trainer who tags the activities its statements name and sees the staff's levels.
import type { Browser } from 'playwright-core'
import {
  accessibilityViolations,
  expectUsable,
  launchChromium,
  navigate,
  newContext,
  openMenu,
  overflowX,
  screenshot,
  VIEWPORTS,
} from '../support/chromium.ts'
import { PROFILE_IRI_SETTING } from '../../src/evaluation/profile-iri.ts'
import { openDatabase } from '../../src/store/database.ts'
import { createStores } from '../../src/store/index.ts'
import { runCli } from '../support/cli.ts'
import { startServerProcess, type ServerProcess } from '../support/server-process.ts'
import { createTestPlace } from '../support/test-database.ts'

let chromium: Browser
let place: Awaited<ReturnType<typeof createTestPlace>>
let server: ServerProcess
let districtId: string
let password: string
let trainerPassword: string
/** The HTTP Basic credentials of the school's xAPI client (as K12Online would send with). */
let xapiAuth: string
beforeAll(async () => {
  ;[chromium, place] = await Promise.all([launchChromium(), createTestPlace({ migrated: true })])
  // What district IT does before starting NLS: the district, its schools, a manager.
  const nls = (...argv: string[]) => runCli(place.env, ...argv)
  const district = await nls('tenant', 'add', '--name', 'Phòng GD&ĐT Ba Đình', '--organisation')
  expect(district.err).toBe('')
  districtId = district.out.trim()
  const schools: string[] = []
  for (const school of ['THCS Giảng Võ', 'THCS Thăng Long']) {
    const made = await nls('tenant', 'add', '--name', school, '--parent', districtId)
    expect(made.code).toBe(0)
    schools.push(made.out.trim())
  }
  const trainer = await nls(
    ...['account', 'add', '--tenant', schools[0]!, '--username', 'totruong'],
    ...['--role', 'trainer', '--name', 'Vũ Thị Tổ Trưởng'],
  )
  expect(trainer.code).toBe(0)
  trainerPassword = trainer.out.trim()
  const client = await nls('xapi-client', 'add', '--tenant', schools[0]!, '--name', 'k12online')
  const [, key] = /key\s+(\S+)/.exec(client.out) ?? []
  const [, secret] = /secret\s+(\S+)/.exec(client.out) ?? []
  xapiAuth = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`
  const made = await nls(
    ...['account', 'add', '--tenant', districtId, '--username', 'truongphong'],
    ...['--role', 'manager', '--name', 'Lê Văn Hùng'],
  )
  expect(made.code).toBe(0)
  password = made.out.trim()
  // Progress statements name the installation's profile IRI: one kept before, as an installation
  // started once with NLS_PUBLIC_URL has (this server listens on a guessed address).
  const database = await openDatabase(place.config)
  try {
    await createStores(database.db).installationSettings.getOrCreateSetting(
      PROFILE_IRI_SETTING,
      'https://nls.so-gd.edu.vn/xapi/profile',
    )
  } finally {
    await database.close()
  }
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
    await navigate(page, 'Danh sách nhân sự')
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
      'Hàng 4 (dòng 5), cột email: "khong-phai-email" không phải địa chỉ email',
    )
    await expect(problems.textContent()).resolves.toContain(
      'Hàng 5 (dòng 6), cột unit: phải ghi tên một trường của phòng',
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
    // The school's two from the roster; its trainer's account alone does not make staff.
    await expect(staff('THCS Giảng Võ')).resolves.toBe('2')
    await expect(staff('THCS Thăng Long')).resolves.toBe('1')
    expect(await accessibilityViolations(page)).toEqual([])

    // The report now counts the schools' staff; then sign out.
    await navigate(page, 'Báo cáo')
    await expect(
      page.locator('[data-units] tr[data-unit="THCS Giảng Võ"]').textContent(),
    ).resolves.toContain('Ẩn')
    // Its staff heat-map points to each school's own, and to the report of them together.
    await navigate(page, 'Bản đồ nhiệt đội ngũ')
    await expect(page.locator('[data-district]').textContent()).resolves.toContain(
      'Đơn vị có 2 trường trực thuộc',
    )
    expect(await accessibilityViolations(page)).toEqual([])
    await openMenu(page)
    await page.getByRole('button', { name: 'Đăng xuất' }).click()
    await page.waitForURL(`${server.url}/login`)
    const after = await page.goto(`${server.url}/app/reports`)
    expect(after?.status()).toBe(401)
    await context.close()
  })
})

describe('a school trainer without an LMS', () => {
  // The roster the manager imported above (An and Bình at THCS Giảng Võ, this trainer's school).
  it("tags an activity its statements name, and sees the staff's levels on the heat-map", async () => {
    const lesson = 'https://k12online.vn/bai-giang/tim-kiem-thong-tin'
    const res = await fetch(`${server.url}/xapi/statements`, {
      method: 'POST',
      headers: {
        authorization: xapiAuth,
        'X-Experience-API-Version': '1.0.3',
        'content-type': 'application/json',
      },
      body: JSON.stringify(
        ['an@gv.edu.vn', 'binh@gv.edu.vn'].map((email, i) => ({
          actor: { mbox: `mailto:${email}` },
          verb: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { vi: 'đã đạt' } },
          object: {
            id: lesson,
            definition: { name: { vi: 'Bài 1: Tìm kiếm và đánh giá thông tin' } },
          },
          result: { score: { scaled: i === 0 ? 0.9 : 0.5 }, success: true },
          timestamp: '2026-11-20T08:00:00+07:00',
        })),
      ),
    })
    expect(res.status).toBe(200)

    const context = await newContext(chromium, VIEWPORTS.phone)
    const page = await context.newPage()
    await page.goto(`${server.url}/login`)
    await page.getByLabel('Tên đăng nhập').fill('totruong')
    await page.getByLabel('Mật khẩu').fill(trainerPassword)
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    await page.waitForURL(`${server.url}/app/class`)
    await expect(page.locator('h1').textContent()).resolves.toBe('Bản đồ nhiệt đội ngũ')
    // The school's staff: its roster (no units within the school here), not the trainer's account.
    await expect(page.locator('#unit').count()).resolves.toBe(0)
    const names = page.locator('[data-heatmap] tbody th')
    await expect(names.allTextContents()).resolves.toEqual(['Nguyễn Văn An', 'Trần Thị Bình'])

    // The school's activities: the lesson its statements name, tagged from the page.
    await navigate(page, 'Hoạt động và gắn thẻ')
    const row = page.locator(`tr[data-activity="${lesson}"]`)
    await expect(row.textContent()).resolves.toContain('Bài 1: Tìm kiếm và đánh giá thông tin')
    await expect(row.textContent()).resolves.toContain('thấy trong 2 bản ghi gần đây')
    await expectUsable(page, page, 'local-trainer-activities-phone')
    await row.getByRole('link', { name: 'Gắn thẻ' }).click()
    await page
      .getByLabel('Tìm trong khung năng lực (gõ không dấu cũng được)')
      .fill('ky nang thong tin')
    await page.getByRole('button', { name: 'Tìm kiếm' }).click()
    await page.locator('[data-hit="TT18.PT.4.1.CB"]').getByRole('checkbox').check()
    await page.getByLabel('Điểm tối thiểu (%), để trống nếu không cần').fill('80')
    await page.getByRole('button', { name: 'Lưu thẻ' }).click()
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('Đã lưu thẻ.')
    await expect(row.locator('.tag').allTextContents()).resolves.toEqual(['TT18.PT.4.1.CB'])

    // Inference runs on its own: An (90 %) reaches Cơ bản, Bình (50 %) does not.
    await navigate(page, 'Bản đồ nhiệt đội ngũ')
    const cell = (name: string) =>
      page
        .locator('[data-heatmap] tbody tr', { hasText: name })
        .locator('td[data-component="TT18.PT.4.1"]')
    for (let tries = 0; (await cell('Nguyễn Văn An').getAttribute('data-level')) !== 'CB';) {
      if (++tries > 50) throw new Error('the level was not inferred')
      await page.waitForTimeout(200)
      await page.reload()
    }
    await expect(cell('Trần Thị Bình').getAttribute('data-level')).resolves.toBe('none')
    await expectUsable(page, page, 'local-trainer-staff-heatmap-phone')
    await page.getByRole('link', { name: 'Nguyễn Văn An' }).click()
    await page.waitForURL(/\/app\/people\//)
    await expect(page.locator('body').textContent()).resolves.toContain(
      'Bài 1: Tìm kiếm và đánh giá thông tin',
    )

    // The trainer changes the password CLI gave: a wrong current one and a short new one are
    // refused, each named at its field; then the new one signs in and the old one no longer does.
    await navigate(page, 'Đổi mật khẩu')
    await page.getByLabel('Mật khẩu hiện tại').fill('khong-dung-dau')
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('ngan')
    await page.getByLabel('Nhập lại mật khẩu mới').fill('ngan')
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click()
    await expect(page.locator('[data-problem=current]').textContent()).resolves.toBe(
      'Mật khẩu hiện tại không đúng.',
    )
    await expect(page.locator('[data-problem=next]').textContent()).resolves.toBe(
      'Cần ít nhất 10 ký tự.',
    )
    await expectUsable(page, page, 'local-password-refused-phone')
    await page.getByLabel('Mật khẩu hiện tại').fill(trainerPassword)
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Giảng Võ 2026 an toàn')
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Giảng Võ 2026 an toàn')
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click()
    await expect(page.locator('[role=status]').textContent()).resolves.toBe('Đã đổi mật khẩu.')
    await openMenu(page)
    await page.getByRole('button', { name: 'Đăng xuất' }).click()
    const signIn = async (secret: string) => {
      await page.getByLabel('Tên đăng nhập').fill('totruong')
      await page.getByLabel('Mật khẩu').fill(secret)
      await page.getByRole('button', { name: 'Đăng nhập' }).click()
    }
    await signIn(trainerPassword)
    await expect(page.locator('[data-problem]').textContent()).resolves.toBe(
      'Tên đăng nhập hoặc mật khẩu không đúng.',
    )
    await signIn('Giảng Võ 2026 an toàn')
    await page.waitForURL(`${server.url}/app/class`)
    await context.close()
  })
})
