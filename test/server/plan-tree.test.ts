// Plans and reports over a three-level organisation tree, over real HTTP on a real database: the
// Sở over two districts, District 6 with a local school and an LTI school (a teacher on both
// rosters), District 1 with a local school that lowered its rule; staff with positions and
// school levels from the roster; levels from xAPI statements matched to tags; self-assessments.
// Every node's figures are checked, and a filed report stays as filed after new statements.
import { readFile } from 'node:fs/promises'
import { shippedCatalog } from '../../framework/index.ts'
import { importRoster } from '../../src/accounts/roster-import.ts'
import { reportingPeriods } from '../../src/plans/calendar.ts'
import { checkPlan } from '../../src/plans/check-plan.ts'
import type { FiledSnapshot } from '../../src/reports/filed-report.ts'
import { reportNode } from '../../src/server/pages/report-node.ts'
import { loadTargetsReport } from '../../src/server/pages/targets-data.ts'
import type { StoredPlan } from '../../src/store/index.ts'
import type { PageContext } from '../../src/web/page-context.ts'
import type { RosterRow } from '../../src/accounts/roster-csv.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import { createLocalAccount, signInLocal } from '../support/console.ts'
import { startNls } from '../support/nls-server.ts'
import { dueSoon, postAppForm } from '../support/app-pages.ts'

const V = { 'X-Experience-API-Version': '1.0.3', 'content-type': 'application/json' }

let nls: RunningServer
let admin: string
const cookies = new Map<string, string>()
const ids: Record<'so' | 'q6' | 'q1' | 'phuDinh' | 'macDinhChi' | 'leNgocHan', string> = {
  so: '',
  q6: '',
  q1: '',
  phuDinh: '',
  macDinhChi: '',
  leNgocHan: '',
}
/** Each school's xAPI client, as its LMS or K12Online sends with. */
const basics = new Map<string, string>()

/** The trainings, as activities each school's LMS names, and what each evidences. */
const TRAININGS = {
  hocLieuSo: ['TT18.PT.4.2.CB', 'TT18.PT.5.3.CB'],
  nangCao: ['TT18.PT.1.1.CB', 'TT18.PT.4.1.CB', 'TT18.PT.4.2.CB', 'TT18.PT.4.3.CB'],
  anToan: ['TT18.PT.4.3.CB'],
} as const
type Training = keyof typeof TRAININGS
const activityOf = (training: Training) => `https://lms.hcm.edu.vn/khoa-hoc/nls/${training}`

const staff = (
  emails: readonly string[],
  position: RosterRow['position'],
  schoolLevel: RosterRow['schoolLevel'],
): RosterRow[] =>
  emails.map((email, i) => ({
    row: i + 1,
    line: i + 2,
    email,
    name: email.split('@')[0]!,
    ...(position && { position }),
    ...(schoolLevel && { schoolLevel }),
  }))

/** Sends `who` completing a training to their school's endpoint, and lets inference run. */
async function complete(tenantId: string, who: readonly string[], training: Training) {
  const statements = who.map((email) => ({
    actor: { objectType: 'Agent', mbox: `mailto:${email}` },
    verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { vi: 'đã hoàn thành' } },
    object: {
      objectType: 'Activity',
      id: activityOf(training),
      definition: { name: { vi: `Khoá bồi dưỡng ${training}` } },
    },
    result: { completion: true },
    timestamp: new Date().toISOString(),
  }))
  const res = await fetch(`${nls.url}/xapi/statements`, {
    method: 'POST',
    headers: { ...V, authorization: basics.get(tenantId)! },
    body: JSON.stringify(statements),
  })
  if (res.status !== 200) throw new Error(`statements: ${res.status} ${await res.text()}`)
  await nls.inference.runOnce()
}

const get = (username: string, path: string) =>
  fetch(`${nls.url}${path}`, { headers: { cookie: cookies.get(username)! } })

async function manager(tenantId: string, username: string) {
  await createLocalAccount(nls, tenantId, username, 'administrator')
  cookies.set(username, await signInLocal(nls, username))
}

