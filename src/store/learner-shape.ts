// The learners' tables as the database's learner counts need them (learner_components,
// learner_level_ranks), written from the framework catalog, the one source of which components a
// learners' table has, their domains and the levels' ranks. When what is written changes, every
// school's counts are worked out again (nls_learner_rebuild), in the same transaction.
import { sql } from 'drizzle-orm'
import { shippedCatalog } from '../../framework/index.ts'
import { learnerRuleInputs } from '../learners/learner-figures.ts'
import { LEARNERS_TABLE } from '../learners/learners-table.ts'
import type { Db } from './database.ts'
import { queryRows } from './query-rows.ts'

/** The rows of the learners' tables, from the shipped catalog. */
export function learnerShape() {
  const entry = shippedCatalog().getOf(LEARNERS_TABLE, 'audience')
  const { components, ranks } = learnerRuleInputs(entry.framework, entry.audience, [])
  const sizes = new Map<string, number>()
  for (const c of components) sizes.set(c.domainId, (sizes.get(c.domainId) ?? 0) + 1)
  // The domain rule's running sum keeps a count per rank in a hex digit (nls_learner_levels).
  if (ranks.some((r) => r.rank > 15) || [...sizes.values()].some((n) => n > 15)) {
    throw new Error(`${LEARNERS_TABLE}: over 15 ranks or over 15 components in a domain`)
  }
  return {
    components: components.map((c) => ({
      audience: entry.id,
      componentId: c.id,
      domainId: c.domainId,
    })),
    ranks: ranks.map((r) => ({ level: r.code, rank: r.rank })),
  }
}

/**
 * Writes the learners' tables when they differ from the catalog's, and then works every count out
 * again. Returns whether they changed. Runs after each migrate, under its lock.
 */
export async function syncLearnerShape(db: Db): Promise<boolean> {
  const want = learnerShape()
  const components = await queryRows<{ audience: string; component_id: string; domain_id: string }>(
    db,
    sql`select audience, component_id, domain_id from learner_components`,
  )
  const ranks = await queryRows<{ level: string; rank: number }>(
    db,
    sql`select level, rank from learner_level_ranks`,
  )
  const same = (a: readonly unknown[][], b: readonly unknown[][]) =>
    JSON.stringify(a.map((r) => JSON.stringify(r)).sort()) ===
    JSON.stringify(b.map((r) => JSON.stringify(r)).sort())
  if (
    same(
      components.map((c) => [c.audience, c.component_id, c.domain_id]),
      want.components.map((c) => [c.audience, c.componentId, c.domainId]),
    ) &&
    same(
      ranks.map((r) => [r.level, r.rank]),
      want.ranks.map((r) => [r.level, r.rank]),
    )
  ) {
    return false
  }
  await db.transaction(async (tx) => {
    await tx.execute(sql`delete from learner_components`)
    await tx.execute(sql`delete from learner_level_ranks`)
    await tx.execute(sql`insert into learner_components (audience, component_id, domain_id)
      select * from jsonb_to_recordset(${JSON.stringify(want.components)}::jsonb)
        as r(audience text, "componentId" text, "domainId" text)`)
    await tx.execute(sql`insert into learner_level_ranks (level, rank)
      select * from jsonb_to_recordset(${JSON.stringify(want.ranks)}::jsonb)
        as r(level text, rank int)`)
    await tx.execute(sql`select nls_learner_rebuild()`)
  })
  return true
}
