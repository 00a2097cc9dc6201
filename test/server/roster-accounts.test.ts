// Issue 17, item 2: statements naming people by LMS account (K12Online, Moodle) attached to
// nobody, silently. The roster's tai_khoan column links the account; staff see what waits.
// Over HTTP against the real app and a real database.
import { randomUUID } from 'node:crypto'
import { signSession, type Session } from '../../lti/session.ts'
import { createBrowser } from '../support/browser.ts'
import { launchIn } from '../support/lti-launch.ts'
import { type LtiWorld, startLtiWorld, stopLtiWorld } from '../support/nls-server.ts'

const K12 = 'https://k12online.vn'
let world: LtiWorld
let tenantId: string
let basic: string
let manager: string
let learner: string

async function personOf(sub: string): Promise<string> {
  const person = await world.nls.stores.people.findPersonByIdentity(tenantId, {
    kind: 'lti',
    issuer: world.platform.issuer,
    clientId: world.platform.clientId,
    sub,
  })
  return person!.id
}

beforeAll(async () => {
  // The queue is read here: the worker drains it only when woken, never on a tick in between.
  world = await startLtiWorld(undefined, { inference: 'on-wake' })
  tenantId = world.registered.tenantId
  const { stores } = world.nls
  for (const [role, userId] of [
    ['Administrator', '2'],
    ['Learner', '4'],
  ] as const) {
    await launchIn(createBrowser(), world.platform, { role, userId, courseId: '2' })
  }
  const { client, secret } = await stores.xapiClients.createClient(tenantId, 'k12online', 'test')
  basic = `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`
  const key = Buffer.from(await stores.toolKeys.secret('session', () => 'unused'), 'base64url')
  const sign = async (personId: string, session: Pick<Session, 'role'>) => {
    const gen = (await stores.people.sessionGeneration(tenantId, personId)) ?? 0
    return signSession({ tenantId, personId, gen, ...session }, key, new Date())
  }
  manager = await sign(await personOf('2'), { role: 'administrator' })
  learner = await sign(await personOf('4'), { role: 'learner' })
}, 60_000)
afterAll(() => stopLtiWorld(world))

/** A statement as K12Online sends it: the teacher by account on its home page. */
const viewed = (name: string, homePage = K12) => ({
  id: randomUUID(),
  actor: { objectType: 'Agent', account: { homePage, name } },
  verb: { id: 'http://id.tincanapi.com/verb/viewed', display: { vi: 'đã xem' } },
  object: { objectType: 'Activity', id: `${K12}/bai-giang/101` },
  timestamp: '2025-03-04T08:00:00Z',
})

async function send(statements: readonly unknown[]): Promise<void> {
  const res = await fetch(`${world.nls.url}/xapi/statements`, {
    method: 'POST',
    headers: {
      'X-Experience-API-Version': '1.0.3',
      'content-type': 'application/json',
      authorization: basic,
    },
    body: JSON.stringify(statements),
  })
  expect(res.status).toBe(200)
}

const rosterPage = async () =>
  (await fetch(`${world.nls.url}/app/roster?session=${encodeURIComponent(manager)}`)).text()

const waitingApi = (token: string) =>
  fetch(`${world.nls.url}/api/unmatched-actors`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  })

async function upload(text: string, lang?: 'en'): Promise<Response> {
  const form = new FormData()
  form.append('session', manager)
  form.append('file', new Blob([text], { type: 'text/csv' }), 'roster.csv')
  const query = lang ? `?lang=${lang}` : ''
  return fetch(`${world.nls.url}/app/roster${query}`, { method: 'POST', body: form })
}