/** The CSV rows of a levels report export, cells split. */
async function levelRows(username: string, query: string): Promise<string[][]> {
  const res = await get(username, `/app/reports/export.csv?${query}`)
  expect(res.status).toBe(200)
  return (await res.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) => line.split(','))
}

beforeAll(async () => {
  nls = await startNls()
  const { stores } = nls
  admin = `Bearer ${(await stores.adminTokens.createToken('so-it', 'test')).secret}`
  const org = async (name: string, parentId?: string) =>
    (
      await stores.tenants.createTenant({
        kind: 'organisation',
        name,
        ...(parentId && { parentId }),
      })
    ).id
  ids.so = await org('Sở GD&ĐT TP. Hồ Chí Minh')
  ids.q6 = await org('Phòng GD&ĐT Quận 6', ids.so)
  ids.q1 = await org('Phòng GD&ĐT Quận 1', ids.so)
  ids.phuDinh = await org('THCS Phú Định', ids.q6)
  ids.leNgocHan = await org('TH Lê Ngọc Hân', ids.q1)
  // The LTI school: its Moodle's tenant, placed in District 6.
  ids.macDinhChi = (
    await stores.tenants.createTenant({
      kind: 'platform',
      name: 'THPT Mạc Đĩnh Chi (Moodle)',
      parentId: ids.q6,
    })
  ).id
  // Small schools: figures shown from groups of 2.
  for (const node of [ids.so, ids.q6, ids.q1])
    await stores.tenants.setSettings(node, { minGroupSize: 2 })
  // District 1's school requires half of a level's criteria: marked wherever it is added up.
  await stores.tenants.setSettings(ids.leNgocHan, { requiredShare: 0.5 })

  // Rosters. The teacher chung@ is on Phú Định's roster first, then on Mạc Đĩnh Chi's.
  await importRoster(stores, ids.phuDinh, [
    ...staff(['pd.ql@hcm.edu.vn'], 'CBQL', 'THCS'),
    ...staff(['pd.tt@hcm.edu.vn'], 'TTCM', 'THCS'),
    ...staff(
      ['pd.gv1@hcm.edu.vn', 'pd.gv2@hcm.edu.vn', 'pd.gv3@hcm.edu.vn', 'pd.gv4@hcm.edu.vn'],
      'GV',
      'THCS',
    ),
    ...staff(['chung@hcm.edu.vn'], 'GV', 'THCS'),
    ...staff(['pd.nv@hcm.edu.vn'], 'NV', 'THCS'),
    ...staff(['pd.x@hcm.edu.vn'], undefined, undefined),
  ])
  await importRoster(stores, ids.macDinhChi, [
    ...staff(['mdc.ql@hcm.edu.vn'], 'CBQL', 'THPT'),
    ...staff(['mdc.gv1@hcm.edu.vn', 'mdc.gv2@hcm.edu.vn', 'chung@hcm.edu.vn'], 'GV', 'THPT'),
  ])
  await importRoster(stores, ids.leNgocHan, [
    ...staff(['lnh.ql@hcm.edu.vn'], 'CBQL', 'TH'),
    ...staff(['lnh.gv1@hcm.edu.vn', 'lnh.gv2@hcm.edu.vn', 'lnh.gv3@hcm.edu.vn'], 'GV', 'TH'),
  ])

  // Each school's LMS sends statements with its own key, and tags the trainings.
  for (const school of [ids.phuDinh, ids.macDinhChi, ids.leNgocHan]) {
    const { client, secret } = await stores.xapiClients.createClient(school, 'lms', 'test')
    basics.set(school, `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`)
    for (const training of Object.keys(TRAININGS) as Training[]) {
      const res = await fetch(`${nls.url}/api/tags?tenantId=${school}`, {
        method: 'POST',
        headers: { authorization: admin, 'content-type': 'application/json' },
        body: JSON.stringify({
          activityIri: activityOf(training),
          activityName: `Khoá bồi dưỡng ${training}`,
          competencyIds: TRAININGS[training],
        }),
      })
      if (res.status !== 201) throw new Error(`tag: ${res.status} ${await res.text()}`)
    }
  }
  await complete(
    ids.phuDinh,
    ['pd.gv1@hcm.edu.vn', 'pd.gv2@hcm.edu.vn', 'chung@hcm.edu.vn'],
    'hocLieuSo',
  )
  await complete(ids.phuDinh, ['pd.ql@hcm.edu.vn'], 'nangCao')
  await complete(ids.phuDinh, ['pd.nv@hcm.edu.vn'], 'anToan')
  await complete(ids.macDinhChi, ['mdc.gv1@hcm.edu.vn'], 'hocLieuSo')
  await complete(ids.macDinhChi, ['mdc.ql@hcm.edu.vn'], 'nangCao')
  await complete(ids.leNgocHan, ['lnh.gv1@hcm.edu.vn'], 'anToan')

  await manager(ids.so, 'so.truongphong')
  await manager(ids.q6, 'q6.truongphong')
  await manager(ids.q1, 'q1.truongphong')
  await manager(ids.phuDinh, 'pd.hieutruong')
}, 180_000)
afterAll(() => nls?.close())

