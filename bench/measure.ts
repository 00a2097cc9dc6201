// What the benchmarks measure with: wall and CPU seconds, the peak memory of this process or
// another, the CPU of another process and of a database's backends; and a new database on a
// PostgreSQL server to measure on.
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
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

/**
 * A process's resident memory in MiB, now (VmRSS) or at its peak so far (VmHWM); undefined off
 * Linux or once it has ended.
 */
export async function processMemoryMiB(
  pid: number | undefined,
  field: 'VmRSS' | 'VmHWM',
): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8')
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1]
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024)
  } catch {
    return undefined
  }
}

/** CPU seconds a process has used so far (user + system); undefined off Linux. */
export async function processCpuSeconds(pid: number | undefined): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return undefined
  }
}

/**
 * CPU seconds used so far by the PostgreSQL backends connected to the database at `url` (a
 * server's pooled connections, which live through a run), this reader's aside; undefined when
 * PostgreSQL is on another machine or off Linux.
 */
export async function backendsCpuSeconds(url: string): Promise<number | undefined> {
  const reader = new pg.Client({ connectionString: url })
  await reader.connect()
  try {
    const { rows } = await reader.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    )
    let seconds = 0
    for (const { pid } of rows) {
      const used = await processCpuSeconds(pid)
      if (used === undefined) return undefined
      seconds += used
    }
    return rows.length > 0 ? seconds : undefined
  } catch {
    return undefined
  } finally {
    await reader.end()
  }
}

/**
 * CPU per request of a server and of its PostgreSQL backends between two readings, and the
 * statements per second the machine's cores would give the two alone (the load generator aside).
 */
export function cpuPerRequest(
  before: readonly [number | undefined, number | undefined],
  after: readonly [number | undefined, number | undefined],
  requests: number,
  statementsPerRequest: number,
) {
  const per = (b: number | undefined, a: number | undefined) =>
    b === undefined || a === undefined
      ? undefined
      : Number((((a - b) * 1000) / requests).toFixed(2))
  const serverCpuMsPerRequest = per(before[0], after[0])
  const databaseCpuMsPerRequest = per(before[1], after[1])
  return {
    serverCpuMsPerRequest,
    databaseCpuMsPerRequest,
    serverAndDatabaseAloneStatementsPerSecond:
      serverCpuMsPerRequest === undefined || databaseCpuMsPerRequest === undefined
        ? undefined
        : statementsPerSecondOnCores(
            serverCpuMsPerRequest + databaseCpuMsPerRequest,
            statementsPerRequest,
          ),
  }
}

/** The statements per second the machine's cores give at most, at this CPU per request. */
export function statementsPerSecondOnCores(
  cpuMsPerRequest: number,
  statementsPerRequest: number,
): number {
  return Math.round((availableParallelism() * 1000 * statementsPerRequest) / cpuMsPerRequest)
}

/** A server's and its database's CPU seconds so far (see processCpuSeconds, backendsCpuSeconds). */
export type CpuNow = () => Promise<readonly [number | undefined, number | undefined]>

/**
 * Runs `run`, `requests` requests of `statementsPerRequest` each, and adds to what it returns the
 * CPU per request it took of the server and its database (cpuPerRequest) and of this process,
 * the load generator, which shares the machine's cores with them.
 */
export async function withCpu<T extends object>(
  cpuNow: CpuNow,
  requests: number,
  statementsPerRequest: number,
  run: () => Promise<T>,
) {
  const before = await cpuNow()
  const driver = process.cpuUsage()
  const result = await run()
  const used = process.cpuUsage(driver)
  const cpu = cpuPerRequest(before, await cpuNow(), requests, statementsPerRequest)
  const loadGeneratorCpuMsPerRequest = (used.user + used.system) / 1000 / requests
  return {
    ...result,
    ...cpu,
    loadGeneratorCpuMsPerRequest: Number(loadGeneratorCpuMsPerRequest.toFixed(2)),
    // What the machine's cores take at most, the load generator's CPU included.
    machineStatementsPerSecondAtMost:
      cpu.serverCpuMsPerRequest === undefined || cpu.databaseCpuMsPerRequest === undefined
        ? undefined
        : statementsPerSecondOnCores(
            cpu.serverCpuMsPerRequest + cpu.databaseCpuMsPerRequest + loadGeneratorCpuMsPerRequest,
            statementsPerRequest,
          ),
  }
}
