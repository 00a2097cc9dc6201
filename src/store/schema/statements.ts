import { sql } from 'drizzle-orm'
import {
  boolean,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'
import { people } from './people.ts'
import { bytewiseText, bytewiseTextArray, sameTenant } from './columns.ts'
import { tenants } from './tenants.ts'

/**
 * xAPI statements as received: the whole statement as JSONB, plus the fields inference reads
 * pulled out into indexed columns.
 */
export const statements = pgTable(
  'statements',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    id: uuid().notNull(),
    /** The person the actor was matched to; null until an identity rule matches. */
    personId: uuid(),
    /** The actor's inverse functional identifier in one string, e.g. account:<homePage>|<name>. */
    actorKey: bytewiseText().notNull(),
    verbId: bytewiseText().notNull(),
    /** The object's id when the object is an Activity. */
    activityIri: bytewiseText(),
    /**
     * The object's id and the ids of `context.contextActivities.parent`, each without its
     * #fragment (Moodle: a quiz attempt and its quiz; a question, its attempt and its quiz): a
     * tag on an activity is evidenced by statements about it or under it, found by this index.
     */
    activityTree: bytewiseTextArray()
      .notNull()
      .default(sql`'{}'::text[]`),
    registration: uuid(),
    /**
     * The statement's object's id when the object is a StatementRef: the statement it targets,
     * which GET /xapi/statements filters through (xAPI 1.0.3 Communication §2.1.3).
     */
    refTarget: uuid(),
    timestamp: timestamp({ withTimezone: true }).notNull(),
    stored: timestamp({ withTimezone: true }).notNull().defaultNow(),
    scoreScaled: doublePrecision(),
    success: boolean(),
    completion: boolean(),
    /** Set when a voiding statement voided this one. */
    voidedBy: uuid(),
    /** How it arrived: pushed to our endpoint, or pulled from an upstream LRS. */
    source: text().notNull(),
    statement: jsonb().notNull(),
  },
  (t) => [
    primaryKey({ name: 'statements_pkey', columns: [t.tenantId, t.id] }),
    sameTenant('statements_person_fk', { tenantId: t.tenantId, column: t.personId }, people),
    index('statements_person_idx').on(t.tenantId, t.personId, t.timestamp),
    // GET /xapi/statements pages newest stored first by each filter: activity, verb, agent (as
    // actor, or as the object: few statements, so a partial index), registration.
    index('statements_activity_idx').on(t.tenantId, t.activityIri, t.stored),
    index('statements_verb_idx').on(t.tenantId, t.verbId, t.stored),
    index('statements_actor_idx').on(t.tenantId, t.actorKey, t.stored),
    index('statements_object_agent_idx')
      .using('gin', sql`(${t.statement} -> 'object') jsonb_path_ops`)
      .where(sql`${t.statement} #>> '{object,objectType}' in ('Agent', 'Group')`),
    index('statements_registration_idx')
      .on(t.tenantId, t.registration, t.stored)
      .where(sql`${t.registration} is not null`),
    index('statements_activity_tree_idx').using('gin', t.activityTree),
    // Every activity and every agent a statement names (related_activities, related_agents, the
    // course page), as PostgreSQL works them out from the statement (migration related_arrays).
    index('statements_related_activities_idx').using(
      'gin',
      sql`nls_related_activities(${t.statement}) jsonb_path_ops`,
    ),
    index('statements_related_agents_idx').using(
      'gin',
      sql`nls_related_agents(${t.statement}) jsonb_path_ops`,
    ),
    index('statements_stored_idx').on(t.tenantId, t.stored),
    // The statements that target another (few): found from the targeted statement, or all of a
    // tenant's read in one pass, whichever the planner finds cheaper.
    index('statements_ref_target_idx')
      .on(t.tenantId, t.refTarget)
      .where(sql`${t.refTarget} is not null`),
    index('statements_unmatched_idx')
      .on(t.tenantId, t.actorKey)
      .where(sql`${t.personId} is null`),
  ],
)
