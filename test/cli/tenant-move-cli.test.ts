// Issue 17, item 4: a school registered by LTI joins a district (nls tenant move, nls platform
// add --parent), and the district's report then counts its staff.
import { jest } from '@jest/globals'
import { reportTenants } from '../../src/server/pages/report-data.ts'
import { CLI_TEST_TIMEOUT_MS, type CommandLine, openCommandLine } from '../support/cli.ts'
import { heldLevel } from '../support/levels.ts'
import { createTestPlace } from '../support/test-database.ts'

jest.setTimeout(CLI_TEST_TIMEOUT_MS)

let place: Awaited<ReturnType<typeof createTestPlace>>
let cli: CommandLine
beforeAll(async () => {
  place = await createTestPlace({ migrated: true })
  cli = await openCommandLine(place)
})
afterAll(async () => {
  await cli.close()
  await place.remove()
})

const nls = (...argv: string[]) => cli.run(place.env, ...argv)

const platformArgs = (issuer: string) => [
  'platform',
  'add',
  ...['--issuer', issuer, '--client-id', 'abc'],
  ...['--auth-url', `${issuer}/mod/lti/auth.php`, '--token-url', `${issuer}/mod/lti/token.php`],
  ...['--jwks-url', `${issuer}/mod/lti/certs.php`, '--deployment-id', '1'],
]

describe('nls tenant move', () => {
  it("moves an LMS's tenant into a district, whose report then counts its staff", async () => {
    const district = (
      await nls('tenant', 'add', '--organisation', '--name', 'Phòng GD Tây Hồ')
    ).out.trim()
    const added = await nls(...platformArgs('https://moodle.thcs-tay-ho.edu.vn'))
    expect(added.code).toBe(0)
    const school = /tenant ([0-9a-f-]{36})\)/.exec(added.out)![1]!
    await cli.withStores(async (stores) => {
      const person = await stores.people.upsertPersonByIdentity(
        school,
        { kind: 'mbox', mbox: 'mailto:gv@thcs-tay-ho.edu.vn' },
        { name: 'Giáo viên', email: 'gv@thcs-tay-ho.edu.vn' },
      )
      // On the school's roster: staff.
      await stores.people.setUnit(school, person.id, 'Tổ Toán')
      await stores.progress.saveLevels(school, person.id, [heldLevel('TT18.PT.1.1', 'CB')])
    })

    const moved = await nls('tenant', 'move', '--tenant', school, '--parent', 'Phòng GD Tây Hồ')
    expect(moved).toEqual({
      code: 0,
      out: `${school}  moodle.thcs-tay-ho.edu.vn: now under district ${district} (was none)\n`,
      err: '',
    })
    await cli.withStores(async (stores) => {
      const districtTenant = (await stores.tenants.getTenant(district))!
      const covered = await reportTenants(stores, districtTenant)
      expect(covered.map((t) => t.id)).toEqual([school])
      const { staff } = await stores.reports.tallies(covered[0]!.id, {
        audience: 'TT18.PT',
        defaultAudience: 'TT18.PT',
        componentIds: ['TT18.PT.1.1'],
        at: new Date('2100-01-01'),
      })
      expect(staff.reduce((n, s) => n + s.staff, 0)).toBe(1)
      const [entry] = await stores.audit.list({ tenantId: school, limit: 1 })
      expect(entry).toMatchObject({
        actor: 'cli',
        action: 'tenant.move',
        subject: `tenant:${school}`,
        details: { before: null, after: district },
      })
    })

    expect((await nls('tenant', 'move', '--tenant', school, '--parent', 'none')).code).toBe(0)
    expect((await nls('tenant', 'list')).out).toContain(
      `${school}  platform  moodle.thcs-tay-ho.edu.vn\n`,
    )
  })

  it('refuses a parent that is not an organisation, a cycle, and an unknown tenant', async () => {
    const district = (await nls('tenant', 'add', '--organisation', '--name', 'Sở A')).out.trim()
    const under = (await nls('tenant', 'add', '--name', 'Phòng B', '--parent', district)).out.trim()
    const lms = /tenant ([0-9a-f-]{36})\)/.exec(
      (await nls(...platformArgs('https://moodle.truong-c.edu.vn'))).out,
    )![1]!
    const unknown = '00000000-0000-4000-8000-000000000009'

    expect(await nls('tenant', 'move', '--tenant', under, '--parent', lms)).toEqual({
      code: 2,
      out: '',
      err: `nls: --parent: đơn vị này không phải phòng GD&ĐT (đơn vị tổ chức) / --parent: moodle.truong-c.edu.vn (${lms}) is a platform tenant, not an organisation\n`,
    })
    expect(await nls('tenant', 'move', '--tenant', district, '--parent', under)).toEqual({
      code: 2,
      out: '',
      err: `nls: --parent: đơn vị này đang trực thuộc đơn vị cần chuyển: sẽ thành một vòng lặp / --parent: Phòng B (${under}) is under tenant ${district}: that would make a cycle\n`,
    })
    expect((await nls('tenant', 'move', '--tenant', district, '--parent', district)).err).toBe(
      `nls: --parent: một đơn vị không thể trực thuộc chính nó / --parent: tenant ${district} cannot be its own parent\n`,
    )
    expect(await nls('tenant', 'move', '--tenant', unknown, '--parent', district)).toEqual({
      code: 2,
      out: '',
      err: `nls: --tenant: không có đơn vị này / --tenant: no tenant ${unknown}\n`,
    })
    expect((await nls('tenant', 'move', '--tenant', lms, '--parent', 'Sở Không Có')).err).toBe(
      'nls: --parent: không tìm thấy đúng một phòng GD&ĐT (đơn vị tổ chức) có mã hoặc tên "Sở Không Có" / --parent: no organisation tenant has the id or name "Sở Không Có" (nls tenant list shows them)\n',
    )
    expect((await nls('tenant', 'move', '--tenant', 'x', '--parent', 'none')).code).toBe(2)
    // Nothing moved.
    await cli.withStores(async (stores) => {
      expect((await stores.tenants.getTenant(district))?.parentId).toBeUndefined()
      expect((await stores.tenants.getTenant(under))?.parentId).toBe(district)
    })
  })
})

describe('nls platform add --parent', () => {
  it('registers the platform under its district', async () => {
    const district = (
      await nls('tenant', 'add', '--organisation', '--name', 'Phòng GD Long Biên')
    ).out.trim()
    const added = await nls(
      ...platformArgs('https://moodle.long-bien.edu.vn'),
      ...['--parent', 'Phòng GD Long Biên'],
    )
    expect(added).toMatchObject({ code: 0, err: '' })
    const tenant = /tenant ([0-9a-f-]{36})\)/.exec(added.out)![1]!
    await cli.withStores(async (stores) => {
      expect((await stores.tenants.getTenant(tenant))?.parentId).toBe(district)
    })
    expect(
      await nls(...platformArgs('https://moodle.khac.edu.vn'), '--parent', 'Không Có'),
    ).toEqual({
      code: 2,
      out: '',
      err: 'nls: --parent: không tìm thấy đúng một phòng GD&ĐT (đơn vị tổ chức) có mã hoặc tên "Không Có" / --parent: no organisation tenant has the id or name "Không Có" (nls tenant list shows them)\n',
    })
  })
})
