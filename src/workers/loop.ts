/** A pass run every tick, never two at once; `runOnce` joins a pass in progress. */
export interface Loop {
  runOnce(): Promise<void>
  /** Stops ticking and waits for a pass in progress. */
  stop(): Promise<void>
}

/** A loop that can also be asked for a pass that starts after the asking. */
export interface WakeableLoop extends Loop {
  /**
   * A pass that starts after this call: at once when none is running, else right after the one
   * in progress (which may have read what it works on before the caller's news). Calls while one
   * is waiting share it.
   */
  runAfter(): Promise<void>
}

/** Runs `pass` every `tickMs` (the timer does not keep the process alive). */
export function startLoop(pass: () => Promise<void>, tickMs: number): WakeableLoop {
  let running: Promise<void> | undefined
  let next: Promise<void> | undefined
  const runOnce = () => {
    running ??= pass().finally(() => {
      running = undefined
    })
    return running
  }
  const timer = setInterval(() => void runOnce(), tickMs)
  timer.unref()
  return {
    runOnce,
    runAfter: () => {
      if (running === undefined) return runOnce()
      next ??= running.then(() => {
        next = undefined
        return runOnce()
      })
      return next
    },
    stop: async () => {
      clearInterval(timer)
      await running
      await next
    },
  }
}

/**
 * Wakes a loop for news (statements committed): every wake is followed by a pass that starts
 * after it, but passes started by wakes begin at least `gapMs` apart, so a stream of news (a
 * commit every few milliseconds) runs a pass per gap, not a pass per commit, each of which costs
 * the database its round trips even when it finds nothing to do.
 */
export function wakeEvery(loop: WakeableLoop, gapMs: number): { wake(): void; stop(): void } {
  let due: NodeJS.Timeout | undefined
  let lastStart = -Infinity
  let stopped = false
  return {
    wake() {
      if (due !== undefined || stopped) return
      due = setTimeout(
        () => {
          due = undefined
          lastStart = Date.now()
          void loop.runAfter()
        },
        Math.max(0, lastStart + gapMs - Date.now()),
      )
    },
    stop() {
      stopped = true
      clearTimeout(due)
      due = undefined
    },
  }
}
