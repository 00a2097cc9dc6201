import { attachStatementsOf } from '../evaluation/attach-statements.ts'
import type { Identity, RosterPerson, Stores } from '../store/index.ts'
import type { RosterProblem, RosterRow } from './roster-csv.ts'

/** Rows written per round trip set: a few statements each, whatever the roster's size. */
export const ROSTER_BATCH = 5_000

export interface RosterImportOptions {
  /** Called after each batch with the rows written so far and the rows to write. */
  readonly onProgress?: (done: number, total: number) => void
  /** Rows per batch (ROSTER_BATCH when absent). */
  readonly batchSize?: number
}

export interface RosterImported {
  /** People the tenant did not know before. */
  readonly added: number
  /**
   * Rows of people the tenant knew: their name, unit, tables, position, school level and grade
   * as the roster has them.
   */
  readonly updated: number
  /** Rows left out (an email twice), and accounts not linked (another person's). */
  readonly problems: RosterProblem[]
}

/**
 * Keeps a roster's people in one transaction: each known by their email (as xAPI statements name
 * them) and by their LMS account when the row names one, with name, unit, tables, position,
 * school level and grade; people already known are updated. Statements kept for them before are
 * attached (and they are queued for inference). Returns how many people were new, and the rows
 * whose account is already another person's (the rest of such a row is kept). Written in
 * batches, never a row at a time.
 */
export async function importRoster(
  stores: Stores,
  tenantId: string,
  rows: readonly RosterRow[],
  options: RosterImportOptions = {},
): Promise<RosterImported> {
  const size = options.batchSize ?? ROSTER_BATCH
  if (!Number.isInteger(size) || size < 1) throw new TypeError('batchSize must be 1 or more')
  const { distinct, problems } = distinctRows(rows)
  return stores.transaction(async (tx) => {
    let added = 0
    options.onProgress?.(0, distinct.length)
    for (let start = 0; start < distinct.length; start += size) {
      const batch = distinct.slice(start, start + size)
      const done = await importBatch(tx, tenantId, batch)
      added += done.added
      problems.push(...done.problems)
      options.onProgress?.(start + batch.length, distinct.length)
    }
    return { added, updated: distinct.length - added, problems }
  })
}

/** The rows to write, and a problem for each row whose email an earlier row has. */
function distinctRows(rows: readonly RosterRow[]): {
  distinct: RosterRow[]
  problems: RosterProblem[]
} {
  const first = new Map<string, RosterRow>()
  const problems: RosterProblem[] = []
  for (const row of rows) {
    const earlier = first.get(row.email)
    if (earlier) {
      problems.push({
        line: row.line,
        row: row.row,
        column: 'email',
        code: 'ERR_ROSTER_EMAIL_TWICE',
        values: { email: row.email, row: earlier.row },
        message: `${row.email} is already on row ${earlier.row}`,
      })
    } else first.set(row.email, row)
  }
  return { distinct: [...first.values()], problems }
}

const personOf = (row: RosterRow): RosterPerson => ({
  email: row.email,
  ...(row.name !== undefined && { name: row.name }),
  ...(row.unit !== undefined && { unit: row.unit }),
  ...(row.audiences !== undefined && { audiences: row.audiences }),
  ...(row.position !== undefined && { position: row.position }),
  ...(row.schoolLevel !== undefined && { schoolLevel: row.schoolLevel }),
  ...(row.grade !== undefined && { grade: row.grade }),
})

/** One batch of rows with distinct emails: people, their accounts, their waiting statements. */
async function importBatch(
  tx: Stores,
  tenantId: string,
  batch: readonly RosterRow[],
): Promise<{ added: number; problems: RosterProblem[] }> {
  const known = await tx.roster.findPeopleByEmails(
    tenantId,
    batch.map((r) => r.email),
  )
  const fresh = batch.filter((r) => !known.has(r.email))
  const made = await tx.roster.createPeople(tenantId, fresh.map(personOf))
  // An email linked by a concurrent writer meanwhile names their person, who is updated instead.
  const lost = fresh.filter((r) => !made.has(r.email)).map((r) => r.email)
  if (lost.length > 0)
    for (const [email, id] of await tx.roster.findPeopleByEmails(tenantId, lost))
      known.set(email, id)
  await tx.roster.updatePeople(
    tenantId,
    batch.flatMap((r) => {
      const personId = known.get(r.email)
      return personId === undefined ? [] : [{ ...personOf(r), personId }]
    }),
  )

  const withAccount = batch.flatMap((row) => {
    const personId = made.get(row.email) ?? known.get(row.email)
    return row.account && personId ? [{ row, personId, ...row.account }] : []
  })
  const outcomes = await tx.roster.linkAccounts(tenantId, withAccount)
  const problems: RosterProblem[] = []
  const named: { personId: string; identity: Identity }[] = [...made].map(([email, id]) => ({
    personId: id,
    identity: { kind: 'mbox', mbox: `mailto:${email}` },
  }))
  outcomes.forEach((outcome, i) => {
    const { row, personId, homePage, name } = withAccount[i]!
    if (outcome.kind === 'linked')
      named.push({ personId, identity: { kind: 'account', homePage, name } })
    if (outcome.kind === 'other')
      problems.push({
        line: row.line,
        row: row.row,
        column: 'tai_khoan',
        code: 'ERR_ROSTER_ACCOUNT_TAKEN',
        values: { account: `${name} @ ${homePage}` },
        message: `the account ${name} @ ${homePage} is already another person's; not linked`,
      })
  })
  await attachStatementsOf(tx, tenantId, named)
  return { added: made.size, problems }
}
