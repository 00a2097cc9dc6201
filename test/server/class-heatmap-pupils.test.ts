// The class heat-map of a pupils' class over real HTTP on a real database: a TT02.NH course of
// grade 7 (target TC1) with three pupils below (CB2), at (TC1) and above (TC2) on component 1.1;
// each cell's level and verdict, each pupil's target, the count of pupils at or above target;
// the homeroom teacher's CSV and XLSX of the whole class; the school's view of its pupils by
// class; and the refusals (a learner; a table that is not a learners').
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { signSession, type Session } from '../../lti/session.ts'
import { importRoster } from '../../src/accounts/roster-import.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import type { Identity } from '../../src/store/index.ts'
import { element } from '../support/app-pages.ts'
import { heldLevel } from '../support/levels.ts'
import { startNls } from '../support/nls-server.ts'

const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'
const INSTRUCTOR = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'
const COMPONENT = 'TT02.NH.1.1'
const LMS = 'https://lms.thcs-langha.edu.vn'

let nls: RunningServer
let tenantId: string
let contextId: string
/** Sessions: the course's teacher, a pupil of it, the school's manager (no course). */
let teacher: string
let learner: string
let manager: string
/** The pupils below, at and above their target. */
const pupil: Record<'below' | 'at' | 'above', string> = { below: '', at: '', above: '' }

/** An LMS account: a person's identity, and the roster's account column. */
const account = (name: string) => ({ kind: 'account' as const, homePage: LMS, name })

beforeAll(async () => {
  nls = await startNls()
  const { stores } = nls
  tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THCS Láng Hạ' })).id
  // Two pupils on the school's roster (with their mã học sinh), one known from the LMS only.
  await importRoster(stores, tenantId, [
    { row: 1, line: 2, pupilCode: 'HS001', name: 'Nguyễn Văn An', account: account('an') },
    { row: 2, line: 3, pupilCode: 'HS002', name: 'Trần Thị Bình', account: account('binh') },
  ])
  const idOf = async (identity: Identity) =>
    (await stores.people.findPersonByIdentity(tenantId, identity))!.id
  pupil.below = await idOf(account('an'))
  pupil.at = await idOf(account('binh'))
  pupil.above = (
    await stores.people.upsertPersonByIdentity(tenantId, account('chi'), { name: 'Lê Minh Chi' })
  ).id
  const teacherId = (
    await stores.people.upsertPersonByIdentity(tenantId, account('co-hoa'), { name: 'Cô Hoa' })
  ).id
  const managerId = (
    await stores.people.upsertPersonByIdentity(tenantId, account('hieu-truong'), {
      name: 'Hiệu trưởng',
    })
  ).id

  const course = await stores.courses.upsertContext(tenantId, {
    deploymentId: '',
    externalId: '71',
    title: 'Tin học 7A1',
    label: '7A1',
  })
  contextId = course.id
  for (const id of Object.values(pupil)) {
    await stores.courses.setMemberRoles(tenantId, contextId, id, [LEARNER])
  }
  await stores.courses.setMemberRoles(tenantId, contextId, teacherId, [INSTRUCTOR])
  // The roster as read from the LMS just now (the page does not ask the LMS again).
  await stores.courses.setRoster(
    tenantId,
    contextId,
    [...Object.values(pupil), teacherId],
    new Date(),
  )
  await stores.courses.setCourseTable(tenantId, contextId, { audience: 'TT02.NH', grade: 7 })

  const levels: Record<keyof typeof pupil, string> = { below: 'CB2', at: 'TC1', above: 'TC2' }
  for (const [key, id] of Object.entries(pupil)) {
    await stores.progress.saveLevels(tenantId, id, [
      heldLevel(COMPONENT, levels[key as keyof typeof pupil]),
    ])
  }

  const secret = Buffer.from(await stores.toolKeys.secret('session', () => 'unused'), 'base64url')
  const sign = (personId: string, session: Omit<Session, 'tenantId' | 'personId' | 'gen'>) =>
    signSession({ tenantId, personId, gen: 0, ...session }, secret, new Date())
  teacher = await sign(teacherId, { role: 'instructor', contextId })
  learner = await sign(pupil.below, { role: 'learner', contextId })
  manager = await sign(managerId, { role: 'administrator' })
}, 120_000)
afterAll(() => nls?.close())

