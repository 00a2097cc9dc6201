import type { Identity, RosterPupil, Stores } from '../store/index.ts'
import type { RosterProblem, RosterRow } from './roster-csv.ts'

/** A batch's people written: each row's person, those new, the identities linked, the refusals. */
export interface RosterWritten {
  readonly ids: ReadonlyMap<RosterRow, string>
  readonly added: number
  readonly named: readonly { readonly personId: string; readonly identity: Identity }[]
  readonly problems: readonly RosterProblem[]
}

/** What the store keeps of a row, its keys aside. */
export const rosterPersonOf = (row: RosterRow): Omit<RosterPupil, 'pupilCode'> => ({
  ...(row.name !== undefined && { name: row.name }),
  ...(row.className !== undefined && { className: row.className }),
  ...(row.unit !== undefined && { unit: row.unit }),
  ...(row.audiences !== undefined && { audiences: row.audiences }),
  ...(row.position !== undefined && { position: row.position }),
  ...(row.schoolLevel !== undefined && { schoolLevel: row.schoolLevel }),
  ...(row.grade !== undefined && { grade: row.grade }),
})

/**
 * Writes pupils' rows (codes distinct): each pupil known by their code (mã học sinh), never by
 * another person's email; a new pupil has no email unless the row gives one, which is linked
 * when no one else has it. Their LMS accounts are linked by the caller, as staff's are.
 */
export async function writePupils(
  tx: Stores,
  tenantId: string,
  rows: readonly (RosterRow & { readonly pupilCode: string })[],
): Promise<RosterWritten> {
  const codes = rows.map((r) => r.pupilCode)
  const known = await tx.roster.findPeopleByPupilCodes(tenantId, codes)
  const fresh = rows.filter((r) => !known.has(r.pupilCode))
  const made = await tx.roster.createPupils(
    tenantId,
    fresh.map((r) => ({ ...rosterPersonOf(r), pupilCode: r.pupilCode })),
  )
  // A code a concurrent writer took meanwhile names their person, who is updated instead.
  const lost = fresh.filter((r) => !made.has(r.pupilCode)).map((r) => r.pupilCode)
  if (lost.length > 0)
    for (const [code, id] of await tx.roster.findPeopleByPupilCodes(tenantId, lost))
      known.set(code, id)
  const ids = new Map<RosterRow, string>()
  for (const r of rows) {
    const id = made.get(r.pupilCode) ?? known.get(r.pupilCode)
    if (id !== undefined) ids.set(r, id)
  }

  const withEmail = rows.flatMap((row) => {
    const personId = ids.get(row)
    return row.email !== undefined && personId ? [{ row, personId, email: row.email }] : []
  })
  const outcomes = await tx.roster.linkEmails(tenantId, withEmail)
  const problems: RosterProblem[] = []
  const named: { personId: string; identity: Identity }[] = []
  const ownEmail = new Set<RosterRow>()
  outcomes.forEach((outcome, i) => {
    const { row, personId, email } = withEmail[i]!
    if (outcome.kind !== 'other') ownEmail.add(row)
    if (outcome.kind === 'linked')
      named.push({ personId, identity: { kind: 'mbox', mbox: `mailto:${email}` } })
    if (outcome.kind === 'other')
      problems.push({
        line: row.line,
        row: row.row,
        column: 'email',
        code: 'ERR_ROSTER_EMAIL_TAKEN',
        values: { email },
        message: `the email ${email} is already another person's; not linked`,
      })
  })
  await tx.roster.updatePeople(
    tenantId,
    rows.flatMap((r) => {
      const personId = ids.get(r)
      if (personId === undefined) return []
      const email = ownEmail.has(r) ? r.email : undefined
      return [{ ...rosterPersonOf(r), pupilCode: r.pupilCode, ...(email && { email }), personId }]
    }),
  )
  return { ids, added: made.size, named, problems }
}
