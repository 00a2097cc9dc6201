// A K12Online school from nothing, with one `nls serve` running throughout: district IT makes an
// admin token on the command line and sets the school up in the web console (district, school,
// K12Online's home page, roster, a teacher's and a district manager's accounts, an xAPI key);
// K12Online's statements name teachers by account and attach to the roster, a stranger's wait
// until the roster names them; the teacher sees profile, self-assessment and needs on a phone
// and a desktop; the district manager's report and its CSV give back exactly what was sent.
import { readFile } from 'node:fs/promises'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { runCli } from '../support/cli.ts'
import {
  expectUsable,
  launchChromium,
  navigate,
  newContext,
  VIEWPORTS,
} from '../support/chromium.ts'
import {
  K12ONLINE,
  type K12Activity,
  k12Statement,
  k12Teachers,
  rosterCsv,
  type RosterTeacher,
  schoolApi,
} from '../support/k12online.ts'
import { startServerProcess, type ServerProcess } from '../support/server-process.ts'
import {
  addAccount,
  consolePage,
  eventually,
  pickTenant,
  uploadRoster,
} from '../support/console-pages.ts'
import { createTestPlace, testBackend } from '../support/test-database.ts'

const DISTRICT = 'Phòng GD&ĐT Ngọc Lâm'
const SCHOOL = 'THCS Ngọc Lâm'
const TEACHERS = k12Teachers('thcs-ngoclam')
/** The first roster leaves out the last teacher, whose statements then wait for them. */
const FIRST_ROSTER = TEACHERS.slice(0, 29)
const STRANGER = TEACHERS[29]!
/** The teacher who signs in: gv.k12.01, on the roster, with an account of their own. */
const TEACHER = TEACHERS[0]!
const TEACHER_USERNAME = 'gv.nguyenthilan'
/**
 * What K12Online reports of them: 01–06 pass the quiz and complete the lesson plan (Thành thạo in
 * 1.1), 07–12 score 8.5 on the quiz (Cơ bản), 13–15 score 5, under the tag's 80 % (no level). The
 * stranger (30) does as 01–06 before the roster names them.
 */
const PASSED_BOTH = [...TEACHERS.slice(0, 6), STRANGER]
const SCORED_ENOUGH = TEACHERS.slice(6, 12)
const SCORED_TOO_LOW = TEACHERS.slice(12, 15)
const QUIZ: K12Activity = {
  id: 'https://k12online.vn/khoa-hoc/nang-luc-so/bai-kiem-tra-lms',
  name: 'Bài kiểm tra: Dùng hệ thống quản lí học tập',
}
const PLAN: K12Activity = {
  id: 'https://k12online.vn/khoa-hoc/nang-luc-so/bai-tap-ke-hoach-bai-day',
  name: 'Bài tập: Kế hoạch bài dạy có dùng công nghệ',
}

let chromium: Browser
let place: Awaited<ReturnType<typeof createTestPlace>>
let server: ServerProcess
let adminToken: string
let schoolId: string
let districtId: string
let teacherPassword: string
let managerPassword: string
let xapiAuth: string
/** The school's JSON API with IT's admin token. */
let school: ReturnType<typeof schoolApi>
/** IT's console window, signed in with the admin token, open from set-up to the second roster. */
let itConsole: Page

beforeAll(async () => {
  ;[chromium, place] = await Promise.all([launchChromium(), createTestPlace({ migrated: true })])
  server = await startServerProcess(place.env)
}, 120_000)
afterAll(async () => {
  await itConsole?.context().close()
  await chromium?.close()
  await server?.stop()
  await place?.remove()
})

/** `nls …` while the server runs (on the embedded database, handed to it through its socket). */
const nls = (...argv: string[]) => runCli(place.env, ...argv)

/** Posts statements to the LRS endpoint, by default with the key made in the console. */
function post(statements: readonly unknown[], authorization = xapiAuth): Promise<Response> {
  return fetch(`${server.url}/xapi/statements`, {
    method: 'POST',
    headers: {
      authorization,
      'X-Experience-API-Version': '1.0.3',
      'content-type': 'application/json',
    },
    body: JSON.stringify(statements),
  })
}

/** The level of 1.1 held for a K12Online account; undefined while nobody is known by it. */
const levelOf = (account: string) => school.levelOf(account, 'TT18.PT.1.1')
/** The level of 1.1 held for an account once inference has given it `level` (or time is up). */
const levelBecomes = (account: string, level: string) =>
  eventually(
    () => levelOf(account),
    (held) => held === level,
  )

