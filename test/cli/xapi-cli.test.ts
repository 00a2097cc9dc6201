import { jest } from '@jest/globals'
import { createStores } from '../../src/store/index.ts'
import { CLI_TEST_TIMEOUT_MS, type CommandLine, openCommandLine } from '../support/cli.ts'
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

const nls = (...argv: string[]) =>
  cli.run({ ...place.env, NLS_PUBLIC_URL: 'https://nls.so-gd.edu.vn' }, ...argv)

describe('nls xapi-client', () => {
  it('add prints the endpoint, key and secret once; list; revoke', async () => {
    const platform = await nls(
      'platform',
      'add',
      '--issuer',
      'https://lms.thpt-c.edu.vn',
      '--client-id',
      'c1',
      '--auth-url',
      'https://lms.thpt-c.edu.vn/mod/lti/auth.php',
      '--token-url',
      'https://lms.thpt-c.edu.vn/mod/lti/token.php',
      '--jwks-url',
      'https://lms.thpt-c.edu.vn/mod/lti/certs.php',
      '--deployment-id',
      '1',
    )
    const tenant = /tenant ([0-9a-f-]{36})/.exec(platform.out)![1]!
    const added = await nls('xapi-client', 'add', '--tenant', tenant, '--name', 'moodle-logstore')
    expect(added.code).toBe(0)
    expect(added.out).toMatch(
      /^endpoint https:\/\/nls\.so-gd\.edu\.vn\/xapi\/\nkey {6}[0-9a-f]{24}\nsecret {3}[A-Za-z0-9_-]{43}\n$/,
    )
    expect(added.err).toMatch(
      /^xAPI client "moodle-logstore" created \(id [0-9a-f-]{36}\); the secret is shown only now:\nendpoint from NLS_PUBLIC_URL \(https:\/\/nls\.so-gd\.edu\.vn\)\n$/,
    )
    const key = /key {6}(\S+)/.exec(added.out)![1]!
    expect((await nls('xapi-client', 'list', '--tenant', tenant)).out).toMatch(
      new RegExp(
        `^[0-9a-f-]{36} {2}moodle-logstore {2}key ${key} {2}tenant ${tenant} {2}active\\n$`,
      ),
    )
    expect((await nls('xapi-client', 'revoke', key)).out).toBe(
      `revoked xAPI client "moodle-logstore" (key ${key})\n`,
    )
  })

  it('without NLS_PUBLIC_URL, warns that the endpoint is a guess from HOST and PORT', async () => {
    const tenant = (await nls('tenant', 'add', '--name', 'THCS E')).out.trim()
    const added = await cli.run(
      { ...place.env, PORT: '8080', HOST: '127.0.0.1' },
      'xapi-client',
      'add',
      '--tenant',
      tenant,
      '--name',
      'moodle-logstore',
    )
    expect(added.code).toBe(0)
    expect(added.out).toMatch(/^endpoint http:\/\/127\.0\.0\.1:8080\/xapi\/\nkey {6}/)
    expect(added.err.split('\n').slice(1)).toEqual([
      'nls: cảnh báo: NLS_PUBLIC_URL chưa được đặt, nên địa chỉ dưới đây chỉ là phỏng đoán từ HOST và PORT (http://127.0.0.1:8080); LMS ở máy khác không tới được. / warning: NLS_PUBLIC_URL is not set, so the endpoint below is only a guess from HOST and PORT (http://127.0.0.1:8080); an LMS on another machine cannot reach it.',
      'nls: đặt NLS_PUBLIC_URL là địa chỉ LMS truy cập NLS, như với máy chủ (ví dụ NLS_PUBLIC_URL=https://nls.example.edu.vn), và cho LMS địa chỉ đó kèm /xapi/ / set NLS_PUBLIC_URL to the address the LMS reaches NLS at, as for the server (e.g. NLS_PUBLIC_URL=https://nls.example.edu.vn), and give the LMS that address followed by /xapi/',
      '',
    ])
    // With the defaults the guess is this machine's port 3000.
    const defaults = await cli.run(
      place.env,
      'xapi-client',
      'add',
      '--tenant',
      tenant,
      '--name',
      'h5p',
    )
    expect(defaults.out).toMatch(/^endpoint http:\/\/localhost:3000\/xapi\/\n/)
    expect(defaults.err).toContain(
      'nls: cảnh báo: NLS_PUBLIC_URL chưa được đặt, nên địa chỉ dưới đây chỉ là phỏng đoán từ HOST và PORT (http://localhost:3000)',
    )
    expect(defaults.err).toContain('/ warning: NLS_PUBLIC_URL is not set')
  })

  it('help names nls tenant list for the tenant id', async () => {
    for (const command of [
      ['xapi-client', 'add'],
      ['tags', 'import'],
    ]) {
      const help = await nls(...command, '--help')
      expect(help.code).toBe(0)
      expect(help.out).toMatch(
        /--tenant <id> +the tenant's id \(nls tenant list shows every tenant\)/,
      )
      expect(help.out).not.toContain('platform list')
    }
  })

  it('a tenant that is not a UUID, or does not exist', async () => {
    expect(await nls('xapi-client', 'add', '--tenant', '12', '--name', 'x')).toEqual({
      code: 2,
      out: '',
      err: 'nls: --tenant phải là mã đơn vị (một UUID; xem nls tenant list), nhận "12" / --tenant must be a tenant id (a UUID; see nls tenant list), got "12"\n',
    })
    const missing = await nls(
      'xapi-client',
      'add',
      '--tenant',
      '00000000-0000-4000-8000-000000000000',
      '--name',
      'x',
    )
    expect(missing).toEqual({
      code: 1,
      out: '',
      err: 'nls: không tìm thấy / tenant 00000000-0000-4000-8000-000000000000 does not exist\n',
    })
  })
})

