// The load a bench puts on a server: calls from several clients at once, timed.

/** A call numbered n; resolves with the answer's status. */
type Call = (n: number) => Promise<number>

/**
 * Calls from `clients` at once, each client calling again while `more()` holds, numbered in the
 * order they start; `each` gets each call's milliseconds. Resolves with the calls made.
 */
async function callFrom(
  clients: number,
  more: (sent: number) => boolean,
  call: Call,
  expected: number,
  each: (ms: number) => void = () => {},
): Promise<number> {
  let sent = 0
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (more(sent)) {
        const t = performance.now()
        const status = await call(sent++)
        if (status !== expected) throw new Error(`answered ${status}, not ${expected}`)
        each(performance.now() - t)
      }
    }),
  )
  return sent
}

/** Runs `requests` calls from `clients` at once: requests per second and p50/p99 in ms. */
export async function load(requests: number, clients: number, call: Call, expected: number) {
  const latencies: number[] = []
  const started = performance.now()
  await callFrom(
    clients,
    (sent) => sent < requests,
    call,
    expected,
    (ms) => latencies.push(ms),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const pct = (p: number) => latencies[Math.floor(p * (latencies.length - 1))]!.toFixed(1)
  return {
    perSecond: Math.round(requests / seconds),
    latencyMs: { p50: pct(0.5), p99: pct(0.99) },
  }
}

/**
 * Calls from `clients` at once for `seconds`, untimed: a server that has been running has its
 * code compiled and its database connections open, and a run timed from a cold start measures
 * those too (State PUTs from 50 clients ran at 2,100/s in a first run of 5,000 and at 3,500/s in
 * a third, the server's CPU per PUT down from 0.45 to 0.25 ms). Returns how many calls were
 * made, and their rate, which is the cold one.
 */
export async function warmUp(seconds: number, clients: number, call: Call, expected: number) {
  const started = performance.now()
  const until = started + seconds * 1000
  const requests = await callFrom(clients, () => performance.now() < until, call, expected)
  return {
    requests,
    perSecond: Math.round(requests / ((performance.now() - started) / 1000)),
  }
}
