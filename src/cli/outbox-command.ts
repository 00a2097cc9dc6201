import { Command } from 'commander'
import { z } from 'zod'
import { createStores } from '../store/index.ts'
import { UsageError, type Io } from './io.ts'
import { withDatabase } from './with-database.ts'
import { bilingual } from './messages.ts'

const Ids = z.array(
  z
    .string()
    .regex(
      /^[1-9][0-9]*$/,
      bilingual(
        '--id phải là mã (số) của một thư trong hàng gửi đi',
        '--id must be an outbox message id (a number)',
      ),
    )
    .transform(Number),
)

/** `nls outbox …`: what waits to be delivered, what was given up, and retrying it. */
export function outboxCommand(io: Io): Command {
  const cmd = new Command('outbox').description(
    'messages to deliver outside (statements to LRSs, scores to LMSs): status and retries',
  )

  cmd
    .command('status')
    .description('per kind and destination: waiting, given up, delivered; the latest give-ups')
    .action(() =>
      withDatabase(io, { migrated: true }, async (database) => {
        const stores = createStores(database.db)
        const rows = await stores.outbox.status()
        if (rows.length === 0) io.out('the outbox is empty\n')
        const now = Date.now()
        for (const r of rows) {
          const age = r.oldestPending
            ? `, oldest waiting ${Math.round((now - r.oldestPending.getTime()) / 1000)} s`
            : ''
          io.out(
            `${r.kind} → ${r.destination || '?'}: ${r.pending} waiting, ${r.failed} given up, ${r.delivered} delivered${age}\n`,
          )
        }
        const givenUp = await stores.outbox.listGivenUp(20)
        if (givenUp.length > 0)
          io.out('given up (newest first; nls outbox retry --id N, or --all):\n')
        for (const m of givenUp) {
          io.out(
            `  ${m.id}  ${m.kind}  tenant ${m.tenantId}  ${m.failedAt?.toISOString()}  ${m.lastError ?? ''}\n`,
          )
        }
      }),
    )

  cmd
    .command('retry')
    .description('make given-up messages due again now')
    .option('--id <id...>', 'these messages')
    .option('--all', 'every given-up message', false)
    .action((opts: { id?: string[]; all: boolean }) => {
      if ((opts.id === undefined) === !opts.all) {
        throw new UsageError(bilingual('cần --id <id...> hoặc --all', 'give --id <id...> or --all'))
      }
      const ids = opts.id === undefined ? undefined : Ids.safeParse(opts.id)
      if (ids && !ids.success) throw new UsageError(ids.error.issues[0]!.message)
      return withDatabase(io, { migrated: true }, async (database) => {
        const stores = createStores(database.db)
        const count = await stores.outbox.retryGivenUp(ids?.data)
        io.out(`${count} message${count === 1 ? '' : 's'} due again\n`)
      })
    })
  return cmd
}
