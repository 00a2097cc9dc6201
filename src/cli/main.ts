import { Command, CommanderError } from 'commander'
import { FrameworkError } from '../../framework/index.ts'
import { ConfigInvalid } from '../config/config.ts'
import { ListenFailed } from '../server/errors.ts'
import { StoreError } from '../store/errors.ts'
import { accountCommands } from './account-command.ts'
import { adminCommand } from './admin-command.ts'
import { dbCommand } from './db-command.ts'
import { frameworkCommand } from './framework-command.ts'
import { CommandFailed, processIo, readInputFile, UsageError, type Io } from './io.ts'
import { inferenceCommand, recomputeCommand, tenantCommand } from './inference-command.ts'
import { keysCommand } from './keys-command.ts'
import { outboxCommand } from './outbox-command.ts'
import { personCommand } from './person-command.ts'
import { backupCommand, restoreCommand } from './backup-command.ts'
import { platformCommand } from './platform-command.ts'
import { serveCommand } from './serve-command.ts'
import { sourcesCommand } from './sources-command.ts'
import { tagsCommand } from './tags-command.ts'
import { xapiClientCommand } from './xapi-client-command.ts'

/** Runs the `nls` command line; resolves to the process exit code. */
export async function main(argv: readonly string[], given: Io = processIo): Promise<number> {
  // Every command's input file that cannot be read is one clear line, not a stack trace.
  const io: Io = { ...given, readFile: (file) => readInputFile(given, file) }
  const program = new Command('nls')
    .description('NLS — Khung năng lực số: evidence of digital competency from LMS and xAPI data')
    .showHelpAfterError('(nls --help for usage)')
  program.addCommand(serveCommand(io))
  program.addCommand(dbCommand(io))
  program.addCommand(adminCommand(io))
  program.addCommand(platformCommand(io))
  program.addCommand(keysCommand(io))
  program.addCommand(xapiClientCommand(io))
  program.addCommand(sourcesCommand(io))
  program.addCommand(frameworkCommand(io))
  program.addCommand(tagsCommand(io))
  program.addCommand(tenantCommand(io))
  program.addCommand(recomputeCommand(io))
  program.addCommand(inferenceCommand(io))
  program.addCommand(outboxCommand(io))
  program.addCommand(personCommand(io))
  program.addCommand(backupCommand(io))
  program.addCommand(restoreCommand(io))
  for (const command of accountCommands(io)) program.addCommand(command)
  routeOutput(program, io)
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return 0
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2
    if (err instanceof UsageError || err instanceof CommandFailed) {
      io.err(`nls: ${err.message}\n`)
      return err.exitCode
    }
    if (err instanceof ConfigInvalid) {
      for (const problem of err.problems) io.err(`nls: ${problem}\n`)
      return 1
    }
    if (err instanceof FrameworkError || err instanceof StoreError || err instanceof ListenFailed) {
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
