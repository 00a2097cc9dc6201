// Plans and reports over a three-level organisation tree, over real HTTP on a real database: the
// Sở over two districts, District 6 with a local school and an LTI school (a teacher on both
// rosters), District 1 with a local school that lowered its rule; staff with positions and
// school levels from the roster; levels from xAPI statements matched to tags; self-assessments.
// Every node's figures are checked, and a filed report stays as filed after new statements.
import { importRoster } from '../../src/accounts/roster-import.ts'
import type { RosterRow } from '../../src/accounts/roster-csv.ts'
import type { RunningServer } from '../../src/server/start-server.ts'
import { createLocalAccount, signInLocal } from '../support/console.ts'
import { startNls } from '../support/nls-server.ts'

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
  })
})