/** A page or a download, as a browser gets it with the session in the query. */
function get(token: string, path: string): Promise<Response> {
  const sep = path.includes('?') ? '&' : '?'
  return fetch(`${nls.url}${path}${sep}session=${encodeURIComponent(token)}`, {
    redirect: 'manual',
  })
}

/** The cell of a pupil's row on a component. */
function cell(html: string, personId: string, componentId: string): string {
  const row = element(html, `data-person-row="${personId}"`)
  return element(row, `data-component="${componentId}"`)
}

describe("a grade-7 class on the learners' table", () => {
  let html: string
  beforeAll(async () => {
    const res = await get(teacher, '/app/class')
    expect(res.status).toBe(200)
    html = await res.text()
  })

  it('shows the 24 components of TT02.NH under their 6 domains', () => {
    const heatmap = element(html, 'data-heatmap')
    expect(heatmap).toContain('data-pupils')
    expect(heatmap.match(/<th scope="colgroup"/g)).toHaveLength(6)
    expect(element(heatmap, '<tbody').match(/<td class="hm vd /g)).toHaveLength(3 * 24)
    expect(html).toContain('Miền 1')
  })

  it("marks each pupil's level below, at or above their own target, in words and signs", () => {
    for (const [verdict, level, sign, words] of [
      ['below', 'CB2', '▼', 'Dưới mục tiêu'],
      ['at', 'TC1', '●', 'Đạt mục tiêu'],
      ['above', 'TC2', '▲', 'Vượt mục tiêu'],
    ] as const) {
      const td = cell(html, pupil[verdict], COMPONENT)
      expect(td).toContain(`class="hm vd vd-${verdict}"`)
      expect(td).toContain(`data-level="${level}"`)
      expect(td).toContain(`data-verdict="${verdict}"`)
      expect(td).toContain(`${level}<span aria-hidden="true">${sign}</span>`)
      expect(td).toContain(words)
    }
    // No evidence on another component.
    expect(cell(html, pupil.at, 'TT02.NH.1.2')).toContain('data-verdict="none"')
    // The legend says every verdict in words.
    const legend = element(html, 'data-legend')
    for (const words of ['Dưới mục tiêu', 'Đạt mục tiêu', 'Vượt mục tiêu', 'Chưa có minh chứng']) {
      expect(legend).toContain(words)
    }
  })

  it("shows each pupil's target, TC1 for grade 7", () => {
    for (const id of Object.values(pupil)) {
      const row = element(html, `data-person-row="${id}"`)
      expect(row).toMatch(/<td class="target" data-target="TC1"><abbr title="Khối 7: [^"]+">TC1</)
    }
  })

  it('counts the pupils at or above their target on each component', () => {
    const summary = element(html, 'data-summary')
    expect(element(summary, `data-component="${COMPONENT}"`)).toContain('data-reached="2"')
    expect(element(summary, `data-component="${COMPONENT}"`)).toContain('>2/3<')
    expect(element(summary, 'data-component="TT02.NH.6.3"')).toContain('data-reached="0"')
  })

  it('says that the official indicator text is not loaded', () => {
    expect(html).toContain('data-text-missing')
  })

  it('offers the downloads, and the page in English says the same', async () => {
    expect(element(html, 'data-downloads')).toContain('/app/class/pupils.xlsx')
    const en = await (await get(teacher, '/app/class?lang=en')).text()
    expect(cell(en, pupil.below, COMPONENT)).toContain('Below target')
    expect(en).toContain('At or above target')
  })
})

describe("the homeroom teacher's export", () => {
  it('is a CSV of the whole class, headed in Vietnamese and English', async () => {
    const res = await get(teacher, '/app/class/pupils.csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(res.headers.get('content-disposition')).toContain('nls-lop-7A1.csv')
    const text = await res.text()
    const [header, ...rows] = parse(text, { bom: true }) as string[][]
    expect(header!.slice(0, 7)).toEqual([
      'Lớp / Class',
      'Họ và tên / Pupil name',
      'Mã học sinh (ma_hs) / Pupil code (ma_hs)',
      'Khối / Grade',
      'Mục tiêu / Target',
      '1.1 bậc / 1.1 level',
      '1.1 đạt mục tiêu / 1.1 at or above target',
    ])
    expect(header).toHaveLength(5 + 2 * 24)
    expect(rows.map((r) => r.slice(0, 7))).toEqual([
      ['7A1', 'Lê Minh Chi', '', '7', 'TC1', 'TC2', 'Có / Yes'],
      ['7A1', 'Nguyễn Văn An', 'HS001', '7', 'TC1', 'CB2', 'Không / No'],
      ['7A1', 'Trần Thị Bình', 'HS002', '7', 'TC1', 'TC1', 'Có / Yes'],
    ])
    // No level on 1.2: not at target.
    expect(rows.map((r) => r.slice(7, 9))).toEqual([
      ['', 'Không / No'],
      ['', 'Không / No'],
      ['', 'Không / No'],
    ])
  })

  it('is an XLSX of the same rows', async () => {
    const res = await get(teacher, '/app/class/pupils.xlsx')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('nls-lop-7A1.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await res.arrayBuffer())
    const sheet = book.worksheets[0]!
    expect(sheet.name).toBe('Học sinh')
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1, 8)
    expect(values(1)[0]).toBe('Lớp / Class')
    // An empty cell (no pupil code) reads as no value.
    expect(values(2)).toEqual(['7A1', 'Lê Minh Chi', undefined, 7, 'TC1', 'TC2', 'Có / Yes'])
    expect(values(3)).toEqual(['7A1', 'Nguyễn Văn An', 'HS001', 7, 'TC1', 'CB2', 'Không / No'])
    expect(values(4)).toEqual(['7A1', 'Trần Thị Bình', 'HS002', 7, 'TC1', 'TC1', 'Có / Yes'])
    expect(sheet.rowCount).toBe(4)
  })

  it('is refused to a learner of the class', async () => {
    for (const path of ['/app/class/pupils.csv', '/app/class/pupils.xlsx', '/app/class']) {
      const res = await get(learner, path)
      expect(res.status).toBe(403)
    }
  })
})

describe("the school's view of its pupils by class", () => {
  it("lists the learners' table's pupils of a class, with the same verdicts", async () => {
    const staff = await (await get(manager, '/app/class')).text()
    expect(element(staff, 'data-pupils-link')).toContain('table=TT02.NH')
    const res = await get(manager, '/app/class?table=TT02.NH&class=7A1')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<option value="7A1" selected>7A1</option>')
    expect(cell(html, pupil.above, COMPONENT)).toContain('data-verdict="above"')
    expect(element(html, 'data-summary')).toContain('data-reached="2"')
    expect(element(html, 'data-downloads')).toContain(
      '/app/class/pupils.csv?table=TT02.NH&amp;class=7A1',
    )
  })

  it("exports a class to the school's manager", async () => {
    const res = await get(manager, '/app/class/pupils.csv?table=TT02.NH&class=7A1')
    expect(res.status).toBe(200)
    const [, ...rows] = parse(await res.text(), { bom: true }) as string[][]
    expect(rows.map((r) => r[1])).toEqual(['Lê Minh Chi', 'Nguyễn Văn An', 'Trần Thị Bình'])
    const other = await get(manager, '/app/class/pupils.csv?table=TT02.NH&class=9B')
    expect(parse(await other.text(), { bom: true })).toHaveLength(1)
  })

  it("refuses a table that is not a learners', naming the field", async () => {
    const res = await get(manager, '/app/class?table=TT18.PT')
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('query.table')
  })
})
