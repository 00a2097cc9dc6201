// Filing a report over real HTTP on a real database: a district of two schools files a period's
// report against its plan; the snapshot, its CSV and its XLSX stay the same after new levels,
// while the live figures beside it move. A manager above may look at a school's filed reports but
// not file for it; a school cannot see its district's; a learner sees none.
import ExcelJS from 'exceljs'
import {
  DEFAULT_CALENDAR,
  type ReportingPeriod,
  reportingPeriods,
} from '../../src/plans/calendar.ts'
import { Plan } from '../../src/plans/plan.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import type { LocalRole } from '../../src/store/index.ts'
import { createLocalAccount, signInLocal } from '../support/console.ts'
import { heldLevel } from '../support/levels.ts'
import { startNls } from '../support/nls-server.ts'
import { dueSoon, postAppForm } from '../support/app-pages.ts'

let nls: RunningServer
let district: string
let school1: string
let school2: string
let period: ReportingPeriod
const cookies = new Map<string, string>()
const people = new Map<string, string>()

const get = (user: string, path: string) =>
  fetch(`${nls.url}${path}`, { headers: { cookie: cookies.get(user)! }, redirect: 'manual' })

/** Posts a form of /app as `user`, with the session token the page at `from` carries. */
const post = (user: string, path: string, fields: Record<string, string>, from: string) =>
  postAppForm(nls.url, cookies.get(user)!, path, fields, from)

async function account(tenantId: string, username: string, role: LocalRole) {
  await createLocalAccount(nls, tenantId, username, role)
  cookies.set(username, await signInLocal(nls, username))
}

const give = (tenantId: string, email: string) =>
  nls.stores.progress.saveLevels(tenantId, people.get(email)!, [heldLevel('TT18.PT.1.1', 'CB')])

const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer())

let planId: string
let filedPath: string

beforeAll(async () => {
  nls = await startNls()
  const { tenants, roster, plans } = nls.stores
  district = (await tenants.createTenant({ kind: 'organisation', name: 'Phòng GD&ĐT Quận 6' })).id
  school1 = (
    await tenants.createTenant({ kind: 'organisation', name: 'THCS Một', parentId: district })
  ).id
  school2 = (
    await tenants.createTenant({ kind: 'organisation', name: 'THCS Hai', parentId: district })
  ).id
  // The second school lowered the share of criteria needed for a level: marked, rules mixed.
  await tenants.setSettings(school2, { requiredShare: 0.8 })
  const staff = async (tenantId: string, emails: string[], position: 'GV' | 'CBQL') => {
    const made = await roster.createPeople(
      tenantId,
      emails.map((email) => ({ email, name: email, position, schoolLevel: 'THCS' as const })),
    )
    for (const [email, id] of made) people.set(email, id)
  }
  await staff(
    school1,
    ['g1@mot.vn', 'g2@mot.vn', 'g3@mot.vn', 'g4@mot.vn', 'g5@mot.vn', 'g6@mot.vn'],
    'GV',
  )
  await staff(school1, ['ql@mot.vn'], 'CBQL')
  await staff(school2, ['h1@hai.vn', 'h2@hai.vn', 'h3@hai.vn', 'h4@hai.vn', 'h5@hai.vn'], 'GV')
  // 4 of the 11 teachers hold Cơ bản on 1.1 (the manager too, not a teacher).
  for (const email of ['g1@mot.vn', 'g2@mot.vn', 'g3@mot.vn', 'h1@hai.vn', 'ql@mot.vn']) {
    await give(email.endsWith('mot.vn') ? school1 : school2, email)
  }
  const document = Plan.parse({
    code: '484/KH-UBND',
    name: { vi: 'Kế hoạch chuyển đổi số Quận 6' },
    calendar: [
      { period: 'semester-1', due: dueSoon() },
      { period: 'semester-2', due: dueSoon() },
    ],
    targets: [
      {
        id: 'GV-1.1',
        title: { vi: 'Trên 50% giáo viên đạt Cơ bản ở thành phần 1.1' },
        group: { kind: 'staff', positions: ['GV'] },
        components: ['1.1'],
        minLevel: 'CB',
        share: 0.5,
        comparison: 'more-than',
        deadline: '2030-12-31',
      },
    ],
  })
  planId = (
    await plans.savePlan(
      district,
      { code: document.code, name: document.name.vi, document },
      'test',
    )
  ).plan.id
  // The semester report due in 20 days (the first semester's, unless that one is not offered
  // near the turn of the school year).
  const offered = reportingPeriods(document.calendar, new Date()).filter((p) => p.due > new Date())
  period = offered.find((p) => p.kind === 'semester-1') ?? offered[0]!

  await account(district, 'truongphong', 'administrator')
  await account(school1, 'hieutruong', 'administrator')
  await account(school1, 'hocvien', 'learner')
}, 120_000)
afterAll(() => nls?.close())

