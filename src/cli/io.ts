import { readFile } from 'node:fs/promises'

/** Where a command writes and reads; the process's streams in use, buffers in tests. */
export interface Io {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  readonly readFile: (path: string) => Promise<string>
  /** The environment the configuration is read from. */
  readonly env: Readonly<Record<string, string | undefined>>
  /** Whether `err` is a terminal (progress bars redraw in place there). */
  readonly errIsTty?: boolean
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
  env: process.env,
  errIsTty: process.stderr.isTTY,
}

/** A usage mistake on the command line: exit code 2, message to stderr. */
export class UsageError extends TypeError {
  readonly exitCode = 2
}

/** The command ran but could not do what was asked: exit code 1, message to stderr. */
export class CommandFailed extends Error {
  readonly exitCode = 1
}
