// What the benchmarks measure with: wall and CPU seconds, and the process's peak memory; and a
// new database on a PostgreSQL server to measure on.
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { type Database, openDatabase } from '../src/store/database.ts'

/** The process's peak resident memory so far, in MiB. */
export const peakRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024)

/** Wall seconds since `since` (a performance.now()), to the hundredth. */
export const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(2))

/** Wall and CPU seconds of `fn` (CPU: this process's, which is all of PGlite's work). */
export async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; seconds: number; cpuSeconds: number }> {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const result = await fn()
  const used = process.cpuUsage(cpu)
  return {
    result,
    seconds: seconds(started),
    cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(2)),
  }
}

/**
 * Runs `fn` on a new database of the PostgreSQL server `server`, dropped afterwards (unless
 * `keep`), with a statement timeout and a pool of `poolMax`.
 */
export async function onNewDatabase<T>(
  server: string,
  options: {
    readonly statementTimeoutS: number
    readonly poolMax: number
    readonly keep?: boolean
  },
  fn: (database: Database) => Promise<T>,
): Promise<T> {
  const name = `nls_bench_${randomUUID().slice(0, 8)}`
  const admin = new pg.Client({ connectionString: server })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.query(
    `alter database ${name} set statement_timeout = '${options.statementTimeoutS}s'`,
  )
  const url = new URL(server)
  url.pathname = `/${name}`
  const database = await openDatabase({ kind: 'postgres', url: url.href, poolMax: options.poolMax })
  try {
    return await fn(database)
  } finally {
    await database.close()
    if (options.keep) console.error(`kept database ${name}`)
    else await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
}
