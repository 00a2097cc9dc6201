// The roster file for pupils (Circular 02/2025): a pupil is known by the school's code (ma_hs),
// needs no email (Decree 13/2023/NĐ-CP), and is matched to their LMS account; staff and pupils
// may share one file. Over HTTP against the real app and a real database.
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
  world = await startLtiWorld()
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
  const tenant = await stores.tenants.getTenant(tenantId)
  await stores.tenants.setSettings(tenantId, { ...tenant!.settings, accountHomePage: K12 })
}, 60_000)
afterAll(() => stopLtiWorld(world))

/** A statement as K12Online sends it: the pupil by account (their code) on its home page. */
const viewed = (name: string) => ({
  id: randomUUID(),
  actor: { objectType: 'Agent', account: { homePage: K12, name } },
  verb: { id: 'http://id.tincanapi.com/verb/viewed', display: { vi: 'đã xem' } },
  object: { objectType: 'Activity', id: `${K12}/bai-hoc/7` },
  timestamp: '2026-03-04T08:00:00Z',
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

async function upload(text: string, session = manager, lang?: 'en'): Promise<Response> {
  const form = new FormData()
  form.append('session', session)
  form.append('file', new Blob([text], { type: 'text/csv' }), 'roster.csv')
  const query = lang ? `?lang=${lang}` : ''
  return fetch(`${world.nls.url}/app/roster${query}`, { method: 'POST', body: form })
}

const pupil = (code: string) =>
  world.nls.stores.people.findPersonByIdentity(tenantId, {
    kind: 'account',
    homePage: K12,
    name: code,
  })

const MIXED =
  'email,ma_hs,ho_ten,lop,khoi,bang,tai_khoan\r\n' +
  'an@truong.edu.vn,,Nguyễn Văn An,,,PT,gv.an\r\n' +
  ',HS001,Lê Chi,7A1,7,,\r\n' +
  ',HS002,Phạm Dũng,8A,8,,hs.dung\r\n'

describe('the roster file for pupils', () => {
  it('explains the pupil columns in both languages', async () => {
    const page = (lang: string) =>
      fetch(`${world.nls.url}/app/roster?lang=${lang}&session=${encodeURIComponent(manager)}`)
    expect(await (await page('vi')).text()).toContain(
      'Học sinh (Thông tư 02/2025) có thể ở cùng tệp: cột ma_hs (mã học sinh) thay cho email',
    )
    expect(await (await page('en')).text()).toContain(
      'Pupils (Circular 02/2025) may be in the same file: a column ma_hs (pupil code) instead of email',
    )
  })

  it('refuses a learner, and a code twice (naming the column as headed), importing nothing', async () => {
    const { stores } = world.nls
    const before = await stores.people.countPeople(tenantId)
    expect((await upload(MIXED, learner)).status).toBe(403)
    const twice = 'Mã HS,Họ tên\r\nHS101,An\r\nHS101,Bình\r\n'
    const refused = await upload(twice)
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain(
      'Hàng 2 (dòng 3), cột Mã HS: mã học sinh HS101 đã có ở hàng 1',
    )
    const english = await upload(twice, manager, 'en')
    expect(await english.text()).toContain(
      'Row 2 (line 3), column Mã HS: the pupil code HS101 is already on row 1',
    )
    expect(await stores.people.countPeople(tenantId)).toBe(before)
  })

  it('imports staff and pupils from one file; a pupil has no email, and statements by their code match them', async () => {
    const { stores } = world.nls
    // A statement that arrives before the roster waits for the pupil.
    await send([viewed('HS001')])

    const res = await upload(MIXED)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Đã nhập: 3 người mới, 0 người cập nhật.')

    const chi = await pupil('HS001')
    expect(chi).toMatchObject({
      name: 'Lê Chi',
      pupilCode: 'HS001',
      className: '7A1',
      grade: 7,
      audiences: ['TT02.NH'],
    })
    expect(chi?.email).toBeUndefined()
    const dung = await pupil('hs.dung')
    expect(dung).toMatchObject({ pupilCode: 'HS002', className: '8A', grade: 8 })
    expect(dung?.email).toBeUndefined()
    const an = await stores.people.findPersonByIdentity(tenantId, {
      kind: 'mbox',
      mbox: 'mailto:an@truong.edu.vn',
    })
    expect(an).toMatchObject({ email: 'an@truong.edu.vn', audiences: ['TT18.PT'] })
    expect(an?.pupilCode).toBeUndefined()

    // The waiting statement attached; a new one matches as it arrives.
    expect(await stores.statements.findStatementsForPerson(tenantId, chi!.id)).toHaveLength(1)
    await send([viewed('HS001')])
    expect(await stores.statements.findStatementsForPerson(tenantId, chi!.id)).toHaveLength(2)
  })

  it('updates the same pupil on a re-import, and never takes a staff member by email', async () => {
    const { stores } = world.nls
    const chi = await pupil('HS001')
    const count = await stores.people.countPeople(tenantId)
    const res = await upload(
      'ma_hs,email,ho_ten,lop,khoi\r\n' +
        'HS001,,Lê Thị Chi,7A2,7\r\n' +
        'HS003,an@truong.edu.vn,Ai Đó,6A,6\r\n',
    )
    expect(res.status).toBe(200)
    expect(await res.text()).toContain(
      'Hàng 2 (dòng 3), cột email: email an@truong.edu.vn đã thuộc về người khác; chưa liên kết',
    )
    expect(await pupil('HS001')).toMatchObject({
      id: chi!.id,
      name: 'Lê Thị Chi',
      className: '7A2',
    })
    expect(await stores.people.countPeople(tenantId)).toBe(count + 1)
    const an = await stores.people.findPersonByIdentity(tenantId, {
      kind: 'mbox',
      mbox: 'mailto:an@truong.edu.vn',
    })
    expect(an).toMatchObject({ name: 'Nguyễn Văn An' })
    expect(an?.pupilCode).toBeUndefined()
    const other = await pupil('HS003')
    expect(other).toMatchObject({ pupilCode: 'HS003', name: 'Ai Đó' })
    expect(other?.id).not.toBe(an!.id)
    expect(other?.email).toBeUndefined()
  })
})
