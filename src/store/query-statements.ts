import { and, desc, asc, eq, gt, isNull, lte, sql, type SQL } from 'drizzle-orm'
import { alias, unionAll, type AnyPgColumn } from 'drizzle-orm/pg-core'
import type { Db } from './database.ts'
import { statements } from './schema/index.ts'
import type { StatementQuery, StoredStatement } from './statement-store.ts'
import { statementRowToStatement } from './statement-rows.ts'

type StatementsTable = typeof statements

/** The columns the filters read, of the statements table or an alias of it. */
interface FilteredColumns {
  readonly statement: AnyPgColumn
  readonly actorKey: AnyPgColumn
  readonly verbId: AnyPgColumn
  readonly activityIri: AnyPgColumn
  readonly registration: AnyPgColumn
}

/**
 * A page of GET /xapi/statements: the tenant's statements, not voided, that meet the query's
 * filters, in `stored` order, from where the previous page ended.
 *
 * A statement whose object is a StatementRef meets the filters when the statement it targets
 * does, or the one that targets, and so on (xAPI 1.0.3 Communication §2.1.3, "Filter Conditions
 * for StatementRefs"); a targeted statement counts though it is voided, while `since`, `until`
 * and the page apply to the targeting statement. Such statements come in a second branch, which
 * reads the tenant's StatementRef statements whose target meets the filters (from the targets or
 * from the StatementRef statements, whichever the planner finds fewer), so the first branch stays
 * a walk of one index in `stored` order.
 */
export async function queryStatements(
  db: Db,
  tenantId: string,
  query: StatementQuery,
): Promise<StoredStatement[]> {
  const order = query.ascending ? asc : desc
  const inPage = (t: StatementsTable) =>
    and(
      eq(t.tenantId, tenantId),
      isNull(t.voidedBy),
      query.since && gt(t.stored, query.since),
      query.until && lte(t.stored, query.until),
      query.after &&
        (query.ascending
          ? sql`(${t.stored}, ${t.id}) > (${query.after.stored.toISOString()}::timestamptz, ${query.after.id}::uuid)`
          : sql`(${t.stored}, ${t.id}) < (${query.after.stored.toISOString()}::timestamptz, ${query.after.id}::uuid)`),
    )
  const pageOf = (where: SQL | undefined) =>
    db
      .select()
      .from(statements)
      .where(and(inPage(statements), where))
      .orderBy(order(statements.stored), order(statements.id))
      .limit(query.limit)

  const filters = filtersOn(statements, query)
  if (filters === undefined) return (await pageOf(undefined)).map(statementRowToStatement)

  const targeting = alias(statements, 'targeting')
  const target = alias(statements, 'target')
  const targetFilters = filtersOn(target, query)
  // Recursive: the StatementRef statements whose target meets the filters, then those that
  // target one of them, and so on (UNION ends a cycle of references).
  const targetingMatches = sql`with recursive hit(id) as (
      select ${targeting.id} from ${statements} targeting
        join ${statements} target on ${target.tenantId} = ${targeting.tenantId} and ${target.id} = ${targeting.refTarget}
        where ${targeting.tenantId} = ${tenantId} and ${targeting.refTarget} is not null and ${targetFilters}
      union
      select ${targeting.id} from hit
        join ${statements} targeting on ${targeting.tenantId} = ${tenantId} and ${targeting.refTarget} = hit.id
        where ${targeting.refTarget} is not null
    )
    select id from hit`
  const rows = await unionAll(
    pageOf(filters),
    // Those met directly are the first branch's.
    pageOf(sql`(${filters}) is not true and ${statements.id} in (${targetingMatches})`),
  )
    .orderBy(order(statements.stored), order(statements.id))
    .limit(query.limit)
  return rows.map(statementRowToStatement)
}

/**
 * The query's filters other than time and sequence (agent, verb, activity, registration) on a
 * statement of `t`; undefined when it has none. Each is served by an index of its own.
 */
function filtersOn(t: FilteredColumns, query: StatementQuery): SQL | undefined {
  const agent = query.agent
  const agentFilter = agent
    ? query.relatedAgents
      ? // Anywhere in the statement: an agent carrying the identifier (statements_related_agents_idx).
        sql`nls_related_agents(${t.statement}) @> ${JSON.stringify([agent.ifi])}::jsonb`
      : // An Agent or Group object names its objectType (xAPI 1.0.3 §2.4.4.2): said here,
        // so that statements_object_agent_idx serves it.
        sql`(${t.actorKey} = ${agent.key} or (${t.statement}->'object' @> ${JSON.stringify(agent.ifi)}::jsonb
          and ${t.statement} #>> '{object,objectType}' in ('Agent', 'Group')))`
    : undefined
  const activityFilter = query.activityIri
    ? query.relatedActivities
      ? // Anywhere in the statement (statements_related_activities_idx).
        sql`nls_related_activities(${t.statement}) @> ${JSON.stringify([query.activityIri])}::jsonb`
      : eq(t.activityIri, query.activityIri)
    : undefined
  return and(
    query.verbId === undefined ? undefined : eq(t.verbId, query.verbId),
    query.registration === undefined ? undefined : eq(t.registration, query.registration),
    agentFilter,
    activityFilter,
  )
}
