// The learners' report and the pupils' plan targets over real HTTP on a real database: Long Biên
// ward over a primary school (grade 3) and a lower-secondary school (grade 7, three classes, one
// of a single pupil); TT02 tags and xAPI statements for exposure, levels saved for attainment;
// the Long Biên plan imported. Every figure is checked against what was sent; the ward's
// exports carry no pupil's name; a teacher is refused (403), a node outside the manager's is
// not found (404).
import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { shippedCatalog } from '../../framework/index.ts'
import { importRoster } from '../../src/accounts/roster-import.ts'
import { periodOf } from '../../src/plans/calendar.ts'
import { checkPlan } from '../../src/plans/check-plan.ts'
import { schoolYearOf } from '../../src/reports/semester.ts'
import { snapshotOf } from '../../src/server/pages/filing-data.ts'
import { reportNode } from '../../src/server/pages/report-node.ts'
import { loadTargetsReport } from '../../src/server/pages/targets-data.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import type { StoredPlan } from '../../src/store/index.ts'
import type { PageContext } from '../../src/web/page-context.ts'
import { createLocalAccount, signInLocal } from '../support/console.ts'
import { heldLevel } from '../support/levels.ts'
import { startNls } from '../support/nls-server.ts'

const V = { 'X-Experience-API-Version': '1.0.3', 'content-type': 'application/json' }
const LMS = 'https://lms.longbien.edu.vn'
const catalog = shippedCatalog()
const tt02 = catalog.getOf('TT02.NH', 'audience').audience
const ALL_COMPONENTS = tt02.components.map((c) => c.id)

let nls: RunningServer
let plan: StoredPlan
const cookies = new Map<string, string>()
const ids = { ward: '', th: '', thcs: '' }
const person = new Map<string, string>()

/** The activities the schools' LMS tags, and what each evidences. */
const ACTIVITIES = {
  'tong-hop': ['1.1', '2.1', '3.1', '4.1', '5.1', '6.1'].map((c) => `TT02.NH.${c}.CB1`),
  'an-toan': ['TT02.NH.4.2.CB1'],
  'tim-kiem': ['TT02.NH.1.1.TC1'],
} as const
type Activity = keyof typeof ACTIVITIES

/** The pupils: school, grade, class; the names never shown above their school. */
const PUPILS = {
  th1: ['th', 3, '3A'],
  th2: ['th', 3, '3A'],
  th3: ['th', 3, '3A'],
  a1: ['thcs', 7, '7A'],
  a2: ['thcs', 7, '7A'],
  a3: ['thcs', 7, '7A'],
  c1: ['thcs', 7, '7B'],
  d1: ['thcs', 7, '7C'],
  d2: ['thcs', 7, '7C'],
} as const
type Pupil = keyof typeof PUPILS
const nameOf = (p: Pupil) => `Học Sinh ${p.toUpperCase()}`

const get = (username: string, path: string) =>
  fetch(`${nls.url}${path}`, { headers: { cookie: cookies.get(username)! } })

async function manager(tenantId: string, username: string, role: 'administrator' | 'instructor') {
  await createLocalAccount(nls, tenantId, username, role)
  cookies.set(username, await signInLocal(nls, username))
}

/** Sends `who` completing an activity through their school's LMS key; inference runs. */
async function complete(basic: string, who: readonly Pupil[], activity: Activity) {
  const res = await fetch(`${nls.url}/xapi/statements`, {
    method: 'POST',
    headers: { ...V, authorization: basic },
    body: JSON.stringify(
      who.map((p) => ({
        actor: { objectType: 'Agent', account: { homePage: LMS, name: p } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { vi: 'đã hoàn thành' } },
        object: { objectType: 'Activity', id: `${LMS}/mod/${activity}` },
        result: { completion: true },
        timestamp: new Date().toISOString(),
      })),
    ),
  })
  if (res.status !== 200) throw new Error(`statements: ${res.status} ${await res.text()}`)
  await nls.inference.runOnce()
}

/** Saves a pupil's levels: those given, and none on every other component. */
async function levels(p: Pupil, held: Readonly<Record<string, string>>) {
  const tenantId = ids[PUPILS[p][0]]
  await nls.stores.progress.saveLevels(
    tenantId,
    person.get(p)!,
    ALL_COMPONENTS.map((c) => heldLevel(c, held[c] ?? null)),
  )
}

