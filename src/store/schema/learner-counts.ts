import { date, integer, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core'
import { tenants } from './tenants.ts'

/**
 * The learners' tables as the counts below need them (`syncLearnerShape` writes them from the
 * framework catalog at each migrate): each component of a learners' table with its domain.
 */
export const learnerComponents = pgTable(
  'learner_components',
  {
    /** The learners' table, e.g. TT02.NH. */
    audience: text().notNull(),
    componentId: text().notNull(),
    domainId: text().notNull(),
  },
  (t) => [primaryKey({ name: 'learner_components_pkey', columns: [t.audience, t.componentId] })],
)

/** The learners' levels and their ranks (the domain rule takes the lowest). */
export const learnerLevelRanks = pgTable('learner_level_ranks', {
  level: text().primaryKey(),
  rank: integer().notNull(),
})

/**
 * The learners' report counts kept as the changes that make them, in the transaction of each
 * change (triggers on people, level_history and evidence; see the migration that made this
 * table): per school, table, grade, item (a component or a domain) and level, how many pupils
 * started or stopped holding it in a school year, and how many did tagged activities of it in a
 * school year. The rows of a pupil are worked out from their row, level history and evidence by
 * `nls_learner_levels` and `nls_learner_exposure`, the same whenever anything about them changes.
 */
export const learnerCounts = pgTable(
  'learner_counts',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    /** The table the pupils are assessed against; '' the school's default table. */
    audience: text().notNull(),
    /** The pupil's grade (their own, else their class's); 0 none. */
    grade: smallint().notNull(),
    /** A component or domain ID; '' the pupils themselves. */
    item: text().notNull(),
    /**
     * A level code (pupils who started, less those who stopped, holding the item at it), '' with
     * item '' (pupils), or '*': pupils with evidence of the item observed in that school year.
     */
    level: text().notNull(),
    /** The first day (in Vietnam) of the school year. */
    year: date().notNull(),
    n: integer().notNull(),
  },
  (t) => [
    primaryKey({
      name: 'learner_counts_pkey',
      columns: [t.tenantId, t.audience, t.grade, t.item, t.level, t.year],
    }),
  ],
)
