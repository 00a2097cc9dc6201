import { Command } from 'commander'
import { loadConfig } from '../config/config.ts'
import { createLogger } from '../server/logger.ts'
import { SHUTDOWN_LIMIT_MS, startServer } from '../server/start-server.ts'
import { listenForCommands, type RunCommand } from './command-socket.ts'
import type { Io } from './io.ts'

/**
 * `nls serve`: the long-running service, until SIGTERM or SIGINT. On the embedded database it
 * also runs the `nls` commands given while it holds the data directory (`run`).
 */
export function serveCommand(io: Io, run: RunCommand): Command {
  return new Command('serve')
    .description(
      'run the service (PORT, default 3000; DATABASE_URL, or embedded PGlite in NLS_DATA_DIR)',
    )
    .action(async () => {
      const config = loadConfig(io.env)
      const logger = createLogger(config.logLevel)
      // Listening for the stop signals before anything starts: a SIGTERM or Ctrl-C that comes
      // while starting (or just as we announce ourselves) still means a graceful stop.
      const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
        process.once('SIGTERM', resolve)
        process.once('SIGINT', resolve)
      })
      const running = await startServer(config, logger)
      const commands =
        config.database.kind === 'pglite'
          ? await listenForCommands({
              dataDir: config.database.dataDir,
              database: running.database,
              env: io.env,
              run,
              onCommand: (command) => logger.info({ command }, 'command from the command line'),
              onError: (err) => logger.error({ err }, 'command from the command line failed'),
            })
          : undefined
      if (config.database.kind === 'pglite' && !commands) {
        logger.warn('the data directory path is too long for a command socket')
      }
      logger.info({ url: running.url, database: running.database.description }, 'listening')
      io.err(
        `NLS đang chạy / listening: ${running.url}\nCơ sở dữ liệu / database: ${running.database.description}\n`,
      )

      const signal = await stopSignal
      logger.info({ signal }, 'shutting down')
      // A second signal, or a shutdown past the limit, ends the process at once.
      const force = (reason: string) => {
        logger.error(reason)
        logger.flush()
        process.exit(1)
      }
      process.once('SIGTERM', () => force('second signal: exiting now'))
      process.once('SIGINT', () => force('second signal: exiting now'))
      const limit = setTimeout(() => force('shutdown did not finish in time'), SHUTDOWN_LIMIT_MS)
      limit.unref()
      await commands?.close()
      await running.close()
      clearTimeout(limit)
      logger.info('stopped')
      logger.flush()
    })
}