/** Signs in at /login in a new window of that size. */
async function signIn(
  viewport: { width: number; height: number },
  username: string,
  password: string,
  home: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(chromium, viewport)
  const page = await context.newPage()
  await page.goto(`${server.url}/login`)
  await page.getByLabel('Tên đăng nhập').fill(username)
  await page.getByLabel('Mật khẩu').fill(password)
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.waitForURL(`${server.url}${home}`)
  return { context, page }
}

describe('a K12Online school set up in the console while the server runs', () => {
  it('IT makes a token on the command line, then sets the school up in the console', async () => {
    const made = await nls('admin', 'token', 'create', '--name', 'it')
    expect(made.code).toBe(0)
    adminToken = made.out.trim()
    expect(made.err).toContain('admin token "it" created')
    // On the embedded database the running server holds it, and carried the command out.
    if (testBackend === 'pglite') {
      expect(server.logs()).toContainEqual(
        expect.objectContaining({ msg: 'command from the command line' }),
      )
    }

    const page = (itConsole = await (await newContext(chromium, VIEWPORTS.desktop)).newPage())
    await page.goto(`${server.url}/admin/login`)
    // A wrong token is refused, said at the form.
    await page.getByLabel('Mã quản trị (admin token)').fill(`${adminToken}x`)
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    await expect(page.locator('main').textContent()).resolves.toContain(
      'Mã quản trị không đúng hoặc đã bị thu hồi.',
    )
    await expectUsable(page, page, 'k12-console-login-refused-desktop')
    await page.getByLabel('Mã quản trị (admin token)').fill(adminToken)
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    await page.waitForURL(`${server.url}/admin/tenants`)
    await expect(page.locator('[data-actor]').textContent()).resolves.toContain('it')

    // The district, then the school under it.
    const add = page.locator('form[data-form="add"]')
    await add.getByLabel('Tên (như báo cáo hiển thị)').fill(DISTRICT)
    await add.locator('#add-kind').selectOption('district')
    await add.getByRole('button', { name: 'Thêm', exact: true }).click()
    await expect(page.locator('[role=status]').textContent()).resolves.toBe(`Đã thêm ${DISTRICT}.`)
    await add.getByLabel('Tên (như báo cáo hiển thị)').fill(SCHOOL)
    await add.locator('#add-kind').selectOption('school')
    await add.locator('#add-parent').selectOption({ label: DISTRICT })
    await add.getByRole('button', { name: 'Thêm', exact: true }).click()
    await expect(page.locator('[role=status]').textContent()).resolves.toBe(`Đã thêm ${SCHOOL}.`)
    const row = (name: string) =>
      page
        .locator('[data-tenants] tbody tr')
        .filter({ has: page.getByRole('rowheader', { name, exact: true }) })
    districtId = (await row(DISTRICT).getAttribute('data-tenant'))!
    schoolId = (await row(SCHOOL).getAttribute('data-tenant'))!
    school = schoolApi(server.url, adminToken, schoolId)
    await expect(row(SCHOOL).textContent()).resolves.toContain(DISTRICT)
    await consolePage(page, 'k12-console-tenants', true)

    // The school's settings: K12Online's home page for the roster's accounts, the target level.
    await row(SCHOOL).getByRole('link', { name: 'Cài đặt' }).click()
    await page.waitForURL(`${server.url}/admin/tenants/${schoolId}/settings`)
    await page.getByLabel('Trang chủ LMS của tài khoản trong danh sách').fill(K12ONLINE)
    await page.getByLabel('Mức mục tiêu (mỗi dòng: MÃ=MỨC, ví dụ TT18.PT=CB)').fill('TT18.PT=CB')
    await consolePage(page, 'k12-console-settings')
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click()
    await page.waitForURL((url) => url.pathname === '/admin/tenants')
    await expect(page.locator('[role=status]').textContent()).resolves.toBe(
      `Đã lưu cài đặt của ${SCHOOL}.`,
    )

    // The roster: 29 of the 30 teachers, each with their K12Online user name.
    await navigate(page, 'Danh sách nhân sự')
    await pickTenant(page, SCHOOL)
    await uploadRoster(page, 'nhan-su.csv', rosterCsv(FIRST_ROSTER))
    await expect(page.locator('[role=status]').textContent()).resolves.toBe(
      `Đã nhập vào ${SCHOOL}: 29 người mới, 0 người cập nhật.`,
    )
    await expect(page.locator('[data-waiting-summary]').textContent()).resolves.toBe(
      'Không có câu lệnh nào đang chờ.',
    )
    await consolePage(page, 'k12-console-roster', true)
    await navigate(page, 'Đơn vị')
    await expect(row(SCHOOL).locator('[data-people]').getAttribute('data-people')).resolves.toBe(
      '29',
    )

    // The teacher's account, known by their roster email; its first password shown once.
    await navigate(page, 'Tài khoản')
    await pickTenant(page, SCHOOL)
    teacherPassword = await addAccount(page, {
      username: TEACHER_USERNAME,
      role: 'teacher',
      email: TEACHER.email,
    })
    const account = page.locator(`[data-accounts] tr[data-account="${TEACHER_USERNAME}"]`)
    await expect(account.locator('[data-role]').getAttribute('data-role')).resolves.toBe('teacher')
    await expect(account.textContent()).resolves.toContain(TEACHER.name)
    await consolePage(page, 'k12-console-accounts')

    // K12Online's xAPI key: key and secret read from the page.
    await navigate(page, 'Khóa xAPI')
    await pickTenant(page, SCHOOL)
    await page.getByLabel('Tên (ai gửi, ví dụ moodle-logstore)').fill('k12online')
    await page.getByRole('button', { name: 'Tạo khóa' }).click()
    const key = (await page.locator('code[data-key]').textContent())!.trim()
    const secret = (await page.locator('code[data-secret]').textContent())!.trim()
    await expect(page.locator('code[data-endpoint]').textContent()).resolves.toBe(
      `${server.url}/xapi/`,
    )
    xapiAuth = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`
    await expect(page.locator('code[data-basic]').textContent()).resolves.toBe(
      `Authorization: ${xapiAuth}`,
    )
    await consolePage(page, 'k12-console-keys')

    // The district's manager.
    await navigate(page, 'Tài khoản')
    await pickTenant(page, DISTRICT)
    expect(new URL(page.url()).searchParams.get('tenant')).toBe(districtId)
    managerPassword = await addAccount(page, {
      username: 'truongphong.ngoclam',
      role: 'manager',
      name: 'Lê Văn Hùng',
    })
    await consolePage(page, 'k12-console-accounts-district')
  }, 120_000)

  it("attaches K12Online's statements by account; a stranger's wait until the roster names them", async () => {
    for (const [activity, competency, rule] of [
      [QUIZ, 'TT18.PT.1.1.CB', { minScore: 0.8 }],
      [PLAN, 'TT18.PT.1.1.TT', {}],
    ] as const) {
      await school.json('POST', '/tags', {
        activityIri: activity.id,
        activityName: activity.name,
        competencyIds: [competency],
        rule,
      })
    }
    // A key that is not the school's is refused, and nothing is kept.
    const wrong = await post([k12Statement(TEACHER, 'passed', QUIZ, 9)], 'Basic Zm9vOmJhcg==')
    expect(wrong.status).toBe(401)
    const sent = [
      ...PASSED_BOTH.flatMap((t) => [
        k12Statement(t, 'passed', QUIZ, 9),
        k12Statement(t, 'completed', PLAN),
      ]),
      ...SCORED_ENOUGH.map((t) => k12Statement(t, 'scored', QUIZ, 8.5)),
      ...SCORED_TOO_LOW.map((t) => k12Statement(t, 'scored', QUIZ, 5)),
    ]
    const res = await post(sent)
    expect([res.status, res.status === 200 ? '' : await res.text()]).toEqual([200, ''])
    await expect(res.json()).resolves.toHaveLength(sent.length)
    // Inference runs on its own: wait for the last rostered teacher of each group.
    await expect(levelBecomes(PASSED_BOTH[PASSED_BOTH.length - 2]!.account, 'TT')).resolves.toBe(
      'TT',
    )
    await expect(
      levelBecomes(SCORED_ENOUGH[SCORED_ENOUGH.length - 1]!.account, 'CB'),
    ).resolves.toBe('CB')
    await expect(levelOf(SCORED_TOO_LOW[0]!.account)).resolves.toBeNull()

    // The stranger's two statements wait, named by their account.
    const waiting = (await school.json('GET', '/unmatched-actors')) as {
      statements: number
      actors: number
      top: { actor: string; statements: number }[]
    }
    expect(waiting.statements).toBe(2)
    expect(waiting.top.map((a) => [a.actor, a.statements])).toEqual([
      [`${STRANGER.account} @ ${K12ONLINE}`, 2],
    ])
    await expect(levelOf(STRANGER.account)).resolves.toBeUndefined()
    const page = itConsole
    await navigate(page, 'Danh sách nhân sự')
    await pickTenant(page, SCHOOL)
    const stranger = page.locator(
      `[data-waiting-actors] tr[data-actor="${STRANGER.account} @ ${K12ONLINE}"]`,
    )
    await expect(page.locator('[data-waiting-actors] tbody tr').count()).resolves.toBe(1)
    await expect(stranger.locator('td').first().textContent()).resolves.toBe('2')
    await consolePage(page, 'k12-console-roster-waiting', true)
    // The district manager sees them waiting on the roster page of the district too.
    const manager = await signIn(
      VIEWPORTS.phone,
      'truongphong.ngoclam',
      managerPassword,
      '/app/reports',
    )
    await navigate(manager.page, 'Danh sách nhân sự')
    const waits = manager.page.locator('[data-waiting-actors] tbody tr')
    await expect(waits.count()).resolves.toBe(1)
    await expect(waits.locator('th').textContent()).resolves.toBe(
      `${STRANGER.account} @ ${K12ONLINE}`,
    )
    await expect(waits.locator('td').first().textContent()).resolves.toBe('2')
    await expectUsable(manager.page, manager.page, 'k12-manager-roster-waiting-phone')
    await manager.context.close()

    // The second roster names them: their statements attach and their level is worked out.
    await uploadRoster(page, 'nhan-su-2.csv', rosterCsv(TEACHERS))
    await expect(page.locator('[role=status]').textContent()).resolves.toBe(
      `Đã nhập vào ${SCHOOL}: 1 người mới, 29 người cập nhật.`,
    )
    await expect(levelBecomes(STRANGER.account, 'TT')).resolves.toBe('TT')
    await expect(school.json('GET', '/unmatched-actors')).resolves.toMatchObject({ statements: 0 })
    await page.reload()
    await expect(page.locator('[data-waiting-summary]').textContent()).resolves.toBe(
      'Không có câu lệnh nào đang chờ.',
    )
  }, 120_000)

  for (const [size, viewport] of [
    ['phone', VIEWPORTS.phone],
    ['desktop', VIEWPORTS.desktop],
  ] as const) {
    it(`the teacher signs in on a ${size}: profile, self-assessment, needs`, async () => {
      const { context, page } = await signIn(
        viewport,
        TEACHER_USERNAME,
        teacherPassword,
        '/app/profile',
      )
      await expect(page.locator('h1').textContent()).resolves.toBe('Hồ sơ năng lực số')
      await expect(page.locator('[data-person]').textContent()).resolves.toBe(TEACHER.name)
      const c11 = page.locator('li[data-component="TT18.PT.1.1"] summary [data-level]')
      await expect(c11.first().getAttribute('data-level')).resolves.toBe('TT')
      await expect(
        page.locator('figure[data-radar]').first().getAttribute('aria-label'),
      ).resolves.toContain('1.1 Thành thạo')
      await expectUsable(page, page, `k12-teacher-profile-${size}`)

      // Self-assessment: the first "I can…" of 1.2 ticked and saved (on the phone), kept after.
      await navigate(page, 'Tự đánh giá')
      await expect(page.locator('h1').textContent()).resolves.toBe('Tự đánh giá năng lực số')
      const c12 = page.locator('details[data-component="TT18.PT.1.2"]')
      await c12.locator('> summary').click()
      const first = c12.getByRole('checkbox').first()
      if (size === 'phone') {
        await first.check()
        await page.getByRole('button', { name: 'Lưu tự đánh giá' }).click()
        await expect(page.locator('[role=status]').textContent()).resolves.toBe(
          'Đã lưu tự đánh giá 1 thành phần.',
        )
        await page.reload()
        await page.locator('details[data-component="TT18.PT.1.2"] > summary').click()
      }
      await expect(first.isChecked()).resolves.toBe(true)
      await expect(
        page
          .locator('details[data-component="TT18.PT.1.2"] summary [data-level]')
          .nth(1)
          .getAttribute('data-level'),
      ).resolves.toBe('CB')
      await expectUsable(page, page, `k12-teacher-self-assessment-${size}`)

      // Needs against the school's target (Cơ bản everywhere): 1.1 reached, 1.2 one level short.
      await navigate(page, 'Nhu cầu bồi dưỡng')
      await expect(page.locator('h1').textContent()).resolves.toBe('Nhu cầu bồi dưỡng')
      await expect(
        page.locator('[data-overview-component="TT18.PT.1.1"]').getAttribute('data-level'),
      ).resolves.toBe('TT')
      const need = (id: string) => page.locator(`.need[data-component="${id}"]`)
      await expect(need('TT18.PT.1.1').getAttribute('data-gap')).resolves.toBe('0')
      await expect(need('TT18.PT.1.2').getAttribute('data-gap')).resolves.toBe('1')
      await expect(
        need('TT18.PT.1.2').locator('[data-source]').getAttribute('data-source'),
      ).resolves.toBe('school')
      await expectUsable(page, page, `k12-teacher-needs-${size}`)

      // A teacher's account sees neither the report nor the console.
      await expect(page.goto(`${server.url}/app/reports`).then((r) => r?.status())).resolves.toBe(
        403,
      )
      await expect(page.goto(`${server.url}/admin/tenants`).then((r) => r?.status())).resolves.toBe(
        403,
      )
      await context.close()
    }, 60_000)
  }

  it("the district manager's report and CSV give back the shares of what was sent", async () => {
    const { context, page } = await signIn(
      VIEWPORTS.desktop,
      'truongphong.ngoclam',
      managerPassword,
      '/app/reports',
    )
    await expect(page.locator('h1').textContent()).resolves.toBe('Báo cáo năng lực số')
    // Of the roster's teachers, in 1.1: those who passed both at Thành thạo, those who scored
    // enough at Cơ bản, everyone else at none; nobody at Cơ bản in every component.
    const staff = TEACHERS.length
    const tt = PASSED_BOTH.length
    const cb = SCORED_ENOUGH.length
    const none = staff - tt - cb
    const percent = (n: number) => `${Math.round((100 * n) / staff)}%`
    const c11 = page.locator('[data-report-table] tr[data-component="TT18.PT.1.1"]')
    const count = (level: string) => c11.locator(`[data-count="${level}"]`).textContent()
    await eventually(
      async () => {
        await page.reload()
        return count('TT')
      },
      (text) => text === `${tt} (${percent(tt)})`,
    )
    await expect(page.locator('[data-headline]').textContent()).resolves.toContain(`(0/${staff})`)
    await expect(count('none')).resolves.toBe(`${none} (${percent(none)})`)
    await expect(count('CB')).resolves.toBe(`${cb} (${percent(cb)})`)
    await expect(count('TT')).resolves.toBe(`${tt} (${percent(tt)})`)
    await expect(count('NC')).resolves.toBe('0 (0%)')
    await expect(c11.locator('[data-at-least-first]').textContent()).resolves.toBe(percent(tt + cb))
    await expectUsable(page, page, 'k12-manager-report-desktop')

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-export="csv"]').click(),
    ])
    const text = await readFile(await csv.path(), 'utf8')
    expect(csv.suggestedFilename()).toMatch(/^nls-.+-TT18\.PT\.csv$/)
    // Unit, component, its name, staff, none, Cơ bản, Thành thạo, Nâng cao, Cơ bản or above (%).
    // Per department and in total: staff, none, Cơ bản, Thành thạo, Nâng cao, Cơ bản or above (%).
    const figures = (of: readonly RosterTeacher[]) => {
      const n = (group: readonly RosterTeacher[]) => of.filter((t) => group.includes(t)).length
      const [atTT, atCB] = [n(PASSED_BOTH), n(SCORED_ENOUGH)]
      const share = Math.round((1000 * (atTT + atCB)) / of.length) / 10
      return [of.length, of.length - atTT - atCB, atCB, atTT, 0, share].join(',')
    }
    const c11Line = (unit: string, of: readonly RosterTeacher[]) =>
      `${unit},1.1,Dạy học và giáo dục trong môi trường số,${figures(of)}`
    for (const unit of ['Tổ Toán', 'Tổ Ngữ văn']) {
      const members = TEACHERS.filter((t) => t.unit === unit)
      expect(text).toContain(c11Line(`${SCHOOL} — ${unit}`, members))
    }
    expect(text).toContain(c11Line('Tổng', TEACHERS))

    // The same on a phone, and the roster page: the district's school with its 30 teachers.
    await page.setViewportSize(VIEWPORTS.phone)
    await expectUsable(page, page, 'k12-manager-report-phone')
    await navigate(page, 'Danh sách nhân sự')
    const inUnit = (unit: string) =>
      page.locator(`[data-roster-units] tr[data-unit="${SCHOOL} — ${unit}"] td`).textContent()
    await expect(inUnit('Tổ Toán')).resolves.toBe('15')
    await expect(inUnit('Tổ Ngữ văn')).resolves.toBe('15')
    await expect(page.locator('[data-waiting-summary]').textContent()).resolves.toBe(
      'Không có câu lệnh nào đang chờ.',
    )
    await expectUsable(page, page, 'k12-manager-roster-phone')
    await context.close()
  }, 90_000)
})
