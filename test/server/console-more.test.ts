// The rest of what the CLI does, in the web console, over real HTTP: registering an LMS by hand
// and adding a deployment (admin tokens only), a tenant's upstream LRS (its credentials never
// shown back), the inference queue (retry, recompute) and a person's data (export, erasure with
// the email typed twice) within a district, and a backup (admin tokens only). Everything is
// audited as the console's actor; other districts, other people and forms without their token
// are refused.
import type { RunningServer } from '../../src/server/start-server.ts'
import {
  accountBrowser,
  adminTokenBrowser,
  type ConsoleBrowser,
  createDistrictWithSchool,
  formTokenOf,
} from '../support/console.ts'
import { startNls } from '../support/nls-server.ts'
import { testBackend } from '../support/test-database.ts'

let nls: RunningServer
let districtId: string
let schoolId: string
let otherSchoolId: string
let admin: ConsoleBrowser
let manager: ConsoleBrowser
beforeAll(async () => {
  // The inference queue is read here: the worker drains it only when woken, not on a tick.
  nls = await startNls({ inference: 'on-wake' })
  ;({ districtId, schoolId } = await createDistrictWithSchool(
    nls,
    'Phòng GD&ĐT Ba Đình',
    'THCS Giảng Võ',
  ))
  otherSchoolId = (await createDistrictWithSchool(nls, 'Phòng GD&ĐT Tây Hồ', 'THCS Chu Văn An'))
    .schoolId
  admin = await adminTokenBrowser(nls, 'so-gd')
  manager = await accountBrowser(nls, districtId, 'pgd.badinh', 'administrator')
}, 60_000)
afterAll(() => nls?.close())

const entries = async (action: string) =>
  (await nls.stores.audit.list({ limit: 1000 })).filter((e) => e.action === action)

/** A POST that carries the session's cookie but not the form token. */
const unsigned = (who: ConsoleBrowser, path: string, fields: Record<string, string>) =>
  fetch(`${nls.url}${path}`, {
    method: 'POST',
    headers: { cookie: who.cookie, accept: 'text/html' },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  })

describe('registering an LMS by hand', () => {
  const moodle = {
    name: 'Moodle Giảng Võ',
    issuer: 'https://moodle.giangvo.edu.vn',
    clientId: 'nls-client-1',
    authUrl: 'https://moodle.giangvo.edu.vn/mod/lti/auth.php',
    tokenUrl: 'https://moodle.giangvo.edu.vn/mod/lti/token.php',
    jwksUrl: 'https://moodle.giangvo.edu.vn/mod/lti/certs.php',
    deploymentIds: '1',
  }

  it('registers it under a district and adds a deployment, audited', async () => {
    const res = await admin.post('/admin/platforms', { ...moodle, parentId: districtId })
    expect(res.status).toBe(201)
    expect(await res.text()).toContain('Đã đăng ký Moodle Giảng Võ')
    const platform = (await nls.stores.platforms.listPlatforms()).find(
      (p) => p.issuer === moodle.issuer,
    )!
    expect(platform.deploymentIds).toEqual(['1'])
    expect((await nls.stores.tenants.getTenant(platform.tenantId))?.parentId).toBe(districtId)

    const added = await admin.post(`/admin/platforms/${platform.id}/deployments`, {
      deploymentId: ' 2 ',
    })
    expect(added.status).toBe(200)
    expect((await nls.stores.platforms.getPlatform(platform.id))?.deploymentIds).toEqual(['1', '2'])
    expect((await entries('platform.add')).map((e) => e.actor)).toEqual(['admin-token:so-gd'])
    expect((await entries('platform.add-deployment')).map((e) => e.actor)).toEqual([
      'admin-token:so-gd',
    ])
  })

  it('keeps what was typed and names the bad fields in the page’s language', async () => {
    const res = await admin.post('/admin/platforms?lang=en', {
      ...moodle,
      issuer: 'moodle.example',
      deploymentIds: ' , ',
      parentId: '',
    })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('value="moodle.example"')
    expect(html).toContain(`value="${moodle.tokenUrl}"`)
    expect(html).toContain('data-problem="platform-issuer">Enter the issuer as an http(s) URL.')
    expect(html).toContain('data-problem="platform-deploymentIds">')
    const again = await admin.post('/admin/platforms', { ...moodle, parentId: '' })
    expect(again.status).toBe(400)
    expect(await again.text()).toContain('data-problem="platform-clientId">LMS với issuer')
    const unknown = await admin.post(
      '/admin/platforms/00000000-0000-4000-8000-000000000000/deployments',
      {
        deploymentId: '3',
      },
    )
    expect(unknown.status).toBe(404)
  })

  it('refuses a district manager and a form without its token', async () => {
    const platform = (await nls.stores.platforms.listPlatforms())[0]!
    const page = await (await manager.get('/admin/platforms')).text()
    expect(page).not.toContain('data-add-platform')
    const refused = await manager.post(
      '/admin/platforms',
      { ...moodle, issuer: 'https://lms.other.vn', parentId: districtId },
      '/admin/platforms',
    )
    expect(refused.status).toBe(403)
    const deployment = await manager.post(
      `/admin/platforms/${platform.id}/deployments`,
      { deploymentId: '9' },
      '/admin/platforms',
    )
    expect(deployment.status).toBe(403)
    expect(
      (await unsigned(admin, '/admin/platforms', { ...moodle, issuer: 'https://x.vn' })).status,
    ).toBe(403)
    expect((await nls.stores.platforms.listPlatforms()).map((p) => p.issuer)).toEqual([
      moodle.issuer,
    ])
  })
})