const every = (level: string) => Object.fromEntries(ALL_COMPONENTS.map((c) => [c, level]))

beforeAll(async () => {
  nls = await startNls()
  const { stores } = nls
  const admin = `Bearer ${(await stores.adminTokens.createToken('lb', 'test')).secret}`
  const org = async (name: string, parentId?: string) =>
    (
      await stores.tenants.createTenant({
        kind: 'organisation',
        name,
        ...(parentId && { parentId }),
      })
    ).id
  ids.ward = await org('UBND phường Long Biên')
  ids.th = await org('TH Ái Mộ A', ids.ward)
  ids.thcs = await org('THCS Gia Thụy', ids.ward)
  for (const t of [ids.ward, ids.th, ids.thcs])
    await stores.tenants.setSettings(t, { minGroupSize: 2, audience: 'TT02.NH' })

  for (const school of ['th', 'thcs'] as const) {
    const pupils = (Object.keys(PUPILS) as Pupil[]).filter((p) => PUPILS[p][0] === school)
    await importRoster(
      stores,
      ids[school],
      pupils.map((p, i) => ({
        row: i + 1,
        line: i + 2,
        pupilCode: `HS-${p}`,
        name: nameOf(p),
        className: PUPILS[p][2],
        grade: PUPILS[p][1],
        audiences: ['TT02.NH'],
        account: { homePage: LMS, name: p },
      })),
    )
    for (const p of pupils) {
      const found = await stores.people.findPersonByIdentity(ids[school], {
        kind: 'account',
        homePage: LMS,
        name: p,
      })
      person.set(p, found!.id)
    }
    for (const activity of Object.keys(ACTIVITIES) as Activity[]) {
      const res = await fetch(`${nls.url}/api/tags?tenantId=${ids[school]}`, {
        method: 'POST',
        headers: { authorization: admin, 'content-type': 'application/json' },
        body: JSON.stringify({
          activityIri: `${LMS}/mod/${activity}`,
          activityName: activity,
          competencyIds: ACTIVITIES[activity],
        }),
      })
      if (res.status !== 201) throw new Error(`tag: ${res.status} ${await res.text()}`)
    }
  }
  const basic = async (tenantId: string) => {
    const { client, secret } = await stores.xapiClients.createClient(tenantId, 'lms', 'test')
    return `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`
  }
  const th = await basic(ids.th)
  const thcs = await basic(ids.thcs)
  await complete(th, ['th1'], 'tong-hop')
  await complete(th, ['th2'], 'an-toan')
  await complete(thcs, ['a1', 'a2'], 'tim-kiem')

  // Levels as inference would save them, set once the statements are in.
  for (const p of Object.keys(PUPILS) as Pupil[]) await levels(p, {})
  await levels('a1', every('TC1'))
  await levels('a2', {
    'TT02.NH.1.1': 'TC2',
    'TT02.NH.1.2': 'TC1',
    'TT02.NH.1.3': 'CB2',
    'TT02.NH.2.2': 'TC1',
    'TT02.NH.3.1': 'TC1',
    'TT02.NH.4.2': 'TC1',
  })
  await levels('a3', { 'TT02.NH.1.1': 'TC1' })
  await levels('d1', every('NC1'))
  await levels('th1', { 'TT02.NH.1.1': 'CB1', 'TT02.NH.1.2': 'CB1', 'TT02.NH.1.3': 'CB1' })

  const text = await readFile(
    new URL('../../plans/examples/long-bien-nls-hoc-sinh.json', import.meta.url),
    'utf8',
  )
  const checked = checkPlan(JSON.parse(text), catalog)
  if (!('plan' in checked)) throw new Error(JSON.stringify(checked.problems))
  plan = (
    await stores.plans.savePlan(
      ids.ward,
      { code: checked.plan.code, name: checked.plan.name.vi, document: checked.plan },
      'test',
    )
  ).plan

  await manager(ids.ward, 'lb.phuong', 'administrator')
  await manager(ids.thcs, 'gt.hieutruong', 'administrator')
  await manager(ids.thcs, 'gt.giaovien', 'instructor')
}, 180_000)
afterAll(() => nls?.close())

/** A CSV export's rows. */
async function csvRows(username: string, path: string): Promise<string[][]> {
  const res = await get(username, path)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('text/csv')
  return parse((await res.text()).replace(/^\uFEFF/, ''), { relax_column_count: true })
}

