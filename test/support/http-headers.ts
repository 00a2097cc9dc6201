import type { IncomingHttpHeaders } from 'node:http'

/** The headers any two answers share, those that differ between any two left out. */
export function comparableHeaders(
  headers: IncomingHttpHeaders,
  differing: readonly string[],
): IncomingHttpHeaders {
  const left = new Set(['date', 'x-request-id', 'connection', 'keep-alive', ...differing])
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !left.has(name)))
}