describe('LRS sources', () => {
  const source = {
    endpoint: 'https://lrs.badinh.edu.vn/xAPI',
    username: 'khoa-lrs-bd',
    password: 'bi-mat-lrs-bd-42',
    pull: 'on',
  }

  it('sets a school’s source, never showing its credentials back, and removes it', async () => {
    const set = await manager.post(
      '/admin/sources',
      { tenant: schoolId, ...source },
      '/admin/sources',
    )
    expect([set.status, set.headers.get('location')]).toEqual([
      303,
      `/admin/sources?tenant=${schoolId}&done=saved`,
    ])
    const saved = await nls.stores.lrsSources.getSource(schoolId)
    expect(saved).toMatchObject({
      endpoint: 'https://lrs.badinh.edu.vn/xAPI/',
      username: source.username,
      password: source.password,
      pull: true,
      forward: false,
    })
    for (const path of [`/admin/sources?tenant=${schoolId}&done=saved`, '/admin/sources']) {
      const html = await (await manager.get(path)).text()
      expect(html).toContain('https://lrs.badinh.edu.vn/xAPI/')
      expect(html).not.toContain(source.password)
      expect(html).not.toContain(source.username)
    }
    const [entry] = await entries('lrs-source.set')
    expect(entry?.actor).toBe('account:pgd.badinh')
    expect(JSON.stringify(entry)).not.toContain(source.password)

    const removed = await manager.post(
      '/admin/sources/remove',
      { tenant: schoolId },
      '/admin/sources',
    )
    expect(removed.status).toBe(303)
    expect(await nls.stores.lrsSources.getSource(schoolId)).toBeUndefined()
    expect((await entries('lrs-source.remove')).map((e) => e.actor)).toEqual(['account:pgd.badinh'])
    const again = await manager.post(
      '/admin/sources/remove',
      { tenant: schoolId },
      '/admin/sources',
    )
    expect(again.status).toBe(404)
  })

  it('keeps what was typed and names the bad field', async () => {
    const res = await manager.post(
      '/admin/sources',
      { tenant: schoolId, ...source, endpoint: 'ftp://lrs.badinh.edu.vn' },
      '/admin/sources',
    )
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('value="ftp://lrs.badinh.edu.vn"')
    expect(html).toContain('value="khoa-lrs-bd"')
    expect(html).toContain('data-problem="endpoint">Nhập địa chỉ xAPI gốc của LRS')
    expect(await nls.stores.lrsSources.getSource(schoolId)).toBeUndefined()
  })

  it('refuses another district’s school and a form without its token', async () => {
    expect((await manager.get(`/admin/sources?tenant=${otherSchoolId}`)).status).toBe(403)
    const other = await manager.post(
      '/admin/sources',
      { tenant: otherSchoolId, ...source },
      '/admin/sources',
    )
    expect(other.status).toBe(403)
    expect(
      (await unsigned(manager, '/admin/sources', { tenant: schoolId, ...source })).status,
    ).toBe(403)
    expect(
      (await admin.get('/admin/sources?tenant=00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404)
    expect(await nls.stores.lrsSources.listSources()).toEqual([])
  })
})

describe('the inference queue', () => {
  it('shows a school’s set-aside people, retries them and queues a recompute, audited', async () => {
    const person = await nls.stores.people.upsertPersonByIdentity(
      schoolId,
      { kind: 'mbox', mbox: 'mailto:gv.hoa@giangvo.edu.vn' },
      { name: 'Nguyễn Thị Hoa' },
    )
    await nls.stores.inference.enqueue(schoolId, [person.id])
    const [taken] = await nls.stores.inference.takeQueued(10)
    await nls.stores.inference.setAside([
      { person: taken!, retryAt: new Date(Date.now() + 3_600_000), error: 'framework missing' },
    ])
    const html = await (await manager.get(`/admin/inference?tenant=${schoolId}`)).text()
    expect(html).toContain('<dd data-set-aside="true">1</dd>')
    expect(html).toContain(`data-person="${person.id}"`)
    expect(html).toContain('framework missing')
    expect(html).toContain('Nguyễn Thị Hoa')
    // Another tenant's queue counts none of this school's people.
    const otherHtml = await (await admin.get(`/admin/inference?tenant=${districtId}`)).text()
    expect(otherHtml).toContain('<dd data-set-aside="true">0</dd>')

    const retried = await manager.post(
      '/admin/inference/retry',
      { tenant: schoolId },
      '/admin/inference',
    )
    expect(retried.headers.get('location')).toBe(`/admin/inference?tenant=${schoolId}&retried=1`)
    expect((await nls.stores.inference.queueDepth(schoolId)).setAside).toBe(0)
    const recompute = await manager.post(
      '/admin/inference/recompute',
      { tenant: schoolId },
      '/admin/inference',
    )
    expect(recompute.status).toBe(303)
    expect((await entries('inference.retry')).map((e) => [e.actor, e.tenantId])).toEqual([
      ['account:pgd.badinh', schoolId],
    ])
    expect((await entries('inference.recompute')).map((e) => e.actor)).toEqual([
      'account:pgd.badinh',
    ])
  })

  it('refuses another district’s school and a form without its token', async () => {
    expect((await manager.get(`/admin/inference?tenant=${otherSchoolId}`)).status).toBe(403)
    const other = await manager.post(
      '/admin/inference/retry',
      { tenant: otherSchoolId },
      '/admin/inference',
    )
    expect(other.status).toBe(403)
    expect(
      (await unsigned(manager, '/admin/inference/recompute', { tenant: schoolId })).status,
    ).toBe(403)
  })
})

describe('data', () => {
  const email = 'gv.lan@giangvo.edu.vn'
  let personId: string
  beforeAll(async () => {
    personId = (
      await nls.stores.people.upsertPersonByIdentity(
        schoolId,
        { kind: 'mbox', mbox: `mailto:${email}` },
        { name: 'Trần Thị Lan', email },
      )
    ).id
  })

  it('downloads a backup for an admin token only, audited', async () => {
    const page = await (await admin.get('/admin/data')).text()
    if (testBackend === 'pglite') {
      const res = await admin.post('/admin/data/backup', {}, '/admin/data')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('application/gzip')
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="nls-backup-/)
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0)
      expect((await entries('database.backup')).map((e) => e.actor)).toEqual(['admin-token:so-gd'])
    } else {
      expect(page).toContain('pg_dump -Fc')
    }
    const managerPage = await (await manager.get('/admin/data')).text()
    expect(managerPage).not.toContain('data-backup')
    const refused = await manager.post('/admin/data/backup', {}, '/admin/data')
    expect(refused.status).toBe(403)
  })

  it('exports a person of the district as JSON, audited', async () => {
    const res = await manager.post(
      '/admin/data/export',
      { tenant: schoolId, person: email.toUpperCase() },
      '/admin/data',
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="nls-person-${personId}.json"`,
    )
    const data = (await res.json()) as { tenantId: string; person: { id: string } }
    expect([data.tenantId, data.person.id]).toEqual([schoolId, personId])
    expect((await entries('person.export')).map((e) => e.actor)).toEqual(['account:pgd.badinh'])

    const unknown = await manager.post(
      '/admin/data/export?lang=en',
      { tenant: schoolId, person: 'ai.do@giangvo.edu.vn' },
      '/admin/data',
    )
    expect(unknown.status).toBe(400)
    const html = await unknown.text()
    expect(html).toContain('value="ai.do@giangvo.edu.vn"')
    expect(html).toContain('data-problem="export-person">No one in this tenant')
    // The same person asked of another district's school: refused before any lookup.
    const other = await manager.post(
      '/admin/data/export',
      { tenant: otherSchoolId, person: email },
      '/admin/data',
    )
    expect(other.status).toBe(403)
  })

  it('erases a person only once the email is typed twice, audited', async () => {
    const mismatch = await manager.post(
      '/admin/data/erase',
      { tenant: schoolId, email, confirm: 'gv.lan@giangvo.edu' },
      '/admin/data',
    )
    expect(mismatch.status).toBe(400)
    const html = await mismatch.text()
    expect(html).toContain(`value="${email}"`)
    expect(html).toContain('data-problem="erase-confirm">Email nhập lại không khớp.')
    expect(await nls.stores.people.getPerson(schoolId, personId)).toBeDefined()

    expect(
      (await unsigned(manager, '/admin/data/erase', { tenant: schoolId, email, confirm: email }))
        .status,
    ).toBe(403)
    const foreign = await manager.post(
      '/admin/data/erase',
      { tenant: otherSchoolId, email, confirm: email },
      '/admin/data',
    )
    expect(foreign.status).toBe(403)
    expect(await nls.stores.people.getPerson(schoolId, personId)).toBeDefined()

    const erased = await manager.post(
      '/admin/data/erase',
      { tenant: schoolId, email, confirm: ` ${email.toUpperCase()} ` },
      '/admin/data',
    )
    expect(erased.status).toBe(200)
    expect(await erased.text()).toContain(`Đã xóa dữ liệu của ${email}`)
    expect(await nls.stores.people.getPerson(schoolId, personId)).toBeUndefined()
    expect((await entries('person.erase')).map((e) => e.actor)).toEqual(['account:pgd.badinh'])
  })
})

it('lists the new sections in the navigation, the data section for everyone in scope', async () => {
  const html = await (await manager.get('/admin/sources')).text()
  for (const path of ['/admin/sources', '/admin/inference', '/admin/data']) {
    expect(html).toContain(`href="${path}"`)
  }
  expect(formTokenOf(html)).toBeTruthy()
})
