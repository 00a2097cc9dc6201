// nls backup / restore of the embedded database while the server runs, and nls person with the
// admin API's person routes: their refusals as well as their work.
import { jest } from '@jest/globals'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { loadConfig } from '../../src/config/config.ts'
import { createLogger } from '../../src/server/logger.ts'
import { type RunningServer, startServer } from '../../src/server/start-server.ts'
import { type Database, openDatabase } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import { CLI_TEST_TIMEOUT_MS, runCli } from '../support/cli.ts'
import { heldLevel } from '../support/levels.ts'
import { createTestPlace, testBackend } from '../support/test-database.ts'

jest.setTimeout(CLI_TEST_TIMEOUT_MS)

const QUIZ = 'https://lms.example/mod/quiz/view.php?id=7'

/** A tenant with `n` teachers, each with a statement and levels. */
async function fill(stores: Stores, n: number) {
  const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'Trường A' })).id
  const people: { id: string; email: string }[] = []
  for (let i = 0; i < n; i++) {
    const email = `gv${i}@truong-a.edu.vn`
    const person = await stores.people.upsertPersonByIdentity(
      tenantId,
      { kind: 'mbox', mbox: `mailto:${email}` },
      { name: `Giáo viên ${i}`, email },
    )
    const id = randomUUID()
    await stores.statements.insertStatements(tenantId, [
      {
        id,
        personId: person.id,
        actorKey: `mbox:mailto:${email}`,
        verbId: 'http://adlnet.gov/expapi/verbs/completed',
        activityIri: QUIZ,
        activityTree: [QUIZ],
        timestamp: new Date('2026-01-10T08:00:00Z'),
        source: 'push',
        statement: {
          id,
          actor: { mbox: `mailto:${email}` },
          verb: { id: 'v' },
          object: { id: QUIZ },
        },
      },
    ])
    await stores.progress.saveLevels(tenantId, person.id, [
      heldLevel('TT18.PT.1.1', i % 2 === 0 ? 'CB' : 'TT'),
    ])
    people.push({ id: person.id, email })
  }
  return { tenantId, people }
}

/** What a restore must give back: row counts and a report's figures. */
async function figures(database: Database, tenantId: string) {
  const [counts] = await queryRows<Record<string, number>>(
    database.db,
    sql`select (select count(*)::int from statements) as statements,
      (select count(*)::int from people) as people,
      (select count(*)::int from component_levels) as levels,
      (select count(*)::int from level_history) as history`,
  )
  const report = await createStores(database.db).reports.tallies(tenantId, {
    audience: 'TT18.PT',
    defaultAudience: 'TT18.PT',
    componentIds: ['TT18.PT.1.1'],
    at: new Date('2100-01-01'),
  })
  return { counts, report }
}

const pgliteOnly = testBackend === 'pglite' ? describe : describe.skip

pgliteOnly('nls backup and restore of the embedded database', () => {
  let dir: string
  let nls: RunningServer
  let token: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nls-backup-'))
    nls = await startServer(
      loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        NLS_DATA_DIR: join(dir, 'live'),
      }),
      createLogger('silent'),
    )
    token = (await nls.stores.adminTokens.createToken('backup', 'test')).secret
  })
  afterAll(async () => {
    await nls?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('backs up the running server through it, and restores into a fresh place alone', async () => {
    const { tenantId } = await fill(nls.stores, 6)
    const expected = await figures(nls.database, tenantId)
    const env = { NLS_DATA_DIR: join(dir, 'live'), PORT: new URL(nls.url).port }
    const file = join(dir, 'nls.tar.gz')

    // The server holds the data directory: without a token the CLI says what it needs.
    const noToken = await runCli(env, 'backup', file)
    expect(noToken.code).toBe(2)
    expect(noToken.err).toMatch(/the backup is taken through it: give --token/)
    const wrong = await runCli(env, 'backup', file, '--token', 'nls_admin_wrong')
    expect(wrong).toMatchObject({ code: 1 })
    expect(wrong.err).toMatch(/the server refused the backup \(401 ERR_ADMIN_TOKEN_INVALID\)/)

    const taken = await runCli(env, 'backup', file, '--token', token)
    expect(taken).toMatchObject({ code: 0, out: '' })
    expect((await stat(file)).size).toBeGreaterThan(0)

    // Not over the running server's database, and not over a database already there.
    const over = await runCli(env, 'restore', file)
    expect(over.code).toBe(1)
    expect(over.err).toMatch(/in use by another NLS process/)
    const fresh = join(dir, 'fresh')
    expect(await runCli({ NLS_DATA_DIR: fresh }, 'restore', file)).toMatchObject({ code: 0 })
    const again = await runCli({ NLS_DATA_DIR: fresh }, 'restore', file)
    expect(again.code).toBe(1)
    expect(again.err).toMatch(
      /already holds a database: restore into an empty data directory, or add --force/,
    )

    const restored = await openDatabase({ kind: 'pglite', dataDir: fresh })
    try {
      expect(await figures(restored, tenantId)).toEqual(expected)
    } finally {
      await restored.close()
    }
    // With the server stopped, nls backup reads the data directory itself.
    const direct = join(dir, 'direct.tar.gz')
    expect(await runCli({ NLS_DATA_DIR: fresh }, 'backup', direct)).toMatchObject({ code: 0 })
    expect(await runCli({ NLS_DATA_DIR: fresh }, 'restore', direct, '--force')).toMatchObject({
      code: 0,
    })
  }, 300_000)
})

