import { readFile } from 'node:fs/promises'
import type { Io } from '../../src/cli/io.ts'
import { main } from '../../src/cli/main.ts'
import type { DatabaseConfig } from '../../src/config/config.ts'
import { type Database, openDatabase } from '../../src/store/database.ts'
import { createStores, type Stores } from '../../src/store/index.ts'

/**
 * The time a test of the command line may take. Each command opens its database (PGlite loads
 * and migrates it) as `nls` does; on a machine busy with other work that alone takes tens of
 * seconds, so these tests wait generously instead of failing at jest's default.
 */
export const CLI_TEST_TIMEOUT_MS = 180_000

/** What one `nls …` run printed and returned. */
export interface CliResult {
  readonly code: number
  readonly out: string
  readonly err: string
}

/** Runs `nls <argv>` in this process with `env` as its environment, capturing its output. */
export function runCli(
  env: Readonly<Record<string, string>>,
  ...argv: string[]
): Promise<CliResult> {
  return run(env, undefined, argv)
}

/** Commands of a test file on one database held open: see openCommandLine. */
export interface CommandLine {
  /** The database the commands run on, for the test's own reads and writes. */
  readonly database: Database
  /** Runs `fn` with the stores over that database. */
  withStores<T>(fn: (stores: Stores) => Promise<T>): Promise<T>
  /** Runs `nls <argv>` with `env` as its environment, on the open database. */
  run(env: Readonly<Record<string, string>>, ...argv: string[]): Promise<CliResult>
  /** Runs `fn` with the database closed (for a server of the test to open), then reopens it. */
  closedWhile<T>(fn: () => Promise<T>): Promise<T>
  close(): Promise<void>
}

/**
 * Opens a place's database once for a test file's commands, which then run as a running server
 * runs the commands handed to it (on the database it holds, see command-socket.ts): opening
 * PGlite for each command was most of a command test's time. What a command does on opening the
 * database itself (migrating, the data directory's lock) is tested with runCli.
 */
export async function openCommandLine(place: {
  readonly config: DatabaseConfig
}): Promise<CommandLine> {
  let database = await openDatabase(place.config)
  return {
    get database() {
      return database
    },
    withStores: (fn) => fn(createStores(database.db)),
    run: (env, ...argv) => run(env, database, argv),
    async closedWhile(fn) {
      await database.close()
      try {
        return await fn()
      } finally {
        database = await openDatabase(place.config)
      }
    },
    close: () => database.close(),
  }
}

async function run(
  env: Readonly<Record<string, string>>,
  database: Database | undefined,
  argv: readonly string[],
): Promise<CliResult> {
  let out = ''
  let err = ''
  const io: Io = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    readFile: (p) => readFile(p, 'utf8'),
    env,
    ...(database && { database }),
  }
  const code = await main([...argv], io)
  return { code, out, err }
}
