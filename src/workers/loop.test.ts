import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { startLoop, type WakeableLoop, wakeEvery } from './loop.ts'

/** A pass the test ends by hand, recording when each started (in fake time). */
function passes() {
  const starts: number[] = []
  const ends: (() => void)[] = []
  const pass = () =>
    new Promise<void>((resolve) => {
      starts.push(Date.now())
      ends.push(resolve)
    })
  /** Ends the oldest pass still running, and lets its continuations run. */
  const endOne = async () => {
    ends.shift()!()
    await jest.advanceTimersByTimeAsync(0)
  }
  return { pass, starts, endOne }
}

const HOUR = 3_600_000
let loop: WakeableLoop | undefined
beforeEach(() => {
  jest.useFakeTimers({ now: 1_000_000 })
})
afterEach(() => {
  jest.useRealTimers()
  loop = undefined
})

describe('runAfter', () => {
  it('starts at once when idle, else once after the pass in progress, shared by callers', async () => {
    const p = passes()
    loop = startLoop(p.pass, HOUR)
    void loop.runAfter()
    expect(p.starts).toHaveLength(1)
    // runOnce joins the running pass; runAfter waits for the next, one for both callers.
    void loop.runOnce()
    const a = loop.runAfter()
    const b = loop.runAfter()
    expect(a).toBe(b)
    expect(p.starts).toHaveLength(1)
    await p.endOne()
    expect(p.starts).toHaveLength(2)
    await p.endOne()
    await a
    expect(p.starts).toHaveLength(2)
  })
})

describe('wakeEvery', () => {
  it('follows every wake with a pass that starts after it, passes a gap apart', async () => {
    const p = passes()
    loop = startLoop(p.pass, HOUR)
    const waker = wakeEvery(loop, 100)
    waker.wake()
    await jest.advanceTimersByTimeAsync(0)
    expect(p.starts).toEqual([1_000_000])
    // Wakes while it runs, and after it ended within the gap, fold into one pass at the gap.
    await jest.advanceTimersByTimeAsync(10)
    waker.wake()
    waker.wake()
    await p.endOne()
    await jest.advanceTimersByTimeAsync(20)
    waker.wake()
    await jest.advanceTimersByTimeAsync(69)
    expect(p.starts).toHaveLength(1)
    await jest.advanceTimersByTimeAsync(1)
    expect(p.starts).toEqual([1_000_000, 1_000_100])
    // A wake while that pass runs, past the gap: the next pass starts as it ends, not before.
    await jest.advanceTimersByTimeAsync(150)
    waker.wake()
    await jest.advanceTimersByTimeAsync(0)
    expect(p.starts).toHaveLength(2)
    await p.endOne()
    expect(p.starts).toEqual([1_000_000, 1_000_100, 1_000_250])
    await p.endOne()
    // Idle for longer than the gap: a wake runs a pass at once.
    await jest.advanceTimersByTimeAsync(500)
    waker.wake()
    await jest.advanceTimersByTimeAsync(0)
    expect(p.starts.at(-1)).toBe(1_000_750)
    await p.endOne()
  })

  it('wakes nothing once stopped, a wake already due included', async () => {
    const p = passes()
    loop = startLoop(p.pass, HOUR)
    const waker = wakeEvery(loop, 100)
    waker.wake()
    await jest.advanceTimersByTimeAsync(0)
    await p.endOne()
    waker.wake()
    waker.stop()
    waker.wake()
    await jest.advanceTimersByTimeAsync(1_000)
    expect(p.starts).toHaveLength(1)
  })
})
