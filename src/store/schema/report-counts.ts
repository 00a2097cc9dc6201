import { date, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { tenants } from './tenants.ts'

/**
 * Report counts kept as the changes that make them, in the transaction of each change (triggers
 * on people and level_history; see the migration that made this table): per school, table, unit,
 * component and level, how many staff started or stopped holding it in a semester. A report at a
 * semester's end sums the rows of the semesters before it, reading O(schools × components) rows
 * and never people. The rows of a person are worked out from their row and level history by one
 * SQL function, `nls_report_contribution`, the same whenever anything about them changes.
 */
export const reportCounts = pgTable(
  'report_counts',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    /** The table the staff are assessed against; '' the school's default table. */
    audience: text().notNull(),
    /** The roster unit; '' none. */
    unit: text().notNull(),
    /**
     * A component (with `level` a level code), '' the staff themselves (level ''), or
     * '#<table>' the number of that table's components held (`level` the number, as text).
     */
    componentId: text().notNull(),
    level: text().notNull(),
    /** The first day (in Vietnam) of the semester the changes fell in. */
    semester: date().notNull(),
    /** Staff who started holding it, less those who stopped. */
    n: integer().notNull(),
  },
  (t) => [
    primaryKey({
      name: 'report_counts_pkey',
      columns: [t.tenantId, t.audience, t.unit, t.componentId, t.level, t.semester],
    }),
  ],
)
