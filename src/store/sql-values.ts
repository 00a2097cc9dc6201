/** A PostgreSQL array literal of texts (each quoted), to bind as one `text[]` parameter. */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`
}

/** `value` matched literally by LIKE (its %, _ and \ escaped). */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** LIKE patterns for anything under each prefix. */
export function prefixPatterns(prefixes: readonly string[]): string[] {
  return prefixes.map((prefix) => `${likeEscape(prefix)}%`)
}
