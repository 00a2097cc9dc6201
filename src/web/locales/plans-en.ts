import type { plansVi } from './plans-vi.ts'
import type { Messages } from './en.ts'

/** Page texts in English: Plans of organisations (import, list). */
export const plansEn: Messages<typeof plansVi> = {
  plans: {},
}