describe('the levels report at each node of the tree', () => {
  it("the Sở's rows are its districts, each person once; District 1's lowered rule is marked", async () => {
    const rows = await levelRows('so.truongphong', 'audience=TT18.PT')
    const every = rows.filter((r) => r[2] === 'Đạt từ Cơ bản ở mọi thành phần')
    // District 6: 9 at Phú Định and 3 more at Mạc Đĩnh Chi (chung@ once); District 1: 4.
    expect(every.map((r) => [r[0], r[3]])).toEqual([
      ['Phòng GD&ĐT Quận 1', '4'],
      ['Phòng GD&ĐT Quận 6', '12'],
      ['Tổng', '16'],
    ])
    const page = await (await get('so.truongphong', '/app/reports?audience=TT18.PT')).text()
    expect(page).toContain('data-rule-notice="mixed"')
    expect(page).toContain('data-lowered-school="TH Lê Ngọc Hân"')
    expect(page).toMatch(/<tr data-unit="Phòng GD&amp;ĐT Quận 1" data-lowered-rule>/)
    expect(page).toMatch(/<tr data-unit="Phòng GD&amp;ĐT Quận 6">/)
  })

  it("a district's rows are its schools; the Sở's manager opens it, its own manager too", async () => {
    const fromSo = await levelRows('so.truongphong', `audience=TT18.PT&node=${ids.q6}`)
    const fromQ6 = await levelRows('q6.truongphong', 'audience=TT18.PT')
    const staffOf = (rows: string[][]) =>
      rows.filter((r) => r[2] === 'Đạt từ Cơ bản ở mọi thành phần').map((r) => [r[0], r[3]])
    expect(staffOf(fromSo)).toEqual([
      ['THCS Phú Định', '9'],
      ['THPT Mạc Đĩnh Chi (Moodle)', '4'],
      ['Tổng', '12'],
    ])
    expect(staffOf(fromQ6)).toEqual(staffOf(fromSo))
    // One rule in District 6: no notice.
    const page = await (await get('q6.truongphong', '/app/reports')).text()
    expect(page).not.toContain('data-rule-notice')
  })

  it('refuses a node outside the manager’s (404), and a school’s manager the district (404)', async () => {
    expect((await get('q1.truongphong', `/app/reports?node=${ids.q6}`)).status).toBe(404)
    expect((await get('pd.hieutruong', `/app/reports?node=${ids.q6}`)).status).toBe(404)
    expect((await get('q6.truongphong', `/app/reports?node=${ids.so}`)).status).toBe(404)
    expect((await get('q6.truongphong', `/app/reports?node=${ids.phuDinh}`)).status).toBe(200)
    // An id that names no tenant, or is no id at all, is not found either.
    expect((await get('q6.truongphong', '/app/reports?node=not-a-node')).status).toBe(404)
    const unknown = '00000000-0000-4000-8000-000000000000'
    expect((await get('q6.truongphong', `/app/reports?node=${unknown}`)).status).toBe(404)
  })
})