/** The data rows of a learners' export, by row name and item number. */
function figures(rows: string[][]): Map<string, string[]> {
  const header = rows.findIndex((r) => r[0]?.startsWith('Đơn vị (Unit)') && r.length > 5)
  return new Map(rows.slice(header + 1).map((r) => [`${r[0]}|${r[1]}`, r.slice(3)]))
}

describe("the learners' report", () => {
  it('at the ward: a row per school, exposure and attainment per domain, no names', async () => {
    const rows = await csvRows('lb.phuong', '/app/reports/learners/export.csv')
    expect(rows[0]).toEqual(['Đơn vị (Unit)', 'UBND phường Long Biên'])
    expect(rows[1]).toEqual(['Năm học (School year)', schoolYearOf(new Date()).id])
    expect(rows.some((r) => r[0]?.startsWith('Quy tắc miền'))).toBe(true)
    const text = rows.flat().join(' ')
    for (const p of Object.keys(PUPILS) as Pupil[]) expect(text).not.toContain(nameOf(p))
    const f = figures(rows)
    // Pupils, exposed, %, at target, %, CB, TC, NC, CS, none.
    // Domain 1: th1 (tong-hop), a1 and a2 (tim-kiem) did its activities; th1 holds CB1 on each
    // of 1.1–1.3 (grade 3: target CB1); a1 TC1, a2 CB2 (lowest of TC2, TC1, CB2), d1 NC1.
    expect(f.get('TH Ái Mộ A|1')).toEqual(['3', '1', '33.3', '1', '33.3', '1', '0', '0', '0', '2'])
    expect(f.get('THCS Gia Thụy|1')).toEqual([
      '6',
      '2',
      '33.3',
      '2',
      '33.3',
      '1',
      '1',
      '1',
      '0',
      '3',
    ])
    expect(f.get('Tổng (Total)|1')).toEqual([
      '9',
      '3',
      '33.3',
      '3',
      '33.3',
      '2',
      '1',
      '1',
      '0',
      '5',
    ])
    // Domain 4: th1 (4.1) and th2 (4.2) at the primary school; nobody at the other.
    expect(f.get('TH Ái Mộ A|4')?.slice(0, 2)).toEqual(['3', '2'])
    expect(f.get('THCS Gia Thụy|4')?.slice(0, 4)).toEqual(['6', '0', '0', '2'])
    // Component 1.1 at the lower-secondary school: a1 and a2 exposed; a1, a2, a3, d1 at TC1+.
    expect(f.get('THCS Gia Thụy|1.1')).toEqual([
      '6',
      '2',
      '33.3',
      '4',
      '66.7',
      '0',
      '3',
      '1',
      '0',
      '2',
    ])
  })

  it('at a school: rows per grade and per class; the class of one hidden, and the next smallest', async () => {
    const res = await get('gt.hieutruong', '/app/reports/learners')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('data-breakdown="byGrade"')
    expect(html).toContain('data-breakdown="byClass"')
    const rows = await csvRows('gt.hieutruong', '/app/reports/learners/export.csv')
    const f = figures(rows)
    expect(f.get('Khối 7 (Grade 7)|1')?.slice(0, 4)).toEqual(['6', '2', '33.3', '2'])
    expect(f.get('Lớp 7A (Class 7A)|1')).toEqual([
      '3',
      '2',
      '66.7',
      '1',
      '33.3',
      '1',
      '1',
      '0',
      '0',
      '1',
    ])
    // 7B (one pupil) is under the minimum of 2; 7C, the next smallest, is hidden with it so that
    // the total minus 7A does not give 7B away.
    expect(f.get('Lớp 7B (Class 7B)|')).toEqual([
      '1',
      'ẩn (dưới 2 học sinh) (hidden (under 2 pupils))',
    ])
    expect(f.get('Lớp 7C (Class 7C)|')).toEqual([
      '2',
      'ẩn (dưới 2 học sinh) (hidden (under 2 pupils))',
    ])
    expect([...f.keys()].some((k) => k.startsWith('Lớp 7B (Class 7B)|1'))).toBe(false)
  })

  it('downloads the same table as XLSX', async () => {
    const res = await get('lb.phuong', '/app/reports/learners/export.xlsx')
    expect(res.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
    const sheet = book.worksheets[0]!
    const rows: string[][] = []
    sheet.eachRow((row) =>
      rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))),
    )
    expect(rows[0]).toEqual(['Đơn vị (Unit)', 'UBND phường Long Biên'])
    expect(figures(rows).get('Tổng (Total)|1')).toEqual([
      '9',
      '3',
      '33.3',
      '3',
      '33.3',
      '2',
      '1',
      '1',
      '0',
      '5',
    ])
  })

  it('refuses a teacher (403) and a node outside the manager’s (404); asks for a school year', async () => {
    expect((await get('gt.giaovien', '/app/reports/learners')).status).toBe(403)
    expect((await get('gt.hieutruong', `/app/reports/learners?node=${ids.th}`)).status).toBe(404)
    expect((await get('lb.phuong', `/app/reports/learners?node=${ids.th}`)).status).toBe(200)
    const bad = await get('lb.phuong', '/app/reports/learners?year=2025')
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('year')
  })
})

