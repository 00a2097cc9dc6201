import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Database } from '../store/database.ts'

/** Where a command writes and reads; the process's streams in use, buffers in tests. */
export interface Io {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  readonly readFile: (path: string) => Promise<string>
  /** The environment the configuration is read from. */
  readonly env: Readonly<Record<string, string | undefined>>
  /** Whether `err` is a terminal (progress bars redraw in place there). */
  readonly errIsTty?: boolean
  /** The folder relative file names are read and written in; the process's when absent. */
  readonly cwd?: string
  /**
   * The running server's open database, when the command was handed to that server (it holds
   * the embedded database's data directory): used as it is, never migrated nor closed.
   */
  readonly database?: Database
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
  env: process.env,
  errIsTty: process.stderr.isTTY,
}

/** A file name given on the command line, as a path in the command's folder. */
export function localPath(io: Pick<Io, 'cwd'>, file: string): string {
  return resolve(io.cwd ?? process.cwd(), file)
}

/** A usage mistake on the command line: exit code 2, message to stderr. */
export class UsageError extends TypeError {
  readonly exitCode = 2
}

/** The command ran but could not do what was asked: exit code 1, message to stderr. */
export class CommandFailed extends Error {
  readonly exitCode = 1
}

const READ_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'not found',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
}

/** An input file's text; a file that cannot be read is a usage error on one line (exit code 2). */
export async function readInputFile(io: Pick<Io, 'readFile'>, file: string): Promise<string> {
  try {
    return await io.readFile(file)
  } catch (err) {
    if (err instanceof UsageError) throw err
    throw unreadableFile(file, err)
  }
}

/** The usage error of an input file that cannot be read, its reason in words. */
export function unreadableFile(file: string, err: unknown): UsageError {
  const code = (err as NodeJS.ErrnoException).code
  const reason = (code && READ_REASONS[code]) ?? code ?? (err as Error).message
  return new UsageError(`không đọc được tệp "${file}" / cannot read file "${file}": ${reason}`, {
    cause: err,
  })
}
