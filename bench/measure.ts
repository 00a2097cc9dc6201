// What the benchmarks measure with: wall and CPU seconds, and the process's peak memory.

/** The process's peak resident memory so far, in MiB. */
export const peakRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024)

/** Wall seconds since `since` (a performance.now()), to the hundredth. */
export const seconds = (since: number) => Number(((performance.now() - since) / 1000).toFixed(2))

/** Wall and CPU seconds of `fn` (CPU: this process's, which is all of PGlite's work). */
export async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; seconds: number; cpuSeconds: number }> {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const result = await fn()
  const used = process.cpuUsage(cpu)
  return {
    result,
    seconds: seconds(started),
    cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(2)),
  }
}
