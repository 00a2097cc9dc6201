/** A pass run every tick, never two at once; `runOnce` joins a pass in progress. */
export interface Loop {
  runOnce(): Promise<void>
  /** Stops ticking and waits for a pass in progress. */
  stop(): Promise<void>
}

/** Runs `pass` every `tickMs` (the timer does not keep the process alive). */
export function startLoop(pass: () => Promise<void>, tickMs: number): Loop {
  let running: Promise<void> | undefined
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
    stop: async () => {
      clearInterval(timer)
      await running
    },
  }
}
