// The database for tests that need one: a fresh database on the PostgreSQL server named by
// TEST_DATABASE_URL, or a fresh in-memory PGlite when it is unset. The same suites run on both.
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import type { DatabaseConfig } from '../../src/config/config.ts'
import { type Database, openDatabase, pgliteDatabase } from '../../src/store/database.ts'
import { migrate } from '../../src/store/migrate.ts'
import { pgliteAssets } from '../../src/store/pglite-assets.ts'

/** Which backend this run of the suite uses. */
export const testBackend: DatabaseConfig['kind'] = process.env.TEST_DATABASE_URL
  ? 'postgres'
  : 'pglite'

/** A fresh, migrated database; `close()` also removes it. */
export async function openTestDatabase(): Promise<Database> {
  if (testBackend === 'pglite') {
    const client = await PGlite.create({
      loadDataDir: await migratedTemplate(),
      ...(await pgliteAssets()),
    })
    const database = pgliteDatabase(client, 'PGlite (in memory)')
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
 * A migrated PGlite data directory as a tarball, made once per version of the migrations and kept
 * in the temp directory: loading it takes well under a second, where a new PGlite and its
 * migrations take several.
 */
async function migratedTemplate(): Promise<Blob> {
  const folder = fileURLToPath(new URL('../../src/store/migrations', import.meta.url))
  const hash = createHash('sha256')
  for (const name of (await readdir(folder, { recursive: true })).sort()) {
    if (name.endsWith('.sql') || name.endsWith('.json')) {
      hash.update(name).update(await readFile(join(folder, name)))
    }
  }
  const path = join(tmpdir(), `nls-test-pglite-${hash.digest('hex').slice(0, 16)}.tar`)
  try {
    return new Blob([await readFile(path)])
  } catch {
    const client = await PGlite.create(await pgliteAssets())
    await migrate(pgliteDatabase(client, 'template'))
    const dump = await client.dumpDataDir('none')
    await client.close()
    // Written aside and renamed, so a test file running in parallel never reads half a file.
    const partial = `${path}.${process.pid}.partial`
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()))
    await rename(partial, path)
    return dump
  }
}

/**
 * A place for a server under test to keep its data: a new database on the test server, or a new
 * PGlite data directory; empty, or `migrated` (a PGlite one from the migrated template, seconds
 * sooner than a first start that makes and migrates it); `env` is what to give the server process.
 */
export async function createTestPlace(options: { readonly migrated?: boolean } = {}): Promise<{
  readonly config: DatabaseConfig
  readonly env: Readonly<Record<string, string>>
  remove(): Promise<void>
}> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'nls-data-'))
    if (options.migrated) {
      // Where the server keeps its PGlite database in its data directory.
      const client = await PGlite.create({
        dataDir: join(dataDir, 'pglite'),
        loadDataDir: await migratedTemplate(),
        ...(await pgliteAssets()),
      })
      await client.close()
    }
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
  if (options.migrated) {
    const database = await openDatabase({ kind: 'postgres', url: url.href, poolMax: 1 })
    await migrate(database).finally(() => database.close())
  }
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
