// The attempt counts in the database: the SQL gives the answers of the pure rule
// (nextThrottleCount), counts every one of concurrent attempts, and forgets ended keys.
import type { Database } from '../../src/store/database.ts'
import { postgresThrottleStore } from '../../src/store/postgres-throttle-store.ts'
import type { ThrottleStore } from '../../src/store/throttle-store.ts'
import {
  nextThrottleCount,
  type ThrottleCount,
  type ThrottlePolicy,
} from '../../src/throttle/throttle-policy.ts'
import { openTestDatabase } from '../support/test-database.ts'

let database: Database
let throttles: ThrottleStore
beforeAll(async () => {
  database = await openTestDatabase()
  throttles = postgresThrottleStore(database.db)
}, 60_000)
afterAll(() => database.close())

const policy: ThrottlePolicy = { attempts: 3, windowMs: 60_000, pauseMs: 120_000 }
const t0 = new Date('2026-12-04T08:00:00Z')
const at = (sec: number) => new Date(t0.getTime() + sec * 1000)

describe('throttle store', () => {
  it('counts as the rule does: windows, the pause past the limit, afresh after it', async () => {
    // Attempts at these seconds: a window that passes, a pause, tries during it, its end.
    const seconds = [0, 10, 70, 71, 72, 73, 100, 150, 193, 194, 260]
    let expected: ThrottleCount | undefined
    for (const sec of seconds) {
      expected = nextThrottleCount(expected, policy, at(sec))
      expect(await throttles.countAttempt('rule', policy, at(sec))).toEqual(expected)
    }
  })

  it('counts each of concurrent attempts once', async () => {
    const counts = await Promise.all(
      Array.from({ length: 12 }, () => throttles.countAttempt('burst', policy, t0)),
    )
    expect(counts.map((c) => c.failures).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    )
    expect(counts.filter((c) => c.pausedUntil === undefined)).toHaveLength(3)
  })

  it('answers the latest pause in force among keys, and none once it ended', async () => {
    for (let i = 0; i < 4; i++) await throttles.countAttempt('paused', policy, t0)
    await throttles.countAttempt('free', policy, t0)
    expect(await throttles.pausedUntil(['free', 'paused', 'unknown'], at(1))).toEqual(at(120))
    expect(await throttles.pausedUntil(['free', 'unknown'], at(1))).toBeUndefined()
    expect(await throttles.pausedUntil(['paused'], at(120))).toBeUndefined()
    expect(await throttles.pausedUntil([], at(1))).toBeUndefined()
  })

  it('takes back a successful attempt, never below zero, keeping a pause', async () => {
    await throttles.countAttempt('forgiven', policy, t0)
    await throttles.forgiveAttempt('forgiven')
    await throttles.forgiveAttempt('forgiven')
    expect(await throttles.countAttempt('forgiven', policy, at(1))).toMatchObject({ failures: 1 })
    await throttles.forgiveAttempt('paused')
    expect(await throttles.pausedUntil(['paused'], at(1))).toEqual(at(120))
  })

  it('removes the keys whose window and pause ended before a time, and only those', async () => {
    await throttles.countAttempt('late', policy, at(500))
    // Every key but 'late' (begun at 500 s) had its window and pause end by 400 s.
    expect(await throttles.deleteEnded(at(400))).toBe(5)
    expect(await throttles.countAttempt('late', policy, at(501))).toMatchObject({ failures: 2 })
    expect(await throttles.countAttempt('paused', policy, at(501))).toMatchObject({ failures: 1 })
  })
})
