import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import pg from 'pg'
import { type DatabaseConfig, describeDatabase, redactUrl } from '../config/config.ts'
import { lockDataDir } from './data-dir-lock.ts'
import { pgliteAssets } from './pglite-assets.ts'
import { StoreUnavailable } from './errors.ts'
import * as schema from './schema/index.ts'

/** The query layer over either driver: one schema, one SQL dialect. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>

/** Connections of the pool; PGlite is a single connection with no pool to speak of. */
export interface PoolStats {
  readonly total: number
  readonly idle?: number
  readonly waiting?: number
}

/** An open database and what the service needs to run it. */
export interface Database {
  readonly kind: DatabaseConfig['kind']
  readonly description: string
  readonly db: Db
  /** Resolves when the database answers a query. */
  ping(): Promise<void>
  poolStats(): PoolStats
  /**
   * Runs `fn` on a query layer that holds an exclusive lock across processes, for migrations.
   * (PGlite's data directory is already held by this process alone.)
   */
  exclusive<T>(fn: (db: Db) => Promise<T>): Promise<T>
  /**
   * A consistent copy of the embedded database's data directory as a gzipped tarball, taken
   * while it serves; absent for a PostgreSQL server (pg_dump copies that).
   */
  dumpDataDir?(): Promise<Blob>
  close(): Promise<void>
}

/** Where drizzle's migrator keeps its journal of applied migrations. */
export const MIGRATIONS_TABLE = { migrationsSchema: 'public', migrationsTable: 'schema_migrations' }

// An arbitrary constant: the key of the advisory lock that serialises migrations across processes.
const MIGRATION_LOCK_KEY = 7_184_401_118

/** Opens the configured database (without migrating it). */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === 'postgres' ? openPostgres(config) : openPglite(config)
}

async function openPostgres(config: Extract<DatabaseConfig, { kind: 'postgres' }>) {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolMax,
    connectionTimeoutMillis: 5_000,
    application_name: 'nls',
  })
  // An idle client can lose its server (restart, network); the pool replaces it on next use.
  // Without a listener the error would end the process.
  pool.on('error', () => undefined)
  try {
    await pool.query('select 1')
  } catch (err) {
    await pool.end().catch(() => undefined)
    throw new StoreUnavailable(
      `cannot reach PostgreSQL at ${redactUrl(config.url)}: ${reason(err)}`,
      { cause: err },
    )
  }
  const db: Db = drizzlePg({ client: pool, schema, casing: 'snake_case' })
  const database: Database = {
    kind: 'postgres',
    description: describeDatabase(config),
    db,
    ping: async () => {
      await pool.query('select 1')
    },
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    exclusive: async (fn) => {
      const client = await pool.connect()
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
        try {
          return await fn(drizzlePg({ client, schema, casing: 'snake_case' }))
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
        }
      } finally {
        client.release()
      }
    },
    close: () => pool.end(),
  }
  return database
}

async function openPglite(config: Extract<DatabaseConfig, { kind: 'pglite' }>) {
  const lock = await lockDataDir(config.dataDir)
  let client: PGlite
  try {
    client = await PGlite.create(join(config.dataDir, 'pglite'), await pgliteAssets())
  } catch (err) {
    await lock.release()
    throw new StoreUnavailable(
      `cannot open the embedded database in ${config.dataDir}: ${reason(err)}`,
      { cause: err },
    )
  }
  return pgliteDatabase(client, describeDatabase(config), lock.release)
}

/** A Database over a PGlite client opened by the caller (tests use in-memory ones). */
export function pgliteDatabase(
  client: PGlite,
  description: string,
  onClose: () => Promise<void> = async () => undefined,
): Database {
  const db: Db = drizzlePglite({ client, schema, casing: 'snake_case' })
  return {
    kind: 'pglite',
    description,
    db,
    ping: async () => {
      await db.execute(sql`select 1`)
    },
    poolStats: () => ({ total: 1 }),
    exclusive: (fn) => fn(db),
    dumpDataDir: async () => {
      // PGlite holds its query lock while it copies, so no write lands halfway through; what a
      // transaction left uncommitted is rolled back by WAL recovery when the copy is opened, as
      // after a power cut. The checkpoint first makes that recovery short.
      await client.exec('checkpoint')
      return client.dumpDataDir('gzip')
    },
    close: async () => {
      try {
        await client.close()
      } finally {
        await onClose()
      }
    },
  }
}

function reason(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return reason(err.errors[0])
  const e = err as { code?: string; message?: string }
  return [e.code, e.message].filter(Boolean).join(' ') || String(err)
}
