// The console's tenants section over real HTTP: the tree with people counts, adding districts
// and schools, moving tenants (with the store's refusals at the field), and tenant settings; a
// district manager only within their district.
import type { RunningServer } from '../../src/server/start-server.ts'
import { startNls } from '../support/nls-server.ts'
import {
  accountBrowser,
  adminTokenBrowser,
  anonymousBrowser,
  type ConsoleBrowser,
  createDistrictWithSchool,
} from '../support/console.ts'

let nls: RunningServer
let admin: ConsoleBrowser
let manager: ConsoleBrowser
let districtId: string
let otherDistrictId: string
let schoolId: string
let foreignSchoolId: string
let lmsId: string
beforeAll(async () => {
  nls = await startNls()
  ;({ districtId, schoolId } = await createDistrictWithSchool(
    nls,
    'Phòng GD&ĐT Cầu Giấy',
    'THCS Nghĩa Tân',
  ))
  ;({ districtId: otherDistrictId, schoolId: foreignSchoolId } = await createDistrictWithSchool(
    nls,
    'Phòng GD&ĐT Đống Đa',
    'THCS Cát Linh',
  ))
  lmsId = (await nls.stores.tenants.createTenant({ kind: 'platform', name: 'Moodle Cầu Giấy' })).id
  admin = await adminTokenBrowser(nls, 'so-gddt')
  manager = await accountBrowser(nls, districtId, 'pgd.caugiay', 'administrator')
  await nls.stores.people.upsertPersonByIdentity(schoolId, { kind: 'mbox', mbox: 'mailto:a@x.vn' })
  await nls.stores.people.upsertPersonByIdentity(schoolId, { kind: 'mbox', mbox: 'mailto:b@x.vn' })
}, 60_000)
afterAll(() => nls?.close())

const rowOf = (html: string, id: string) =>
  new RegExp(`<tr data-tenant="${id}">(.*?)</tr>`, 's').exec(html)?.[1]

describe('the tenant tree', () => {
  it('shows an admin every tenant, districts with their schools, and people counts', async () => {
    const html = await (await admin.get('/admin/tenants')).text()
    for (const id of [districtId, otherDistrictId, schoolId, foreignSchoolId, lmsId]) {
      expect(rowOf(html, id)).toBeDefined()
    }
    expect(rowOf(html, schoolId)).toContain('data-people="2"')
    expect(rowOf(html, schoolId)).toContain('Phòng GD&amp;ĐT Cầu Giấy')
    expect(rowOf(html, lmsId)).toContain('Không thuộc phòng nào')
    // The school follows its district.
    expect(html.indexOf(`data-tenant="${schoolId}"`)).toBeGreaterThan(
      html.indexOf(`data-tenant="${districtId}"`),
    )
  })

  it('shows a district manager only their district', async () => {
    const html = await (await manager.get('/admin/tenants')).text()
    expect(rowOf(html, districtId)).toBeDefined()
    expect(rowOf(html, schoolId)).toBeDefined()
    expect(rowOf(html, foreignSchoolId)).toBeUndefined()
    expect(rowOf(html, lmsId)).toBeUndefined()
    expect(html).not.toContain('THCS Cát Linh')
  })
})

