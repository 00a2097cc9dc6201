import { Command } from 'commander'
import { loadConfig } from '../config/config.ts'
import { publicUrl } from '../config/public-url.ts'
import { postgresXapiClientStore } from '../store/postgres-xapi-client-store.ts'
import { UsageError, type Io } from './io.ts'

import { withDatabase } from './with-database.ts'
import { isUuid } from '../store/is-uuid.ts'
import { bilingual, cliMessages } from './messages.ts'

/** `nls xapi-client …`: HTTP Basic credentials for the xAPI endpoint, per tenant. */
export function xapiClientCommand(io: Io): Command {
  const cmd = new Command('xapi-client').description(
    "credentials for the xAPI endpoint (/xapi/), e.g. for Moodle's xAPI log store",
  )

  cmd
    .command('add')
    .description(
      'make a key and secret for a tenant; the secret is printed once, only its hash is kept',
    )
    .requiredOption('--tenant <id>', "the tenant's id (nls tenant list shows every tenant)")
    .requiredOption('--name <who>', 'who sends, e.g. moodle-logstore')
    .action((opts: { tenant: string; name: string }) => {
      if (!isUuid(opts.tenant)) {
        throw new UsageError(cliMessages.tenantIdExpected('--tenant', opts.tenant))
      }
      return withDatabase(io, { migrated: true }, async (database) => {
        const { client, secret } = await postgresXapiClientStore(database.db).createClient(
          opts.tenant,
          opts.name,
          'cli',
        )
        const base = publicUrl(loadConfig(io.env))
        const endpoint = `${base.url}/xapi/`
        io.err(
          `xAPI client "${client.name}" created (id ${client.id}); the secret is shown only now:\n`,
        )
        // Moodle must be given an address it reaches NLS at; this shell may not know it.
        io.err(
          base.guessed
            ? `nls: ${bilingual(
                `cảnh báo: NLS_PUBLIC_URL chưa được đặt, nên địa chỉ dưới đây chỉ là phỏng đoán từ HOST và PORT (${base.url}); LMS ở máy khác không tới được.`,
                `warning: NLS_PUBLIC_URL is not set, so the endpoint below is only a guess from HOST and PORT (${base.url}); an LMS on another machine cannot reach it.`,
              )}\n` +
                `nls: ${bilingual(
                  'đặt NLS_PUBLIC_URL là địa chỉ LMS truy cập NLS, như với máy chủ (ví dụ NLS_PUBLIC_URL=https://nls.example.edu.vn), và cho LMS địa chỉ đó kèm /xapi/',
                  'set NLS_PUBLIC_URL to the address the LMS reaches NLS at, as for the server (e.g. NLS_PUBLIC_URL=https://nls.example.edu.vn), and give the LMS that address followed by /xapi/',
                )}\n`
            : `endpoint from NLS_PUBLIC_URL (${base.url})\n`,
        )
        io.out(`endpoint ${endpoint}\nkey      ${client.key}\nsecret   ${secret}\n`)
      })
    })

  cmd
    .command('list')
    .description('the xAPI clients, of one tenant or all')
    .option('--tenant <id>', 'only this tenant')
    .action((opts: { tenant?: string }) =>
      withDatabase(io, { migrated: true }, async (database) => {
        const clients = await postgresXapiClientStore(database.db).listClients(opts.tenant)
        if (clients.length === 0) io.out('no xAPI clients\n')
        for (const c of clients) {
          const state = c.revokedAt ? `revoked ${c.revokedAt.toISOString()}` : 'active'
          io.out(`${c.id}  ${c.name}  key ${c.key}  tenant ${c.tenantId}  ${state}\n`)
        }
      }),
    )

  cmd
    .command('revoke')
    .description('revoke a client by its id or key')
    .argument('<id-or-key>')
    .action((idOrKey: string) =>
      withDatabase(io, { migrated: true }, async (database) => {
        const client = await postgresXapiClientStore(database.db).revokeClient(idOrKey, 'cli')
        io.out(`revoked xAPI client "${client.name}" (key ${client.key})\n`)
      }),
    )
  return cmd
}
