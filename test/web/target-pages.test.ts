// The plan targets report over real HTTP on a real database: a manager sees each target of a plan
// that applies to the node met or not, with its figures per part and the schools of a lowered rule
// marked; the people still missing as pages and as one CSV; learners, nodes outside the manager's
// and plans of other nodes are refused.
import type { RunningServer } from '../../src/server/start-server.ts'
import type { LocalRole } from '../../src/store/index.ts'
import { createLocalAccount, signInLocal } from '../support/console.ts'
import { heldLevel } from '../support/levels.ts'
import { startNls } from '../support/nls-server.ts'
import { element } from '../support/app-pages.ts'

let nls: RunningServer
const cookies = new Map<string, string>()
let t: {
  city: string
  district: string
  s1: string
  s2: string
  s3: string
  other: string
  districtPlan: string
  cityPlan: string
  otherPlan: string
}

async function signIn(tenantId: string, username: string, role: LocalRole) {
  await createLocalAccount(nls, tenantId, username, role)
  cookies.set(username, await signInLocal(nls, username))
}
const get = (username: string, path: string) =>
  fetch(`${nls.url}${path}`, { headers: { cookie: cookies.get(username)! } })

const target = (
  id: string,
  positions: string[],
  more: { share: number; comparison?: string; deadline: string },
) => ({
  id,
  title: { vi: `Mục tiêu ${id}`, en: `Target ${id}` },
  group: { kind: 'staff', positions },
  components: ['1.1'],
  minLevel: 'CB',
  ...more,
})
const plan = (code: string, targets: unknown[]) => ({
  code,
  name: `Kế hoạch ${code}`,
  document: {
    code,
    name: { vi: `Kế hoạch ${code}` },
    calendar: [{ period: 'semester-1', due: '12-25' }],
    targets,
  },
})

beforeAll(async () => {
  nls = await startNls()
  const { stores } = nls
  const make = async (name: string, kind: 'organisation' | 'platform', parentId?: string) =>
    (await stores.tenants.createTenant({ kind, name, ...(parentId && { parentId }) })).id
  const city = await make('Sở GD&ĐT', 'organisation')
  const district = await make('Phòng GD&ĐT Quận 6', 'organisation', city)
  const s1 = await make('THCS Bình Tây', 'platform', district)
  const s2 = await make('TH Phú Lâm', 'platform', district)
  const s3 = await make('THPT Mạc Đĩnh Chi', 'platform', city)
  const other = await make('Phòng GD&ĐT khác', 'organisation')
  // The first school lowered the share of criteria a level needs: it is marked.
  await stores.tenants.setSettings(s1, { requiredShare: 0.8 })

  // 60 teachers in the first school, 5 of them at Cơ bản on 1.1 (one with a name a spreadsheet
  // would run as a formula); a manager with no level; 4 teachers at Cơ bản in the second school,
  // and 2 staff without a position.
  const teachers = Array.from({ length: 60 }, (_, i) => ({
    email: `gv${String(i).padStart(2, '0')}@binhtay.vn`,
    name: i === 59 ? '=HYPERLINK("http://x")' : `Giáo viên ${String(i).padStart(2, '0')}`,
    position: 'GV' as const,
    schoolLevel: 'THCS' as const,
  }))
  const s1People = await stores.roster.createPeople(s1, [
    ...teachers,
    { email: 'hieutruong@binhtay.vn', name: 'Hiệu trưởng', position: 'CBQL' },
  ])
  const s2People = await stores.roster.createPeople(s2, [
    ...['a', 'b', 'c', 'd'].map((x) => ({
      email: `${x}@phulam.vn`,
      name: `Cô ${x}`,
      position: 'GV' as const,
    })),
    { email: 'nv1@phulam.vn', name: 'Nhân sự 1' },
    { email: 'nv2@phulam.vn', name: 'Nhân sự 2' },
  ])
  const atCB = [heldLevel('TT18.PT.1.1', 'CB')]
  for (const email of teachers.slice(0, 5).map((p) => p.email)) {
    await stores.progress.saveLevels(s1, s1People.get(email)!, atCB)
  }
  for (const x of ['a', 'b', 'c', 'd']) {
    await stores.progress.saveLevels(s2, s2People.get(`${x}@phulam.vn`)!, atCB)
  }

  const saved = async (tenantId: string, p: ReturnType<typeof plan>) =>
    (await stores.plans.savePlan(tenantId, p, 'test')).plan.id
  const districtPlan = await saved(
    district,
    plan('002/KH-PGDĐT', [
      target('gv', ['GV'], { share: 0.5, comparison: 'more-than', deadline: '2099-12-25' }),
      target('cbql', ['CBQL'], { share: 1, deadline: '2020-12-25' }),
    ]),
  )
  const cityPlan = await saved(
    city,
    plan('003/KH-SGDĐT', [target('gv30', ['GV'], { share: 0.3, deadline: '2099-12-10' })]),
  )
  const otherPlan = await saved(
    other,
    plan('009/KH-KHAC', [target('x', ['GV'], { share: 0.1, deadline: '2099-01-01' })]),
  )
  t = { city, district, s1, s2, s3, other, districtPlan, cityPlan, otherPlan }

  await signIn(city, 'giamdoc', 'administrator')
  await signIn(district, 'truongphong', 'administrator')
  await signIn(s1, 'giaovien', 'learner')
}, 120_000)
afterAll(() => nls?.close())