describe('adding a district or a school', () => {
  it('adds a district and a school under it, audited, and tells so', async () => {
    const res = await admin.post('/admin/tenants', { name: 'Phòng GD&ĐT Tây Hồ', kind: 'district' })
    expect(res.status).toBe(303)
    const all = await nls.stores.tenants.listTenants()
    const district = all.find((t) => t.name === 'Phòng GD&ĐT Tây Hồ')!
    expect(district).toMatchObject({ kind: 'organisation', parentId: undefined })
    expect(res.headers.get('location')).toBe(`/admin/tenants?added=${district.id}`)
    const page = await (await admin.get(res.headers.get('location')!)).text()
    expect(page).toContain('Đã thêm Phòng GD&amp;ĐT Tây Hồ.')
    const school = await admin.post('/admin/tenants', {
      name: 'TH Quảng An',
      kind: 'school',
      parentId: district.id,
    })
    expect(school.status).toBe(303)
    const created = (await nls.stores.tenants.listTenants()).find((t) => t.name === 'TH Quảng An')!
    expect(created.parentId).toBe(district.id)
    const [entry] = await nls.stores.audit.list({ tenantId: created.id, limit: 1 })
    expect(entry).toMatchObject({
      actor: 'admin-token:so-gddt',
      action: 'tenant.create',
      details: { kind: 'school', name: 'TH Quảng An', parentId: district.id },
    })
  })

  it('keeps what was typed and names each problem at its field, in English too', async () => {
    const res = await admin.post('/admin/tenants?lang=en', {
      name: 'THCS Không Phòng',
      kind: 'school',
      parentId: lmsId,
    })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('value="THCS Không Phòng"')
    expect(html).toContain('data-problem="add-parent">Choose a district.')
    const empty = await (await admin.post('/admin/tenants', { name: ' ', kind: 'district' })).text()
    expect(empty).toContain('data-problem="add-name">Hãy nhập tên')
  })

  it('lets a district manager add a school in their district only, never a district', async () => {
    const ok = await manager.post('/admin/tenants', {
      name: 'TH Dịch Vọng',
      kind: 'school',
      parentId: districtId,
    })
    expect(ok.status).toBe(303)
    const made = (await nls.stores.tenants.listTenants()).find((t) => t.name === 'TH Dịch Vọng')!
    expect(made.parentId).toBe(districtId)
    const [entry] = await nls.stores.audit.list({ tenantId: made.id, limit: 1 })
    expect(entry?.actor).toBe('account:pgd.caugiay')
    const elsewhere = await manager.post('/admin/tenants', {
      name: 'TH Ngoài',
      kind: 'school',
      parentId: otherDistrictId,
    })
    expect(elsewhere.status).toBe(400)
    const district = await manager.post('/admin/tenants', { name: 'Phòng mới', kind: 'district' })
    expect(district.status).toBe(400)
    expect(await district.text()).toContain('data-problem="add-kind"')
    const names = (await nls.stores.tenants.listTenants()).map((t) => t.name)
    expect(names).not.toContain('TH Ngoài')
    expect(names).not.toContain('Phòng mới')
  })
})

describe('moving a tenant under a district', () => {
  it('moves an LMS tenant under a district, audited by the store', async () => {
    const res = await admin.post('/admin/tenants/move', { tenantId: lmsId, parentId: districtId })
    expect(res.status).toBe(303)
    expect((await nls.stores.tenants.getTenant(lmsId))?.parentId).toBe(districtId)
    const [entry] = await nls.stores.audit.list({ tenantId: lmsId, limit: 1 })
    expect(entry).toMatchObject({ actor: 'admin-token:so-gddt', action: 'tenant.move' })
    expect(await (await admin.get(res.headers.get('location')!)).text()).toContain(
      'Đã chuyển Moodle Cầu Giấy.',
    )
  })

  it('shows the store’s refusal of a cycle at the field, keeping the choices', async () => {
    const res = await admin.post('/admin/tenants/move', {
      tenantId: districtId,
      parentId: districtId,
    })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('data-problem="move-parent">Không chuyển được một đơn vị vào chính nó.')
    expect(html).toMatch(new RegExp(`<option value="${districtId}" selected`))
  })

  it('keeps a district manager within their district', async () => {
    // A school of another district: not theirs to move.
    const foreign = await manager.post('/admin/tenants/move', {
      tenantId: foreignSchoolId,
      parentId: districtId,
    })
    expect(foreign.status).toBe(403)
    const unknown = await manager.post('/admin/tenants/move', {
      tenantId: '00000000-0000-4000-8000-000000000000',
      parentId: districtId,
    })
    expect(unknown.status).toBe(404)
    // Out of their district, or into another: refused at the field.
    const out = await manager.post('/admin/tenants/move', { tenantId: schoolId, parentId: '' })
    expect(out.status).toBe(403)
    expect(await out.text()).toContain('data-problem="move-parent"')
    const away = await manager.post('/admin/tenants/move', {
      tenantId: schoolId,
      parentId: otherDistrictId,
    })
    expect(away.status).toBe(403)
    expect((await nls.stores.tenants.getTenant(schoolId))?.parentId).toBe(districtId)
    expect((await nls.stores.tenants.getTenant(foreignSchoolId))?.parentId).toBe(otherDistrictId)
  })

  it('refuses a POST without the form token and a browser without a session', async () => {
    const res = await fetch(`${nls.url}/admin/tenants/move`, {
      method: 'POST',
      headers: { cookie: admin.cookie, accept: 'text/html' },
      body: new URLSearchParams({ tenantId: schoolId, parentId: '' }),
      redirect: 'manual',
    })
    expect(res.status).toBe(403)
    const anonymous = await anonymousBrowser(nls).post('/admin/tenants/move', {
      form: 'x',
      tenantId: schoolId,
      parentId: '',
    })
    expect([anonymous.status, anonymous.headers.get('location')]).toEqual([303, '/admin/login'])
    expect((await nls.stores.tenants.getTenant(schoolId))?.parentId).toBe(districtId)
  })
})

