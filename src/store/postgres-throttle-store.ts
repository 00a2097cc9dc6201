import { and, eq, gt, inArray, isNull, lt, max, or, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { queryRows } from './query-rows.ts'
import { throttles } from './schema/index.ts'
import type { ThrottleStore } from './throttle-store.ts'
import { checkPolicy, type ThrottleCount } from '../throttle/throttle-policy.ts'

interface CountRow {
  readonly failures: number
  readonly window_started_at: Date | string
  readonly paused_until: Date | string | null
}

export function postgresThrottleStore(db: Db): ThrottleStore {
  return {
    async countAttempt(key, policy, now) {
      checkPolicy(policy)
      const at = sql`${now.toISOString()}::timestamptz`
      const windowCutoff = sql`${new Date(now.getTime() - policy.windowMs).toISOString()}::timestamptz`
      const pauseEnd = sql`${new Date(now.getTime() + policy.pauseMs).toISOString()}::timestamptz`
      // nextThrottleCount in one statement, so that concurrent attempts (of several processes)
      // each count: a key whose pause or window ended starts afresh; the attempt past the limit
      // starts a pause. Every SET expression reads the row as it was before this attempt.
      const fresh = sql`(throttles.paused_until is not null and throttles.paused_until <= ${at})
        or (throttles.paused_until is null and throttles.window_started_at <= ${windowCutoff})`
      const [row] = await queryRows<CountRow>(
        db,
        sql`insert into throttles (key, failures, window_started_at, paused_until)
          values (${key}, 1, ${at}, null)
          on conflict (key) do update set
            failures = case when ${fresh} then 1 else throttles.failures + 1 end,
            window_started_at = case when ${fresh} then ${at} else throttles.window_started_at end,
            paused_until = case
              when ${fresh} then null
              when throttles.paused_until is not null then throttles.paused_until
              when throttles.failures + 1 > ${policy.attempts} then ${pauseEnd}
              else null
            end
          returning failures, window_started_at, paused_until`,
      )
      return rowToCount(row!)
    },

    async forgiveAttempt(key) {
      await db
        .update(throttles)
        .set({ failures: sql`greatest(${throttles.failures} - 1, 0)` })
        .where(eq(throttles.key, key))
    },

    async pausedUntil(keys, now) {
      if (keys.length === 0) return undefined
      const [row] = await db
        .select({ until: max(throttles.pausedUntil) })
        .from(throttles)
        .where(and(inArray(throttles.key, [...keys]), gt(throttles.pausedUntil, now)))
      return row?.until ?? undefined
    },

    async deleteEnded(before) {
      const rows = await db
        .delete(throttles)
        .where(
          and(
            lt(throttles.windowStartedAt, before),
            or(isNull(throttles.pausedUntil), lt(throttles.pausedUntil, before)),
          ),
        )
        .returning({ key: throttles.key })
      return rows.length
    },
  }
}

/** A row of `throttles` as the rule sees it (drivers give timestamps as Date or as text). */
function rowToCount(row: CountRow): ThrottleCount {
  return {
    failures: Number(row.failures),
    windowStartedAt: new Date(row.window_started_at),
    ...(row.paused_until !== null && { pausedUntil: new Date(row.paused_until) }),
  }
}
