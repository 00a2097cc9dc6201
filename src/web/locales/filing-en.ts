import type { filingVi } from './filing-vi.ts'
import type { Messages } from './en.ts'

/** Page texts in English: Filed reports (snapshots) and their downloads. */
export const filingEn: Messages<typeof filingVi> = {
  filing: {},
}
