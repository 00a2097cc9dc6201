// Texts bound as one array literal (pgTextArray) come back from the database as they were, on
// both backends: quotes, backslashes, braces, commas, control characters, Vietnamese, nulls.
import { sql } from 'drizzle-orm'
import type { Database } from '../../src/store/database.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import { pgTextArray } from '../../src/store/sql-values.ts'
import { random } from '../support/random.ts'
import { openTestDatabase } from '../support/test-database.ts'

let database: Database
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(() => database.close())

const PIECES = [
  'a',
  'Đ',
  'ệ',
  '"',
  '\\',
  '{',
  '}',
  ',',
  ' ',
  'NULL',
  'null',
  '\n',
  '\t',
  '\u0001',
  '\\n',
  '😀',
]

it('reads back every text of a literal as it was written', async () => {
  const r = random(20261206)
  for (let round = 0; round < 20; round++) {
    const values = Array.from({ length: 50 }, () =>
      r.chance(0.1)
        ? null
        : Array.from({ length: Math.floor(r.next() * 8) }, () => r.pick(PIECES)).join(''),
    )
    const rows = await queryRows<{ value: string | null }>(
      database.db,
      sql`select value from unnest(${pgTextArray(values)}::text[]) with ordinality
          as t(value, n) order by n`,
    )
    expect(rows.map((row) => row.value)).toEqual(values)
  }
})
