import { jest } from '@jest/globals'
import { loadConfig } from '../../src/config/config.ts'
import { createLogger } from '../../src/server/logger.ts'
import { startServer } from '../../src/server/start-server.ts'
import { createBrowser } from '../support/browser.ts'
import { CLI_TEST_TIMEOUT_MS, type CommandLine, openCommandLine } from '../support/cli.ts'
import { startFakePlatform } from '../support/fake-lti-platform.ts'
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

const MOODLE = 'https://lms.thcs-b.edu.vn'
const add = (...extra: string[]) =>
  nls(
    'platform',
    'add',
    '--issuer',
    MOODLE,
    '--client-id',
    'Xy12abc',
    '--auth-url',
    `${MOODLE}/mod/lti/auth.php`,
    '--token-url',
    `${MOODLE}/mod/lti/token.php`,
    '--jwks-url',
    `${MOODLE}/mod/lti/certs.php`,
    '--deployment-id',
    '1',
    ...extra,
  )

describe('nls platform', () => {
  it('add, list, and a second add of the same registration', async () => {
    const added = await add('--name', 'Moodle THCS B')
    expect(added).toMatchObject({ code: 0, err: '' })
    expect(added.out).toMatch(
      /^registered Moodle THCS B: issuer https:\/\/lms\.thcs-b\.edu\.vn, client_id Xy12abc, deployments 1 \(platform [0-9a-f-]{36}, tenant [0-9a-f-]{36}\)\n$/,
    )
    expect((await nls('platform', 'list')).out).toMatch(
      /^[0-9a-f-]{36} {2}Moodle THCS B {2}issuer https:\/\/lms\.thcs-b\.edu\.vn {2}client_id Xy12abc {2}deployments 1\n$/,
    )
    expect(await add()).toEqual({
      code: 1,
      out: '',
      err: 'nls: trùng với dữ liệu đã có / a platform with issuer https://lms.thcs-b.edu.vn and client_id Xy12abc is registered already\n',
    })
  })

  it('bad URLs are named', async () => {
    const bad = await nls(
      'platform',
      'add',
      '--issuer',
      'lms.example',
      '--client-id',
      'a',
      '--auth-url',
      'x',
      '--token-url',
      `${MOODLE}/t`,
      '--jwks-url',
      `${MOODLE}/k`,
      '--deployment-id',
      '1',
    )
    expect(bad.code).toBe(2)
    expect(bad.err).toBe(
      'nls: giá trị không hợp lệ / issuer must be an http(s) URL (got "lms.example"); authUrl must be an http(s) URL (got "x")\n',
    )
  })
})

describe('nls keys', () => {
  it('rotate keeps the previous key published; list shows both', async () => {
    const first = await nls('keys', 'rotate')
    expect(first.out).toMatch(
      /^new signing key [0-9a-f-]{36}; the previous key stays published for 7 day\(s\)\n$/,
    )
    const second = await nls('keys', 'rotate', '--grace-days', '2')
    expect(second.code).toBe(0)
    const listed = (await nls('keys', 'list')).out.trim().split('\n')
    expect(listed).toHaveLength(2)
    expect(listed[0]).toMatch(/ {2}signing {2}created /)
    expect(listed[1]).toMatch(/ {2}retired, published until \S+ {2}created /)
    expect((await nls('keys', 'rotate', '--grace-days', 'x')).err).toBe(
      'nls: --grace-days phải là số ngày từ 0 đến 365 (nhận "x") / --grace-days must be a number of days from 0 to 365 (got "x")\n',
    )
  })
})

describe('nls platform invite', () => {
  it('prints a registration URL that registers one platform, named and placed as asked', async () => {
    const district = await nls('tenant', 'add', '--organisation', '--name', 'Sở GD&ĐT Huế')
    const districtId = district.out.trim()
    const invited = await cli.run(
      { ...place.env, NLS_PUBLIC_URL: 'https://nls.hue.edu.vn' },
      ...['platform', 'invite', '--name', 'Moodle THPT Quốc Học', '--parent', 'Sở GD&ĐT Huế'],
    )
    expect(invited.code).toBe(0)
    expect(invited.out).toMatch(
      /^https:\/\/nls\.hue\.edu\.vn\/lti\/register\?invitation=[A-Za-z0-9_-]{43}\n$/,
    )
    expect(invited.err).toMatch(
      /^invitation [0-9a-f-]{36}: registers one platform, until \S+; the URL is shown only now\n$/,
    )

    // The server over the same database; Moodle opens the URL at the server's address.
    await cli.closedWhile(async () => {
      const server = await startServer(
        loadConfig({ ...place.env, PORT: '0', HOST: '127.0.0.2', LOG_LEVEL: 'silent' }),
        createLogger('silent'),
      )
      const moodle = await startFakePlatform()
      try {
        const url = new URL(invited.out.trim())
        const page = await createBrowser().get(
          await moodle.dynamicRegistrationStart(`${server.url}${url.pathname}${url.search}`),
        )
        expect(page.status).toBe(200)
        const [registered] = await server.stores.platforms.findPlatforms(moodle.issuer)
        expect(registered?.name).toBe('Moodle THPT Quốc Học')
        expect((await server.stores.tenants.getTenant(registered!.tenantId))?.parentId).toBe(
          districtId,
        )
        const again = await createBrowser().get(
          await moodle.dynamicRegistrationStart(`${server.url}${url.pathname}${url.search}`),
        )
        expect(again.status).toBe(403)
      } finally {
        await moodle.close()
        await server.close()
      }
    })
  })

  it('warns when the URL is a guess, and names bad options', async () => {
    const guessed = await nls('platform', 'invite')
    expect(guessed.code).toBe(0)
    expect(guessed.err).toMatch(
      /\nnls: cảnh báo: NLS_PUBLIC_URL chưa được đặt, .* \/ warning: NLS_PUBLIC_URL is not set, .*\n$/,
    )
    expect(await nls('platform', 'invite', '--days', '0')).toEqual({
      code: 2,
      out: '',
      err: 'nls: giá trị của --days không hợp lệ / --days at least 1 day\n',
    })
    expect(await nls('platform', 'invite', '--parent', 'Sở không có')).toEqual({
      code: 2,
      out: '',
      err: 'nls: --parent: không tìm thấy đúng một phòng GD&ĐT (đơn vị tổ chức) có mã hoặc tên "Sở không có" / --parent: no organisation tenant has the id or name "Sở không có" (nls tenant list shows them)\n',
    })
  })
})