describe('nls sources', () => {
  it('set and status; a wrong endpoint is named', async () => {
    const platform = await nls(
      'platform',
      'add',
      '--issuer',
      'https://lms.thpt-d.edu.vn',
      '--client-id',
      'd1',
      '--auth-url',
      'https://lms.thpt-d.edu.vn/mod/lti/auth.php',
      '--token-url',
      'https://lms.thpt-d.edu.vn/mod/lti/token.php',
      '--jwks-url',
      'https://lms.thpt-d.edu.vn/mod/lti/certs.php',
      '--deployment-id',
      '1',
    )
    const tenant = /tenant ([0-9a-f-]{36})/.exec(platform.out)![1]!
    const set = await nls(
      'sources',
      'set',
      '--tenant',
      tenant,
      '--endpoint',
      'https://lrs.so-gd.edu.vn/xAPI',
      '--username',
      'k',
      '--password',
      's',
    )
    expect(set.out).toBe(
      `tenant ${tenant}: https://lrs.so-gd.edu.vn/xAPI/ (pull on, forward off)\n`,
    )
    expect((await nls('sources', 'status')).out).toBe(
      `${tenant}  https://lrs.so-gd.edu.vn/xAPI/  pull on  forward off  nothing pulled yet  never pulled\n`,
    )
    const bad = await nls(
      'sources',
      'set',
      '--tenant',
      tenant,
      '--endpoint',
      'lrs',
      '--username',
      'k',
      '--password',
      's',
    )
    expect(bad).toEqual({
      code: 2,
      out: '',
      err: "nls: --endpoint phải là địa chỉ xAPI gốc của LRS (http hoặc https) / --endpoint must be the LRS's xAPI base URL (http or https)\n",
    })
  })

  it('remove deletes a tenant’s source, audited; a tenant without one is named', async () => {
    const tenant = (await nls('tenant', 'add', '--name', 'THPT G')).out.trim()
    const set = await nls(
      'sources',
      'set',
      '--tenant',
      tenant,
      '--endpoint',
      'https://lrs.thpt-g.edu.vn/xAPI/',
      '--username',
      'k',
      '--password',
      's',
    )
    expect(set.code).toBe(0)
    expect(await nls('sources', 'remove', '--tenant', tenant)).toEqual({
      code: 0,
      out: `tenant ${tenant}: LRS source removed\n`,
      err: '',
    })
    expect((await nls('sources', 'status')).out).not.toContain(tenant)

    const audit = await createStores(cli.database.db).audit.list({ tenantId: tenant })
    expect(audit.filter((e) => e.action === 'lrs-source.remove')).toEqual([
      expect.objectContaining({
        actor: 'cli',
        subject: `tenant:${tenant}`,
        details: { endpoint: 'https://lrs.thpt-g.edu.vn/xAPI/' },
      }),
    ])

    expect(await nls('sources', 'remove', '--tenant', tenant)).toEqual({
      code: 1,
      out: '',
      err: `nls: đơn vị ${tenant} không có nguồn LRS / tenant ${tenant} has no LRS source\n`,
    })
    expect(await nls('sources', 'remove', '--tenant', 'THPT G')).toEqual({
      code: 2,
      out: '',
      err: 'nls: --tenant phải là mã đơn vị (một UUID; xem nls tenant list) / --tenant must be a tenant id (a UUID; see nls tenant list)\n',
    })
  })
})
