import { sql } from 'drizzle-orm'
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { people } from './people.ts'
import { createdAt, sameTenant } from './columns.ts'
import { tenants } from './tenants.ts'

/**
 * Messages to deliver outside (statements to an LRS, scores to an LMS), written in the same
 * transaction as the change they report; a worker delivers them with retries.
 */
export const outbox = pgTable(
  'outbox',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    id: bigint({ mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    personId: uuid(),
    kind: text().notNull(),
    /** Same key, same message: enqueueing it twice keeps one. */
    dedupeKey: text().notNull(),
    payload: jsonb().notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    createdAt: createdAt(),
    deliveredAt: timestamp({ withTimezone: true }),
    /** Set when delivery was given up (a permanent refusal, or too many attempts); kept to retry. */
    failedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'outbox_pkey', columns: [t.tenantId, t.id] }),
    sameTenant('outbox_person_fk', { tenantId: t.tenantId, column: t.personId }, people),
    check('outbox_kind_check', sql`${t.kind} in ('xapi-statement', 'lti-score')`),
    uniqueIndex('outbox_dedupe_idx').on(t.tenantId, t.kind, t.dedupeKey),
    // `nls outbox retry` names messages by id alone (the delivery worker by the primary key).
    index('outbox_id_idx').on(t.id),
    index('outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.deliveredAt} is null and ${t.failedAt} is null`),
  ],
)

/** Who changed what, when. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Null for actions on the installation itself (admin tokens). */
    tenantId: uuid().references(() => tenants.id),
    /** e.g. cli, admin-token:<name>, person:<uuid>. */
    actor: text().notNull(),
    action: text().notNull(),
    subject: text().notNull(),
    details: jsonb().notNull().default({}),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_tenant_idx').on(t.tenantId, t.at), index('audit_log_at_idx').on(t.at)],
)

/** Bearer tokens for the admin API; only a SHA-256 of each token is kept. */
export const adminTokens = pgTable(
  'admin_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    tokenHash: text().notNull().unique('admin_tokens_hash_key'),
    createdAt: createdAt(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('admin_tokens_active_name_idx')
      .on(t.name)
      .where(sql`${t.revokedAt} is null`),
  ],
)

/**
 * Failed attempts per key (a normalised user name, an address and what it tried), shared by
 * every process of the installation: a key with too many failures in its window is paused.
 */
export const throttles = pgTable(
  'throttles',
  {
    key: text().primaryKey(),
    failures: integer().notNull().default(0),
    windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    pausedUntil: timestamp({ withTimezone: true }),
  },
  (t) => [index('throttles_window_idx').on(t.windowStartedAt)],
)
