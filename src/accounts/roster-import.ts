import { attachStatementsOf } from '../evaluation/attach-statements.ts'
import type { Identity, Stores } from '../store/index.ts'
import type { RosterProblem, RosterRow } from './roster-csv.ts'
import { rosterPersonOf, type RosterWritten, writePupils } from './roster-import-pupils.ts'

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
  /**
   * Rows left out (an email or a pupil code twice), and accounts or pupils' emails not linked
   * (another person's).
   */
  readonly problems: RosterProblem[]
}

/**
 * Keeps a roster's people in one transaction: staff known by their email (as xAPI statements name
 * them), pupils by their code (mã học sinh), and each by their LMS account when the row names one,
 * with name, class, unit, tables, position, school level and grade; people already known are
 * updated. Statements kept for them before are
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

/** The rows to write, and a problem for each row whose key (email, pupil code) an earlier has. */
function distinctRows(rows: readonly RosterRow[]): {
  distinct: RosterRow[]
  problems: RosterProblem[]
} {
  const first = new Map<string, RosterRow>()
  const problems: RosterProblem[] = []
  for (const row of rows) {
    const key = row.pupilCode !== undefined ? `ma_hs:${row.pupilCode}` : row.email
    if (key === undefined) throw new TypeError(`roster row ${row.row} has no email nor pupil code`)
    const earlier = first.get(key)
    if (earlier === undefined) first.set(key, row)
    else if (row.pupilCode !== undefined)
      problems.push({
        line: row.line,
        row: row.row,
        column: 'ma_hs',
        code: 'ERR_ROSTER_PUPIL_CODE_TWICE',
        values: { pupilCode: row.pupilCode, row: earlier.row },
        message: `the pupil code ${row.pupilCode} is already on row ${earlier.row}`,
      })
    else
      problems.push({
        line: row.line,
        row: row.row,
        column: 'email',
        code: 'ERR_ROSTER_EMAIL_TWICE',
        values: { email: key, row: earlier.row },
        message: `${key} is already on row ${earlier.row}`,
      })
  }
  return { distinct: [...first.values()], problems }
}

type StaffRow = RosterRow & { readonly email: string; readonly pupilCode?: undefined }
type PupilRow = RosterRow & { readonly pupilCode: string }
const isPupil = (row: RosterRow): row is PupilRow => row.pupilCode !== undefined

/** One batch of distinct rows: people, their accounts, their waiting statements. */
async function importBatch(
  tx: Stores,
  tenantId: string,
  batch: readonly RosterRow[],
): Promise<{ added: number; problems: RosterProblem[] }> {
  const staff = await writeStaff(
    tx,
    tenantId,
    batch.filter((r): r is StaffRow => !isPupil(r)),
  )
  const pupils = await writePupils(tx, tenantId, batch.filter(isPupil))
  const ids = new Map([...staff.ids, ...pupils.ids])
  const named = [...staff.named, ...pupils.named]
  const problems = [...pupils.problems]

  const withAccount = batch.flatMap((row) => {
    const personId = ids.get(row)
    return row.account && personId ? [{ row, personId, ...row.account }] : []
  })
  const outcomes = await tx.roster.linkAccounts(tenantId, withAccount)
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
  return { added: staff.added + pupils.added, problems }
}

/** Staff rows (emails distinct): each person known by the mbox of their email. */
async function writeStaff(
  tx: Stores,
  tenantId: string,
  batch: readonly StaffRow[],
): Promise<RosterWritten> {
  const personOf = (row: StaffRow) => ({ ...rosterPersonOf(row), email: row.email })
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
  const ids = new Map<RosterRow, string>()
  for (const r of batch) {
    const id = made.get(r.email) ?? known.get(r.email)
    if (id !== undefined) ids.set(r, id)
  }
  const named: { personId: string; identity: Identity }[] = [...made].map(([email, id]) => ({
    personId: id,
    identity: { kind: 'mbox', mbox: `mailto:${email}` },
  }))
  return { ids, added: made.size, named, problems: [] }
}
