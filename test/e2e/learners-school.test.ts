// One school, one Moodle, pupils and teachers side by side, in headless Chromium: a teachers'
// course (TT18) and a grade-7 class (TT02) whose trainer sets its table on the course page; a
// teacher and three pupils launch from their courses and each sees their own framework; the class
// heat-map colours each pupil against TC1; the school's and the ward's managers see the two Long
// Biên targets with the figures the statements sent give, and the ward's export names no pupil.
// The shipped TT02 data has no descriptor text: no page shows any.
import { readFile } from 'node:fs/promises'
import type { Browser, Frame, Page } from 'playwright-core'
import { shippedCatalog } from '../../framework/index.ts'
import { checkPlan } from '../../src/plans/check-plan.ts'
import { createBrowser } from '../support/browser.ts'
import {
  expectUsable,
  launchChromium,
  navigate,
  newContext,
  press,
  VIEWPORTS,
  watchCsp,
} from '../support/chromium.ts'
import { createLocalAccount, LOCAL_PASSWORD } from '../support/console.ts'
import { launchIn } from '../support/lti-launch.ts'
import { moduleIri, quizAttempt } from '../support/moodle-statements.ts'
import { type School, startSchool } from '../support/school.ts'

const TRAINING = '2' // the teachers' course (Moodle course id)
const CLASS = '3' // lớp 7A1, a pupils' class
const TEACHER = '8'
const TRAINER = '3'
// Moodle's class: its students are users 4, 5 and 6 (the fake site's roster of three).
const PUPILS = ['4', '5', '6'] as const
const PUPIL_NAMES: Record<string, string> = {}

let school: School
let chromium: Browser
let wardId: string
let site: string

/** The components of the Long Biên lower-secondary target, at each level up to TC1. */
const THCS = ['1.1', '1.2', '2.2', '3.1', '4.2']
const upToTC1 = (numbers: readonly string[]) =>
  numbers.flatMap((n) => ['CB1', 'CB2', 'TC1'].map((l) => `TT02.NH.${n}.${l}`))

beforeAll(async () => {
  ;[school, chromium] = await Promise.all([startSchool(), launchChromium()])
  const { nls, tenantId, platform } = school
  site = platform.issuer
  const { stores } = nls
  // The ward's office over the school, with the ward's plan for pupils (seed 004).
  wardId = (
    await stores.tenants.createTenant({ kind: 'organisation', name: 'UBND phường Long Biên' })
  ).id
  await stores.tenants.setParent(tenantId, wardId, 'test')
  for (const id of [wardId, tenantId]) {
    const tenant = await stores.tenants.getTenant(id)
    await stores.tenants.setSettings(id, { ...(tenant!.settings as object), minGroupSize: 2 })
  }
  const text = await readFile(
    new URL('../../plans/examples/long-bien-nls-hoc-sinh.json', import.meta.url),
    'utf8',
  )
  const checked = checkPlan(JSON.parse(text), shippedCatalog())
  if (!('plan' in checked)) throw new Error(JSON.stringify(checked.problems))
  await stores.plans.savePlan(
    wardId,
    { code: checked.plan.code, name: checked.plan.name.vi, document: checked.plan },
    'test',
  )
  await createLocalAccount(nls, wardId, 'phuong.longbien', 'administrator')
  await createLocalAccount(nls, tenantId, 'hieutruong.thcs', 'administrator')

  platform.setRoster(CLASS, { students: PUPILS.length })
  // Everyone launches once from their own course (a browser each, as their first visit).
  const enrol = async (userId: string, role: 'Learner' | 'Instructor', courseId: string) => {
    const landed = await launchIn(createBrowser(), platform, { role, userId, courseId })
    if (landed.status !== 200) throw new Error(`launch of ${userId}: ${landed.status}`)
  }
  await enrol(TEACHER, 'Learner', TRAINING)
  await enrol(TRAINER, 'Instructor', CLASS)
  for (const pupil of PUPILS) await enrol(pupil, 'Learner', CLASS)
  for (const pupil of PUPILS) {
    const person = await stores.people.findPersonByIdentity(tenantId, {
      kind: 'lti',
      issuer: platform.issuer,
      clientId: platform.clientId,
      sub: pupil,
    })
    PUPIL_NAMES[pupil] = person!.name!
  }
}, 120_000)
afterAll(async () => {
  await chromium?.close()
  await school?.close()
})

/** Tags an activity (a Moodle quiz) through the API, as a trainer's tool would. */
async function tag(cmid: number, name: string, competencyIds: string[]) {
  await school.api(
    'POST',
    '/tags',
    { activityIri: moduleIri('quiz', cmid, site), activityName: name, competencyIds },
    201,
  )
}

