import { sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { queryRows } from './query-rows.ts'

/** Statements deleted per transaction by retention. */
export const RETENTION_BATCH = 500

/**
 * Deletes up to `limit` of a tenant's statements stored before `cutoff`, oldest first, along
 * statements_stored_idx; returns how many. Statements that evidence rows point at are kept:
 * evidence cascades from its statement, and a level's evidence must outlive retention for the
 * level to stay explained and for a recompute to give it again.
 */
export async function deleteExpiredStatements(
  db: Db,
  tenantId: string,
  cutoff: Date,
  limit = RETENTION_BATCH,
): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`delete from statements s
      where s.tenant_id = ${tenantId}
        and s.id in (
          select x.id from statements x
          where x.tenant_id = ${tenantId} and x.stored < ${cutoff.toISOString()}::timestamptz
            and not exists (
              select 1 from evidence e where e.tenant_id = x.tenant_id and e.statement_id = x.id
            )
          order by x.stored
          limit ${limit}
        )
      returning s.id`,
  )
  return rows.length
}
