// The roster written many rows at a time: what each row does (people, emails, LMS accounts, units,
// tables, waiting statements) is what it did one row at a time. On a real database (PGlite, or
// the PostgreSQL server of TEST_DATABASE_URL).
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { createRosterAccounts } from '../../src/accounts/roster-accounts.ts'
import { shippedCatalog } from '../../framework/index.ts'
import { parseRosterCsv, type RosterRow } from '../../src/accounts/roster-csv.ts'
import { importRoster } from '../../src/accounts/roster-import.ts'
import { verifyPassword } from '../../src/accounts/password.ts'
import type { Database } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import { openTestDatabase } from '../support/test-database.ts'

const K12 = 'https://k12online.vn'
let database: Database
let stores: Stores

beforeAll(async () => {
  database = await openTestDatabase()
  stores = createStores(database.db)
}, 30_000)
afterAll(() => database.close())

const newTenant = async () =>
  (await stores.tenants.createTenant({ kind: 'platform', name: 'THCS Láng Hạ' })).id

let line = 1
const row = (email: string, more: Partial<RosterRow> = {}): RosterRow => ({
  row: line,
  line: ++line,
  email,
  ...more,
})

const byEmail = (tenantId: string, email: string) =>
  stores.people.findPersonByIdentity(tenantId, { kind: 'mbox', mbox: `mailto:${email}` })

/** A statement kept for an actor nobody is known by yet. */
async function waiting(tenantId: string, actorKey: string): Promise<void> {
  await database.db.execute(
    sql`insert into statements (tenant_id, id, actor_key, verb_id, activity_iri, activity_tree,
          timestamp, source, statement)
        values (${tenantId}::uuid, ${randomUUID()}::uuid, ${actorKey},
          'http://id.tincanapi.com/verb/viewed', ${`${K12}/bai-giang/1`},
          array[${`${K12}/bai-giang/1`}], now(), 'push', '{}'::jsonb)`,
  )
}