describe('tenant settings', () => {
  it('shows and saves the settings of `nls tenant settings`, audited', async () => {
    const page = await (await manager.get(`/admin/tenants/${schoolId}/settings`)).text()
    expect(page).toContain('name="requiredShare" value="1"')
    const res = await manager.post(
      `/admin/tenants/${schoolId}/settings`,
      {
        requiredShare: '0,8',
        identityRule: 'email',
        audience: 'TT18.PT',
        minGroupSize: '3',
        statementRetentionDays: '365',
        accountHomePage: 'https://k12online.vn',
        targets: 'TT18.PT=cb',
        gradeTargets: '7=tc2',
        writeDescriptors: 'on',
      },
      `/admin/tenants/${schoolId}/settings`,
    )
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/admin/tenants?saved=${schoolId}`)
    expect((await nls.stores.tenants.getTenant(schoolId))?.settings).toEqual({
      requiredShare: 0.8,
      identityRule: 'email',
      writeDescriptors: true,
      audience: 'TT18.PT',
      minGroupSize: 3,
      statementRetentionDays: 365,
      accountHomePage: 'https://k12online.vn',
      targets: { 'TT18.PT': 'CB' },
      gradeTargets: { '7': 'TC2' },
    })
    expect(await (await manager.get(`/admin/tenants/${schoolId}/settings`)).text()).toContain(
      'Mức cần đạt theo khối',
    )
    const [entry] = await nls.stores.audit.list({ tenantId: schoolId, limit: 1 })
    expect(entry).toMatchObject({ actor: 'account:pgd.caugiay', action: 'tenant.settings' })
  })

  it('names each bad setting at its field and keeps what was typed', async () => {
    const res = await admin.post(
      `/admin/tenants/${schoolId}/settings?lang=en`,
      {
        requiredShare: '2',
        identityRule: 'email',
        audience: 'TT18.PT',
        minGroupSize: '3',
        statementRetentionDays: '7',
        accountHomePage: 'k12online',
        targets: 'TT18.PT=CB',
      },
      `/admin/tenants/${schoolId}/settings`,
    )
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain(
      'data-problem="settings-requiredShare">Not a valid value: must be at most 1',
    )
    expect(html).toContain('data-problem="settings-statementRetentionDays">')
    expect(html).toContain('value="k12online"')
    const settingsPath = `/admin/tenants/${schoolId}/settings`
    const fields = {
      requiredShare: '1',
      identityRule: 'email',
      audience: 'TT18.PT',
      minGroupSize: '3',
      statementRetentionDays: '',
      accountHomePage: '',
      targets: 'TT18.PT.9.9=CB',
    }
    const target = await admin.post(settingsPath, fields, settingsPath)
    expect(target.status).toBe(400)
    expect(await target.text()).toContain('data-problem="settings-targets">')
    // A grade's expected level is a pupils' level of TT02, one `GRADE=LEVEL` a line.
    const grades = { ...fields, targets: '', gradeTargets: '7=TT' }
    const level = await admin.post(`/admin/tenants/${schoolId}/settings`, grades, settingsPath)
    expect(level.status).toBe(400)
    expect(await level.text()).toContain(
      'data-problem="settings-gradeTargets">Giá trị chưa đúng: --grade-target 7=TT: no pupils\' level TT',
    )
    const line = await admin.post(
      `/admin/tenants/${schoolId}/settings`,
      { ...grades, gradeTargets: '7 TC2' },
      settingsPath,
    )
    expect(line.status).toBe(400)
    expect(await line.text()).toContain(
      'Dòng &quot;7 TC2&quot; phải có dạng KHỐI=MỨC, ví dụ 7=TC2.',
    )
    expect((await nls.stores.tenants.getTenant(schoolId))?.settings).toMatchObject({
      requiredShare: 0.8,
    })
  })

  it('refuses a district manager the settings of a school outside their district', async () => {
    expect((await manager.get(`/admin/tenants/${foreignSchoolId}/settings`)).status).toBe(403)
    expect((await manager.get(`/admin/tenants/not-a-tenant/settings`)).status).toBe(404)
    const res = await manager.post(`/admin/tenants/${foreignSchoolId}/settings`, {
      requiredShare: '0.5',
    })
    expect(res.status).toBe(403)
  })
})
