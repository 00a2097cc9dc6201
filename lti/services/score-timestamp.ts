// AGS 2.0 §3.4.9: a score's timestamp MUST be strictly increasing per (line item, user) and a tool
// MUST NOT send two with the same one. Moodle keeps whole seconds (strtotime) and answers 409 to a
// timestamp that is not in a later second than the last it stored, so two scores in one second
// need the second one moved to the next second.

/**
 * The timestamp for the next score of one (line item, user): `now`, or the second after `last`
 * when `now` is not in a later second. The caller stores what this returns as the new `last`.
 */
export function nextScoreTimestamp(now: Date, last?: string): string {
  if (Number.isNaN(now.getTime())) throw new TypeError('now is not a valid date')
  if (last === undefined) return now.toISOString()
  const lastMs = Date.parse(last)
  if (Number.isNaN(lastMs))
    throw new TypeError(`last score timestamp ${JSON.stringify(last)} is not a date`)
  const lastSecond = Math.floor(lastMs / 1000)
  if (Math.floor(now.getTime() / 1000) > lastSecond) return now.toISOString()
  // ISO 8601 with milliseconds and Z, as §3.4.9 asks (sub-second precision, a zone designator).
  return new Date((lastSecond + 1) * 1000).toISOString()
}