describe('statements naming people by account, and the roster that names the accounts', () => {
  it('waits, shown to staff, until the roster links the account; then attaches at once', async () => {
    await send([viewed('gv.nguyenvana'), viewed('gv.nguyenvana'), viewed('gv.tranthib')])
    // The pass those statements woke is over before the roster queues anyone.
    await world.nls.inference.runOnce()

    // Staff see what waits: on the roster page and in the JSON API; a learner does not.
    const before = await rosterPage()
    expect(before).toContain('Câu lệnh chờ người học chưa biết')
    expect(before).toContain('3 câu lệnh xAPI của 2 người')
    expect(before).toContain(`data-actor="gv.nguyenvana @ ${K12}"`)
    const res = await waitingApi(manager)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      statements: 3,
      actors: 2,
      top: [
        {
          actor: `gv.nguyenvana @ ${K12}`,
          actorKey: `account:${K12}|gv.nguyenvana`,
          statements: 2,
        },
        { actor: `gv.tranthib @ ${K12}`, statements: 1 },
      ],
    })
    const refused = await waitingApi(learner)
    expect(refused.status).toBe(403)

    // Without a home page, a row naming an account is refused, naming the column.
    const file =
      'email,ho_ten,tai_khoan,trang_chu\r\n' +
      'an@truong.edu.vn,Nguyễn Văn A,gv.nguyenvana,\r\n' +
      `binh@truong.edu.vn,Trần Thị B,gv.tranthib,${K12}\r\n`
    const refusedImport = await upload(file)
    expect(refusedImport.status).toBe(400)
    expect(await refusedImport.text()).toContain(
      'Hàng 1 (dòng 2), cột tai_khoan: có tài khoản nhưng chưa có trang chủ LMS',
    )
    // The English page says it in English; nothing is imported either way.
    const refusedEnglish = await upload(file, 'en')
    expect(refusedEnglish.status).toBe(400)
    expect(await refusedEnglish.text()).toContain(
      'Row 1 (line 2), column tai_khoan: names an account but no LMS home page',
    )

    // With the tenant's home page the same file links both (one by its own trang_chu).
    const { stores } = world.nls
    const tenant = await stores.tenants.getTenant(tenantId)
    await stores.tenants.setSettings(tenantId, { ...tenant!.settings, accountHomePage: K12 })
    const imported = await upload(file)
    expect(imported.status).toBe(200)
    const after = await imported.text()
    expect(after).toContain('Không có câu lệnh nào đang chờ.')
    expect(after).not.toContain('data-actor=')

    const an = await stores.people.findPersonByIdentity(tenantId, {
      kind: 'account',
      homePage: K12,
      name: 'gv.nguyenvana',
    })
    expect(an?.email).toBe('an@truong.edu.vn')
    expect(await stores.statements.findStatementsForPerson(tenantId, an!.id)).toHaveLength(2)
    expect((await stores.inference.takeQueued(100)).map((q) => q.personId)).toContain(an!.id)
    expect(await stores.statements.unmatchedActors(tenantId, 20)).toEqual({
      statements: 0,
      actors: 0,
      top: [],
    })

    // Later statements of the account attach as they arrive.
    await send([viewed('gv.nguyenvana')])
    expect(await stores.statements.findStatementsForPerson(tenantId, an!.id)).toHaveLength(3)
  })
})

describe("the roster's position (chuc_vu), school level (cap_hoc) and grade (khoi)", () => {
  it('explains the columns in both languages, refuses an unknown position at its column, keeps the good rows', async () => {
    expect(await rosterPage()).toContain(
      'Cột tùy chọn cho các chỉ tiêu của kế hoạch: chuc_vu (GV giáo viên, TTCM tổ trưởng chuyên môn, CBQL cán bộ quản lý, NV nhân viên',
    )
    const english = await (
      await fetch(`${world.nls.url}/app/roster?lang=en&session=${encodeURIComponent(manager)}`)
    ).text()
    expect(english).toContain('Optional columns for plan targets: chuc_vu, the position')

    const file =
      'email,ho_ten,Chức vụ,Cấp học,Khối\r\n' +
      'hieu.truong@truong.edu.vn,Phạm Văn Hiệu,Hiệu trưởng,Trung học cơ sở,\r\n' +
      'bao.ve@truong.edu.vn,Ngô Văn Bảo,Bảo vệ,THCS,\r\n'
    const refused = await upload(file)
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain(
      'Hàng 2 (dòng 3), cột Chức vụ: không có chức vụ &quot;Bảo vệ&quot;; dùng GV, TTCM, CBQL, NV',
    )
    const refusedEnglish = await upload(file, 'en')
    expect(await refusedEnglish.text()).toContain(
      'Row 2 (line 3), column Chức vụ: no position &quot;Bảo vệ&quot;; use GV, TTCM, CBQL, NV',
    )
    const { stores } = world.nls
    const byEmail = (email: string) =>
      stores.roster.findPeopleByEmails(tenantId, [email]).then((m) => m.get(email))
    expect(await byEmail('hieu.truong@truong.edu.vn')).toBeUndefined()

    // A learner may not import a roster.
    const form = new FormData()
    form.append('session', learner)
    form.append('file', new Blob([file], { type: 'text/csv' }), 'roster.csv')
    const learnerPost = await fetch(`${world.nls.url}/app/roster`, { method: 'POST', body: form })
    expect(learnerPost.status).toBe(403)
    expect(await byEmail('hieu.truong@truong.edu.vn')).toBeUndefined()

    const fixed = await upload(file.replace('Bảo vệ', 'Nhân viên'))
    expect(fixed.status).toBe(200)
    const exported = await stores.personData.exportPerson(
      tenantId,
      (await byEmail('hieu.truong@truong.edu.vn'))!,
      new Date(),
    )
    expect(exported.person).toMatchObject({ position: 'CBQL', schoolLevel: 'THCS', grade: null })
    const staff = await stores.personData.exportPerson(
      tenantId,
      (await byEmail('bao.ve@truong.edu.vn'))!,
      new Date(),
    )
    expect(staff.person).toMatchObject({ position: 'NV', schoolLevel: 'THCS' })
  })
})
