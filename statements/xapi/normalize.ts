// Helpers shared by actorKey and statementsEqual (not part of the public API).

/**
 * An mbox with its domain in lower case: "The domain portions of email addresses are case
 * insensitive" (xAPI Data 2.4.2.3.s4.b1); the local part may be case-sensitive and is kept.
 */
export function normalizeMbox(mbox: string): string {
  const at = mbox.lastIndexOf('@')
  return at < 0 ? mbox : mbox.slice(0, at + 1) + mbox.slice(at + 1).toLowerCase()
}

/** JSON with object keys sorted and undefined properties left out: equal values, equal strings. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const record = value as Record<string, unknown>
  const parts: string[] = []
  for (const key of Object.keys(record).sort()) {
    if (record[key] === undefined) continue
    parts.push(`${JSON.stringify(key)}:${canonicalJson(record[key])}`)
  }
  return `{${parts.join(',')}}`
}
