import { attachStatements } from '../evaluation/attach-statements.ts'
import type { Stores } from '../store/index.ts'
import type { RosterRow } from './roster-csv.ts'

/**
 * Keeps a roster's people in one transaction: each known by their email (as xAPI statements name
 * them), with name, unit and tables; people already known are updated. Statements kept for
 * them before are attached. Returns how many people were new.
 */
export async function importRoster(
  stores: Stores,
  tenantId: string,
  rows: readonly RosterRow[],
): Promise<{ added: number; updated: number }> {
  return stores.transaction(async (tx) => {
    let added = 0
    for (const row of rows) {
      const identity = { kind: 'mbox' as const, mbox: `mailto:${row.email}` }
      const known = await tx.people.findPersonByIdentity(tenantId, identity)
      const person = await tx.people.upsertPersonByIdentity(tenantId, identity, {
        email: row.email,
        ...(row.name !== undefined && { name: row.name }),
      })
      if (!known) {
        added++
        await attachStatements(tx, tenantId, person.id)
      }
      if (row.unit !== undefined) await tx.people.setUnit(tenantId, person.id, row.unit)
      if (row.audiences !== undefined)
        await tx.people.setAudiences(tenantId, person.id, row.audiences)
    }
    return { added, updated: rows.length - added }
  })
}
