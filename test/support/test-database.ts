// The database for tests that need one: a fresh database on the PostgreSQL server named by
// TEST_DATABASE_URL, or a fresh in-memory PGlite when it is unset. The same suites run on both.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { DatabaseConfig } from '../../src/config/config.ts'
import { type Database, openDatabase, pgliteDatabase } from '../../src/store/database.ts'
import { migrate } from '../../src/store/migrate.ts'

/** Which backend this run of the suite uses. */
export const testBackend: DatabaseConfig['kind'] = process.env.TEST_DATABASE_URL
  ? 'postgres'
  : 'pglite'

/** A fresh, migrated database; `close()` also removes it. */
export async function openTestDatabase(): Promise<Database> {
  if (testBackend === 'pglite') {
    const database = pgliteDatabase(await PGlite.create(), 'PGlite (in memory)')
    await migrate(database)
    return database
  }
  const place = await createTestPlace()
  const database = await openDatabase(place.config)
  await migrate(database)
  return {
    ...database,
    close: async () => {
      await database.close()
      await place.remove()
    },
  }
}

/**
 * A place for a server under test to keep its data: a new, empty database on the test server, or
 * a new PGlite data directory; `env` is what to give the server process.
 */
export async function createTestPlace(): Promise<{
  readonly config: DatabaseConfig
  readonly env: Readonly<Record<string, string>>
  remove(): Promise<void>
}> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'nls-data-'))
    return {
      config: { kind: 'pglite', dataDir },
      env: { NLS_DATA_DIR: dataDir },
      remove: () => rm(dataDir, { recursive: true, force: true }),
    }
  }
  const name = `nls_test_${randomBytes(6).toString('hex')}`
  await admin(serverUrl, `create database ${name}`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    config: { kind: 'postgres', url: url.href, poolMax: 5 },
    env: { DATABASE_URL: url.href },
    remove: () => admin(serverUrl, `drop database if exists ${name} with (force)`),
  }
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl })
  try {
    await client.connect()
  } catch (err) {
    throw new Error(
      `TEST_DATABASE_URL=${serverUrl} cannot be reached (${(err as Error).message}); start PostgreSQL or unset it to test on PGlite`,
    )
  }
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
