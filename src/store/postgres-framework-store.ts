import { asc, max, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import type { FrameworkStore, StoredFramework } from './framework-store.ts'
import { insertAuditEntry } from './postgres-audit-log.ts'
import { frameworks } from './schema/index.ts'

type FrameworkRow = typeof frameworks.$inferSelect

/** Imported frameworks in PostgreSQL. */
export function postgresFrameworkStore(db: Db): FrameworkStore {
  return {
    saveFramework: ({ id, version, document }, actor) =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .insert(frameworks)
          .values({ id, version, document, importedBy: actor })
          .onConflictDoUpdate({
            target: frameworks.id,
            set: { version, document, importedBy: actor, importedAt: sql`now()` },
          })
          .returning()
        await insertAuditEntry(tx, {
          actor,
          action: 'framework.import',
          subject: `framework:${id}`,
          details: { version },
        })
        return frameworkRowToFramework(row!)
      }),

    listFrameworks: async () =>
      (await db.select().from(frameworks).orderBy(asc(frameworks.id))).map(frameworkRowToFramework),

    latestImport: async () => {
      const [row] = await db.select({ at: max(frameworks.importedAt) }).from(frameworks)
      return row?.at ?? undefined
    },
  }
}

function frameworkRowToFramework(row: FrameworkRow): StoredFramework {
  return {
    id: row.id,
    version: row.version,
    document: row.document,
    importedBy: row.importedBy,
    importedAt: row.importedAt,
  }
}