describe('importRoster', () => {
  it('adds people by email with their name, unit, tables and account; a re-import updates them', async () => {
    const tenantId = await newTenant()
    const progress: [number, number][] = []
    const first = await importRoster(
      stores,
      tenantId,
      [
        row('an@langha.edu.vn', {
          name: 'Nguyễn Văn An',
          unit: 'Tổ Toán',
          audiences: ['TT18.PT'],
          account: { homePage: K12, name: 'gv.an' },
        }),
        row('binh@langha.edu.vn', { name: 'Trần Thị Bình' }),
        row('chi@langha.edu.vn'),
      ],
      { batchSize: 2, onProgress: (done, total) => progress.push([done, total]) },
    )
    expect(first).toEqual({ added: 3, updated: 0, problems: [] })
    expect(progress).toEqual([
      [0, 3],
      [2, 3],
      [3, 3],
    ])
    const an = await byEmail(tenantId, 'an@langha.edu.vn')
    expect(an).toMatchObject({
      name: 'Nguyễn Văn An',
      email: 'an@langha.edu.vn',
      unit: 'Tổ Toán',
      audiences: ['TT18.PT'],
    })
    expect(
      await stores.people.findPersonByIdentity(tenantId, {
        kind: 'account',
        homePage: K12,
        name: 'gv.an',
      }),
    ).toMatchObject({ id: an!.id })

    // Again, with a new name and unit for An and the tables of Bình; what a row leaves out is kept.
    const again = await importRoster(stores, tenantId, [
      row('an@langha.edu.vn', {
        name: 'Nguyễn Văn Ân',
        unit: 'Tổ Văn',
        account: { homePage: K12, name: 'gv.an' },
      }),
      row('binh@langha.edu.vn', { audiences: ['TT18.PT', 'TT18.QL'] }),
      row('dung@langha.edu.vn', { name: 'Lê Dũng' }),
    ])
    expect(again).toEqual({ added: 1, updated: 2, problems: [] })
    expect(await byEmail(tenantId, 'an@langha.edu.vn')).toMatchObject({
      id: an!.id,
      name: 'Nguyễn Văn Ân',
      unit: 'Tổ Văn',
      audiences: ['TT18.PT'],
    })
    expect(await byEmail(tenantId, 'binh@langha.edu.vn')).toMatchObject({
      name: 'Trần Thị Bình',
      audiences: ['TT18.PT', 'TT18.QL'],
    })
    expect(await stores.people.countPeople(tenantId)).toBe(4)
  })

  it('keeps position, school level and grade from a roster file; empty cells keep them, equal rows are not written', async () => {
    const tenantId = await newTenant()
    const parse = (text: string) => {
      const parsed = parseRosterCsv(text, shippedCatalog(), 'TT18')
      expect(parsed.problems).toEqual([])
      return parsed.rows
    }
    await importRoster(
      stores,
      tenantId,
      parse(
        'email,ho_ten,chuc_vu,cap_hoc,khoi\n' +
          'an@langha.edu.vn,Nguyễn Văn An,Hiệu trưởng,Trung học cơ sở,\n' +
          'binh@langha.edu.vn,Trần Thị Bình,gv,THCS,7\n' +
          'chi@langha.edu.vn,Lê Chi,,,\n',
      ),
    )
    const groups = () =>
      queryRows<{
        email: string
        position: string | null
        school_level: string | null
        grade: number | null
        updated_at: string
      }>(
        database.db,
        sql`select email, position, school_level, grade, updated_at::text from people
            where tenant_id = ${tenantId}::uuid order by email`,
      )
    const first = await groups()
    expect(first.map(({ updated_at: _, ...r }) => r)).toEqual([
      { email: 'an@langha.edu.vn', position: 'CBQL', school_level: 'THCS', grade: null },
      { email: 'binh@langha.edu.vn', position: 'GV', school_level: 'THCS', grade: 7 },
      { email: 'chi@langha.edu.vn', position: null, school_level: null, grade: null },
    ])

    // The same file again writes nothing: no row's updated_at moves.
    await importRoster(
      stores,
      tenantId,
      parse(
        'email,ho_ten,chuc_vu,cap_hoc,khoi\n' +
          'an@langha.edu.vn,Nguyễn Văn An,CBQL,THCS,\n' +
          'binh@langha.edu.vn,Trần Thị Bình,Giáo viên,thcs,7\n' +
          'chi@langha.edu.vn,Lê Chi,,,\n',
      ),
    )
    expect(await groups()).toEqual(first)

    // Empty cells keep what is stored; a given cell changes it.
    await importRoster(
      stores,
      tenantId,
      parse(
        'email,chuc_vu,cap_hoc,khoi\n' +
          'an@langha.edu.vn,,,\n' +
          'binh@langha.edu.vn,Tổ trưởng chuyên môn,,\n' +
          'chi@langha.edu.vn,NV,THPT,12\n',
      ),
    )
    const after = await groups()
    expect(after.map(({ updated_at: _, ...r }) => r)).toEqual([
      { email: 'an@langha.edu.vn', position: 'CBQL', school_level: 'THCS', grade: null },
      { email: 'binh@langha.edu.vn', position: 'TTCM', school_level: 'THCS', grade: 7 },
      { email: 'chi@langha.edu.vn', position: 'NV', school_level: 'THPT', grade: 12 },
    ])
    expect(after[0]!.updated_at).toBe(first[0]!.updated_at)
  })

  it('refuses an email twice (the first row is kept) and an account that is another person’s', async () => {
    const tenantId = await newTenant()
    const first = row('an@langha.edu.vn', {
      name: 'Nguyễn Văn An',
      account: { homePage: K12, name: 'gv.an' },
    })
    const dup = row('an@langha.edu.vn', { name: 'Ai đó khác' })
    const taken = row('binh@langha.edu.vn', {
      name: 'Trần Thị Bình',
      account: { homePage: K12, name: 'gv.an' },
    })
    const result = await importRoster(stores, tenantId, [first, dup, taken])
    expect(result).toEqual({
      added: 2,
      updated: 0,
      problems: [
        {
          line: dup.line,
          row: dup.row,
          column: 'email',
          code: 'ERR_ROSTER_EMAIL_TWICE',
          values: { email: 'an@langha.edu.vn', row: first.row },
          message: `an@langha.edu.vn is already on row ${first.row}`,
        },
        {
          line: taken.line,
          row: taken.row,
          column: 'tai_khoan',
          code: 'ERR_ROSTER_ACCOUNT_TAKEN',
          values: { account: `gv.an @ ${K12}` },
          message: `the account gv.an @ ${K12} is already another person's; not linked`,
        },
      ],
    })
    expect(await byEmail(tenantId, 'an@langha.edu.vn')).toMatchObject({ name: 'Nguyễn Văn An' })
    // The rest of the refused account's row is kept.
    expect(await byEmail(tenantId, 'binh@langha.edu.vn')).toMatchObject({ name: 'Trần Thị Bình' })
  })

  it('attaches the statements waiting for a new email or a newly linked account, and queues those people', async () => {
    const tenantId = await newTenant()
    await importRoster(stores, tenantId, [row('cu@langha.edu.vn')])
    await waiting(tenantId, 'mbox:mailto:moi@langha.edu.vn')
    await waiting(tenantId, 'mbox:mailto:moi@langha.edu.vn')
    await waiting(tenantId, `account:${K12}|gv.cu`)
    await waiting(tenantId, `account:${K12}|gv.khac`)
    await stores.inference.takeQueued(1_000)

    await importRoster(stores, tenantId, [
      row('moi@langha.edu.vn'),
      row('cu@langha.edu.vn', { account: { homePage: K12, name: 'gv.cu' } }),
    ])
    const moi = await byEmail(tenantId, 'moi@langha.edu.vn')
    const cu = await byEmail(tenantId, 'cu@langha.edu.vn')
    expect(await stores.statements.findStatementsForPerson(tenantId, moi!.id)).toHaveLength(2)
    expect(await stores.statements.findStatementsForPerson(tenantId, cu!.id)).toHaveLength(1)
    const queued = (await stores.inference.takeQueued(1_000)).map((q) => q.personId)
    expect(queued.sort()).toEqual([moi!.id, cu!.id].sort())
    expect(await stores.statements.unmatchedActors(tenantId, 5)).toMatchObject({
      statements: 1,
      actors: 1,
    })
  })

  it('leaves nothing behind when it fails halfway (one transaction)', async () => {
    const tenantId = await newTenant()
    const bad = row('x@langha.edu.vn', { audiences: ['TT18.PT'] })
    // A unit too odd for the database: a NUL character cannot be stored in text.
    await expect(
      importRoster(stores, tenantId, [row('a@langha.edu.vn'), { ...bad, unit: '\u0000' }], {
        batchSize: 1,
      }),
    ).rejects.toThrow()
    expect(await stores.people.countPeople(tenantId)).toBe(0)
  })
})

