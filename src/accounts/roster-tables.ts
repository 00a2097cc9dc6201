import type { AudienceEntry, Catalog } from '../../framework/index.ts'

/** What a roster's `bang` cell names: its tables, or the first code no framework in force has. */
export type RosterTables =
  { readonly audiences: string[] } | { readonly unknown: string; readonly codes: string }

/**
 * The tables a `bang` cell names, across every framework in force: short codes (MN, PT, QL → TT18;
 * NH → TT02), full IDs (TT18.PT), or several joined by + or a comma (PT+QL). A short code two
 * frameworks share names the table of the tenant's own framework (`frameworkId`).
 */
export function readTables(catalog: Catalog, cell: string, frameworkId: string): RosterTables {
  const audiences: string[] = []
  for (const part of cell.split(/\s*[+,]\s*/)) {
    const code = part.trim().toUpperCase()
    const found = code.includes('.')
      ? catalog.find(code)?.kind === 'audience'
        ? code
        : undefined
      : tableOfCode(catalog.audiences(), code, frameworkId)
    if (found === undefined) return { unknown: code, codes: tableCodes(catalog) }
    audiences.push(found)
  }
  return { audiences }
}

function tableOfCode(
  entries: readonly AudienceEntry[],
  code: string,
  frameworkId: string,
): string | undefined {
  const matching = entries.filter((e) => e.audience.id === code)
  return (matching.find((e) => e.framework.id === frameworkId) ?? matching[0])?.id
}

/** The short codes a `bang` cell may hold, and the combinations of a table built on another. */
export function tableCodes(catalog: Catalog): string {
  const entries = catalog.audiences()
  const alone = entries.map((e) => e.audience.id)
  const combined = entries.flatMap((e) => e.audience.buildsOn.map((b) => `${b}+${e.audience.id}`))
  return [...new Set([...alone, ...combined])].join(', ')
}
