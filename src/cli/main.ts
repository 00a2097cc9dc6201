import { Command, CommanderError } from 'commander'
import { accountCommands } from './account-command.ts'
import { adminCommand } from './admin-command.ts'
import { dbCommand } from './db-command.ts'
import { frameworkCommand } from './framework-command.ts'
import { processIo, readInputFile, type Io } from './io.ts'
import { translateCommanderError } from './messages.ts'
import { debugRequested, reportError } from './report-error.ts'
import { inferenceCommand, recomputeCommand, tenantCommand } from './inference-command.ts'
import { keysCommand } from './keys-command.ts'
import { outboxCommand } from './outbox-command.ts'
import { personCommand } from './person-command.ts'
import { backupCommand, restoreCommand } from './backup-command.ts'
import { platformCommand } from './platform-command.ts'
import { serveCommand } from './serve-command.ts'
import { sendToServer } from './command-socket.ts'
import { HeldByServer } from './with-database.ts'
import { sourcesCommand } from './sources-command.ts'
import { tagsCommand } from './tags-command.ts'
import { xapiClientCommand } from './xapi-client-command.ts'

/** Runs the `nls` command line; resolves to the process exit code. */
export async function main(argv: readonly string[], given: Io = processIo): Promise<number> {
  // Every command's input file that cannot be read is one clear line, not a stack trace.
  const io: Io = { ...given, readFile: (file) => readInputFile(given, file) }
  const program = new Command('nls').description(
    'NLS — Khung năng lực số: evidence of digital competency from LMS and xAPI data',
  )
  program.addCommand(serveCommand(io, main))
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
    // The running server holds the embedded database: it runs the command on it.
    if (err instanceof HeldByServer) return runOnServer(io, argv, err)
    // One line in Vietnamese and English; a stack only when NLS_DEBUG=1 asks for it.
    const report = reportError(err, debugRequested(io.env))
    io.err(report.text)
    return report.exitCode
  }
}

async function runOnServer(io: Io, argv: readonly string[], err: HeldByServer): Promise<number> {
  try {
    try {
      return await sendToServer(io, argv, err.held)
    } catch (refused) {
      // No server answers on the socket: the command's own way round it, if it has one.
      if (refused !== err.held || !err.whenNoServer) throw refused
      await err.whenNoServer()
      return 0
    }
  } catch (failed) {
    const report = reportError(failed, debugRequested(io.env))
    io.err(report.text)
    return report.exitCode
  }
}

/**
 * Every command, however deep, writes through `io` and reports errors instead of exiting; its
 * usage errors are one line in Vietnamese and English, pointing at the command's help.
 */
function routeOutput(command: Command, io: Io, path: readonly string[] = []): void {
  const help = [...path, command.name(), '--help'].join(' ')
  command.exitOverride().configureOutput({
    writeOut: io.out,
    writeErr: io.err,
    outputError: (message, write) => write(`nls: ${translateCommanderError(message, help)}\n`),
  })
  for (const sub of command.commands) routeOutput(sub, io, [...path, command.name()])
}
