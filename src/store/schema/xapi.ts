import { sql } from 'drizzle-orm'
import {
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { bytewiseText, createdAt } from './columns.ts'
import { tenants } from './tenants.ts'

/** Who may use the xAPI endpoint (HTTP Basic key and secret), each for one tenant. */
export const xapiClients = pgTable(
  'xapi_clients',
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    name: text().notNull(),
    /** The Basic user name; not secret. */
    key: text().notNull().unique('xapi_clients_key_key'),
    /** SHA-256 of the secret (256 random bits, so a plain digest is enough). */
    secretHash: text().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('xapi_clients_active_name_idx')
      .on(t.tenantId, t.name)
      .where(sql`${t.revokedAt} is null`),
    index('xapi_clients_tenant_idx').on(t.tenantId),
  ],
)

/**
 * A tenant's upstream LRS: NLS pulls its statements, resuming from `cursor` (the `stored` of the
 * last statement kept), and, with `forward`, sends it (through the outbox) those NLS receives.
 */
export const lrsSources = pgTable('lrs_sources', {
  tenantId: uuid()
    .primaryKey()
    .references(() => tenants.id),
  /** The LRS's xAPI base URL, ending in a slash, e.g. https://lrs.example/xAPI/. */
  endpoint: text().notNull(),
  username: text().notNull(),
  /** Needed in clear to call the LRS (HTTP Basic); never printed or logged. */
  password: text().notNull(),
  pull: boolean().notNull().default(true),
  forward: boolean().notNull().default(false),
  cursor: timestamp({ withTimezone: true }),
  lastPulledAt: timestamp({ withTimezone: true }),
  lastError: text(),
  failures: integer().notNull().default(0),
  nextPullAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  createdAt: createdAt(),
})

// node-postgres reads bytea as a Buffer, PGlite as a Uint8Array: a Buffer either way.
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
})

/**
 * xAPI documents (Communication §2.2): a State (activity, agent, registration, stateId), an
 * Activity Profile (activity, profileId) or an Agent Profile (agent, profileId), as the client sent
 * it: bytes and content type. A part a resource does not have is ''.
 */
export const xapiDocuments = pgTable(
  'xapi_documents',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    /** state, activity_profile or agent_profile. */
    resource: bytewiseText().notNull(),
    activityId: bytewiseText().notNull().default(''),
    /** The agent's inverse functional identifier (actorKey), e.g. mbox:mailto:a@b.vn. */
    agentKey: bytewiseText().notNull().default(''),
    /** A State's registration (a lower-case UUID). */
    registration: bytewiseText().notNull().default(''),
    /** The stateId or profileId. */
    documentId: bytewiseText().notNull(),
    contents: bytea().notNull(),
    contentType: text().notNull(),
    /** SHA-1 of the contents in lower-case hex (Communication §3.1: the ETag). */
    sha1: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({
      name: 'xapi_documents_pkey',
      columns: [t.tenantId, t.resource, t.activityId, t.agentKey, t.registration, t.documentId],
    }),
  ],
)

/**
 * Attachments' data that came in multipart/mixed requests (Communication §1.5.2), by the SHA-2
 * of their bytes: the statements that name them (by sha2) share one copy.
 */
export const xapiAttachments = pgTable(
  'xapi_attachments',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    /** Lower-case hex, as the parts and Attachment Objects name it. */
    sha2: text().notNull(),
    contentType: text().notNull(),
    contents: bytea().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'xapi_attachments_pkey', columns: [t.tenantId, t.sha2] })],
)
