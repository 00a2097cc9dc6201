// Pupils' rows of a roster file, as the people rows keep them: known by the school's code
// (ma_hs), with no email unless the row gives one, beside staff known by email. On a real
// database (PGlite, or the PostgreSQL server of TEST_DATABASE_URL).
import { sql } from 'drizzle-orm'
import { shippedCatalog } from '../../framework/index.ts'
import { parseRosterCsv } from '../../src/accounts/roster-csv.ts'
import { importRoster } from '../../src/accounts/roster-import.ts'
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

const parse = (text: string) => {
  const parsed = parseRosterCsv(text, shippedCatalog(), 'TT18', K12)
  expect(parsed.problems).toEqual([])
  return parsed.rows
}

const peopleRows = (tenantId: string) =>
  queryRows<{
    name: string
    email: string | null
    pupil_code: string | null
    class_name: string | null
    grade: number | null
    audiences: string[] | null
    on_roster: boolean
    updated_at: string
  }>(
    database.db,
    sql`select name, email, pupil_code, class_name, grade, audiences, on_roster,
          updated_at::text from people where tenant_id = ${tenantId}::uuid order by name`,
  )

describe('importRoster: pupils', () => {
  it('keeps staff and pupils of one file; a pupil by code, without email; a re-import writes nothing new', async () => {
    const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THCS A' })).id
    const file =
      'email,ma_hs,ho_ten,lop,khoi,bang\n' +
      'an@truong.edu.vn,,An,,,PT\n' +
      ',HS001,Bình,7A1,7,\n' +
      'chi@truong.edu.vn,HS002,Chi,8A,8,\n'
    expect(await importRoster(stores, tenantId, parse(file))).toEqual({
      added: 3,
      updated: 0,
      problems: [],
    })
    const first = await peopleRows(tenantId)
    expect(first.map(({ updated_at: _, ...r }) => r)).toEqual([
      {
        name: 'An',
        email: 'an@truong.edu.vn',
        pupil_code: null,
        class_name: null,
        grade: null,
        audiences: ['TT18.PT'],
        on_roster: true,
      },
      {
        name: 'Bình',
        email: null,
        pupil_code: 'HS001',
        class_name: '7A1',
        grade: 7,
        audiences: ['TT02.NH'],
        on_roster: true,
      },
      {
        name: 'Chi',
        email: 'chi@truong.edu.vn',
        pupil_code: 'HS002',
        class_name: '8A',
        grade: 8,
        audiences: ['TT02.NH'],
        on_roster: true,
      },
    ])
    // Each pupil is known by the account their code names, and Chi by her email too.
    const ids = await stores.people.findPersonIds(tenantId, [
      { kind: 'account', homePage: K12, name: 'HS001' },
      { kind: 'account', homePage: K12, name: 'HS002' },
      { kind: 'mbox', mbox: 'mailto:chi@truong.edu.vn' },
    ])
    expect(ids.every((id) => id !== undefined)).toBe(true)
    expect(ids[1]).toBe(ids[2])
    // Teachers' accounts are made for staff only: Chi's email does not make her one.
    expect((await stores.roster.findPeopleWithoutAccount(tenantId)).map((p) => p.email)).toEqual([
      'an@truong.edu.vn',
    ])

    expect(await importRoster(stores, tenantId, parse(file))).toEqual({
      added: 0,
      updated: 3,
      problems: [],
    })
    expect(await peopleRows(tenantId)).toEqual(first)
  })

  it('refuses a pupil code twice when rows come without the file’s check', async () => {
    const tenantId = (await stores.tenants.createTenant({ kind: 'platform', name: 'THCS B' })).id
    const [a, b] = parse('ma_hs,ho_ten\nHS001,An\nHS002,Bình\n')
    const result = await importRoster(stores, tenantId, [a!, { ...b!, pupilCode: 'HS001' }])
    expect(result).toEqual({
      added: 1,
      updated: 0,
      problems: [
        {
          line: 3,
          row: 2,
          column: 'ma_hs',
          code: 'ERR_ROSTER_PUPIL_CODE_TWICE',
          values: { pupilCode: 'HS001', row: 1 },
          message: 'the pupil code HS001 is already on row 1',
        },
      ],
    })
  })
})
