import { sql } from 'drizzle-orm'
import {
  check,
  index,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, sameTenant } from './columns.ts'
import { tenants } from './tenants.ts'

/** A person as NLS knows them; names and email are optional (an LMS may not share them). */
export const people = pgTable(
  'people',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    id: uuid().primaryKey().defaultRandom(),
    name: text(),
    givenName: text(),
    familyName: text(),
    email: text(),
    /**
     * The competency tables (audience IDs such as TT18.PT, or TT18.PT and TT18.QL for a manager)
     * the person is assessed against; null: the tenant's default table.
     */
    audiences: text().array(),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // (tenant_id, id) is what other tables reference, so no row can point into another tenant.
  (t) => [unique('people_tenant_key').on(t.tenantId, t.id)],
)

/**
 * The keys a person is known by: an LTI identity (issuer + client_id + sub) or an xAPI inverse
 * functional identifier (mbox, mbox_sha1sum, openid, account homePage + name). Columns that a kind
 * does not use hold '' so that one unique index covers every kind.
 */
export const identities = pgTable(
  'identities',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    personId: uuid().notNull(),
    kind: text().notNull(),
    /** LTI `iss`, or xAPI account `homePage`. */
    issuer: text().notNull().default(''),
    /** LTI `client_id` (the audience); '' for xAPI identifiers. */
    clientId: text().notNull().default(''),
    /** LTI `sub`, account `name`, the mailto: IRI, the SHA-1 hex or the OpenID URI. */
    value: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'identities_kind_check',
      sql`${t.kind} in ('lti', 'mbox', 'mbox_sha1sum', 'openid', 'account')`,
    ),
    sameTenant(
      'identities_person_fk',
      { tenantId: t.tenantId, column: t.personId },
      people,
    ).onDelete('cascade'),
    uniqueIndex('identities_key_idx').on(t.tenantId, t.kind, t.issuer, t.clientId, t.value),
    index('identities_person_idx').on(t.tenantId, t.personId),
  ],
)
