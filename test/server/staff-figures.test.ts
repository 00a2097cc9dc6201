// Staff figures over real HTTP on a real database: staff are the roster's people (a manager's and
// a trainer's accounts are not), in the report page, its CSV and XLSX exports and the staff
// heat-map; a district counts a teacher on two schools' rosters once; table choosers list only
// tables someone is in.
import ExcelJS from 'exceljs'
import { shippedCatalog } from '../../framework/index.ts'
import type { RosterRow } from '../../src/accounts/roster-csv.ts'
import { importRoster } from '../../src/accounts/roster-import.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import type { Identity, LocalRole } from '../../src/store/index.ts'
import { createLocalAccount, signInLocal } from '../support/console.ts'
import { heldLevel } from '../support/levels.ts'
import { startNls } from '../support/nls-server.ts'

const components = shippedCatalog()
  .components('TT18.PT')
  .map((c) => c.id)
const atFirstLevel = components.map((c) => heldLevel(c, 'CB'))

let nls: RunningServer
const cookies = new Map<string, string>()

const rows = (emails: readonly string[], more: Partial<RosterRow> = {}): RosterRow[] =>
  emails.map((email, i) => ({ row: i + 1, line: i + 2, email, name: email, ...more }))

/** A local account of a new person known by `identity`; signs in and keeps the cookie. */
async function signIn(tenantId: string, username: string, role: LocalRole, identity: Identity) {
  await createLocalAccount(nls, tenantId, username, role, identity)
  cookies.set(username, await signInLocal(nls, username))
}

const get = (username: string, path: string) =>
  fetch(`${nls.url}${path}`, { headers: { cookie: cookies.get(username)! } })

/** The values of the options of the select named `name`. */
const options = (html: string, name: string) => {
  const select = new RegExp(`<select[^>]* name="${name}"[^>]*>(.*?)</select>`, 's').exec(html)
  return [...(select?.[1] ?? '').matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])
}

beforeAll(async () => {
  nls = await startNls()
  const { stores } = nls
  // A school: 30 teachers on the roster, 20 at Cơ bản on every component; one preschool
  // teacher; a manager and a trainer with accounts, not on the roster (the trainer known by an
  // email, as `nls account add --email` makes it).
  const school = (await stores.tenants.createTenant({ kind: 'platform', name: 'THCS Láng Hạ' })).id
  const teachers = Array.from({ length: 30 }, (_, i) => `gv${i}@langha.edu.vn`)
  await importRoster(stores, school, rows(teachers))
  await importRoster(stores, school, rows(['mamnon@langha.edu.vn'], { audiences: ['TT18.MN'] }))
  for (const email of teachers.slice(0, 20)) {
    const person = await stores.people.findPersonByIdentity(school, {
      kind: 'mbox',
      mbox: `mailto:${email}`,
    })
    await stores.progress.saveLevels(school, person!.id, atFirstLevel)
  }
  await signIn(school, 'hieutruong', 'administrator', {
    kind: 'account',
    homePage: 'urn:nls:local-account',
    name: 'hieutruong',
  })
  await signIn(school, 'totruong', 'instructor', {
    kind: 'mbox',
    mbox: 'mailto:totruong@langha.edu.vn',
  })

  // A district of two schools of 5 teachers each; one teacher on both rosters (the same email,
  // written differently), at Cơ bản everywhere in the first school and at no level in the second.
  // 3 of the first school and 2 of the second hold Cơ bản everywhere, the shared one included.
  const district = (
    await stores.tenants.createTenant({ kind: 'organisation', name: 'Phòng GD&ĐT Ba Đình' })
  ).id
  const schoolA = (
    await stores.tenants.createTenant({ kind: 'platform', name: 'THCS A', parentId: district })
  ).id
  const schoolB = (
    await stores.tenants.createTenant({ kind: 'platform', name: 'THCS B', parentId: district })
  ).id
  const inA = ['chung@badinh.edu.vn', 'a1@a.edu.vn', 'a2@a.edu.vn', 'a3@a.edu.vn', 'a4@a.edu.vn']
  const inB = ['chung@badinh.edu.vn', 'b1@b.edu.vn', 'b2@b.edu.vn', 'b3@b.edu.vn', 'b4@b.edu.vn']
  await importRoster(stores, schoolA, rows(inA))
  await importRoster(stores, schoolB, rows(inB))
  const level = async (tenantId: string, email: string) => {
    const person = await stores.people.findPersonByIdentity(tenantId, {
      kind: 'mbox',
      mbox: `mailto:${email}`,
    })
    await stores.progress.saveLevels(tenantId, person!.id, atFirstLevel)
  }
  for (const email of inA.slice(0, 3)) await level(schoolA, email)
  for (const email of inB.slice(1, 3)) await level(schoolB, email)
  // Two rosters name the teacher in different cases; a person record kept the LMS's spelling.
  await nls.stores.people.upsertPersonByIdentity(
    schoolB,
    { kind: 'mbox', mbox: 'mailto:chung@badinh.edu.vn' },
    { email: ' Chung@BaDinh.edu.vn' },
  )
  await signIn(district, 'truongphong', 'administrator', {
    kind: 'account',
    homePage: 'urn:nls:local-account',
    name: 'truongphong',
  })
}, 120_000)
afterAll(() => nls?.close())

