// The load a bench puts on a server: calls from several clients at once, timed.

/** Runs `requests` calls from `clients` at once: requests per second and p50/p99 in ms. */
export async function load(
  requests: number,
  clients: number,
  call: (n: number) => Promise<number>,
  expected: number,
) {
  const latencies: number[] = []
  let sent = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (sent < requests) {
        const n = sent++
        const t = performance.now()
        const status = await call(n)
        if (status !== expected) throw new Error(`answered ${status}, not ${expected}`)
        latencies.push(performance.now() - t)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const pct = (p: number) => latencies[Math.floor(p * (latencies.length - 1))]!.toFixed(1)
  return {
    perSecond: Math.round(requests / seconds),
    latencyMs: { p50: pct(0.5), p99: pct(0.99) },
  }
}
