import type { InFlightWrites } from '../../src/store/in-flight-writes.ts'

/**
 * How long a statement write of another process may take from its `stored` stamp to its commit,
 * as far as readers here assume: the pool's wait for a connection (5 s, src/store/database.ts)
 * plus a one-statement insert with margin. One process alone on its database (PGlite, whose
 * data directory is locked to one process) has no other writers and no such lag.
 */
export const OTHER_WRITERS_LAG_MS = 10_000

/**
 * The X-Experience-API-Consistent-Through value of a GET /statements answered now.
 *
 * xAPI 1.0.3 Communication §2.1.3: the header's value is "the timestamp for which all Statements
 * that have or will have a "stored" property before that time are known with reasonable
 * certainty to be available for retrieval. This time SHOULD take into account any temporary
 * condition, such as excessive load, which might cause a delay in Statements becoming available".
 * https://github.com/adlnet/xAPI-Spec/blob/master/xAPI-Communication.md#213-get-statements
 *
 * `stored` is stamped before the commit, so "now" is not that time: a statement of this process
 * stamped earlier may still be uncommitted, and so may one of another process on the same
 * PostgreSQL. The answer is a millisecond before the earliest write in flight here, and no later
 * than `otherWritersLagMs` ago. Compute it before reading, so the read sees every commit it counts.
 */
export function consistentThrough(
  now: Date,
  writes: InFlightWrites,
  otherWritersLagMs: number,
): Date {
  let through = now.getTime() - otherWritersLagMs
  const earliest = writes.earliest()
  if (earliest !== undefined) through = Math.min(through, earliest.getTime() - 1)
  return new Date(through)
}
