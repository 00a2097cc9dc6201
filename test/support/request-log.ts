import { Writable } from 'node:stream'

/** What the tests read of a request's log line. */
export interface LogLine {
  readonly msg?: string
  readonly req?: { id?: string; url?: string; headers?: unknown }
  readonly res?: { statusCode?: number }
}

/**
 * A server's log, kept to read each request's line. Which way a request was served shows there:
 * pino-http's line (Express) carries the request's headers, the xAPI lane's does not.
 */
export function requestLogCapture() {
  let logged = ''
  const log = new Writable({
    write(chunk: Buffer, _enc, done) {
      logged += chunk.toString()
      done()
    },
  })
  /** The log line of the request that got `requestId`. */
  const lineOf = (requestId: string): LogLine => {
    const line = logged
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogLine)
      .find((l) => l.req?.id === requestId)
    if (!line) throw new Error(`no log line for request ${requestId}`)
    return line
  }
  /** Whether the answer with this X-Request-Id was served by the lane, not by Express. */
  const servedByLane = (requestId: unknown) => lineOf(String(requestId)).req?.headers === undefined
  return { log, lineOf, servedByLane }
}

/** How many requests of these labels a server's /metrics has counted. */
export async function requestsCounted(
  serverUrl: string,
  labels: { readonly method: string; readonly route: string; readonly status: string },
): Promise<number> {
  const text = await (await fetch(`${serverUrl}/metrics`)).text()
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('nls_http_requests_total{') &&
        l.includes(`method="${labels.method}"`) &&
        l.includes(`route="${labels.route}"`) &&
        l.includes(`status="${labels.status}"`),
    )
  return Number(line?.split(' ').at(-1) ?? 0)
}
