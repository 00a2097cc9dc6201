import { desc, eq } from 'drizzle-orm'
import type { AuditEntry, AuditEntryInput, AuditLog } from './audit-log.ts'
import type { Db } from './database.ts'
import { auditLog } from './schema/index.ts'

/** Writes an audit entry with the given query layer (a transaction's, to commit with the change). */
export async function insertAuditEntry(db: Db, entry: AuditEntryInput): Promise<void> {
  await db.insert(auditLog).values(auditRow(entry))
}

function auditRow(entry: AuditEntryInput): typeof auditLog.$inferInsert {
  return {
    tenantId: entry.tenantId ?? null,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    details: entry.details ?? {},
  }
}

/** The audit log in PostgreSQL. */
export function postgresAuditLog(db: Db): AuditLog {
  return {
    record: (entry) => insertAuditEntry(db, entry),
    recordAll: async (entries) => {
      if (entries.length > 0) await db.insert(auditLog).values(entries.map(auditRow))
    },
    list: async ({ tenantId, limit = 100 } = {}) => {
      const rows = await db
        .select()
        .from(auditLog)
        .where(tenantId === undefined ? undefined : eq(auditLog.tenantId, tenantId))
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(limit)
      return rows.map(auditRowToEntry)
    },
  }
}

function auditRowToEntry(row: typeof auditLog.$inferSelect): AuditEntry {
  return {
    id: row.id,
    tenantId: row.tenantId ?? undefined,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    details: row.details as Record<string, unknown>,
    at: row.at,
  }
}
