// The managers' training-needs analysis over real HTTP on a real database: per staff group and
// component the share below target (Cơ bản, or a plan's), the ranking of needs, self-assessment
// beside evidence, small groups hidden, narrowed to a part, the CSV; refused to a learner (403)
// and for a node outside the manager's (404).
import { shippedCatalog } from '../../framework/index.ts'
import type { RosterRow } from '../../src/accounts/roster-csv.ts'
import { importRoster } from '../../src/accounts/roster-import.ts'
import { Plan } from '../../src/plans/plan.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import { createLocalAccount, signInLocal } from '../support/console.ts'
import { heldLevel } from '../support/levels.ts'
import { startNls } from '../support/nls-server.ts'

const components = shippedCatalog()
  .components('TT18.PT')
  .map((c) => c.id)

let nls: RunningServer
let schoolB: string
let outside: string
let planId: string
const cookies = new Map<string, string>()

const rows = (emails: readonly string[], more: Partial<RosterRow> = {}): RosterRow[] =>
  emails.map((email, i) => ({ row: i + 1, line: i + 2, email, name: email, ...more }))
const get = (username: string, path: string) =>
  fetch(`${nls.url}${path}`, { headers: { cookie: cookies.get(username)! } })
/** The text of a heat-map cell: the share, then the numbers. */
const cellOf = (html: string, componentId: string, group: string) => {
  const row = new RegExp(`<tr data-component="${componentId}">(.*?)</tr>`, 's').exec(html)?.[1]
  return new RegExp(`<td[^>]* data-group="${group}"[^>]*>(.*?)</td>`, 's')
    .exec(row ?? '')?.[1]
    ?.replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

beforeAll(async () => {
  nls = await startNls()
  const { stores } = nls
  const district = (
    await stores.tenants.createTenant({ kind: 'organisation', name: 'Phòng GD&ĐT Quận 6' })
  ).id
  const schoolA = (
    await stores.tenants.createTenant({ kind: 'platform', name: 'THCS A', parentId: district })
  ).id
  schoolB = (
    await stores.tenants.createTenant({ kind: 'organisation', name: 'THCS B', parentId: district })
  ).id
  outside = (await stores.tenants.createTenant({ kind: 'organisation', name: 'Phòng Quận 5' })).id

  // School A: six teachers; B: two heads of department and the first teacher again (counted in
  // A, which had them first).
  const teachers = Array.from({ length: 6 }, (_, i) => `gv${i + 1}@a.edu.vn`)
  await importRoster(stores, schoolA, rows(teachers, { position: 'GV' }))
  await importRoster(stores, schoolB, rows(['tt1@b.edu.vn', 'tt2@b.edu.vn'], { position: 'TTCM' }))
  await importRoster(stores, schoolB, rows(['gv1@a.edu.vn'], { position: 'GV' }))
  const personOf = async (tenantId: string, email: string) =>
    (await stores.people.findPersonByIdentity(tenantId, { kind: 'mbox', mbox: `mailto:${email}` }))!
      .id
  // Evidence: gv1–gv3 at Cơ bản everywhere, gv4 at Thành thạo on 1.1 only.
  for (const email of teachers.slice(0, 3)) {
    await stores.progress.saveLevels(
      schoolA,
      await personOf(schoolA, email),
      components.map((c) => heldLevel(c, 'CB')),
    )
  }
  const gv4 = await personOf(schoolA, 'gv4@a.edu.vn')
  await stores.progress.saveLevels(schoolA, gv4, [heldLevel('TT18.PT.1.1', 'TT')])
  // gv5 first rated 1.1 at no level, then at Thành thạo (the newer stands): higher than evidence.
  const gv5 = await personOf(schoolA, 'gv5@a.edu.vn')
  for (const level of [null, 'TT']) {
    await stores.progress.addSelfAssessment(schoolA, gv5, {
      componentId: 'TT18.PT.1.1',
      level,
      criteria: [],
    })
  }
  // The district's plan aims teachers at Thành thạo on 1.1.
  const plan = Plan.parse({
    code: '484/KH-UBND',
    name: { vi: 'Kế hoạch chuyển đổi số' },
    calendar: [{ period: 'semester-1', due: '12-25' }],
    targets: [
      {
        id: 'gv-1.1',
        title: { vi: 'Giáo viên thành thạo 1.1' },
        group: { kind: 'staff', positions: ['GV'] },
        components: ['1.1'],
        minLevel: 'TT',
        share: 0.5,
        deadline: '2026-12-31',
      },
    ],
  })
  planId = (
    await stores.plans.savePlan(
      district,
      { code: plan.code, name: plan.name.vi, document: plan },
      'test',
    )
  ).plan.id

  await createLocalAccount(nls, district, 'truongphong', 'administrator')
  cookies.set('truongphong', await signInLocal(nls, 'truongphong'))
  await createLocalAccount(nls, schoolA, 'giaovien', 'learner')
  cookies.set('giaovien', await signInLocal(nls, 'giaovien'))
}, 120_000)
afterAll(() => nls?.close())

describe("a district's training-needs analysis", () => {
  it('shows per group and component the share below Cơ bản by evidence, saying so', async () => {
    const res = await get('truongphong', '/app/reports/needs')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Phân tích nhu cầu bồi dưỡng')
    expect(html).toContain('data-targets="default"')
    expect(html).toContain('Mục tiêu: Cơ bản ở mọi thành phần — mức mọi giáo viên cần có')
    // Six teachers, the shared one once: 1.1 has four at Cơ bản or above, 1.2 three.
    expect(cellOf(html, 'TT18.PT.1.1', 'GV')).toMatch(/^33\s?% 2\/6$/)
    expect(cellOf(html, 'TT18.PT.1.2', 'GV')).toMatch(/^50\s?% 3\/6$/)
    // Two heads of department: under the smallest group shown (5), no figures.
    expect(html).toContain('nhóm dưới 5 người')
    expect(cellOf(html, 'TT18.PT.1.1', 'TTCM')).toBe('—')
    expect(html).not.toMatch(/data-priorities="TTCM"[^]*?data-priority=/)
    // Courses first where most are below: 1.2 and the rest (3 of 6) before 1.1 (2 of 6); gv5's
    // self-assessment above the evidence is said beside it.
    const priorities = /<section data-priorities="GV"(.*?)<\/section>/s.exec(html)![1]!
    const ranked = [...priorities.matchAll(/data-priority="([^"]+)"/g)].map((m) => m[1])
    expect(ranked).toHaveLength(5)
    expect(ranked).not.toContain('TT18.PT.1.1')
    expect(ranked[0]).toBe('TT18.PT.1.2')
    expect(priorities).toContain('3/6 dưới mục tiêu')
  })

  it("follows a plan's targets: teachers aimed at Thành thạo on 1.1", async () => {
    const html = await (await get('truongphong', `/app/reports/needs?plan=${planId}`)).text()
    expect(html).toContain('data-targets="plan"')
    expect(html).toContain('Mục tiêu theo kế hoạch 484/KH-UBND')
    expect(cellOf(html, 'TT18.PT.1.1', 'GV')).toMatch(/^83\s?% 5\/6 mục tiêu Thành thạo$/)
    expect(cellOf(html, 'TT18.PT.1.2', 'GV')).toMatch(/^50\s?% 3\/6$/)
    const gv = /<section data-priorities="GV"(.*?)<\/section>/s.exec(html)![1]!
    const first = /<li data-priority="TT18.PT.1.1"(.*?)<\/li>/s.exec(gv)![1]!
    expect(gv.indexOf('data-priority="TT18.PT.1.1"')).toBe(gv.indexOf('data-priority='))
    // By their own view: gv5 alone assessed 1.1, at Thành thạo; higher than the evidence.
    expect(first).toContain('5/6 dưới mục tiêu')
    expect(first).toContain('0/1 dưới mục tiêu')
    expect(first).toContain('Tự đánh giá cao hơn minh chứng: 1')
  })

  it('narrows to one part: school B counts the shared teacher there, every group hidden', async () => {
    const html = await (await get('truongphong', `/app/reports/needs?part=${schoolB}`)).text()
    expect(html).toContain(`<option value="${schoolB}" selected>THCS B</option>`)
    expect(cellOf(html, 'TT18.PT.1.1', 'GV')).toBe('—')
    expect(cellOf(html, 'TT18.PT.1.1', 'TTCM')).toBe('—')
  })

  it('exports the whole analysis as CSV', async () => {
    const res = await get('truongphong', `/app/reports/needs.csv?plan=${planId}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    const csv = Buffer.from(await res.arrayBuffer()).toString('utf8')
    expect(
      csv.startsWith('\uFEFFNhóm,Chức vụ,Thành phần,Mã thành phần,Tên thành phần,Mục tiêu'),
    ).toBe(true)
    const lines = csv.split('\r\n')
    const line = lines.find((l) => l.startsWith('Giáo viên,GV,1.1,TT18.PT.1.1,'))!
    // Target, staff, below, share, assessed, below by self, higher, lower, mean gap, then the
    // evidenced mix (none, CB, TT, NC) and the self mix.
    expect(line).toMatch(/,Thành thạo,6,5,83\.3,1,0,1,0,1\.17,2,3,1,0,0,0,1,0$/)
    expect(lines).toContain('Tổ trưởng chuyên môn,TTCM,,,nhóm dưới 5 người')
    expect(lines.filter((l) => l.startsWith('Giáo viên,GV,'))).toHaveLength(components.length)
  })

  it('refuses a bad table, plan or part, naming the field', async () => {
    for (const [query, field] of [
      ['audience=TT18.XX', 'audience'],
      ['plan=00000000-0000-0000-0000-000000000000', 'plan'],
      [`part=${outside}`, 'part'],
    ] as const) {
      const res = await get('truongphong', `/app/reports/needs?${query}`)
      expect(res.status).toBe(400)
      expect(await res.text()).toContain(field)
    }
  })

  it('is refused to a learner (403) and for a node outside the manager’s (404)', async () => {
    expect((await get('giaovien', '/app/reports/needs')).status).toBe(403)
    expect((await get('giaovien', '/app/reports/needs.csv')).status).toBe(403)
    expect((await get('truongphong', `/app/reports/needs?node=${outside}`)).status).toBe(404)
    expect((await get('truongphong', `/app/reports/needs.csv?node=${outside}`)).status).toBe(404)
    expect((await get('truongphong', `/app/reports/needs?node=${schoolB}`)).status).toBe(200)
  })
})
