// The console's roster section over real HTTP: a district's manager uploads a school's staff
// (all or nothing unless the valid rows are chosen, each problem by row in the page's language),
// optionally with teachers' sign-in accounts whose first passwords come once as a CSV file, and
// sees the statements waiting for people nobody is known by; everyone else is refused.
import { randomUUID } from 'node:crypto'
import type { RunningServer } from '../../src/server/start-server.ts'
import {
  accountBrowser,
  anonymousBrowser,
  type ConsoleBrowser,
  createDistrictWithSchool,
  formTokenOf,
} from '../support/console.ts'
import { startNls } from '../support/nls-server.ts'

let nls: RunningServer
let districtId: string
let schoolId: string
let otherSchoolId: string
let manager: ConsoleBrowser
beforeAll(async () => {
  nls = await startNls()
  ;({ districtId, schoolId } = await createDistrictWithSchool(
    nls,
    'Phòng GD&ĐT Long Biên',
    'THCS Gia Thụy',
  ))
  otherSchoolId = (await createDistrictWithSchool(nls, 'Phòng GD&ĐT Thanh Xuân', 'THCS Nhân Chính'))
    .schoolId
  manager = await accountBrowser(nls, districtId, 'pgd.longbien', 'administrator')
}, 60_000)
afterAll(() => nls?.close())

const rosterOf = (tenantId: string, lang = 'vi') =>
  `/admin/roster?tenant=${tenantId}${lang === 'en' ? '&lang=en' : ''}`

/** Uploads a CSV file as the page's form does (multipart, the form token one of its fields). */
async function upload(
  who: ConsoleBrowser,
  fields: Record<string, string>,
  csv: string | undefined,
  lang = 'vi',
): Promise<Response> {
  const body = new FormData()
  const form = fields.form ?? formTokenOf(await (await who.get(rosterOf(schoolId, lang))).text())
  if (form !== '') body.set('form', form)
  for (const [name, value] of Object.entries(fields)) if (name !== 'form') body.set(name, value)
  if (csv !== undefined) body.set('file', new Blob([csv], { type: 'text/csv' }), 'nhan-su.csv')
  return fetch(`${nls.url}/admin/roster${lang === 'en' ? '?lang=en' : ''}`, {
    method: 'POST',
    headers: { ...(who.cookie && { cookie: who.cookie }), accept: 'text/html' },
    body,
    redirect: 'manual',
  })
}

const GOOD = 'email,ho_ten,don_vi,bang\nhoa.le@giathuy.edu.vn,Lê Thị Hoa,Tổ Toán,PT\n'
const WITH_BAD = `${GOOD}not-an-email,Trần B,,PT\n`
const rosterEntries = async () =>
  (await nls.stores.audit.list({ limit: 1000 })).filter((e) => e.action.startsWith('roster.'))

describe('who may use the roster section', () => {
  it('sends a browser without a session to the console sign-in, upload or page', async () => {
    const anonymous = anonymousBrowser(nls)
    const page = await anonymous.get(rosterOf(schoolId))
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toBe('/admin/login')
    const posted = await upload(anonymous, { form: 'x', tenant: schoolId }, GOOD)
    expect(posted.status).toBe(303)
    expect(posted.headers.get('location')).toBe('/admin/login')
  })

  it("refuses a school's own manager and a trainer", async () => {
    for (const who of [
      await accountBrowser(nls, schoolId, 'ht.giathuy', 'administrator'),
      await accountBrowser(nls, districtId, 'th.longbien', 'instructor'),
    ]) {
      expect((await who.get(rosterOf(schoolId))).status).toBe(403)
    }
  })

  it("refuses an upload without the form token, and to another district's school", async () => {
    expect((await upload(manager, { form: '', tenant: schoolId }, GOOD)).status).toBe(403)
    expect((await manager.get(rosterOf(otherSchoolId))).status).toBe(403)
    expect((await upload(manager, { tenant: otherSchoolId }, GOOD)).status).toBe(403)
    expect(await rosterEntries()).toEqual([])
  })
})

