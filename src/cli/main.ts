import { Command, CommanderError } from 'commander'
import { FrameworkError } from '../../framework/index.ts'
import { frameworkCommand } from './framework-command.ts'
import { processIo, UsageError, type Io } from './io.ts'

/** Runs the `nls` command line; resolves to the process exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const program = new Command('nls')
    .description('NLS — Khung năng lực số: evidence of digital competency from LMS and xAPI data')
    .showHelpAfterError('(nls --help for usage)')
  program.addCommand(frameworkCommand(io))
  routeOutput(program, io)
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return 0
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2
    if (err instanceof UsageError) {
      io.err(`nls: ${err.message}\n`)
      return err.exitCode
    }
    if (err instanceof FrameworkError) {
      io.err(`nls: ${err.message}\n`)
      return 1
    }
    throw err
  }
}

/** Every command, however deep, writes through `io` and reports errors instead of exiting. */
function routeOutput(command: Command, io: Io): void {
  command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err })
  for (const sub of command.commands) routeOutput(sub, io)
}
