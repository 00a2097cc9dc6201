import { sql } from 'drizzle-orm'
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
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