describe("a district's manager on a school of the district", () => {
  it('shows the statements waiting for someone nobody is known by', async () => {
    const { client, secret } = await nls.stores.xapiClients.createClient(schoolId, 'lms', 'test')
    const res = await fetch(`${nls.url}/xapi/statements`, {
      method: 'POST',
      headers: {
        'X-Experience-API-Version': '1.0.3',
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${client.key}:${secret}`).toString('base64')}`,
      },
      body: JSON.stringify({
        id: randomUUID(),
        actor: { objectType: 'Agent', mbox: 'mailto:hoa.le@giathuy.edu.vn' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { en: 'completed' } },
        object: { objectType: 'Activity', id: 'https://lms.giathuy.edu.vn/bai/1' },
      }),
    })
    expect(res.status).toBe(200)
    const html = await (await manager.get(rosterOf(schoolId))).text()
    expect(html).toContain('data-waiting-summary')
    expect(html).toContain('data-actor="hoa.le@giathuy.edu.vn"')
  })

  it('offers the template file', async () => {
    const res = await manager.get('/admin/roster/template.csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toMatch(
      /^\uFEFFemail,ho_ten,don_vi,bang,tai_khoan,chuc_vu,cap_hoc,khoi\r\n/,
    )
  })

  it('asks for a file at its field, keeping the choices', async () => {
    const res = await upload(manager, { tenant: schoolId, validOnly: 'yes' }, undefined)
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('data-problem="file"')
    expect(html).toMatch(/name="validOnly" value="yes" checked/)
  })

  it('imports nothing while a row has a problem, naming it by row in the page language', async () => {
    const vi = await upload(manager, { tenant: schoolId }, WITH_BAD)
    expect(vi.status).toBe(400)
    expect(await vi.text()).toContain('Hàng 2 (dòng 3), cột email')
    const en = await upload(manager, { tenant: schoolId }, WITH_BAD, 'en')
    expect(await en.text()).toContain('Row 2 (line 3), column email')
    const hoa = { kind: 'mbox', mbox: 'mailto:hoa.le@giathuy.edu.vn' } as const
    expect(await nls.stores.people.findPersonByIdentity(schoolId, hoa)).toBeUndefined()
    expect(await rosterEntries()).toEqual([])
  })

  it('imports the valid rows when asked, audited; the waiting statements attach', async () => {
    const res = await upload(manager, { tenant: schoolId, validOnly: 'yes' }, WITH_BAD)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Đã nhập vào THCS Gia Thụy: 1 người mới, 0 người cập nhật.')
    expect(html).not.toContain('data-actor="hoa.le@giathuy.edu.vn"')
    const [entry] = await rosterEntries()
    expect(entry).toMatchObject({
      tenantId: schoolId,
      actor: 'account:pgd.longbien',
      action: 'roster.import',
      details: { added: 1, updated: 0 },
    })
  })

  it("makes teachers' accounts when asked, their first passwords once as a CSV file", async () => {
    const csv = `${GOOD}an.pham@giathuy.edu.vn,Phạm Văn An,Tổ Văn,PT\n`
    const res = await upload(manager, { tenant: schoolId, accounts: 'yes' }, csv)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('data-accounts-made="2"')
    const data = /href="data:text\/csv;charset=utf-8;base64,([^"]+)"/.exec(html)?.[1]
    const file = Buffer.from(data!, 'base64').toString('utf8')
    expect(file).toMatch(/^\uFEFFusername,email,name,password\r\n/)
    const line = file.split('\r\n').find((l) => l.startsWith('an.pham@giathuy.edu.vn,'))!
    const password = line.split(',').at(-1)!
    const signIn = await fetch(`${nls.url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'an.pham@giathuy.edu.vn', password }),
      redirect: 'manual',
    })
    expect(signIn.status).toBe(303)
    const [made] = await rosterEntries()
    expect(made).toMatchObject({ actor: 'account:pgd.longbien', action: 'roster.accounts' })
    expect(JSON.stringify(await nls.stores.audit.list({ limit: 1000 }))).not.toContain(password)
    expect(await (await manager.get(rosterOf(schoolId))).text()).not.toContain('data-passwords')
  })

  it("puts a district's rows into the school their unit names", async () => {
    const csv = 'email,ho_ten,don_vi,bang\nminh.do@giathuy.edu.vn,Đỗ Minh,THCS Gia Thụy,PT\n'
    const form = formTokenOf(await (await manager.get(rosterOf(districtId))).text())
    const res = await upload(manager, { form, tenant: districtId }, csv)
    expect(res.status).toBe(200)
    const person = await nls.stores.people.findPersonByIdentity(schoolId, {
      kind: 'mbox',
      mbox: 'mailto:minh.do@giathuy.edu.vn',
    })
    expect(person?.name).toBe('Đỗ Minh')
  })
})