/** A plan of the shipped examples, stored as imported at a node. */
async function importExample(tenantId: string, file: string): Promise<StoredPlan> {
  const text = await readFile(new URL(`../../plans/examples/${file}`, import.meta.url), 'utf8')
  const checked = checkPlan(JSON.parse(text), shippedCatalog())
  if (!('plan' in checked)) throw new Error(JSON.stringify(checked.problems))
  const { plan } = checked
  return (
    await nls.stores.plans.savePlan(
      tenantId,
      { code: plan.code, name: plan.name.vi, document: plan },
      'test',
    )
  ).plan
}

/** A plan's targets at a node, as the manager of `managerOf` opens it: figures and statuses. */
async function targetsAt(managerOf: string, nodeId: string, plan: StoredPlan) {
  const page = { session: { role: 'administrator', tenantId: managerOf } } as unknown as PageContext
  const node = await reportNode(nls.stores, page, nodeId)
  const report = await loadTargetsReport(nls.stores, {
    catalog: shippedCatalog(),
    node,
    plan,
    at: new Date(),
  })
  const figures = new Map(
    report.targets.map((t) => [
      t.target.id,
      {
        total: [t.total.met, t.total.group, t.status],
        parts: Object.fromEntries(
          t.parts.map((p) => [p.node.name, [p.figure.met, p.figure.group, p.status]]),
        ),
      },
    ]),
  )
  return { report, figures }
}

describe("the plans' targets at each node", () => {
  it("District 6's plan (002) at District 6: a teacher on two rosters counted once", async () => {
    const plan = await importExample(ids.q6, '484-KH-UBND-quan-6.json')
    const { figures, report } = await targetsAt(ids.q6, ids.q6, plan)
    // Digital learning materials, more than 50% of teachers: 3 of Phú Định's 5; 1 of Mạc Đĩnh
    // Chi's 3 (chung@ there has no level); District 6 counts chung@ once, with Phú Định: 4 of 7.
    expect(figures.get('hoc-lieu-so')).toEqual({
      total: [4, 7, 'met'],
      parts: {
        'THCS Phú Định': [3, 5, 'met'],
        'THPT Mạc Đĩnh Chi (Moodle)': [1, 3, 'missed'],
      },
    })
    // Teachers and managers on 1.1, 4.1, 4.2 and 4.3: the two managers who took the course.
    expect(figures.get('nang-cao-nls')).toEqual({
      total: [2, 9, 'missed'],
      parts: {
        'THCS Phú Định': [1, 6, 'missed'],
        'THPT Mạc Đĩnh Chi (Moodle)': [1, 4, 'missed'],
      },
    })
    expect(report.rule.mixed).toBe(false)
    // The school's manager sees the district's plan at the school.
    const atSchool = await targetsAt(ids.phuDinh, ids.phuDinh, plan)
    expect(atSchool.figures.get('hoc-lieu-so')).toEqual({ total: [3, 5, 'met'], parts: {} })
    await expect(nls.stores.targets.withoutPosition([ids.phuDinh])).resolves.toBe(1)
  })

  it("the city's scheme (003) at the Sở, its districts and a school; the lowered rule is said", async () => {
    const plan = await importExample(ids.so, 'de-an-hcm-2022-2025.json')
    const { figures, report } = await targetsAt(ids.so, ids.so, plan)
    const q1 = 'Phòng GD&ĐT Quận 1'
    const q6 = 'Phòng GD&ĐT Quận 6'
    // Managers and staff on safety (4.3): the two managers by the advanced course, the staff
    // member by the safety course; District 1's manager has none.
    expect(figures.get('an-toan-thong-tin')).toEqual({
      total: [3, 4, 'missed'],
      parts: { [q1]: [0, 1, 'missed'], [q6]: [3, 3, 'met'] },
    })
    // 30% of lower- and upper-secondary teachers: District 1's primary teachers are not in it.
    expect(figures.get('hoc-lieu-so-gv')).toEqual({
      total: [4, 7, 'met'],
      parts: { [q1]: [0, 0, 'empty'], [q6]: [4, 7, 'met'] },
    })
    expect(figures.get('du-lieu-so')).toEqual({
      total: [2, 5, 'missed'],
      parts: { [q1]: [0, 1, 'missed'], [q6]: [2, 4, 'missed'] },
    })
    expect(figures.get('ai-gv')).toEqual({
      total: [0, 10, 'missed'],
      parts: { [q1]: [0, 3, 'missed'], [q6]: [0, 7, 'missed'] },
    })
    // By 2030: still open.
    expect(figures.get('hoc-lieu-so-2030')).toEqual({
      total: [4, 13, 'open'],
      parts: { [q1]: [0, 4, 'open'], [q6]: [4, 9, 'open'] },
    })
    expect(report.rule.mixed).toBe(true)
    expect(report.rule.lowered.map((s) => s.name)).toEqual(['TH Lê Ngọc Hân'])
    const parts = report.targets[0]!.parts
    expect(parts.map((p) => [p.node.name, p.rule.lowered.length])).toEqual([
      [q1, 1],
      [q6, 0],
    ])
    // The Sở's plan applies below it: District 6's manager sees it at District 6.
    const atQ6 = await targetsAt(ids.q6, ids.q6, plan)
    expect(atQ6.figures.get('an-toan-thong-tin')?.total).toEqual([3, 3, 'met'])
  })
})

