import { Command } from 'commander'
import { postgresAdminTokenStore } from '../store/postgres-admin-token-store.ts'
import type { Io } from './io.ts'
import { withDatabase } from './with-database.ts'

/** `nls admin token …`: bearer tokens for the JSON admin API. */
export function adminCommand(io: Io): Command {
  const cmd = new Command('admin').description('administration of this installation')
  const token = cmd.command('token').description('bearer tokens for the JSON admin API')

  token
    .command('create')
    .description('create a token; it is printed once, only its hash is kept')
    .requiredOption('--name <who>', 'who or what the token is for, e.g. it-so-gddt')
    .action((opts: { name: string }) =>
      withDatabase(io, { migrated: true }, async (database) => {
        const { token: created, secret } = await postgresAdminTokenStore(database.db).createToken(
          opts.name,
          'cli',
        )
        io.err(
          `admin token "${created.name}" created (id ${created.id}); it is shown only now, keep it safe:\n`,
        )
        io.out(`${secret}\n`)
      }),
    )

  token
    .command('revoke')
    .description('revoke a token by its name or id')
    .argument('<name-or-id>')
    .action((idOrName: string) =>
      withDatabase(io, { migrated: true }, async (database) => {
        const revoked = await postgresAdminTokenStore(database.db).revokeToken(idOrName, 'cli')
        io.out(`revoked admin token "${revoked.name}" (id ${revoked.id})\n`)
      }),
    )

  token
    .command('list')
    .description('all tokens with when they were created, last used and revoked')
    .action(() =>
      withDatabase(io, { migrated: true }, async (database) => {
        const tokens = await postgresAdminTokenStore(database.db).listTokens()
        if (tokens.length === 0) io.out('no admin tokens\n')
        for (const t of tokens) {
          const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active'
          const used = t.lastUsedAt ? `last used ${t.lastUsedAt.toISOString()}` : 'never used'
          io.out(`${t.id}  ${t.name}  ${state}  created ${t.createdAt.toISOString()}  ${used}\n`)
        }
      }),
    )
  return cmd
}
