import type { programmesVi } from './programmes-vi.ts'
import type { Messages } from './en.ts'

/** Page texts in English: Programme effect (courses, tag sets). */
export const programmesEn: Messages<typeof programmesVi> = {
  programmes: {},
}
