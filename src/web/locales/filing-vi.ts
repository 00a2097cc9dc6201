/** Page texts in Vietnamese: Filed reports (snapshots) and their downloads. */
export const filingVi = {
  filing: {},
}
