// A district manager files a semester report in headless Chromium, on a phone: signs in, opens
// the filed reports, chooses District 6's plan and the semester due, files, and downloads the
// CSV and XLSX; after a new level the live figure moves, the filed one and its files do not.
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { shippedCatalog } from '../../framework/index.ts'
import { importRoster } from '../../src/accounts/roster-import.ts'
import type { RosterRow } from '../../src/accounts/roster-csv.ts'
import { checkPlan } from '../../src/plans/check-plan.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import {
  expectUsable,
  launchChromium,
  navigate,
  newContext,
  screenshot,
  VIEWPORTS,
  watchCsp,
} from '../support/chromium.ts'
import { createLocalAccount, LOCAL_PASSWORD } from '../support/console.ts'
import { heldLevel } from '../support/levels.ts'
import { startNls } from '../support/nls-server.ts'
import { dueSoon } from '../support/app-pages.ts'

let nls: RunningServer
let chromium: Browser
let planId: string
const people = new Map<string, { tenantId: string; personId: string }>()

/** Gives a person Cơ bản on the components of District 6's digital learning materials target. */
async function learnMaterials(email: string) {
  const { tenantId, personId } = people.get(email)!
  await nls.stores.progress.saveLevels(tenantId, personId, [
    heldLevel('TT18.PT.4.2', 'CB'),
    heldLevel('TT18.PT.5.3', 'CB'),
  ])
}

beforeAll(async () => {
  ;[nls, chromium] = await Promise.all([startNls(), launchChromium()])
  const { stores } = nls
  const district = (
    await stores.tenants.createTenant({ kind: 'organisation', name: 'Phòng GD&ĐT Quận 6' })
  ).id
  await stores.tenants.setSettings(district, { minGroupSize: 2 })
  const schools = {
    'THCS Phú Định': (
      await stores.tenants.createTenant({
        kind: 'organisation',
        name: 'THCS Phú Định',
        parentId: district,
      })
    ).id,
    'THPT Mạc Đĩnh Chi': (
      await stores.tenants.createTenant({
        kind: 'platform',
        name: 'THPT Mạc Đĩnh Chi',
        parentId: district,
      })
    ).id,
  }
  for (const [name, tenantId] of Object.entries(schools)) {
    const prefix = name === 'THCS Phú Định' ? 'pd' : 'mdc'
    const rows: RosterRow[] = [1, 2, 3].map((n) => ({
      row: n,
      line: n + 1,
      email: `${prefix}.gv${n}@hcm.edu.vn`,
      name: `Giáo viên ${prefix.toUpperCase()} ${n}`,
      position: 'GV',
      schoolLevel: prefix === 'pd' ? 'THCS' : 'THPT',
    }))
    await importRoster(stores, tenantId, rows)
    for (const row of rows) {
      const person = await stores.people.findPersonByIdentity(tenantId, {
        kind: 'mbox',
        mbox: `mailto:${row.email}`,
      })
      people.set(row.email!, { tenantId, personId: person!.id })
    }
  }
  // 3 of the 6 teachers hold Cơ bản on 4.2 and 5.3: 50%, not more than 50%.
  for (const email of ['pd.gv1@hcm.edu.vn', 'pd.gv2@hcm.edu.vn', 'mdc.gv1@hcm.edu.vn']) {
    await learnMaterials(email)
  }
  // District 6's plan (seed 002), its semester dates moved to 20 days from now.
  const text = await readFile(
    new URL('../../plans/examples/484-KH-UBND-quan-6.json', import.meta.url),
    'utf8',
  )
  const checked = checkPlan(
    {
      ...(JSON.parse(text) as object),
      calendar: [
        { period: 'semester-1', due: dueSoon() },
        { period: 'semester-2', due: dueSoon() },
      ],
    },
    shippedCatalog(),
  )
  if (!('plan' in checked)) throw new Error(JSON.stringify(checked.problems))
  planId = (
    await stores.plans.savePlan(
      district,
      { code: checked.plan.code, name: checked.plan.name.vi, document: checked.plan },
      'test',
    )
  ).plan.id
  await createLocalAccount(nls, district, 'truongphong.q6', 'administrator')
}, 120_000)
afterAll(async () => {
  await chromium?.close()
  await nls?.close()
})

/** The district's manager signs in at /login and lands on the reports. */
async function signIn(page: Page) {
  await page.goto(`${nls.url}/login`)
  await page.getByLabel('Tên đăng nhập').fill('truongphong.q6')
  await page.getByLabel('Mật khẩu').fill(LOCAL_PASSWORD)
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.waitForURL(`${nls.url}/app/reports`)
}

/** The frozen and the live figure of a target, as the filed report's page shows them. */
async function figures(page: Page, target: string) {
  const row = page.locator(`[data-target="${target}"]`)
  return {
    frozen: (await row.locator('[data-frozen]').first().textContent())?.trim(),
    live: (await row.locator('[data-live]').first().textContent())?.trim(),
  }
}

