import {
  checkPolicy,
  countedAfterFailure,
  nextThrottleCount,
  pauseLeftSec,
  SIGN_IN_BY_NAME,
  type ThrottleCount,
  type ThrottlePolicy,
} from './throttle-policy.ts'

const policy: ThrottlePolicy = { attempts: 3, windowMs: 60_000, pauseMs: 120_000 }
const t0 = new Date('2026-12-04T08:00:00Z')
const at = (sec: number) => new Date(t0.getTime() + sec * 1000)

/** The count after attempts at these seconds past t0. */
const countAfter = (seconds: readonly number[], p = policy) =>
  seconds.reduce<ThrottleCount | undefined>(
    (count, sec) => nextThrottleCount(count, p, at(sec)),
    undefined,
  )

describe('nextThrottleCount', () => {
  it('counts attempts in a window, and pauses at the one past the limit', () => {
    expect(countAfter([0, 1, 2])).toEqual({ failures: 3, windowStartedAt: t0 })
    expect(countAfter([0, 1, 2, 3])).toEqual({
      failures: 4,
      windowStartedAt: t0,
      pausedUntil: at(123),
    })
  })

  it('starts afresh when the window has passed', () => {
    expect(countAfter([0, 1, 2, 60])).toEqual({ failures: 1, windowStartedAt: at(60) })
  })

  it('keeps a pause to its end, whatever is tried meanwhile, then starts afresh', () => {
    expect(countAfter([0, 1, 2, 3, 50, 100, 122])).toEqual({
      failures: 7,
      windowStartedAt: t0,
      pausedUntil: at(123),
    })
    expect(countAfter([0, 1, 2, 3, 123])).toEqual({ failures: 1, windowStartedAt: at(123) })
  })

  it('lets sign-in have ten tries in fifteen minutes', () => {
    const tenth = countAfter([0, 60, 120, 180, 240, 300, 360, 420, 480, 540], SIGN_IN_BY_NAME)
    expect(pauseLeftSec(tenth, at(540))).toBeUndefined()
    const eleventh = nextThrottleCount(tenth, SIGN_IN_BY_NAME, at(600))
    expect(pauseLeftSec(eleventh, at(600))).toBe(15 * 60)
  })
})

describe('pauseLeftSec', () => {
  it('rounds the seconds left up, and says nothing of a pause that has ended', () => {
    expect(pauseLeftSec({ pausedUntil: at(10) }, new Date(t0.getTime() + 500))).toBe(10)
    expect(pauseLeftSec({ pausedUntil: at(10) }, at(10))).toBeUndefined()
    expect(pauseLeftSec({}, t0)).toBeUndefined()
    expect(pauseLeftSec(undefined, t0)).toBeUndefined()
  })
})

describe('checkPolicy', () => {
  it.each([
    [{ ...policy, attempts: 0 }, "a throttle policy's attempts must be a positive integer, got 0"],
    [
      { ...policy, windowMs: 0 },
      "a throttle policy's windowMs must be a whole number of ms from 1 to 3600000, got 0",
    ],
    [
      { ...policy, pauseMs: 7_200_000 },
      "a throttle policy's pauseMs must be a whole number of ms from 1 to 3600000, got 7200000",
    ],
  ])('refuses %j', (bad, message) => {
    expect(() => checkPolicy(bad)).toThrow(new TypeError(message))
  })
})

describe('countedAfterFailure', () => {
  it('pauses at the failure that reaches the limit, so the next attempt is refused', () => {
    const after = countedAfterFailure(policy)
    expect(pauseLeftSec(countAfter([0, 1], after), at(1))).toBeUndefined()
    expect(pauseLeftSec(countAfter([0, 1, 2], after), at(2))).toBe(120)
  })

  it('refuses a limit of one (it would pause before any failure)', () => {
    expect(() => countedAfterFailure({ ...policy, attempts: 1 })).toThrow(
      new TypeError('a throttle policy counted after failures needs attempts of 2 or more'),
    )
  })
})
