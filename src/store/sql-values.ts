/** A PostgreSQL array literal of texts (each quoted), to bind as one `text[]` parameter. */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`
}

/** `value` matched literally by LIKE (its %, _ and \ escaped). */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/**
 * LIKE patterns for activity IRIs: each IRI with any `#fragment` after it, and anything under
 * each prefix. (The IRIs themselves are compared with `=`.)
 */
export function activityPatterns(iris: readonly string[], prefixes: readonly string[]): string[] {
  return [
    ...iris.map((iri) => `${likeEscape(iri)}#%`),
    ...prefixes.map((prefix) => `${likeEscape(prefix)}%`),
  ]
}