describe("a district's manager", () => {
  it('files the semester report and downloads it; the filed one stays as filed', async () => {
    const context = await newContext(chromium, VIEWPORTS.phone)
    const page = await context.newPage()
    const cspViolations = watchCsp(page)
    await signIn(page)
    await navigate(page, 'Báo cáo')
    await page.locator('nav.tabs').getByRole('link', { name: 'Báo cáo đã nộp' }).click()
    await page.waitForURL((url) => url.pathname === '/app/reports/filed')
    await page.locator('#plan').selectOption(planId)
    await page.getByRole('button', { name: 'Chọn kế hoạch' }).click()
    await page.waitForURL((url) => url.searchParams.get('plan') === planId)
    // The first semester's report when it is offered (near the turn of the school year, the
    // second's).
    const offered = await page
      .locator('#period option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
    const period = offered.find((id) => id.endsWith('HK1')) ?? offered[0]
    expect(period).toMatch(/^\d{4}-\d{4}-HK[12]$/)
    await page.locator('#period').selectOption(period!)
    await expectUsable(page, page, 'filing-form-phone')
    await page.getByRole('button', { name: 'Nộp báo cáo' }).click()
    await page.waitForURL((url) => /^\/app\/reports\/filed\/[0-9a-f-]{36}$/.test(url.pathname))
    const filedPath = new URL(page.url()).pathname
    // 3 of 6: not more than 50%.
    await expect(figures(page, 'hoc-lieu-so')).resolves.toMatchObject({
      frozen: expect.stringMatching(/^3\/6 /),
      live: expect.stringMatching(/^3\/6 /),
    })
    await expectUsable(page, page, 'filing-filed-phone')

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-download="csv"]').first().click(),
    ])
    expect(csv.suggestedFilename()).toMatch(
      new RegExp(`^nls-${period}-Phong-GD-DT-Quan-6-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
    )
    const csvBytes = await readFile(await csv.path())
    const csvText = csvBytes.toString('utf8')
    expect(csvText.startsWith('\uFEFF')).toBe(true)
    expect(csvText).toContain('Phòng GD&ĐT Quận 6')
    expect(csvText).toContain('484/KH-UBND')
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-download="xlsx"]').first().click(),
    ])
    const xlsxBytes = await readFile(await xlsx.path())
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(new Uint8Array(xlsxBytes).buffer)
    expect(book.worksheets.length).toBeGreaterThan(0)

    // A fourth teacher reaches Cơ bản: more than 50% now, live; the filed report stays.
    await learnMaterials('mdc.gv2@hcm.edu.vn')
    await page.reload()
    await expect(figures(page, 'hoc-lieu-so')).resolves.toMatchObject({
      frozen: expect.stringMatching(/^3\/6 /),
      live: expect.stringMatching(/^4\/6 /),
    })
    await screenshot(page, 'filing-filed-later-phone')
    const [again] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-download="csv"]').first().click(),
    ])
    expect((await readFile(await again.path())).equals(csvBytes)).toBe(true)

    // The list shows it, with its files.
    await page.goto(`${nls.url}/app/reports/filed`)
    await expect(
      page.locator(`[data-filed="${filedPath.split('/').pop()}"]`).count(),
    ).resolves.toBe(1)
    expect(cspViolations()).toEqual([])
    await context.close()
  })

  it('reads every report tab on a phone: targets, needs, training effect, plans', async () => {
    const context = await newContext(chromium, VIEWPORTS.phone)
    const page = await context.newPage()
    const cspViolations = watchCsp(page)
    await signIn(page)
    await expectUsable(page, page, 'reports-levels-district-phone')
    for (const [tab, path, name] of [
      ['Mục tiêu kế hoạch', '/app/reports/targets', 'reports-targets-phone'],
      ['Nhu cầu bồi dưỡng', '/app/reports/needs', 'reports-needs-phone'],
      ['Hiệu quả bồi dưỡng', '/app/reports/programmes', 'reports-programmes-phone'],
      ['Kế hoạch', '/app/plans', 'reports-plans-phone'],
    ] as const) {
      await page.locator('nav.tabs').getByRole('link', { name: tab, exact: true }).click()
      await page.waitForURL((url) => url.pathname === path)
      await expectUsable(page, page, name)
    }
    // The targets page: District 6's plan, teachers' digital learning materials at 4 of 6.
    await page.locator('nav.tabs').getByRole('link', { name: 'Mục tiêu kế hoạch' }).click()
    await page.waitForURL((url) => url.pathname === '/app/reports/targets')
    await expect(page.locator('main').textContent()).resolves.toContain('4/6')
    expect(cspViolations()).toEqual([])
    await context.close()
  })
})
