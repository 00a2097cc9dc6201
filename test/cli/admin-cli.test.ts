import { jest } from '@jest/globals'
import { knownMigrations } from '../../src/store/migrate.ts'
import { CLI_TEST_TIMEOUT_MS, runCli } from '../support/cli.ts'
import { createTestPlace } from '../support/test-database.ts'

jest.setTimeout(CLI_TEST_TIMEOUT_MS)

let place: Awaited<ReturnType<typeof createTestPlace>>
beforeAll(async () => {
  place = await createTestPlace()
})
afterAll(() => place.remove())

const nls = (...argv: string[]) => runCli(place.env, ...argv)

describe('nls db', () => {
  it('status, migrate, migrate again', async () => {
    const names = knownMigrations().map((m) => m.name)
    const status = await nls('db', 'status')
    expect(status.code).toBe(0)
    expect(status.out.split('\n').slice(1, -1)).toEqual(names.map((n) => `pending  ${n}`))

    const first = await nls('db', 'migrate')
    expect(first).toMatchObject({ code: 0, err: '' })
    expect(first.out).toMatch(new RegExp(`: applied ${names.join(', ')}\\n$`))
    expect((await nls('db', 'migrate')).out).toMatch(/: up to date\n$/)
    expect((await nls('db', 'status')).out).toContain(`applied  ${names[0]}`)
    // Four commands, each starting PGlite on an empty place and the first migrating it: slow
    // on a busy machine.
  })

  it('citus-plan prints the calls that distribute the schema by tenant', async () => {
    const plan = await nls('db', 'citus-plan')
    expect(plan).toMatchObject({ code: 0, err: '' })
    const lines = plan.out.trim().split('\n')
    expect(lines[0]).toBe(`SELECT create_reference_table('tenants');`)
    expect(lines).toContain(`SELECT create_distributed_table('people', 'tenant_id');`)
    expect(lines).toContain(
      `SELECT create_distributed_table('statements', 'tenant_id', colocate_with => 'people');`,
    )
    expect(lines).toContain(`SELECT citus_add_local_table_to_metadata('login_states');`)
    expect(lines.join('\n')).not.toContain('schema_migrations')
  })
})

describe('nls admin token', () => {
  it('create prints the secret alone on stdout, once; list and revoke', async () => {
    const created = await nls('admin', 'token', 'create', '--name', 'it-phong-gd')
    expect(created.code).toBe(0)
    expect(created.out).toMatch(/^nls_admin_[A-Za-z0-9_-]{43}\n$/)
    expect(created.err).toMatch(
      /^admin token "it-phong-gd" created \(id [0-9a-f-]{36}\); it is shown only now, keep it safe:\n$/,
    )

    const listed = await nls('admin', 'token', 'list')
    expect(listed.out).toMatch(
      /^[0-9a-f-]{36} {2}it-phong-gd {2}active {2}created \S+ {2}never used\n$/,
    )
    expect(listed.out).not.toContain(created.out.trim())

    const revoked = await nls('admin', 'token', 'revoke', 'it-phong-gd')
    expect(revoked).toMatchObject({ code: 0 })
    expect(revoked.out).toMatch(/^revoked admin token "it-phong-gd" \(id [0-9a-f-]{36}\)\n$/)
    expect((await nls('admin', 'token', 'list')).out).toContain('  revoked ')
  })

  it('errors: a taken name, an unknown token, a missing --name', async () => {
    await nls('admin', 'token', 'create', '--name', 'twice')
    expect(await nls('admin', 'token', 'create', '--name', 'twice')).toEqual({
      code: 1,
      out: '',
      err: 'nls: trùng với dữ liệu đã có / an active admin token is already named "twice"\n',
    })
    expect(await nls('admin', 'token', 'revoke', 'nobody')).toEqual({
      code: 1,
      out: '',
      err: 'nls: không tìm thấy / no active admin token has the id or name "nobody"\n',
    })
    const missing = await nls('admin', 'token', 'create')
    expect(missing.code).toBe(2)
    expect(missing.err).toBe(
      "nls: thiếu tùy chọn bắt buộc '--name <who>' / required option '--name <who>' not specified (xem nls admin token create --help / see nls admin token create --help)\n",
    )
  })
})
