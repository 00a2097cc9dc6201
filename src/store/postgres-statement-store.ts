import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm'
import type { Identity } from './people-store.ts'
import type { Db } from './database.ts'
import { queryPrepared, queryRows } from './query-rows.ts'
import { statements } from './schema/index.ts'
import { identityToKey } from './postgres-people-store.ts'
import { SQLSTATE, sqlState } from './sql-state.ts'
import type { StatementStore, StoredStatementInput } from './statement-store.ts'
import { recentActivitiesIn } from './recent-activities.ts'
import { factsOfPeople } from './statement-facts.ts'
import { unmatchedActors } from './unmatched-actors.ts'
import { pgTextArray } from './sql-values.ts'
import { queryStatements } from './query-statements.ts'
import { statementRowToStatement } from './statement-rows.ts'

/** Rows per INSERT: a larger batch is split, to bound the size of one query's parameter. */
export const STATEMENTS_PER_INSERT = 4_000

/** The statement store on PostgreSQL. */
export function postgresStatementStore(db: Db): StatementStore {
  return {
    recentActivitiesIn: (tenantId, contextIri, scan) =>
      recentActivitiesIn(db, tenantId, contextIri, scan),
    unmatchedActors: (tenantId, limit) => unmatchedActors(db, tenantId, limit),

    async insertStatements(tenantId, input) {
      const inserted = new Set<string>()
      for (let start = 0; start < input.length; start += STATEMENTS_PER_INSERT) {
        // The hot path: the batch travels as one JSON parameter and PostgreSQL unpacks it
        // (jsonb_to_recordset), instead of a query builder binding 14 values per row.
        const batch = input.slice(start, start + STATEMENTS_PER_INSERT).map((s) => toRecord(s))
        const rows = await queryRows<{ id: string }>(
          db,
          sql`insert into statements (tenant_id, id, person_id, actor_key, verb_id, activity_iri,
                activity_tree, registration, ref_target, timestamp, stored, score_scaled, success, completion,
                source, statement)
              select ${tenantId}::uuid, r.id, r.person_id, r.actor_key, r.verb_id, r.activity_iri,
                r.activity_tree, r.registration, r.ref_target, r.timestamp, coalesce(r.stored, now()),
                r.score_scaled, r.success,
                r.completion, r.source, r.statement
              from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as r(${RECORD_COLUMNS})
              on conflict (tenant_id, id) do nothing
              returning id`,
        )
        for (const { id } of rows) inserted.add(id)
      }
      // PostgreSQL gives UUIDs back in lower case; the input may have any case.
      const ids = [...new Set(input.map((s) => s.id.toLowerCase()))]
      return {
        inserted: ids.filter((id) => inserted.has(id)),
        existing: ids.filter((id) => !inserted.has(id)),
      }
    },

    async insertNewStatements(tenantId, input) {
      if (input.length === 0) return []
      const batch = input.map((s) => toRecord(s, s.identity))
      // One statement, so one round trip and atomic without BEGIN/COMMIT: match actors, insert,
      // enqueue for the upstream LRS when the tenant forwards, queue the people for inference
      // when the tenant has tags. An id kept already is found by the
      // primary key (a unique violation undoes the whole statement): a check written as a query
      // was planned as a scan of the tenant's statements once statistics lagged the table.
      let rows: { id: string; person_id: string | null }[]
      try {
        rows = await queryPrepared(
          db,
          'nls_insert_new_statements',
          sql`with input as (
                select * from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
                  as r(${RECORD_COLUMNS}, identity_kind text, identity_issuer text,
                    identity_client_id text, identity_value text)
              ),
              kept as (
                insert into statements (tenant_id, id, person_id, actor_key, verb_id, activity_iri,
                  activity_tree, registration, ref_target, timestamp, stored, score_scaled, success, completion,
                  source, statement)
                select ${tenantId}::uuid, r.id, i.person_id, r.actor_key, r.verb_id,
                  r.activity_iri, r.activity_tree, r.registration, r.ref_target, r.timestamp,
                  coalesce(r.stored, now()),
                  r.score_scaled, r.success, r.completion, r.source, r.statement
                from input r
                -- One probe of identities_pkey per statement, whatever the planner thinks of
                -- the tenant's size: a hash join would read every identity of the tenant (a
                -- city's two million pupils) to match a batch of a hundred.
                left join lateral (
                  select i.person_id from identities i
                  where i.tenant_id = ${tenantId}::uuid and i.kind = r.identity_kind
                    and i.issuer = r.identity_issuer and i.client_id = r.identity_client_id
                    and i.value = r.identity_value
                  offset 0
                ) i on true
                returning id, person_id, statement
              ),
              forwarded as (
                insert into outbox (tenant_id, kind, dedupe_key, payload, person_id)
                select ${tenantId}::uuid, 'xapi-statement', 'upstream:' || k.id,
                  jsonb_build_object('destination', 'upstream', 'statement', k.statement),
                  k.person_id
                from kept k
                where exists (select 1 from lrs_sources
                  where tenant_id = ${tenantId}::uuid and forward)
                on conflict (tenant_id, kind, dedupe_key) do nothing
              ),
              queued as (
                insert into inference_queue (tenant_id, person_id)
                select distinct ${tenantId}::uuid, k.person_id
                from kept k
                where k.person_id is not null
                  and exists (select 1 from tags where tenant_id = ${tenantId}::uuid)
                -- Locks a person already queued, so no worker takes them before this commits
                -- (see postgres-inference-store.ts, enqueueFrom).
                on conflict (tenant_id, person_id) do update set queued_at = inference_queue.queued_at
              )
              select id, person_id from kept`,
        )
      } catch (err) {
        // An id kept before, the same id twice in the batch, or one another request is keeping.
        if (sqlState(err) === SQLSTATE.uniqueViolation) return undefined
        throw err
      }
      if (rows.length === 0) return undefined
      const people = new Map(rows.map((r) => [r.id, r.person_id ?? undefined]))
      return input.map((s) => people.get(s.id.toLowerCase()))
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

    async findFactsForPerson(tenantId, personId, filter) {
      return (await factsOfPeople(db, tenantId, [personId], filter)).get(personId) ?? []
    },

    findFactsForPeople: (tenantId, personIds, filter) =>
      factsOfPeople(db, tenantId, personIds, filter),

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

    async setPersonForActors(tenantId, matches) {
      const attached = new Map<string, number>()
      if (matches.length === 0) return attached
      // Through statements_unmatched_idx: only statements nobody has yet are looked at.
      const rows = await queryRows<{ person_id: string; n: number }>(
        db,
        sql`with matched as (
              update statements s set person_id = m.p
              from unnest(${pgTextArray(matches.map((m) => m.actorKey))}::text[],
                ${pgTextArray(matches.map((m) => m.personId))}::uuid[]) as m(k, p)
              where s.tenant_id = ${tenantId}::uuid and s.actor_key = m.k and s.person_id is null
              returning s.person_id
            )
            select person_id, count(*)::int as n from matched group by person_id`,
      )
      for (const r of rows) attached.set(r.person_id, r.n)
      return attached
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

    async activityDefinitions(tenantId, activityIri, limit) {
      // Through statements_activity_idx: the activity's newest statements, however many it has.
      const rows = await db
        .select({ definition: sql<unknown>`${statements.statement} -> 'object' -> 'definition'` })
        .from(statements)
        .where(and(eq(statements.tenantId, tenantId), eq(statements.activityIri, activityIri)))
        .orderBy(desc(statements.stored))
        .limit(limit)
      return rows.map((r) => r.definition).filter((d) => d !== null && d !== undefined)
    },

    async getStatements(tenantId, ids) {
      if (ids.length === 0) return []
      const rows = await db
        .select()
        .from(statements)
        .where(
          and(
            eq(statements.tenantId, tenantId),
            inArray(
              statements.id,
              ids.map((id) => id.toLowerCase()),
            ),
          ),
        )
      return rows.map(statementRowToStatement)
    },

    queryStatements: (tenantId, query) => queryStatements(db, tenantId, query),

    async countStatements(tenantId) {
      return await db.$count(statements, eq(statements.tenantId, tenantId))
    },
  }
}

/** The statement columns of a batch as `jsonb_to_recordset` unpacks them. */
const RECORD_COLUMNS = sql.raw(`id uuid, person_id uuid, actor_key text, verb_id text,
  activity_iri text, activity_tree text[], registration uuid, ref_target uuid, timestamp timestamptz, stored timestamptz,
  score_scaled float8, success boolean, completion boolean, source text, statement jsonb`)

/**
 * A statement as one record of a batch parameter (see RECORD_COLUMNS), with the key of the
 * identity its actor is matched by (insertNewStatements; an insert that does not match leaves those
 * keys out of its columns). One object literal: building it by spreading another cost a batch of
 * 100 seven tenths of a millisecond. A value the statement lacks is undefined, so JSON leaves its
 * key out and `jsonb_to_recordset` reads null: PostgreSQL parses the whole parameter character by
 * character, and the keys of nulls were a twentieth of a Moodle batch, a tenth of the time to
 * parse it.
 */
function toRecord(
  s: Omit<StoredStatementInput, 'personId'> & { personId?: string },
  identity?: Identity,
) {
  const key = identity && identityToKey(identity)
  return {
    id: s.id,
    person_id: s.personId,
    actor_key: s.actorKey,
    verb_id: s.verbId,
    activity_iri: s.activityIri,
    activity_tree: s.activityTree,
    registration: s.registration,
    ref_target: s.refTarget,
    timestamp: s.timestamp.toISOString(),
    stored: s.stored?.toISOString(),
    score_scaled: s.scoreScaled,
    success: s.success,
    completion: s.completion,
    source: s.source,
    statement: s.statement,
    identity_kind: key?.kind,
    identity_issuer: key?.issuer,
    identity_client_id: key?.clientId,
    identity_value: key?.value,
  }
}
