const NEEDS_ESCAPE = /["\\]/
const ESCAPED = /["\\]/g
/**
 * In JSON text, an escape other than \" and \\ (a control character or a lone surrogate): a
 * backslash that a run of escaped backslashes leaves over, before another character.
 */
const OTHER_JSON_ESCAPE = /(?<!\\)(?:\\\\)*\\[^"\\]/

/**
 * A PostgreSQL array literal of texts (each quoted; null as NULL), to bind as one `text[]`
 * parameter (or cast to another type's array).
 */
export function pgTextArray(values: readonly (string | null)[]): string {
  // Built for hundreds of thousands of values at once (a recompute's levels). JSON quotes a text
  // as an array literal does (", and \ escaped by a backslash) and writes null as null, which
  // PostgreSQL reads as NULL: the JSON of the list is the literal, natively made, unless it
  // escaped something else (a control character), which a literal writes as it is.
  const json = JSON.stringify(values)
  if (!OTHER_JSON_ESCAPE.test(json)) return `{${json.slice(1, -1)}}`
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
