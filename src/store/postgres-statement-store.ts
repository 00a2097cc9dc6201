import { and, asc, eq, gt, isNull } from 'drizzle-orm'
import type { Db } from './database.ts'
import { statements } from './schema/index.ts'
import type { StatementSource, StatementStore, StoredStatement } from './statement-store.ts'

type StatementRow = typeof statements.$inferSelect

/**
 * Rows per INSERT. A statement takes 13 bind parameters and PostgreSQL allows 65,535 per query,
 * so a batch larger than this is split into several INSERTs.
 */
export const STATEMENTS_PER_INSERT = 4_000

/** The statement store on PostgreSQL. */
export function postgresStatementStore(db: Db): StatementStore {
  return {
    async insertStatements(tenantId, input) {
      const inserted = new Set<string>()
      for (let start = 0; start < input.length; start += STATEMENTS_PER_INSERT) {
        const rows = await db
          .insert(statements)
          .values(
            input.slice(start, start + STATEMENTS_PER_INSERT).map((s) => ({
              tenantId,
              id: s.id,
              personId: s.personId,
              actorKey: s.actorKey,
              verbId: s.verbId,
              activityIri: s.activityIri,
              registration: s.registration,
              timestamp: s.timestamp,
              scoreScaled: s.scoreScaled,
              success: s.success,
              completion: s.completion,
              source: s.source,
              statement: s.statement,
            })),
          )
          .onConflictDoNothing({ target: [statements.tenantId, statements.id] })
          .returning({ id: statements.id })
        for (const { id } of rows) inserted.add(id)
      }
      // PostgreSQL gives UUIDs back in lower case; the input may have any case.
      const ids = [...new Set(input.map((s) => s.id.toLowerCase()))]
      return {
        inserted: ids.filter((id) => inserted.has(id)),
        existing: ids.filter((id) => !inserted.has(id)),
      }
    },

    async findStatementsForPerson(tenantId, personId, options = {}) {
      const { since, limit, includeVoided = false } = options
      const query = db
        .select()
        .from(statements)
        .where(
          and(
            eq(statements.tenantId, tenantId),
            eq(statements.personId, personId),
            since && gt(statements.timestamp, since),
            includeVoided ? undefined : isNull(statements.voidedBy),
          ),
        )
        .orderBy(asc(statements.timestamp), asc(statements.id))
      const rows = await (limit === undefined ? query : query.limit(limit))
      return rows.map(statementRowToStatement)
    },

    async setPersonForActor(tenantId, actorKey, personId) {
      const matched = await db
        .update(statements)
        .set({ personId })
        .where(
          and(
            eq(statements.tenantId, tenantId),
            eq(statements.actorKey, actorKey),
            isNull(statements.personId),
          ),
        )
        .returning({ id: statements.id })
      return matched.length
    },

    async voidStatement(tenantId, targetId, voidingId) {
      const voided = await db
        .update(statements)
        .set({ voidedBy: voidingId })
        .where(
          and(
            eq(statements.tenantId, tenantId),
            eq(statements.id, targetId),
            isNull(statements.voidedBy),
          ),
        )
        .returning({ id: statements.id })
      return voided.length > 0
    },

    async countStatements(tenantId) {
      return await db.$count(statements, eq(statements.tenantId, tenantId))
    },
  }
}

function statementRowToStatement(row: StatementRow): StoredStatement {
  return {
    tenantId: row.tenantId,
    id: row.id,
    personId: row.personId ?? undefined,
    actorKey: row.actorKey,
    verbId: row.verbId,
    activityIri: row.activityIri ?? undefined,
    registration: row.registration ?? undefined,
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
