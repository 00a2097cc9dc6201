import { readFileSync } from 'node:fs'
import { Catalog } from './catalog.ts'
import { FrameworkInvalid } from './errors.ts'
import { Framework } from './schema.ts'

/** The framework data files shipped with the product, one per framework version. */
export const FRAMEWORK_FILES = ['tt18-2026.json', 'tt02-2025.json'] as const

/** Reads and validates the shipped frameworks. */
export function loadFrameworks(): Framework[] {
  return FRAMEWORK_FILES.map((file) => {
    const raw: unknown = JSON.parse(
      readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8'),
    )
    const parsed = Framework.safeParse(raw)
    if (!parsed.success) {
      throw new FrameworkInvalid(
        parsed.error.issues.map((i) => ({ path: i.path.map(keyOf), message: i.message })),
        `framework/data/${file}`,
      )
    }
    return parsed.data
  })
}

const keyOf = (k: PropertyKey): string | number => (typeof k === 'symbol' ? String(k) : k)

let shipped: Catalog | undefined
/** The catalog of the shipped frameworks, built once per process. */
export function shippedCatalog(): Catalog {
  shipped ??= new Catalog(loadFrameworks())
  return shipped
}
