import type { statements } from './schema/index.ts'
import type { StatementSource, StoredStatement } from './statement-store.ts'

type StatementRow = typeof statements.$inferSelect

/** A row of the statements table as the store gives it. */
export function statementRowToStatement(row: StatementRow): StoredStatement {
  return {
    tenantId: row.tenantId,
    id: row.id,
    personId: row.personId ?? undefined,
    actorKey: row.actorKey,
    verbId: row.verbId,
    activityIri: row.activityIri ?? undefined,
    activityTree: row.activityTree,
    registration: row.registration ?? undefined,
    refTarget: row.refTarget ?? undefined,
    timestamp: row.timestamp,
    stored: row.stored,
    scoreScaled: row.scoreScaled ?? undefined,
    success: row.success ?? undefined,
    completion: row.completion ?? undefined,
    voidedBy: row.voidedBy ?? undefined,
    source: row.source as StatementSource,
    statement: row.statement,
  }
}