describe('createRosterAccounts', () => {
  it("makes a teacher's account for each roster person without one, once, with a first password", async () => {
    const tenantId = await newTenant()
    await importRoster(stores, tenantId, [
      row('an@langha.edu.vn', { name: 'Nguyễn Văn An' }),
      row('binh+gv@langha.edu.vn'),
      row('chi@langha.edu.vn'),
    ])
    // Chi has an account already (made by hand, another user name).
    const chi = await byEmail(tenantId, 'chi@langha.edu.vn')
    await stores.localAccounts.createAccount(tenantId, {
      username: 'gv.chi',
      passwordHash: 'x',
      role: 'instructor',
      personId: chi!.id,
    })
    const { made, skipped } = await createRosterAccounts(stores, tenantId, {
      actor: 'test',
      concurrency: 2,
    })
    expect(made).toEqual([
      {
        username: 'an@langha.edu.vn',
        email: 'an@langha.edu.vn',
        name: 'Nguyễn Văn An',
        personId: (await byEmail(tenantId, 'an@langha.edu.vn'))!.id,
        password: expect.stringMatching(/^[a-km-zA-HJ-NP-Z2-9]{16}$/) as unknown as string,
      },
    ])
    expect(skipped).toEqual([
      {
        email: 'binh+gv@langha.edu.vn',
        reason: 'username-invalid',
        message:
          'binh+gv@langha.edu.vn cannot be a user name: it must be 3–64 lower-case letters, digits or . _ @ -',
      },
    ])
    const [account] = await stores.localAccounts.findByUsername('an@langha.edu.vn')
    expect(account).toMatchObject({ tenantId, role: 'learner' })
    expect(await verifyPassword(made[0]!.password, account!.passwordHash)).toBe(true)
    const [audit] = await stores.audit.list({ tenantId })
    expect(audit).toMatchObject({ action: 'roster.accounts', actor: 'test' })
    expect(JSON.stringify(audit)).not.toContain(made[0]!.password)

    const again = await createRosterAccounts(stores, tenantId, { actor: 'test' })
    expect(again.made).toEqual([])
  })

  it('says so when the user name is another account’s, and makes only those of the emails given', async () => {
    const tenantId = await newTenant()
    await importRoster(stores, tenantId, [row('an@langha.edu.vn'), row('binh@langha.edu.vn')])
    const other = await stores.people.upsertPersonByIdentity(tenantId, {
      kind: 'account',
      homePage: 'urn:nls:local-account',
      name: 'an@langha.edu.vn',
    })
    await stores.localAccounts.createAccount(tenantId, {
      username: 'an@langha.edu.vn',
      passwordHash: 'x',
      role: 'administrator',
      personId: other.id,
    })
    const { made, skipped } = await createRosterAccounts(stores, tenantId, {
      actor: 'test',
      emails: ['an@langha.edu.vn'],
    })
    expect(made).toEqual([])
    expect(skipped).toEqual([
      {
        email: 'an@langha.edu.vn',
        reason: 'username-taken',
        message: "the user name an@langha.edu.vn is already another account's; no account made",
      },
    ])
    expect(await stores.localAccounts.listAccounts(tenantId)).toHaveLength(1)
  })
})
