// Errors of the store. Each has a stable `code`; callers switch on it, never on text.

export type StoreErrorCode =
  | 'ERR_STORE_UNAVAILABLE'
  | 'ERR_STORE_DATA_DIR_IN_USE'
  | 'ERR_STORE_SCHEMA_NEWER'
  | 'ERR_STORE_CONFLICT'
  | 'ERR_STORE_NOT_FOUND'
  | 'ERR_STORE_BACKUP_UNAVAILABLE'

export class StoreError extends Error {
  code: StoreErrorCode = 'ERR_STORE_UNAVAILABLE'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = this.constructor.name
  }
}

/** The database cannot be reached or opened. */
export class StoreUnavailable extends StoreError {
  override code = 'ERR_STORE_UNAVAILABLE' as const
}

/** Another process holds the embedded database's data directory. */
export class DataDirInUse extends StoreError {
  override code = 'ERR_STORE_DATA_DIR_IN_USE' as const
  readonly dataDir: string
  readonly pid: number
  constructor(dataDir: string, pid: number) {
    super(
      `the data directory ${dataDir} is in use by another NLS process (pid ${pid}); stop it first, or share a PostgreSQL server between processes with DATABASE_URL`,
    )
    this.dataDir = dataDir
    this.pid = pid
  }
}

/** The database has migrations this version of NLS does not know: it was upgraded past us. */
export class SchemaNewer extends StoreError {
  override code = 'ERR_STORE_SCHEMA_NEWER' as const
  constructor(applied: number, known: number) {
    super(
      `the database schema is newer than this NLS (migration of ${new Date(applied).toISOString()} applied; this version knows up to ${new Date(known).toISOString()}): upgrade NLS`,
    )
  }
}

/** A write that would break a uniqueness rule (a name already in use, say). */
export class StoreConflict extends StoreError {
  override code = 'ERR_STORE_CONFLICT' as const
}

/** The row asked for does not exist. */
export class StoreNotFound extends StoreError {
  override code = 'ERR_STORE_NOT_FOUND' as const
}

/** This database cannot be copied by NLS itself (a PostgreSQL server: use pg_dump). */
export class BackupUnavailable extends StoreError {
  override code = 'ERR_STORE_BACKUP_UNAVAILABLE' as const
}