describe('filing a report', () => {
  it("offers the district's plan and its periods, and lists the report as due soon", async () => {
    const res = await get('truongphong', `/app/reports/filed?plan=${planId}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('data-file-form')
    expect(html).toContain(`<option value="${planId}" selected>484/KH-UBND`)
    expect(html).toContain(`<option value="${period.id}"`)
    expect(html).toMatch(/data-due-soon[\s\S]*484\/KH-UBND/)
    expect(html).toContain('các mục tiêu của kế hoạch (1)')
    expect(html).toContain('data-empty')
    const english = await (await get('truongphong', '/app/reports/filed?lang=en')).text()
    expect(english).toContain('<h1>Filed reports</h1>')
    expect(english).toContain('No plan (levels per component only)')
  })

  it('refuses an unknown period or plan, naming the field, and files nothing', async () => {
    const bad = await post(
      'truongphong',
      '/app/reports/file',
      { plan: planId, period: '2019-2020-HK1' },
      '/app/reports/filed',
    )
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('data-problem="period"')
    const badPlan = await post(
      'truongphong',
      '/app/reports/file',
      { plan: '00000000-0000-4000-8000-000000000000', period: period.id },
      '/app/reports/filed',
    )
    expect(badPlan.status).toBe(400)
    expect(await badPlan.text()).toContain('data-problem="plan"')
    expect(await nls.stores.plans.listFiled(district, 10)).toEqual([])
  })

  it('freezes the figures and shows them, with the live ones beside', async () => {
    const res = await post(
      'truongphong',
      '/app/reports/file',
      { plan: planId, period: period.id },
      `/app/reports/filed?plan=${planId}`,
    )
    expect(res.status).toBe(303)
    filedPath = new URL(res.headers.get('location')!, nls.url).pathname
    expect(filedPath).toMatch(/^\/app\/reports\/filed\/[0-9a-f-]{36}$/)
    const view = await get('truongphong', `${filedPath}?filed=1`)
    expect(view.status).toBe(200)
    const html = await view.text()
    expect(html).toContain('Số liệu đã được chốt')
    expect(html).toMatch(/data-target="GV-1.1">[\s\S]*?<td data-frozen="true"[^>]*>4\/11 /)
    expect(html).toMatch(
      /data-target-part="GV-1.1\/THCS Hai">[\s\S]*?<td data-frozen="true"[^>]*>1\/5 /,
    )
    expect(html).toContain('data-rule="mixed"')
    expect(html).toContain('THCS Hai *')
    const [filed] = await nls.stores.plans.listFiled(district, 10)
    expect(filed).toMatchObject({
      period: period.id,
      planCode: '484/KH-UBND',
      filedByName: 'truongphong',
    })
    // No names of people in what goes up the chain.
    const whole = await nls.stores.plans.getFiled(district, filed!.id)
    expect(JSON.stringify(whole!.snapshot)).not.toMatch(/@mot\.vn|@hai\.vn/)
    expect(whole!.csv).not.toMatch(/@mot\.vn|@hai\.vn/)
  })

  it('downloads the same bytes before and after new levels; only the live figure moves', async () => {
    const csvPath = `${filedPath}.csv`
    const xlsxPath = `${filedPath}.xlsx`
    const csv = await get('truongphong', csvPath)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-disposition')).toMatch(
      new RegExp(
        `attachment; filename="?nls-${period.id}-Phong-GD-DT-Quan-6-\\d{4}-\\d{2}-\\d{2}\\.csv"?$`,
      ),
    )
    const csvBytes = await bytes(csv)
    const text = csvBytes.toString('utf8')
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(text).toContain('\r\n')
    expect(text).toContain(
      'Tổng,GV-1.1,Trên 50% giáo viên đạt Cơ bản ở thành phần 1.1,CB,50,11,4,36.4,Chưa đạt (còn hạn)',
    )
    const xlsxBytes = await bytes(await get('truongphong', xlsxPath))
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(new Uint8Array(xlsxBytes).buffer)
    // Dated at the filing, so that its bytes come from the snapshot alone.
    const [filed] = await nls.stores.plans.listFiled(district, 1)
    const { snapshot } = (await nls.stores.plans.getFiled(district, filed!.id))!
    const filedAt = Math.floor(Date.parse((snapshot as { filedAt: string }).filedAt) / 1000) * 1000
    expect(book.created.getTime()).toBe(filedAt)
    expect(book.modified.getTime()).toBe(filedAt)
    const rows = book.worksheets[0]!.getSheetValues().filter(Array.isArray)
    expect(
      rows.some((r) => r[1] === 'Tổng' && r[2] === 'GV-1.1' && r[6] === 11 && r[7] === 4),
    ).toBe(true)

    // A second teacher of THCS Hai reaches Cơ bản.
    await give(school2, 'h2@hai.vn')
    const html = await (await get('truongphong', filedPath)).text()
    expect(html).toMatch(
      /data-target="GV-1.1">[\s\S]*?<td data-frozen="true"[^>]*>4\/11 [\s\S]*?<td data-live="true"[^>]*>5\/11 [\s\S]*?<td data-difference="true"[^>]*>\+1 /,
    )
    expect(html).toMatch(
      /data-target-part="GV-1.1\/THCS Hai">[\s\S]*?<td data-frozen="true"[^>]*>1\/5 [\s\S]*?<td data-live="true"[^>]*>2\/5 /,
    )
    expect(await bytes(await get('truongphong', csvPath))).toEqual(csvBytes)
    expect(await bytes(await get('truongphong', xlsxPath))).toEqual(xlsxBytes)
  })

  it('lists the filed report with its plan, who filed it, the mixed-rule mark and its files', async () => {
    const html = await (await get('truongphong', '/app/reports/filed')).text()
    expect(html).toContain(`data-filed="${filedPath.split('/').pop()}"`)
    expect(html).toContain('data-mixed')
    expect(html).toContain(`href="${filedPath}.xlsx"`)
  })
})

describe('who may file and look', () => {
  it("lets the district look at a school's reports but not file for it", async () => {
    const page = await get('truongphong', `/app/reports/filed?node=${school1}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('data-not-own')
    expect(html).not.toContain('data-file-form')
    const res = await post(
      'truongphong',
      '/app/reports/file',
      { node: school1, plan: '', period: reportingPeriods(DEFAULT_CALENDAR, new Date())[0]!.id },
      '/app/reports/filed',
    )
    expect(res.status).toBe(403)
    expect(await nls.stores.plans.listFiled(school1, 10)).toEqual([])
  })

  it("keeps a district's filed report from its school's manager (404) and any from a learner (403)", async () => {
    expect((await get('hieutruong', `${filedPath}?node=${district}`)).status).toBe(404)
    expect((await get('hieutruong', `${filedPath}.csv?node=${district}`)).status).toBe(404)
    expect((await get('hieutruong', filedPath)).status).toBe(404)
    expect((await get('hocvien', '/app/reports/filed')).status).toBe(403)
    expect((await get('hocvien', `${filedPath}.csv?node=${district}`)).status).toBe(403)
  })

  it("lets a school's manager file its own report without a plan (the default calendar)", async () => {
    const page = await (await get('hieutruong', '/app/reports/filed')).text()
    // The district's plan applies to its schools too.
    expect(page).toContain(`<option value="${planId}">484/KH-UBND`)
    const first = /<select id="period" name="period"[^>]*><option value="([^"]+)"/.exec(page)?.[1]
    expect(first).toBeDefined()
    const res = await post(
      'hieutruong',
      '/app/reports/file',
      { plan: '', period: first! },
      '/app/reports/filed',
    )
    expect(res.status).toBe(303)
    const [filed] = await nls.stores.plans.listFiled(school1, 10)
    expect(filed).toMatchObject({ period: first, planCode: undefined })
  })
})
