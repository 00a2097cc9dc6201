/**
 * An email as NLS keeps and looks it up (roster, accounts, an xAPI mbox): trimmed and in lower
 * case, so that "GV.A@Truong.edu.vn " and "gv.a@truong.edu.vn" are one person.
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}