/** Posts a form of /app as `username`, with the session token the page at `from` carries. */
const post = (username: string, path: string, fields: Record<string, string>, from: string) =>
  postAppForm(nls.url, cookies.get(username)!, path, fields, from)

describe('a filed semester report', () => {
  it('keeps its figures and files after new statements; the live figures move', async () => {
    // District 6's plan, its semester dates moved to 20 days from now so that a semester report
    // is due whatever the day the test runs.
    const text = await readFile(
      new URL('../../plans/examples/484-KH-UBND-quan-6.json', import.meta.url),
      'utf8',
    )
    const document = {
      ...(JSON.parse(text) as object),
      calendar: [
        { period: 'semester-1', due: dueSoon() },
        { period: 'semester-2', due: dueSoon() },
      ],
    }
    const checked = checkPlan(document, shippedCatalog())
    if (!('plan' in checked)) throw new Error(JSON.stringify(checked.problems))
    const plan = (
      await nls.stores.plans.savePlan(
        ids.q6,
        { code: checked.plan.code, name: checked.plan.name.vi, document: checked.plan },
        'test',
      )
    ).plan
    const period = reportingPeriods(checked.plan.calendar, new Date()).find(
      (p) => p.due > new Date(),
    )!
    const filed = await post(
      'q6.truongphong',
      '/app/reports/file',
      { plan: plan.id, period: period.id },
      `/app/reports/filed?plan=${plan.id}`,
    )
    expect(filed.status).toBe(303)
    const path = new URL(filed.headers.get('location')!, nls.url).pathname
    const id = path.split('/').pop()!
    const frozen = async () => {
      const whole = await nls.stores.plans.getFiled(ids.q6, id)
      const snapshot = whole!.snapshot as FiledSnapshot
      return new Map(
        snapshot.plan!.targets.map((t) => [
          t.target.id,
          [
            [t.total.met, t.total.group, t.status],
            ...t.parts.map((p) => [p.node.name, p.figure.met, p.figure.group]),
          ],
        ]),
      )
    }
    const before = await frozen()
    expect(before.get('hoc-lieu-so')).toEqual([
      [4, 7, 'met'],
      ['THCS Phú Định', 3, 5],
      ['THPT Mạc Đĩnh Chi (Moodle)', 1, 3],
    ])
    expect(before.get('nang-cao-nls')?.[0]).toEqual([2, 9, 'missed'])
    const files = async () => [
      Buffer.from(await (await get('q6.truongphong', `${path}.csv`)).arrayBuffer()),
      Buffer.from(await (await get('q6.truongphong', `${path}.xlsx`)).arrayBuffer()),
    ]
    const [csv, xlsx] = await files()
    expect(csv!.toString('utf8')).toContain('Phòng GD&ĐT Quận 6')

    // Another teacher of Mạc Đĩnh Chi takes the course: the live figure moves, the filed one stays.
    await complete(ids.macDinhChi, ['mdc.gv2@hcm.edu.vn'], 'hocLieuSo')
    const live = await targetsAt(ids.q6, ids.q6, plan)
    expect(live.figures.get('hoc-lieu-so')?.total).toEqual([5, 7, 'met'])
    expect(await frozen()).toEqual(before)
    const [csvAgain, xlsxAgain] = await files()
    expect(csvAgain!.equals(csv!)).toBe(true)
    expect(xlsxAgain!.equals(xlsx!)).toBe(true)
    const view = await (await get('q6.truongphong', path)).text()
    expect(view).toMatch(/data-target="hoc-lieu-so">[\s\S]*?<td data-frozen="true"[^>]*>4\/7 /)

    // The Sở sees District 6's filed report, and may not file for it.
    expect((await get('so.truongphong', `${path}?node=${ids.q6}`)).status).toBe(200)
    const forQ6 = await post(
      'so.truongphong',
      '/app/reports/file',
      { node: ids.q6, plan: plan.id, period: period.id },
      '/app/reports/filed',
    )
    expect(forQ6.status).toBe(403)
    // District 1 does not see it.
    expect((await get('q1.truongphong', `${path}?node=${ids.q6}`)).status).toBe(404)
  })
})

