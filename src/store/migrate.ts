import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { migrate as runMigrations } from 'drizzle-orm/node-postgres/migrator'
import { z } from 'zod'
import { type Database, type Db, MIGRATIONS_TABLE } from './database.ts'
import { SchemaNewer } from './errors.ts'
import { syncLearnerShape } from './learner-shape.ts'
import { queryRows } from './query-rows.ts'

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url))

const Journal = z.object({
  entries: z.array(z.object({ tag: z.string(), when: z.number().int() })),
})

/** A migration this version ships, and whether the database has it. */
export interface MigrationStatus {
  readonly name: string
  readonly createdAt: Date
  readonly applied: boolean
}

/** The migrations this version of NLS ships, oldest first. */
export function knownMigrations(): readonly { name: string; when: number }[] {
  const journal = Journal.parse(
    JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')),
  )
  return journal.entries.map((e) => ({ name: e.tag, when: e.when }))
}

/** Which shipped migrations the database has applied. */
export async function migrationStatus(database: Database): Promise<readonly MigrationStatus[]> {
  const last = await lastApplied(database.db)
  return knownMigrations().map((m) => ({
    name: m.name,
    createdAt: new Date(m.when),
    applied: last !== undefined && m.when <= last,
  }))
}

/**
 * Brings the database schema up to this version, under a lock so that processes starting together
 * migrate once. Refuses a database migrated by a newer version. Returns the names applied now.
 */
export async function migrate(database: Database): Promise<readonly string[]> {
  const known = knownMigrations()
  return database.exclusive(async (db) => {
    const before = await lastApplied(db)
    const newest = known.at(-1)?.when ?? 0
    if (before !== undefined && before > newest) throw new SchemaNewer(before, newest)
    // drizzle's migrator applies, in one transaction, every migration newer than the last one
    // recorded. Its node-postgres and PGlite entry points are the same code over PgDatabase.
    await runMigrations(db as Parameters<typeof runMigrations>[0], {
      migrationsFolder: MIGRATIONS_FOLDER,
      ...MIGRATIONS_TABLE,
    })
    await syncLearnerShape(db)
    return known.filter((m) => before === undefined || m.when > before).map((m) => m.name)
  })
}

async function lastApplied(db: Db): Promise<number | undefined> {
  const table = sql.identifier(MIGRATIONS_TABLE.migrationsTable)
  const schema = sql.identifier(MIGRATIONS_TABLE.migrationsSchema)
  const [exists] = await queryRows<{ exists: boolean }>(
    db,
    sql`select to_regclass(${`${MIGRATIONS_TABLE.migrationsSchema}.${MIGRATIONS_TABLE.migrationsTable}`}) is not null as exists`,
  )
  if (!exists?.exists) return undefined
  const [row] = await queryRows<{ last: string | number | null }>(
    db,
    sql`select max(created_at) as last from ${schema}.${table}`,
  )
  const last = row?.last
  return last === null || last === undefined ? undefined : Number(last)
}