describe('the plan targets report', () => {
  it('shows the district’s targets: figures, statuses, parts, the rule mark and the missing', async () => {
    const res = await get('truongphong', '/app/reports/targets')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('002/KH-PGDĐT')
    // "trên 50%" of 64 teachers is 33; 9 meet it; the deadline is ahead.
    const gv = element(html, 'data-target="gv"')
    expect(gv).toContain('data-status="open"')
    expect(gv).toContain('Chưa đạt — còn hạn')
    expect(gv).toContain('data-figure="9/64"')
    expect(gv).toContain('data-needed="24"')
    expect(gv).toMatch(/trên 50\s?%/)
    expect(gv).toContain('data-missing="55"')
    const s1 = element(gv, `data-part="${t.s1}"`)
    expect(s1).toContain('data-figure="5/60"')
    expect(s1).toContain('data-status="open"')
    expect(s1).toMatch(/quy tắc riêng: 80\s?% tiêu chí/)
    const s2 = element(gv, `data-part="${t.s2}"`)
    expect(s2).toContain('data-figure="4/4"')
    expect(s2).toContain('data-status="met"')
    expect(s2).not.toContain('rule-mark')
    // Rules are mixed across the district's schools.
    expect(html).toContain('data-rule-notice="mixed"')
    // The manager holds nothing, and the deadline has passed.
    const cbql = element(html, 'data-target="cbql"')
    expect(cbql).toContain('data-status="missed"')
    expect(cbql).toContain('Không đạt — quá hạn')
    expect(cbql).toContain('data-figure="0/1"')
    expect(cbql).toMatch(/≥ 100\s?%/)
    // Two staff have no position.
    expect(html).toContain('data-without-position="2"')
    expect(html).toContain('chuc_vu')
  })

  it('shows the city the plans that apply there, a part with nobody in the group, in English', async () => {
    const res = await get('giamdoc', '/app/reports/targets?lang=en')
    expect(res.status).toBe(200)
    const html = await res.text()
    // The district's plan is below the city: only the city's applies.
    expect(html).toContain('003/KH-SGDĐT')
    expect(html).not.toContain('002/KH-PGDĐT')
    const gv30 = element(html, 'data-target="gv30"')
    expect(gv30).toContain('data-figure="9/64"')
    // 30% of 64 is 19.2: 20 needed, 11 more.
    expect(gv30).toContain('data-needed="11"')
    expect(element(gv30, `data-part="${t.s3}"`)).toContain('Nobody in the group yet')
    expect(element(gv30, `data-part="${t.district}"`)).toContain('data-figure="9/64"')
    // Under the district, both its own plan and the city's apply; a link keeps the plan.
    const under = await (
      await get('giamdoc', `/app/reports/targets?node=${t.district}&plan=${t.cityPlan}`)
    ).text()
    expect(under).toContain(`<option value="${t.districtPlan}"`)
    expect(under).toContain(`<option value="${t.cityPlan}" selected`)
    expect(element(under, 'data-target="gv30"')).toContain(`data-part="${t.s1}"`)
  })

  it('shows a school its total alone, with the plans above it', async () => {
    const s2 = await (await get('truongphong', `/app/reports/targets?node=${t.s2}`)).text()
    const gv = element(s2, 'data-target="gv"')
    expect(gv).toContain('data-figure="4/4"')
    expect(gv).toContain('data-status="met"')
    expect(gv).not.toContain('data-part=')
    const s1 = await (await get('truongphong', `/app/reports/targets?node=${t.s1}`)).text()
    expect(element(s1, 'data-target="gv"')).toMatch(/quy tắc riêng: 80\s?% tiêu chí/)
    expect(s1).toContain('data-rule-notice="lowered"')
  })

  it('says so when no plan applies, with a link to import one', async () => {
    const fresh = await nls.stores.tenants.createTenant({
      kind: 'organisation',
      name: 'Phòng GD&ĐT mới',
    })
    await signIn(fresh.id, 'phongmoi', 'administrator')
    const res = await get('phongmoi', '/app/reports/targets')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('data-no-plan')
    expect(html).toContain('Chưa có kế hoạch nào áp dụng cho đơn vị này.')
    expect(html).toContain('href="/app/plans"')
  })

  it('refuses learners, nodes outside the manager’s and plans of other nodes', async () => {
    expect((await get('giaovien', '/app/reports/targets')).status).toBe(403)
    expect((await get('giaovien', missingPath({}))).status).toBe(403)
    expect((await get('truongphong', `/app/reports/targets?node=${t.s3}`)).status).toBe(404)
    expect((await get('truongphong', `/app/reports/targets?node=${t.other}`)).status).toBe(404)
    expect((await get('truongphong', `/app/reports/targets?plan=${t.otherPlan}`)).status).toBe(404)
    expect((await get('truongphong', `/app/reports/targets?plan=not-a-plan`)).status).toBe(404)
    expect((await get('truongphong', missingPath({ plan: t.otherPlan }))).status).toBe(404)
  })
})

