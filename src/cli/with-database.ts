import { loadConfig } from '../config/config.ts'
import { type Database, openDatabase } from '../store/database.ts'
import { DataDirInUse } from '../store/errors.ts'
import { migrate } from '../store/migrate.ts'
import type { Io } from './io.ts'

/**
 * The embedded database's data directory is held by a running server: the command is to be
 * handed to that server, which runs it on the database it holds (see command-socket.ts).
 */
export class HeldByServer extends Error {
  readonly held: DataDirInUse
  /** What the command does instead when no server answers on the socket; else it is refused. */
  readonly whenNoServer: (() => Promise<void>) | undefined
  constructor(held: DataDirInUse, whenNoServer?: () => Promise<void>) {
    super(held.message, { cause: held })
    this.held = held
    this.whenNoServer = whenNoServer
  }
}

/**
 * Runs `fn` on the configured database (DATABASE_URL, or PGlite in NLS_DATA_DIR) and closes it.
 * With `migrated`, the schema is brought up to date first, as the server would at start. A
 * command the running server was handed runs on the server's database, as it is.
 */
export async function withDatabase<T>(
  io: Io,
  options: { readonly migrated: boolean },
  fn: (database: Database) => Promise<T>,
): Promise<T> {
  if (io.database) return fn(io.database)
  const database = await openDatabase(loadConfig(io.env).database).catch((err: unknown) => {
    throw err instanceof DataDirInUse ? new HeldByServer(err) : err
  })
  try {
    if (options.migrated) await migrate(database)
    return await fn(database)
  } finally {
    await database.close()
  }
}
