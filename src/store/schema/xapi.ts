import { sql } from 'drizzle-orm'
import {
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt } from './columns.ts'
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
