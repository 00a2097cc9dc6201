import {
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt } from './columns.ts'
import { tenants } from './tenants.ts'

/**
 * A plan an organisation (a district, the Sở, the city) imported: its targets and reporting
 * calendar, as src/plans/plan.ts checks them. Importing a plan of the same code replaces it.
 */
export const plans = pgTable(
  'plans',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    id: uuid().notNull().defaultRandom(),
    /** The plan's number, e.g. 484/KH-UBND. */
    code: text().notNull(),
    name: text().notNull(),
    /** The plan as checked (src/plans/plan.ts, Plan). */
    document: jsonb().notNull(),
    /** Who imported it (an audit actor, e.g. person:<id>). */
    importedBy: text().notNull(),
    importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'plans_pkey', columns: [t.tenantId, t.id] }),
    unique('plans_tenant_code_key').on(t.tenantId, t.code),
  ],
)

/**
 * A report an organisation filed for a reporting period: its figures frozen when filed, and the
 * files as they were downloaded then, so a later download is the same bytes.
 */
export const filedReports = pgTable(
  'filed_reports',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    id: uuid().notNull().defaultRandom(),
    /** The plan the report answers (its code), when it answers one. */
    planCode: text(),
    /** The reporting period, e.g. 2026-2027-HK1, 2026 (a year), 2026-2027 (a school year). */
    period: text().notNull(),
    /** Who filed it (an audit actor) and their name as shown then. */
    filedBy: text().notNull(),
    filedByName: text(),
    filedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The inference rule of the schools added up (each school's required share), and whether they differ. */
    rule: jsonb().notNull(),
    /** The figures as filed (src/reports/filed-report.ts, FiledSnapshot). */
    snapshot: jsonb().notNull(),
    csv: text().notNull(),
    /** The XLSX workbook, base64. */
    xlsx: text().notNull(),
  },
  (t) => [
    primaryKey({ name: 'filed_reports_pkey', columns: [t.tenantId, t.id] }),
    index('filed_reports_period_idx').on(t.tenantId, t.period, t.filedAt),
  ],
)
