import { sql } from 'drizzle-orm'
import {
  bigint,
  check,
  integer,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { tags } from './learning.ts'
import { people } from './people.ts'
import { statements } from './statements.ts'
import { createdAt, sameTenant } from './columns.ts'

/** That a statement, matched by a tag, shows a descriptor (or a component at a level). */
export const evidence = pgTable(
  'evidence',
  {
    // Its tenant through its person (the person key below): no key of its own to tenants.
    tenantId: uuid().notNull(),
    id: bigint({ mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    personId: uuid().notNull(),
    competencyId: text().notNull(),
    statementId: uuid().notNull(),
    tagId: uuid().notNull(),
    observedAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'evidence_pkey', columns: [t.tenantId, t.id] }),
    sameTenant('evidence_person_fk', { tenantId: t.tenantId, column: t.personId }, people),
    sameTenant('evidence_tag_fk', { tenantId: t.tenantId, column: t.tagId }, tags).onDelete(
      'cascade',
    ),
    sameTenant(
      'evidence_statement_fk',
      { tenantId: t.tenantId, column: t.statementId },
      statements,
    ).onDelete('cascade'),
    uniqueIndex('evidence_key_idx').on(
      t.tenantId,
      t.personId,
      t.competencyId,
      t.statementId,
      t.tagId,
    ),
    index('evidence_tag_idx').on(t.tenantId, t.tagId),
    // Deleting a statement (retention) cascades here, and retention keeps statements evidence uses.
    index('evidence_statement_idx').on(t.tenantId, t.statementId),
  ],
)

/** A person's inferred level of one component, with the reasons that explain it. */
export const componentLevels = pgTable(
  'component_levels',
  {
    // Its tenant through its person (the person key below): no key of its own to tenants.
    tenantId: uuid().notNull(),
    personId: uuid().notNull(),
    componentId: text().notNull(),
    /** CB, TT, NC (or a learner sub-level); null while no level is reached. */
    level: text(),
    /** The level the evidence alone gives, before trainer overrides. */
    inferredLevel: text(),
    /** Distinct statements behind the component's evidence. */
    evidenceCount: integer().notNull().default(0),
    /** How many times the level changed: numbers each change's progress statement. */
    changeSeq: integer().notNull().default(0),
    frameworkVersion: text().notNull(),
    reasons: jsonb().notNull().default([]),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({
      name: 'component_levels_pkey',
      columns: [t.tenantId, t.personId, t.componentId],
    }),
    sameTenant('component_levels_person_fk', { tenantId: t.tenantId, column: t.personId }, people),
    index('component_levels_component_idx').on(t.tenantId, t.componentId),
  ],
)

/**
 * Every change of a person's level of a component, kept by a trigger on component_levels, so
 * that reports can tell the levels held at the end of any past semester.
 */
export const levelHistory = pgTable(
  'level_history',
  {
    // Its tenant through its person (the person key below): no key of its own to tenants.
    tenantId: uuid().notNull(),
    id: bigint({ mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    personId: uuid().notNull(),
    componentId: text().notNull(),
    /** The level from then on; null: no level. */
    level: text(),
    changedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'level_history_pkey', columns: [t.tenantId, t.id] }),
    sameTenant('level_history_person_fk', { tenantId: t.tenantId, column: t.personId }, people),
    index('level_history_component_idx').on(t.tenantId, t.componentId, t.changedAt),
    index('level_history_person_idx').on(t.tenantId, t.personId, t.componentId, t.changedAt),
  ],
)

/** A person's own judgement of their level of a component; every answer is kept. */
export const selfAssessments = pgTable(
  'self_assessments',
  {
    // Its tenant through its person (the person key below): no key of its own to tenants.
    tenantId: uuid().notNull(),
    /** Increasing: of two answers given in the same instant, the later one has the larger id. */
    id: bigint({ mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    personId: uuid().notNull(),
    componentId: text().notNull(),
    level: text(),
    /** The criteria (descriptor IDs) the person ticked as "I can…"; null for a level-only answer. */
    criteria: text().array(),
    note: text(),
    assessedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'self_assessments_pkey', columns: [t.tenantId, t.id] }),
    sameTenant('self_assessments_person_fk', { tenantId: t.tenantId, column: t.personId }, people),
    index('self_assessments_person_idx').on(t.tenantId, t.personId, t.componentId, t.assessedAt),
  ],
)

/** The level a person aims at for a component, set by themselves (the school's are settings). */
export const personTargets = pgTable(
  'person_targets',
  {
    // Its tenant through its person (the person key below): no key of its own to tenants.
    tenantId: uuid().notNull(),
    personId: uuid().notNull(),
    componentId: text().notNull(),
    level: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'person_targets_pkey', columns: [t.tenantId, t.personId, t.componentId] }),
    sameTenant('person_targets_person_fk', { tenantId: t.tenantId, column: t.personId }, people),
  ],
)

/**
 * A trainer's verdict over inference, kept as history: on a criterion (confirm or reject a
 * descriptor) or on a component (set a level, or none). The newest row of a person and target
 * stands; `clear` withdraws the verdict.
 */
export const overrides = pgTable(
  'overrides',
  {
    // Its tenant through its person (the person key below): no key of its own to tenants.
    tenantId: uuid().notNull(),
    id: bigint({ mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    personId: uuid().notNull(),
    /** A criterion ID (a descriptor, or a level without descriptors) or a component ID. */
    targetId: text().notNull(),
    action: text().notNull(),
    /** For set-level: the level (null: no level). */
    level: text(),
    reason: text().notNull(),
    /** Who decided, as the audit log names actors (person:<id>, admin:<name>). */
    actor: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'overrides_pkey', columns: [t.tenantId, t.id] }),
    sameTenant(
      'overrides_person_fk',
      { tenantId: t.tenantId, column: t.personId },
      people,
    ).onDelete('cascade'),
    check(
      'overrides_action_check',
      sql`${t.action} in ('confirm', 'reject', 'set-level', 'clear')`,
    ),
    index('overrides_person_idx').on(t.tenantId, t.personId, t.targetId, t.id),
  ],
)

/** People whose evidence and levels must be worked out again (new statements, changed tags). */
export const inferenceQueue = pgTable(
  'inference_queue',
  {
    // Its tenant through its person (the person key below): no key of its own to tenants.
    tenantId: uuid().notNull(),
    personId: uuid().notNull(),
    queuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Failed evaluations of this person in a row; the person is set aside after each. */
    attempts: integer().notNull().default(0),
    /** Set aside until then after a failure (backoff); null: due now. */
    retryAt: timestamp({ withTimezone: true }),
    lastError: text(),
  },
  (t) => [
    primaryKey({ name: 'inference_queue_pkey', columns: [t.tenantId, t.personId] }),
    sameTenant(
      'inference_queue_person_fk',
      { tenantId: t.tenantId, column: t.personId },
      people,
    ).onDelete('cascade'),
    index('inference_queue_due_idx').on(t.queuedAt),
    index('inference_queue_set_aside_idx')
      .on(t.retryAt)
      .where(sql`${t.retryAt} is not null`),
  ],
)