describe("a school's staff figures", () => {
  it('count the 30 on the roster, not the manager and the trainer: 67 % in the page', async () => {
    const res = await get('hieutruong', '/app/reports')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toMatch(/<span data-every="true">67\s?%<\/span> \(20\/30\)/)
    expect(html).toContain('data-staff-note')
    expect(html).not.toContain('Ẩn (nhóm dưới')
  })

  it('say the same in the CSV and the XLSX', async () => {
    const csv = await (await get('hieutruong', '/app/reports/export.csv')).text()
    expect(csv).toContain('(chưa gán đơn vị),,Đạt từ Cơ bản ở mọi thành phần,30,10,,,,66.7')
    expect(csv).toContain(`(chưa gán đơn vị),1.1,Dạy học và giáo dục trong môi trường số,30,10,20,`)

    const res = await get('hieutruong', '/app/reports/export.xlsx')
    expect(res.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(await res.arrayBuffer())
    const sheet = book.worksheets[0]!
    const every = sheet
      .getSheetValues()
      .find((row) => Array.isArray(row) && row[3] === 'Đạt từ Cơ bản ở mọi thành phần')
    expect((every as unknown[]).slice(4)).toEqual([30, 10, '', '', '', 66.7])
  })

  it('list the roster in the staff heat-map, headed as teachers', async () => {
    const res = await get('totruong', '/app/class')
    expect(res.status).toBe(200)
    const html = await res.text()
    // 30 teachers and the preschool teacher; neither the manager nor the trainer.
    expect(html).toContain('Nhân sự theo danh sách của đơn vị: 31 người.')
    const names = [
      ...html.matchAll(/<tr data-person-row="[^"]+"><th scope="row"><a [^>]*>([^<]+)</g),
    ]
    expect(names).toHaveLength(31)
    expect(names.map((m) => m[1])).not.toContain('hieutruong')
    expect(names.map((m) => m[1])).not.toContain('totruong')
    expect(html).toContain('<th scope="col">Giáo viên</th>')
    expect(html).not.toContain('<th scope="col">Người học</th>')
  })

  it('are refused to a trainer', async () => {
    const res = await get('totruong', '/app/reports')
    expect(res.status).toBe(403)
  })
})

describe("a district's staff figures", () => {
  it('count a teacher on two rosters once in the total, with the first school', async () => {
    const html = await (await get('truongphong', '/app/reports')).text()
    // Each school shows its 5; the district 9, of whom 5 hold Cơ bản everywhere (3 + 2).
    expect(html).toMatch(/<span data-every="true">56\s?%<\/span> \(5\/9\)/)
    const csv = await (await get('truongphong', '/app/reports/export.csv')).text()
    expect(csv).toContain('THCS A,,Đạt từ Cơ bản ở mọi thành phần,5,2,,,,60')
    expect(csv).toContain('THCS B,,Đạt từ Cơ bản ở mọi thành phần,5,3,,,,40')
    expect(csv).toContain('Tổng,,Đạt từ Cơ bản ở mọi thành phần,9,4,,,,55.6')
    expect(html).toContain('chỉ một lần trong tổng của phòng')
  })

  it('count the teacher in one school when the report is narrowed to it', async () => {
    const html = await (await get('truongphong', '/app/reports?unit=THCS%20B')).text()
    expect(html).toMatch(/\(2\/5\)/)
  })
})

describe('the table choosers', () => {
  it("list a school's tables someone is in, and a table asked for though empty", async () => {
    const html = await (await get('hieutruong', '/app/reports')).text()
    expect(options(html, 'audience')).toEqual(['TT18.MN', 'TT18.PT'])
    const district = await (await get('truongphong', '/app/reports')).text()
    expect(options(district, 'audience')).toEqual(['TT18.PT'])
    const empty = await (await get('truongphong', '/app/reports?audience=TT18.MN')).text()
    expect(options(empty, 'audience')).toEqual(['TT18.MN', 'TT18.PT'])
    expect(empty).toContain('data-empty')
    const csv = await (await get('truongphong', '/app/reports/export.csv?audience=TT18.MN')).text()
    expect(csv).toContain('Bảng năng lực này chưa có ai')
    expect(csv).not.toContain('Ẩn (nhóm dưới')
  })

  it('offer on the profile no teachers’ table nobody of the school is in', async () => {
    const school = await (await get('hieutruong', '/app/profile')).text()
    expect(options(school, 'table')).toEqual([
      'TT18.MN',
      'TT18.PT',
      'TT18.MN+TT18.QL',
      'TT18.PT+TT18.QL',
    ])
    const district = await (await get('truongphong', '/app/profile')).text()
    expect(options(district, 'table')).toEqual(['TT18.PT', 'TT18.PT+TT18.QL'])
  })
})
