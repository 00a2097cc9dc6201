import { sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { queryRows } from './query-rows.ts'
import type { UnmatchedActors } from './statement-store.ts'

/**
 * The tenant's statements matched to nobody yet: how many, from how many actors, and the actors
 * with the most (ties by newest `stored`), at most `limit`. One grouped read of
 * statements_unmatched_idx (tenant_id, actor_key where person_id is null).
 */
export async function unmatchedActors(
  db: Db,
  tenantId: string,
  limit: number,
): Promise<UnmatchedActors> {
  const rows = await queryRows<{
    actor_key: string
    statements: number
    newest: string | Date
    total: number
    actors: number
  }>(
    db,
    sql`with grouped as (
        select actor_key, count(*)::int as statements, max(stored) as newest
        from statements
        where tenant_id = ${tenantId} and person_id is null
          -- An anonymous Group's statements (kept under group:…) are no one's to match.
          and actor_key not like 'group:%'
        group by actor_key
      )
      select actor_key, statements, newest,
        (sum(statements) over ())::int as total, (count(*) over ())::int as actors
      from grouped
      order by statements desc, newest desc, actor_key
      limit ${limit}`,
  )
  return {
    statements: rows[0]?.total ?? 0,
    actors: rows[0]?.actors ?? 0,
    top: rows.map((r) => ({
      actorKey: r.actor_key,
      statements: r.statements,
      newest: new Date(r.newest),
    })),
  }
}
