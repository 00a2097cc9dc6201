const NEEDS_ESCAPE = /["\\]/
const ESCAPED = /["\\]/g

/**
 * A PostgreSQL array literal of texts (each quoted; null as NULL), to bind as one `text[]`
 * parameter (or cast to another type's array).
 */
export function pgTextArray(values: readonly (string | null)[]): string {
  // Built for hundreds of thousands of values at once (a recompute's levels): one string joined
  // from parts, quotes and backslashes escaped by a replacement pattern (no call per match).
  const parts: string[] = []
  for (const v of values) {
    parts.push(v === null ? 'NULL' : `"${NEEDS_ESCAPE.test(v) ? v.replace(ESCAPED, '\\$&') : v}"`)
  }
  return `{${parts.join(',')}}`
}

/** `value` matched literally by LIKE (its %, _ and \ escaped). */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** LIKE patterns for anything under each prefix. */
export function prefixPatterns(prefixes: readonly string[]): string[] {
  return prefixes.map((prefix) => `${likeEscape(prefix)}%`)
}