async function signIn(page: Page, username: string) {
  await page.goto(`${school.nls.url}/login`)
  await page.getByLabel('Tên đăng nhập').fill(username)
  await page.getByLabel('Mật khẩu').fill(LOCAL_PASSWORD)
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.waitForURL(`${school.nls.url}/app/reports`)
}

/** The figure (met/group) of a plan target on the targets page. */
async function targetFigure(page: Page | Frame, target: string) {
  return page.locator(`[data-target="${target}"] [data-figure]`).first().getAttribute('data-figure')
}

describe('pupils and teachers in one Moodle', () => {
  it("the class's trainer sets its table on the course page: TT02.NH, grade 7", async () => {
    const context = await newContext(chromium, VIEWPORTS.phone)
    const page = await context.newPage()
    const nls = await school.launch(page, {
      role: 'Instructor',
      userId: TRAINER,
      courseId: CLASS,
      in: 'iframe',
    })
    await navigate(nls, 'Hoạt động và gắn thẻ')
    const form = nls.locator('form[data-course-table]')
    await form.locator('#audience').selectOption('TT02.NH')
    await form.locator('#grade').selectOption('7')
    await press(form.getByRole('button', { name: 'Lưu bảng của khoá học' }))
    await nls.waitForURL((url) => url.searchParams.get('saved') === 'table')
    await nls.waitForLoadState()
    await expect(nls.locator('[role=status]').first().textContent()).resolves.toContain(
      'Đã lưu bảng năng lực của khoá học.',
    )
    await expect(nls.locator('#audience').inputValue()).resolves.toBe('TT02.NH')
    await expect(nls.locator('#grade').inputValue()).resolves.toBe('7')
    await expectUsable(nls, page, 'class-course-table-phone')
    await context.close()

    // The teachers' course trains on TT18.PT; each course's activities are tagged in its table.
    await tag(12, 'Kiểm tra: Khai thác dữ liệu số', ['TT18.PT.1.1.CB'])
    await tag(601, 'Dự án: Tìm, đánh giá và chia sẻ thông tin', upToTC1(THCS))
    await tag(602, 'Bài 1: Tìm kiếm trên mạng', ['TT02.NH.1.1.CB1', 'TT02.NH.1.1.CB2'])
    await tag(603, 'Bài 2: Giải quyết vấn đề và trí tuệ nhân tạo', [
      'TT02.NH.5.1.CB1',
      'TT02.NH.6.1.CB1',
    ])
    // Pupil 4 does the project and lesson 2 (all six domains, TC1 on the five THCS
    // components); pupil 5 the project only (domains 1–4); pupil 6 lesson 1 (CB2 on 1.1).
    await school.send([
      quizAttempt(TEACHER, 9, { site, cmid: 12, courseId: Number(TRAINING) }),
      quizAttempt('4', 9, { site, cmid: 601, courseId: Number(CLASS) }),
      quizAttempt('4', 8, { site, cmid: 603, courseId: Number(CLASS) }),
      quizAttempt('5', 7, { site, cmid: 601, courseId: Number(CLASS) }),
      quizAttempt('6', 9, { site, cmid: 602, courseId: Number(CLASS) }),
    ])
  })

  it('a teacher sees the teachers’ framework; a pupil their own six domains toward TC1', async () => {
    const context = await newContext(chromium, VIEWPORTS.phone)
    const page = await context.newPage()
    const cspViolations = watchCsp(page)
    const teacher = await school.launch(page, {
      role: 'Learner',
      userId: TEACHER,
      courseId: TRAINING,
      in: 'iframe',
    })
    await expect(
      teacher.locator('[data-table="TT18.PT"] figure[data-radar]').count(),
    ).resolves.toBe(1)
    await expect(teacher.locator('[data-pupil-view]').count()).resolves.toBe(0)
    await expect(
      teacher
        .locator('li[data-component="TT18.PT.1.1"] > details > summary [data-level]')
        .first()
        .getAttribute('data-level'),
    ).resolves.toBe('CB')

    const pupil = await school.launch(page, {
      role: 'Learner',
      userId: '4',
      courseId: CLASS,
      in: 'iframe',
    })
    const view = pupil.locator('[data-pupil-view]')
    await expect(view.locator('.pupil-bar').count()).resolves.toBe(6)
    await expect(view.locator('[data-goal]').textContent()).resolves.toContain(
      'Mục tiêu lớp 7: Trung cấp 1',
    )
    await expect(
      view.locator('[data-component="TT02.NH.1.1"]').getAttribute('data-level'),
    ).resolves.toBe('TC1')
    await expect(pupil.locator('[data-table="TT18.PT"]').count()).resolves.toBe(0)
    // No descriptor text is shown for TT02: the page says the official text is not loaded.
    await expect(pupil.locator('[data-criterion^="TT02."]').count()).resolves.toBe(0)
    await expectUsable(pupil, page, 'learners-pupil-profile-phone')
    await navigate(pupil, 'Tự đánh giá')
    await expect(pupil.locator('[data-missing-text]').count()).resolves.toBeGreaterThan(0)
    await expect(pupil.locator('input[type=checkbox]').count()).resolves.toBe(0)
    await expectUsable(pupil, page, 'learners-pupil-self-assessment-phone')
    expect(cspViolations()).toEqual([])
    await context.close()
  })

  it("the class heat-map colours each pupil's sub-levels against TC1, with an export", async () => {
    const context = await newContext(chromium, VIEWPORTS.desktop)
    const page = await context.newPage()
    const nls = await school.launch(page, {
      role: 'Instructor',
      userId: TRAINER,
      courseId: CLASS,
      in: 'window',
    })
    await navigate(nls, 'Bản đồ nhiệt của lớp')
    const personOf = async (pupil: string) =>
      school.nls.stores.people.findPersonByIdentity(school.tenantId, {
        kind: 'lti',
        issuer: school.platform.issuer,
        clientId: school.platform.clientId,
        sub: pupil,
      })
    const cell = async (pupil: string, component: string) => {
      const row = nls.locator(`tr[data-person-row="${(await personOf(pupil))!.id}"]`)
      const td = row.locator(`[data-component="${component}"]`)
      return {
        level: await td.getAttribute('data-level'),
        verdict: await td.getAttribute('data-verdict'),
      }
    }
    await expect(nls.locator('tr[data-person-row]').count()).resolves.toBe(3)
    for (const pupil of PUPILS) {
      const row = nls.locator(`tr[data-person-row="${(await personOf(pupil))!.id}"]`)
      await expect(row.locator('[data-target]').getAttribute('data-target')).resolves.toBe('TC1')
    }
    await expect(cell('4', 'TT02.NH.1.1')).resolves.toEqual({ level: 'TC1', verdict: 'at' })
    await expect(cell('5', 'TT02.NH.4.2')).resolves.toEqual({ level: 'TC1', verdict: 'at' })
    await expect(cell('6', 'TT02.NH.1.1')).resolves.toEqual({ level: 'CB2', verdict: 'below' })
    await expect(cell('4', 'TT02.NH.5.1')).resolves.toEqual({ level: 'CB1', verdict: 'below' })
    // Two of the three pupils are at their target on 1.1.
    await expect(
      nls.locator('tr[data-summary] [data-component="TT02.NH.1.1"]').getAttribute('data-reached'),
    ).resolves.toBe('2')
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      nls.locator('a[href*="/app/class/pupils.csv"]').first().click(),
    ])
    const text = (await readFile(await csv.path())).toString('utf8')
    for (const pupil of PUPILS) expect(text).toContain(PUPIL_NAMES[pupil])
    expect(text.trim().split('\n')).toHaveLength(4)
    await context.close()
  })

  it("the school's and the ward's managers see the Long Biên targets; the ward's export names nobody", async () => {
    const context = await newContext(chromium, VIEWPORTS.phone)
    const page = await context.newPage()
    // The school: exposure to all six domains 1 of 3 pupils; TC1 on the five THCS components 2 of 3.
    await signIn(page, 'hieutruong.thcs')
    await page.goto(`${school.nls.url}/app/reports/targets`)
    await expect(targetFigure(page, 'tiep-can-6-mien')).resolves.toBe('1/3')
    await expect(targetFigure(page, 'thcs-trung-cap')).resolves.toBe('2/3')
    await expectUsable(page, page, 'learners-school-targets-phone')
    await context.close()

    const ward = await newContext(chromium, VIEWPORTS.phone)
    const wardPage = await ward.newPage()
    await signIn(wardPage, 'phuong.longbien')
    await wardPage.goto(`${school.nls.url}/app/reports/targets`)
    await expect(targetFigure(wardPage, 'tiep-can-6-mien')).resolves.toBe('1/3')
    await expect(targetFigure(wardPage, 'thcs-trung-cap')).resolves.toBe('2/3')
    await wardPage.goto(`${school.nls.url}/app/reports/learners`)
    const row = wardPage
      .locator(`tr[data-row]`)
      .filter({ has: wardPage.locator('[data-pupils="3"]') })
    await expect(
      row.first().locator('[data-item="TT02.NH.1"]').getAttribute('data-exposed'),
    ).resolves.toBe('3')
    await expect(
      row.first().locator('[data-item="TT02.NH.6"]').getAttribute('data-exposed'),
    ).resolves.toBe('1')
    await expectUsable(wardPage, wardPage, 'learners-ward-report-phone')
    const [csv] = await Promise.all([
      wardPage.waitForEvent('download'),
      wardPage.locator('[data-export="csv"]').click(),
    ])
    const text = (await readFile(await csv.path())).toString('utf8')
    expect(text).toContain('Long Biên')
    for (const pupil of PUPILS) expect(text).not.toContain(PUPIL_NAMES[pupil])
    await ward.close()
  })
})