describe('nls person and the admin person routes', () => {
  let place: Awaited<ReturnType<typeof createTestPlace>>
  let nls: RunningServer
  let admin: string
  let data: Awaited<ReturnType<typeof fill>>
  beforeAll(async () => {
    place = await createTestPlace({ migrated: true })
    nls = await startServer(
      loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...place.env }),
      createLogger('silent'),
    )
    admin = `Bearer ${(await nls.stores.adminTokens.createToken('dpo', 'test')).secret}`
    data = await fill(nls.stores, 3)
  })
  afterAll(async () => {
    // Closed already on PGlite, where the CLI needs the data directory.
    await nls?.close().catch(() => undefined)
    await place?.remove()
  })

  it('exports and erases through the admin API, with the token and confirmation only', async () => {
    const [p0, p1] = data.people
    const exportUrl = `${nls.url}/api/admin/people/${p0!.id}/export`
    expect((await fetch(exportUrl)).status).toBe(401)
    const exported = await fetch(exportUrl, { headers: { authorization: admin } })
    expect(exported.status).toBe(200)
    const body = (await exported.json()) as { person: { email: string }; statements: unknown[] }
    expect(body.person.email).toBe(p0!.email)
    expect(body.statements).toHaveLength(1)
    expect(JSON.stringify(body)).not.toContain(p1!.email)

    const erase = (init: RequestInit) =>
      fetch(`${nls.url}/api/admin/people/${p0!.id}/erase`, { method: 'POST', ...init })
    expect((await erase({ body: '{"confirm":true}' })).status).toBe(401)
    const unconfirmed = await erase({
      headers: { authorization: admin, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(unconfirmed.status).toBe(400)
    expect(await unconfirmed.json()).toMatchObject({
      code: 'ERR_INPUT_INVALID',
      message: 'body.confirm: must be true: erasing a person cannot be undone',
    })
    expect(await nls.stores.people.getPerson(data.tenantId, p0!.id)).toBeDefined()
    const erased = await erase({
      headers: { authorization: admin, 'content-type': 'application/json' },
      body: '{"confirm":true}',
    })
    expect(erased.status).toBe(200)
    expect(await erased.json()).toMatchObject({ personId: p0!.id, statementsAnonymised: 1 })
    expect(await nls.stores.people.getPerson(data.tenantId, p0!.id)).toBeUndefined()
    expect((await fetch(exportUrl, { headers: { authorization: admin } })).status).toBe(404)
  })

  it('nls person export and erase, refusing without --confirm', async () => {
    const p2 = data.people[2]!
    if (testBackend === 'pglite') await nls.close()
    const cli = (...argv: string[]) => runCli(place.env, 'person', ...argv)
    const exported = await cli('export', p2.email.toUpperCase())
    expect(exported.code).toBe(0)
    expect(JSON.parse(exported.out)).toMatchObject({ person: { id: p2.id, email: p2.email } })
    const refused = await cli('erase', p2.id)
    expect(refused).toEqual({
      code: 2,
      out: '',
      err: 'nls: không thể hoàn tác việc xóa một người: thêm --confirm để tiếp tục / erasing a person cannot be undone: add --confirm to go ahead\n',
    })
    expect(await cli('export', 'not-an-id')).toMatchObject({ code: 2 })
    const erased = await cli('erase', p2.email, '--confirm')
    expect(erased).toMatchObject({ code: 0, err: '' })
    expect(erased.out).toBe(`person ${p2.id} erased: 1 statements anonymised, 0 mentions removed\n`)
    expect(await cli('export', p2.id)).toEqual({
      code: 1,
      out: '',
      err: `nls: không có người ${p2.id} / no person ${p2.id}\n`,
    })
  })
})
