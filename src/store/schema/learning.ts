import { sql } from 'drizzle-orm'
import {
  check,
  index,
  primaryKey,
  smallint,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { people } from './people.ts'
import { createdAt, sameTenant } from './columns.ts'
import { tenants } from './tenants.ts'

/** A course (LTI context) of a tenant. */
export const contexts = pgTable(
  'contexts',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    id: uuid().notNull().defaultRandom(),
    /** The LTI deployment_id the context was seen under ('' when not from LTI). */
    deploymentId: text().notNull().default(''),
    /** The LMS's own ID of the context (LTI `context.id`, Moodle's course id). */
    externalId: text().notNull(),
    title: text(),
    label: text(),
    /** The LTI platform and the course's AGS line items container, from a launch in it. */
    platformId: uuid(),
    lineItemsUrl: text(),
    /** The course's NRPS membership service, from a launch's claim. */
    membershipsUrl: text(),
    /** When the roster was last read from NRPS. */
    rosterSyncedAt: timestamp({ withTimezone: true }),
    /**
     * The competency table the course develops in its learners (TT02.NH for a pupils' class,
     * TT18.PT for a teachers' course); null: the school's default table.
     */
    audience: text(),
    /** The grade (khối, 1–12) of a pupils' class: its learners' grade unless a roster says. */
    grade: smallint(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'contexts_pkey', columns: [t.tenantId, t.id] }),
    check('contexts_grade_check', sql`${t.grade} between 1 and 12`),
    uniqueIndex('contexts_key_idx').on(t.tenantId, t.deploymentId, t.externalId),
  ],
)

/** Something learners do: an xAPI activity (by IRI) and, when launched by LTI, its resource link. */
export const activities = pgTable(
  'activities',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    id: uuid().notNull().defaultRandom(),
    contextId: uuid(),
    /** The xAPI activity id, e.g. https://lms.example/mod/quiz/view.php?id=12. */
    iri: text(),
    /** The LTI resource_link.id. */
    resourceLinkId: text(),
    name: text(),
    type: text(),
    /** The LTI platform whose gradebook holds this link's line item. */
    platformId: uuid(),
    /** The AGS line item of the link (the launch's `lineitem`), where scores are posted. */
    lineItemUrl: text(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'activities_pkey', columns: [t.tenantId, t.id] }),
    sameTenant('activities_context_fk', { tenantId: t.tenantId, column: t.contextId }, contexts),
    uniqueIndex('activities_iri_idx')
      .on(t.tenantId, t.iri)
      .where(sql`${t.iri} is not null`),
    uniqueIndex('activities_resource_link_idx')
      .on(t.tenantId, t.resourceLinkId)
      .where(sql`${t.resourceLinkId} is not null`),
    index('activities_context_idx').on(t.tenantId, t.contextId),
    // Deep Linking's links that no launch has bound, by age: the maintenance worker's expiry.
    index('activities_unplaced_link_idx')
      .on(t.createdAt)
      .where(sql`${t.resourceLinkId} is null and ${t.iri} like 'urn:nls:link:%'`),
  ],
)

/**
 * A trainer's statement that statements about an activity evidence competencies: descriptor IDs
 * (TT18.PT.1.1.CB.2) or components at a level (TT18.PT.1.1.CB), with the rule that counts. The
 * activity is a known one (by IRI or LTI resource link) or every activity whose IRI starts with
 * a prefix (a Moodle course's module URLs).
 */
export const tags = pgTable(
  'tags',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    id: uuid().notNull().defaultRandom(),
    activityId: uuid(),
    activityPrefix: text(),
    competencyIds: text().array().notNull(),
    /** Which statements count (verbs, minimum score, success, weight, count); see TagRule. */
    rule: jsonb().notNull().default({}),
    createdBy: uuid(),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'tags_pkey', columns: [t.tenantId, t.id] }),
    sameTenant(
      'tags_activity_fk',
      { tenantId: t.tenantId, column: t.activityId },
      activities,
    ).onDelete('cascade'),
    sameTenant('tags_created_by_fk', { tenantId: t.tenantId, column: t.createdBy }, people),
    check('tags_target_check', sql`(${t.activityId} is null) <> (${t.activityPrefix} is null)`),
    check('tags_competencies_check', sql`cardinality(${t.competencyIds}) > 0`),
    index('tags_activity_idx').on(t.tenantId, t.activityId),
  ],
)

/** A person's LTI roles in a course, as their latest launch there said. */
export const contextMembers = pgTable(
  'context_members',
  {
    // Its tenant through its person (the person key below): no key of its own to tenants.
    tenantId: uuid().notNull(),
    contextId: uuid().notNull(),
    personId: uuid().notNull(),
    roles: text().array().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'context_members_pkey', columns: [t.tenantId, t.contextId, t.personId] }),
    sameTenant(
      'context_members_context_fk',
      { tenantId: t.tenantId, column: t.contextId },
      contexts,
    ).onDelete('cascade'),
    sameTenant(
      'context_members_person_fk',
      { tenantId: t.tenantId, column: t.personId },
      people,
    ).onDelete('cascade'),
  ],
)

/**
 * The timestamp of the last score sent for a user to a line item: AGS §3.4.9 wants each new one
 * strictly later, and Moodle compares whole seconds.
 */
export const scoreTimestamps = pgTable(
  'score_timestamps',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    lineItemUrl: text().notNull(),
    userId: text().notNull(),
    lastTimestamp: text().notNull(),
  },
  (t) => [
    primaryKey({ name: 'score_timestamps_pkey', columns: [t.tenantId, t.lineItemUrl, t.userId] }),
  ],
)
