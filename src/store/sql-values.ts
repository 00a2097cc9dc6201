/**
 * A PostgreSQL array literal of texts (each quoted; null as NULL), to bind as one `text[]`
 * parameter (or cast to another type's array).
 */
export function pgTextArray(values: readonly (string | null)[]): string {
  const element = (v: string | null) =>
    v === null ? 'NULL' : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`
  return `{${values.map(element).join(',')}}`
}

/** `value` matched literally by LIKE (its %, _ and \ escaped). */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** LIKE patterns for anything under each prefix. */
export function prefixPatterns(prefixes: readonly string[]): string[] {
  return prefixes.map((prefix) => `${likeEscape(prefix)}%`)
}
