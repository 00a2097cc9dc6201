import { readFile } from 'node:fs/promises'
import type { Io } from '../../src/cli/io.ts'
import { main } from '../../src/cli/main.ts'

/**
 * The time a test of the command line may take. Each command opens its database (PGlite loads
 * and migrates it) as `nls` does; on a machine busy with other work that alone takes tens of
 * seconds, so these tests wait generously instead of failing at jest's default.
 */
export const CLI_TEST_TIMEOUT_MS = 180_000

/** What one `nls …` run printed and returned. */
export interface CliResult {
  readonly code: number
  readonly out: string
  readonly err: string
}

/** Runs `nls <argv>` in this process with `env` as its environment, capturing its output. */
export async function runCli(
  env: Readonly<Record<string, string>>,
  ...argv: string[]
): Promise<CliResult> {
  let out = ''
  let err = ''
  const io: Io = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    readFile: (p) => readFile(p, 'utf8'),
    env,
  }
  const code = await main(argv, io)
  return { code, out, err }
}
