import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Frameworks imported into this installation (a district loading the official text of a
 * circular): one per framework ID, replacing the shipped framework of that ID or adding one.
 */
export const frameworks = pgTable('frameworks', {
  /** The framework ID, e.g. TT02. */
  id: text().primaryKey(),
  version: text().notNull(),
  /** The framework in canonical JSON (framework/schema.ts). */
  document: jsonb().notNull(),
  importedBy: text().notNull(),
  importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
})
