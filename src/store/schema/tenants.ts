import { sql } from 'drizzle-orm'
import { type AnyPgColumn, check, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt } from './columns.ts'

/** Whose data this is: an LMS platform registration or an organisation (a district, a school). */
export const tenants = pgTable(
  'tenants',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(),
    name: text().notNull(),
    /** A school's district, a platform's organisation. */
    parentId: uuid().references((): AnyPgColumn => tenants.id),
    /** The tenant's choices (inference share, identity rule…), checked by the application. */
    settings: jsonb().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    check('tenants_kind_check', sql`${t.kind} in ('platform', 'organisation')`),
    index('tenants_parent_idx').on(t.parentId),
  ],
)
