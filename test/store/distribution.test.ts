// The schema is ready to distribute by tenant (Citus, multi-tenant model): read from a migrated
// database, every per-tenant table keys and references by tenant_id, and shared tables never point
// into tenants' data. A new table must be given a kind here (src/store/distribution.ts).
import { sql } from 'drizzle-orm'
import type { Database } from '../../src/store/database.ts'
import { citusStatements, DISTRIBUTION_COLUMN, tableKind } from '../../src/store/distribution.ts'
import { queryRows } from '../../src/store/query-rows.ts'
import { openTestDatabase } from '../support/test-database.ts'

interface Column {
  table: string
  column: string
  not_null: boolean
}
interface Key {
  table: string
  name: string
  primary: boolean
  columns: string[]
}
interface ForeignKey {
  table: string
  name: string
  columns: string[]
  ref_table: string
  ref_columns: string[]
}

let database: Database
let tables: string[]
let columns: Column[]
let keys: Key[]
let foreignKeys: ForeignKey[]

beforeAll(async () => {
  database = await openTestDatabase()
  const db = database.db
  tables = (
    await queryRows<{ name: string }>(
      db,
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    )
  ).map((r) => r.name)
  columns = await queryRows<Column>(
    db,
    sql`select c.relname as table, a.attname as column, a.attnotnull as not_null
      from pg_attribute a join pg_class c on c.oid = a.attrelid
        join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped`,
  )
  // Unique indexes (constraints or not, partial or not) and primary keys, with their columns; an
  // expression in an index shows as no column.
  keys = await queryRows<Key>(
    db,
    sql`select t.relname as table, i.relname as name, x.indisprimary as primary,
        coalesce(array(select a.attname from unnest(x.indkey) with ordinality k(attnum, n)
          join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.n)::text[],
          '{}') as columns
      from pg_index x join pg_class t on t.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
        join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public' and x.indisunique`,
  )
  foreignKeys = await queryRows<ForeignKey>(
    db,
    sql`select t.relname as table, c.conname as name, r.relname as ref_table,
        array(select a.attname from unnest(c.conkey) with ordinality k(attnum, n)
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.n)::text[]
          as columns,
        array(select a.attname from unnest(c.confkey) with ordinality k(attnum, n)
          join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.n)::text[]
          as ref_columns
      from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_class r on r.oid = c.confrelid
        join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public' and c.contype = 'f'`,
  )
}, 120_000)

afterAll(() => database.close())

const distributed = () => tables.filter((t) => tableKind(t) === 'distributed')

describe('a schema ready to distribute by tenant', () => {
  it('reads every table and key of the schema', () => {
    // The reading itself works: the schema's main tables and their keys are seen.
    expect(tables).toEqual(expect.arrayContaining(['people', 'statements', 'tenants']))
    expect(keys.some((k) => k.table === 'people' && k.primary)).toBe(true)
    expect(foreignKeys.some((f) => f.table === 'statements' && f.ref_table === 'people')).toBe(true)
  })

  it('gives every table of a tenant a tenant_id that is never null', () => {
    const missing = distributed().filter(
      (t) => !columns.some((c) => c.table === t && c.column === DISTRIBUTION_COLUMN && c.not_null),
    )
    expect(missing).toEqual([])
  })

  it('puts tenant_id in the primary key of every table of a tenant', () => {
    const wrong = distributed().filter((t) => {
      const pk = keys.find((k) => k.table === t && k.primary)
      return !pk || !pk.columns.includes(DISTRIBUTION_COLUMN)
    })
    expect(wrong).toEqual([])
  })

  it('puts tenant_id in every unique key of a table of a tenant', () => {
    const wrong = keys
      .filter((k) => tableKind(k.table) === 'distributed')
      .filter((k) => !k.columns.includes(DISTRIBUTION_COLUMN))
      .map((k) => `${k.table}.${k.name}`)
    expect(wrong).toEqual([])
  })

  it('references between tables of a tenant through tenant_id on both sides', () => {
    const wrong = foreignKeys
      .filter(
        (f) => tableKind(f.table) === 'distributed' && tableKind(f.ref_table) === 'distributed',
      )
      .filter((f) => {
        const at = f.columns.indexOf(DISTRIBUTION_COLUMN)
        return at < 0 || f.ref_columns[at] !== DISTRIBUTION_COLUMN
      })
      .map((f) => `${f.table}.${f.name}`)
    expect(wrong).toEqual([])
  })

  it("checks a person's rows against their person only, which carries the tenant", () => {
    // A table of a person's rows (person_id NOT NULL, a same-tenant reference to people) needs no
    // reference of its own to tenants: the person's row has one. Writes are checked once.
    const personRows = foreignKeys
      .filter((f) => f.ref_table === 'people' && f.columns.join() === 'tenant_id,person_id')
      .map((f) => f.table)
      .filter((t) => columns.some((c) => c.table === t && c.column === 'person_id' && c.not_null))
    expect(personRows).toEqual(
      expect.arrayContaining(['evidence', 'component_levels', 'level_history', 'inference_queue']),
    )
    const twice = foreignKeys
      .filter((f) => personRows.includes(f.table) && f.ref_table === 'tenants')
      .map((f) => `${f.table}.${f.name}`)
    expect(twice).toEqual([])
  })

  it('never points from shared or coordinator tables into a tenant’s data', () => {
    const wrong = foreignKeys
      .filter(
        (f) => tableKind(f.table) !== 'distributed' && tableKind(f.ref_table) === 'distributed',
      )
      .map((f) => `${f.table}.${f.name} → ${f.ref_table}`)
    expect(wrong).toEqual([])
    // Citus copies reference tables to every node: they may point only at other reference tables.
    const intoCoordinator = foreignKeys
      .filter((f) => tableKind(f.table) === 'reference' && tableKind(f.ref_table) !== 'reference')
      .map((f) => `${f.table}.${f.name} → ${f.ref_table}`)
    expect(intoCoordinator).toEqual([])
  })

  it('plans the Citus calls for every table, reference tables first', () => {
    const plan = citusStatements(tables)
    const product = tables.filter((t) => tableKind(t) !== 'migrator')
    expect(plan).toHaveLength(product.length)
    const firstDistributed = plan.findIndex((s) => s.includes('create_distributed_table'))
    expect(plan[firstDistributed]).toBe(`SELECT create_distributed_table('people', 'tenant_id');`)
    expect(plan.slice(0, firstDistributed).every((s) => !s.includes('distributed'))).toBe(true)
    expect(plan).toContain(`SELECT create_reference_table('frameworks');`)
    expect(plan).toContain(
      `SELECT create_distributed_table('statements', 'tenant_id', colocate_with => 'people');`,
    )
  })
})
