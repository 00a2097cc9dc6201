import { stringify } from 'csv-stringify/sync'
import type { RosterAccount } from './roster-accounts.ts'

const COLUMNS = ['username', 'email', 'name', 'password'] as const

/**
 * The first passwords of accounts made from the roster, to hand out: a CSV file with a
 * byte-order mark (so that Excel reads Vietnamese names as UTF-8) and a header row.
 */
export function formatRosterAccountsCsv(accounts: readonly RosterAccount[]): string {
  return (
    '\uFEFF' +
    stringify(
      accounts.map((a) => [a.username, a.email, a.name ?? '', a.password]),
      { header: true, columns: [...COLUMNS], record_delimiter: '\r\n' },
    )
  )
}

/** The same accounts as a table to read on a terminal: columns aligned, a header row. */
export function formatRosterAccountsTable(accounts: readonly RosterAccount[]): string {
  const rows = [
    [...COLUMNS] as string[],
    ...accounts.map((a) => [a.username, a.email, a.name ?? '', a.password]),
  ]
  const widths = COLUMNS.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)))
  return rows
    .map(
      (r) =>
        r
          .map((cell, c) =>
            c === r.length - 1 ? cell : cell + ' '.repeat(widths[c]! - [...cell].length),
          )
          .join('  ') + '\n',
    )
    .join('')
}
