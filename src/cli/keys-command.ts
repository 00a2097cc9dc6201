import { Command } from 'commander'
import { KEY_GRACE_MS, rotateToolKey } from '../../lti/tool-keys.ts'
import { postgresToolKeyStore } from '../store/postgres-tool-key-store.ts'
import { UsageError, type Io } from './io.ts'
import { withDatabase } from './with-database.ts'
import { bilingual } from './messages.ts'

/** `nls keys …`: our LTI signing keys. */
export function keysCommand(io: Io): Command {
  const cmd = new Command('keys').description('the RS256 keys NLS signs LTI messages with')

  cmd
    .command('rotate')
    .description('make a new signing key; the old one stays published during the grace period')
    .option(
      '--grace-days <days>',
      'how long the old key stays published',
      String(KEY_GRACE_MS / 86_400_000),
    )
    .action((opts: { graceDays: string }) => {
      const days = Number(opts.graceDays)
      if (!Number.isFinite(days) || days < 0 || days > 365) {
        throw new UsageError(
          bilingual(
            `--grace-days phải là số ngày từ 0 đến 365 (nhận "${opts.graceDays}")`,
            `--grace-days must be a number of days from 0 to 365 (got "${opts.graceDays}")`,
          ),
        )
      }
      return withDatabase(io, { migrated: true }, async (database) => {
        const store = postgresToolKeyStore(database.db)
        const now = new Date()
        const key = await rotateToolKey(store, now, 'cli', days * 86_400_000)
        io.out(`new signing key ${key.kid}; the previous key stays published for ${days} day(s)\n`)
      })
    })

  cmd
    .command('list')
    .description('the published keys')
    .action(() =>
      withDatabase(io, { migrated: true }, async (database) => {
        const keys = await postgresToolKeyStore(database.db).publishedKeys(new Date())
        if (keys.length === 0) io.out('no keys yet (the server makes one at its first start)\n')
        for (const k of keys) {
          const state = k.retiredAt
            ? `retired, published until ${k.expiresAt?.toISOString()}`
            : 'signing'
          io.out(`${k.kid}  ${state}  created ${k.createdAt.toISOString()}\n`)
        }
      }),
    )
  return cmd
}
