// Plans as data over real HTTP on a real database: a district imports its plan (JSON, or CSV with
// the form's code, name and calendar), a file with a bad row is refused whole with the problem
// named, a plan of the same code replaces the old one, the city's plan shows under the district,
// and learners, nodes outside the manager's and schools connected through an LMS are refused.
import { readFileSync } from 'node:fs'
import { SESSION_COOKIE } from '../../src/server/api-caller.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import { accountBrowser, type ConsoleBrowser } from '../support/console.ts'
import { startNls } from '../support/nls-server.ts'

const example = (file: string) =>
  readFileSync(new URL(`../../plans/examples/${file}`, import.meta.url), 'utf8')
const D6_CODE = '484/KH-UBND'
const CITY_CODE = 'DA-CDS-GD-HCM-2022-2025'

let nls: RunningServer
let city: string
let district: string
let school: string
let elsewhere: string
let cityManager: ConsoleBrowser
let manager: ConsoleBrowser
let learner: ConsoleBrowser

beforeAll(async () => {
  nls = await startNls()
  const { tenants } = nls.stores
  city = (await tenants.createTenant({ kind: 'organisation', name: 'Sở GD&ĐT TP.HCM' })).id
  district = (
    await tenants.createTenant({ kind: 'organisation', name: 'Phòng GD&ĐT Quận 6', parentId: city })
  ).id
  school = (
    await tenants.createTenant({ kind: 'platform', name: 'THCS Bình Tây', parentId: district })
  ).id
  elsewhere = (await tenants.createTenant({ kind: 'organisation', name: 'Phòng GD&ĐT Quận 1' })).id
  cityManager = await accountBrowser(nls, city, 'so.quanly', 'administrator')
  manager = await accountBrowser(nls, district, 'phong.quanly', 'administrator')
  learner = await accountBrowser(nls, district, 'gv.an', 'learner')
}, 60_000)
afterAll(() => nls?.close())

/** The session token a browser's pages put in their forms. */
const sessionOf = (b: ConsoleBrowser) => new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(b.cookie)![1]!

/** The import form as the browser posts it: multipart, the session a field. */
function upload(
  b: ConsoleBrowser,
  file: { name: string; text: string },
  fields: Record<string, string | readonly string[]> = {},
  query = '',
) {
  const form = new FormData()
  form.append('session', sessionOf(b))
  for (const [name, value] of Object.entries(fields))
    for (const v of [value].flat()) form.append(name, v)
  form.append('file', new Blob([file.text]), file.name)
  return fetch(`${nls.url}/app/plans${query}`, {
    method: 'POST',
    body: form,
    headers: { cookie: b.cookie },
    redirect: 'manual',
  })
}

const post = (b: ConsoleBrowser, path: string) =>
  fetch(`${nls.url}${path}`, {
    method: 'POST',
    body: new URLSearchParams({ session: sessionOf(b) }),
    headers: { cookie: b.cookie },
    redirect: 'manual',
  })

/** The HTML of the section of the plan with this code. */
function section(html: string, code: string): string {
  const at = html.indexOf(`data-plan="${code}"`)
  if (at < 0) return ''
  return html.slice(at, html.indexOf('</section>', at))
}

const CSV_FIELDS = {
  code: D6_CODE,
  name: 'Kế hoạch trường học số Quận 6',
  calendar: ['semester-1', 'semester-2'],
  'due-semester-1': '12-25',
  'due-semester-2': '05-10',
}

