import { loadConfig } from '../config/config.ts'
import { type Database, openDatabase } from '../store/database.ts'
import { migrate } from '../store/migrate.ts'
import type { Io } from './io.ts'

/**
 * Runs `fn` on the configured database (DATABASE_URL, or PGlite in NLS_DATA_DIR) and closes it.
 * With `migrated`, the schema is brought up to date first, as the server would at start.
 */
export async function withDatabase<T>(
  io: Io,
  options: { readonly migrated: boolean },
  fn: (database: Database) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(loadConfig(io.env).database)
  try {
    if (options.migrated) await migrate(database)
    return await fn(database)
  } finally {
    await database.close()
  }
}