describe('the Long Biên plan’s pupil targets', () => {
  async function targetsAt(managerOf: string, nodeId: string, at = new Date()) {
    const page = {
      session: { role: 'administrator', tenantId: managerOf },
    } as unknown as PageContext
    const node = await reportNode(nls.stores, page, nodeId)
    const report = await loadTargetsReport(nls.stores, { catalog, node, plan, at })
    return new Map(
      report.targets.map((t) => [
        t.target.id,
        [
          t.total.met,
          t.total.group,
          ...t.parts.map((p) => [p.node.name, p.figure.met, p.figure.group]),
        ],
      ]),
    )
  }

  it('counts exposure to all six domains and the THCS attainment target by effective grade', async () => {
    const at = await targetsAt(ids.ward, ids.ward)
    // Only th1 did activities of all six domains.
    expect(at.get('tiep-can-6-mien')).toEqual([1, 9, ['TH Ái Mộ A', 1, 3], ['THCS Gia Thụy', 0, 6]])
    // TC1 or above on 1.1, 1.2, 2.2, 3.1 and 4.2: a1, a2, d1 of the six grade-7 pupils.
    expect(at.get('thcs-trung-cap')).toEqual([3, 6, ['TH Ái Mộ A', 0, 0], ['THCS Gia Thụy', 3, 6]])
  })

  it('gives counts only above the school, names at the school itself', async () => {
    const query = `plan=${plan.id}&target=thcs-trung-cap`
    const ward = await (await get('lb.phuong', `/app/reports/targets/missing?${query}`)).text()
    expect(ward).toContain('data-counts-only')
    expect(ward).toContain('data-count="3"')
    const csv = await (await get('lb.phuong', `/app/reports/targets/missing.csv?${query}`)).text()
    const school = await (
      await get('gt.hieutruong', `/app/reports/targets/missing?${query}`)
    ).text()
    expect(school).not.toContain('data-counts-only')
    for (const p of ['a3', 'c1', 'd2'] as const) {
      expect(ward).not.toContain(nameOf(p))
      expect(csv).not.toContain(nameOf(p))
      expect(school).toContain(nameOf(p))
    }
  })

  it("files the school year's report with the pupil targets, counts only", async () => {
    const page = {
      session: { role: 'administrator', tenantId: ids.ward },
    } as unknown as PageContext
    const node = await reportNode(nls.stores, page, ids.ward)
    const now = new Date()
    const period = periodOf({ period: 'school-year', due: '05-31' }, schoolYearOf(now).startYear)
    const snapshot = await snapshotOf(nls.stores, {
      catalog,
      node,
      plan: { stored: plan, plan: checkedPlan() },
      period,
      now,
      filedBy: { actor: 'test', name: 'Phường' },
    })
    expect(snapshot.plan?.targets.map((t) => [t.target.id, t.total.met, t.total.group])).toEqual([
      ['tiep-can-6-mien', 1, 9],
      ['thcs-trung-cap', 3, 6],
    ])
    const json = JSON.stringify(snapshot)
    for (const p of Object.keys(PUPILS) as Pupil[]) expect(json).not.toContain(nameOf(p))
  })
})

/** The plan as stored, read back. */
function checkedPlan() {
  const checked = checkPlan(plan.document, catalog)
  if (!('plan' in checked)) throw new Error('the stored plan must pass')
  return checked.plan
}