function missingPath(q: Record<string, string>, csv = false): string {
  const query = new URLSearchParams({ plan: t.districtPlan, target: 'gv', ...q })
  return `/app/reports/targets/missing${csv ? '.csv' : ''}?${query}`
}

describe('the people still missing', () => {
  it('lists them 50 a page, by school then name', async () => {
    const first = await (await get('truongphong', missingPath({}))).text()
    expect(first).toContain('data-count="55"')
    const rows = [...first.matchAll(/<tr data-person=/g)]
    expect(rows).toHaveLength(50)
    expect(first).toContain('Giáo viên 05')
    expect(first).not.toContain('Giáo viên 04')
    expect(first).toContain('rel="next"')
    const second = await (await get('truongphong', missingPath({ page: '2' }))).text()
    expect([...second.matchAll(/<tr data-person=/g)]).toHaveLength(5)
    expect(second).toContain('Trang 2/2')
    expect(second).toContain('rel="prev"')
  })

  it('lists one part’s, and nobody where everyone meets the target', async () => {
    const s2 = await (await get('truongphong', missingPath({ part: t.s2 }))).text()
    expect(s2).toContain('data-none')
    const cbql = await (
      await get('truongphong', missingPath({ target: 'cbql', part: t.s1 }))
    ).text()
    expect(cbql).toContain('data-count="1"')
    expect(cbql).toContain('Hiệu trưởng')
    expect(cbql).toContain('cán bộ quản lý')
  })

  it('downloads the whole list as CSV, formulas escaped', async () => {
    const res = await get('truongphong', missingPath({}, true))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    const bytes = Buffer.from(await res.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n')
    expect(lines[0]).toBe('Trường,Họ tên,Email,Chức vụ,Cấp học,Tổ/đơn vị')
    expect(lines).toHaveLength(56)
    expect(lines).toContain('THCS Bình Tây,Giáo viên 05,gv05@binhtay.vn,GV,THCS,')
    expect(lines).toContain(`THCS Bình Tây,"'=HYPERLINK(""http://x"")",gv59@binhtay.vn,GV,THCS,`)
    expect(new Set(lines.slice(1).map((l) => l.split(',').at(-4))).size).toBe(55)
  })

  it('names the bad field of a query', async () => {
    const bad = async (q: Record<string, string>) => {
      const res = await get('truongphong', missingPath(q))
      return { status: res.status, body: await res.text() }
    }
    const page = await bad({ page: 'abc' })
    expect(page.status).toBe(400)
    expect(page.body).toContain('must be a page number such as 2')
    const target = await bad({ target: 'khong-co' })
    expect(target.status).toBe(400)
    expect(target.body).toContain('plan 002/KH-PGDĐT has no target khong-co')
    const part = await bad({ part: t.s3 })
    expect(part.status).toBe(400)
    expect(part.body).toContain('must be a unit directly under')
  })
})