describe("District 6's training needs", () => {
  it('puts self-assessments beside the evidence, against the plan’s target for teachers', async () => {
    const person = async (tenantId: string, email: string) =>
      (await nls.stores.people.findPersonByIdentity(tenantId, {
        kind: 'mbox',
        mbox: `mailto:${email}`,
      }))!.id
    // One teacher thinks they are at Thành thạo on 4.2 (the evidence says Cơ bản), one at Cơ
    // bản (no evidence yet); the first one's earlier answer gives way to the newer one.
    const gv1 = await person(ids.phuDinh, 'pd.gv1@hcm.edu.vn')
    const gv3 = await person(ids.phuDinh, 'pd.gv3@hcm.edu.vn')
    await nls.stores.progress.addSelfAssessment(ids.phuDinh, gv1, {
      componentId: 'TT18.PT.4.2',
      level: null,
    })
    await nls.stores.progress.addSelfAssessment(ids.phuDinh, gv1, {
      componentId: 'TT18.PT.4.2',
      level: 'TT',
    })
    await nls.stores.progress.addSelfAssessment(ids.phuDinh, gv3, {
      componentId: 'TT18.PT.4.2',
      level: 'CB',
    })
    const plan = (await nls.stores.plans.listPlans([ids.q6])).find((p) => p.code === '484/KH-UBND')!
    const res = await get('q6.truongphong', `/app/reports/needs.csv?plan=${plan.id}`)
    expect(res.status).toBe(200)
    const [header, ...rows] = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((line) => line.split(','))
    const row = rows.find((r) => r[1] === 'GV' && r[3] === 'TT18.PT.4.2')!
    const cell = (name: string) => row[header!.indexOf(name)]
    // Seven teachers in District 6 (chung@ once); five hold Cơ bản on 4.2 by evidence (Mạc Đĩnh
    // Chi's second teacher took the course after the report was filed): two below the target.
    expect([
      cell('Mục tiêu'),
      cell('Số người'),
      cell('Dưới mục tiêu (minh chứng)'),
      cell('Đã tự đánh giá'),
      cell('Dưới mục tiêu (tự đánh giá)'),
      cell('Tự đánh giá cao hơn minh chứng'),
      cell('Tự đánh giá thấp hơn minh chứng'),
    ]).toEqual(['Cơ bản', '7', '2', '2', '0', '2', '0'])
  })
})
