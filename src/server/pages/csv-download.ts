// How every CSV the pages offer is written: for Excel (a byte order mark, Windows line ends) and
// safe to open (cells that would start a formula escaped).
import { once } from 'node:events'
import { stringify } from 'csv-stringify/sync'
import type { Response } from 'express'

/** The CSV text of `rows`; `bom: false` for a part after the first, or text kept without one. */
export function csvText(rows: readonly (readonly unknown[])[], { bom = true } = {}): string {
  return stringify(rows as unknown[][], {
    bom,
    record_delimiter: 'windows',
    escape_formulas: true,
  })
}

/** Sends `rows` as a CSV download named `name`. */
export function sendCsv(res: Response, rows: readonly (readonly unknown[])[], name: string): void {
  res.type('text/csv; charset=utf-8').attachment(name).send(csvText(rows))
}

/**
 * Writes a CSV download a batch of rows at a time, so that a long list never sits in memory
 * whole: call `write` with each batch (it waits while the client is slow), then `end`. `write`
 * answers false once the client has gone.
 */
export function csvWriter(
  res: Response,
  name: string,
): { write(rows: readonly (readonly unknown[])[]): Promise<boolean>; end(): void } {
  res.type('text/csv; charset=utf-8').attachment(name)
  let first = true
  return {
    async write(rows) {
      if (res.destroyed) return false
      const chunk = csvText(rows, { bom: first })
      first = false
      if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')])
      return !res.destroyed
    },
    end: () => res.end(),
  }
}
