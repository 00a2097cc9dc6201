import type { targetsVi } from './targets-vi.ts'
import type { Messages } from './en.ts'

/** Page texts in English: Targets of plans: met or not, per node. */
export const targetsEn: Messages<typeof targetsVi> = {
  targets: {},
}
