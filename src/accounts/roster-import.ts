import { attachStatements } from '../evaluation/attach-statements.ts'
import type { Identity, Stores } from '../store/index.ts'
import type { RosterProblem, RosterRow } from './roster-csv.ts'

/**
 * Keeps a roster's people in one transaction: each known by their email (as xAPI statements name
 * them) and by their LMS account when the row names one, with name, unit and tables; people
 * already known are updated. Statements kept for them before are attached (and they are queued
 * for inference). Returns how many people were new, and the rows whose account is already
 * another person's (the rest of such a row is kept).
 */
export async function importRoster(
  stores: Stores,
  tenantId: string,
  rows: readonly RosterRow[],
): Promise<{ added: number; updated: number; problems: RosterProblem[] }> {
  return stores.transaction(async (tx) => {
    const accountOf = (row: RosterRow): Identity | undefined =>
      row.account && { kind: 'account', ...row.account }
    const accounts = rows.flatMap((row) => accountOf(row) ?? [])
    const owners = new Map(
      (await tx.people.findPersonIds(tenantId, accounts)).map((owner, i) => [accounts[i]!, owner]),
    )
    let added = 0
    const problems: RosterProblem[] = []
    for (const row of rows) {
      const identity = { kind: 'mbox' as const, mbox: `mailto:${row.email}` }
      const known = await tx.people.findPersonByIdentity(tenantId, identity)
      const person = await tx.people.upsertPersonByIdentity(tenantId, identity, {
        email: row.email,
        ...(row.name !== undefined && { name: row.name }),
      })
      if (!known) added++
      const account = accountOf(row)
      const owner = account && owners.get(account)
      if (account && owner === undefined) await tx.people.linkIdentity(tenantId, person.id, account)
      if (account && owner !== undefined && owner !== person.id) {
        problems.push({
          line: row.line,
          row: row.row,
          column: 'tai_khoan',
          message: `the account ${row.account!.name} @ ${row.account!.homePage} is already another person's; not linked`,
        })
      }
      if (!known || (account && owner === undefined))
        await attachStatements(tx, tenantId, person.id)
      if (row.unit !== undefined) await tx.people.setUnit(tenantId, person.id, row.unit)
      if (row.audiences !== undefined)
        await tx.people.setAudiences(tenantId, person.id, row.audiences)
    }
    return { added, updated: rows.length - added, problems }
  })
}