describe('the plans page', () => {
  it('imports a district’s JSON plan and shows its targets and calendar in words', async () => {
    const res = await upload(manager, {
      name: '484-KH-UBND-quan-6.json',
      text: example('484-KH-UBND-quan-6.json'),
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/app/plans?imported=484%2FKH-UBND')
    const page = await (await manager.get(res.headers.get('location')!)).text()
    expect(page).toContain('Đã nhập kế hoạch 484/KH-UBND.')
    const plan = section(page, D6_CODE)
    expect(plan).toContain('Kế hoạch của đơn vị này')
    expect(plan).toContain('Học kỳ I — trước 25/12; Học kỳ II — trước 10/05')
    expect(plan).toContain('<tr data-target="nang-cao-nls">')
    expect(plan).toContain('Giáo viên, Cán bộ quản lý')
    expect(plan).toContain('trên 50')
    expect(plan).toContain('31/12/2025')
    expect(plan).toMatch(/data-component="4\.2">4\.2 \S/)
    expect(plan).toContain('Xoá kế hoạch')
  })

  it('refuses a CSV with a bad row whole, naming row and column, keeping what was typed', async () => {
    const text =
      'ma,muc_tieu,chuc_vu,thanh_phan,muc_toi_thieu,ty_le,han\n' +
      'a,Một,GV,4.2,CB,30%,31/12/2025\n' +
      'b,Hai,GV,4.2,CB,nửa số,31/12/2025\n'
    const res = await upload(
      manager,
      { name: 'ke-hoach.csv', text },
      {
        ...CSV_FIELDS,
        code: 'KH-MOI',
      },
    )
    expect(res.status).toBe(400)
    const page = await res.text()
    expect(page).toContain('Không nhập được kế hoạch: 1 lỗi. Chưa lưu gì.')
    expect(page).toContain(
      'Hàng 2 (dòng 3), cột ty_le: &quot;nửa số&quot; không phải tỷ lệ: lớn hơn 0 và tối đa 100%',
    )
    expect(page).toContain('value="KH-MOI"')
    const plans = await nls.stores.plans.listPlans([district])
    expect(plans.map((p) => p.code)).toEqual([D6_CODE])
  })

  it('refuses a CSV whose form fields are missing, at the field', async () => {
    const res = await upload(manager, {
      name: '484-KH-UBND-quan-6.csv',
      text: example('484-KH-UBND-quan-6.csv'),
    })
    expect(res.status).toBe(400)
    const page = await res.text()
    expect(page).toContain('data-problem="code"')
    expect(page).toContain('data-problem="calendar"')
  })

  it('replaces a plan imported again with the same code (here from CSV)', async () => {
    const twoRows = example('484-KH-UBND-quan-6.csv')
    const oneRow = twoRows.split('\n').slice(0, 2).join('\n')
    const res = await upload(manager, { name: 'kh.csv', text: oneRow }, CSV_FIELDS)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/app/plans?replaced=484%2FKH-UBND')
    const plans = await nls.stores.plans.listPlans([district])
    expect(plans).toHaveLength(1)
    expect(plans[0]).toMatchObject({ code: D6_CODE, name: CSV_FIELDS.name })
    expect((plans[0]!.document as { targets: unknown[] }).targets).toHaveLength(1)
    const page = await (await manager.get(`${res.headers.get('location')}&lang=en`)).text()
    expect(page).toContain('Plan 484/KH-UBND replaced by the one just imported.')
    expect(section(page, D6_CODE)).toContain('Semester 1 — by 25/12')
  })

  it('shows the city’s plan under the district, read-only there', async () => {
    const res = await upload(cityManager, {
      name: 'de-an.json',
      text: example('de-an-hcm-2022-2025.json'),
    })
    expect(res.status).toBe(303)
    const fromCity = await (await cityManager.get(`/app/plans?node=${district}`)).text()
    expect(section(fromCity, D6_CODE)).toContain('Kế hoạch của đơn vị này')
    expect(section(fromCity, CITY_CODE)).toContain('Kế hoạch của cấp trên (Sở GD&amp;ĐT TP.HCM)')
    const page = await (await manager.get('/app/plans')).text()
    const cityPlan = section(page, CITY_CODE)
    expect(cityPlan).toContain('chỉ xem')
    expect(cityPlan).toContain('Giáo viên (cấp THCS, THPT)')
    expect(cityPlan).not.toContain('Xoá kế hoạch')
    // Its own first, then the one from above.
    expect(page.indexOf(`data-plan="${D6_CODE}"`)).toBeLessThan(
      page.indexOf(`data-plan="${CITY_CODE}"`),
    )
  })

  it('deletes the node’s own plan only', async () => {
    const [cityPlan] = await nls.stores.plans.listPlans([city])
    expect((await post(manager, `/app/plans/${cityPlan!.id}/delete`)).status).toBe(404)
    expect(await nls.stores.plans.listPlans([city])).toHaveLength(1)
    const [own] = await nls.stores.plans.listPlans([district])
    const res = await post(manager, `/app/plans/${own!.id}/delete`)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/app/plans?deleted=484%2FKH-UBND')
    expect(await nls.stores.plans.listPlans([district])).toEqual([])
  })

  it('refuses a learner, and a node outside the manager’s', async () => {
    expect((await learner.get('/app/plans')).status).toBe(403)
    const json = { name: 'p.json', text: example('484-KH-UBND-quan-6.json') }
    expect((await upload(learner, json)).status).toBe(403)
    for (const node of [city, elsewhere]) {
      expect((await manager.get(`/app/plans?node=${node}`)).status).toBe(404)
      expect((await upload(manager, json, { node })).status).toBe(404)
    }
    expect(await nls.stores.plans.listPlans([city, district, elsewhere])).toHaveLength(1)
  })

  it('shows a school connected through its LMS the plans from above, and refuses it one', async () => {
    const page = await (await manager.get(`/app/plans?node=${school}`)).text()
    expect(section(page, CITY_CODE)).toContain('chỉ xem')
    expect(page).toContain('data-not-organisation')
    expect(page).not.toContain('data-plan-upload')
    const json = { name: 'p.json', text: example('484-KH-UBND-quan-6.json') }
    const res = await upload(manager, json, {}, `?node=${school}`)
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('THCS Bình Tây là trường kết nối qua LMS')
    expect(await nls.stores.plans.listPlans([school])).toEqual([])
    // The school's own manager: the same, on their own page.
    const principal = await accountBrowser(nls, school, 'hieu.truong', 'administrator')
    const own = await (await principal.get('/app/plans')).text()
    expect(section(own, CITY_CODE)).toContain('Kế hoạch của cấp trên (Sở GD&amp;ĐT TP.HCM)')
    expect(own).not.toContain('data-plan-upload')
    expect((await upload(principal, json)).status).toBe(400)
  })

  it('gives the shipped examples, and no other file', async () => {
    const res = await manager.get('/app/plans/examples/de-an-hcm-2022-2025.csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(await res.text()).toBe(example('de-an-hcm-2022-2025.csv'))
    expect((await manager.get('/app/plans/examples/..%2F..%2Fpackage.json')).status).toBe(400)
    expect((await learner.get('/app/plans/examples/de-an-hcm-2022-2025.csv')).status).toBe(403)
  })
})
