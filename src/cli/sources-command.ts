import { Command } from 'commander'
import { z } from 'zod'
import { postgresLrsSourceStore } from '../store/postgres-lrs-source-store.ts'
import { CommandFailed, UsageError, type Io } from './io.ts'
import { withDatabase } from './with-database.ts'
import { bilingual, cliMessages } from './messages.ts'

const SetOptions = z.object({
  tenant: z.uuid(cliMessages.tenantIdExpected('--tenant')),
  endpoint: z
    .url({
      protocol: /^https?$/,
      error: bilingual(
        '--endpoint phải là địa chỉ xAPI gốc của LRS (http hoặc https)',
        "--endpoint must be the LRS's xAPI base URL (http or https)",
      ),
    })
    .transform((u) => (u.endsWith('/') ? u : `${u}/`)),
  username: z
    .string()
    .min(1, bilingual('--username không được để trống', '--username must not be empty')),
  password: z
    .string()
    .min(1, bilingual('--password không được để trống', '--password must not be empty')),
  pull: z.boolean(),
  forward: z.boolean(),
})

const RemoveOptions = z.object({ tenant: z.uuid(cliMessages.tenantIdExpected('--tenant')) })

/** `nls sources …`: each tenant's upstream LRS, which NLS pulls statements from. */
export function sourcesCommand(io: Io): Command {
  const cmd = new Command('sources').description(
    "tenants' upstream LRSs (statements pulled from them)",
  )

  cmd
    .command('set')
    .description("set a tenant's upstream LRS (a new endpoint is pulled from its beginning)")
    .requiredOption('--tenant <id>', 'the tenant')
    .requiredOption(
      '--endpoint <url>',
      "the LRS's xAPI base URL, e.g. https://lrs.so-gd.edu.vn/xAPI/",
    )
    .requiredOption('--username <key>', 'HTTP Basic user (the LRS client key)')
    .requiredOption('--password <secret>', 'HTTP Basic password (the LRS client secret)')
    .option('--no-pull', 'do not pull statements from it')
    .option('--forward', 'send it the statements NLS receives on /xapi', false)
    .action((opts: Record<string, unknown>) => {
      const parsed = SetOptions.safeParse(opts)
      if (!parsed.success)
        throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '))
      const { tenant, ...input } = parsed.data
      return withDatabase(io, { migrated: true }, async (database) => {
        const source = await postgresLrsSourceStore(database.db).setSource(tenant, input, 'cli')
        io.out(
          `tenant ${source.tenantId}: ${source.endpoint} (pull ${source.pull ? 'on' : 'off'}, forward ${source.forward ? 'on' : 'off'})\n`,
        )
      })
    })

  cmd
    .command('status')
    .description('each upstream LRS: how far pulling has got, its lag and last error')
    .action(() =>
      withDatabase(io, { migrated: true }, async (database) => {
        const sources = await postgresLrsSourceStore(database.db).listSources()
        if (sources.length === 0) io.out('no upstream LRS configured\n')
        const now = Date.now()
        for (const s of sources) {
          const lag = s.cursor
            ? `lag ${Math.round((now - s.cursor.getTime()) / 1000)} s`
            : 'nothing pulled yet'
          const last = s.lastPulledAt
            ? `last pulled ${s.lastPulledAt.toISOString()}`
            : 'never pulled'
          const error = s.lastError ? `  error (${s.failures} in a row): ${s.lastError}` : ''
          io.out(
            `${s.tenantId}  ${s.endpoint}  pull ${s.pull ? 'on' : 'off'}  forward ${s.forward ? 'on' : 'off'}  ${lag}  ${last}${error}\n`,
          )
        }
      }),
    )

  cmd
    .command('remove')
    .description("remove a tenant's upstream LRS (its credentials are deleted; audited)")
    .requiredOption('--tenant <id>', 'the tenant')
    .action((opts: Record<string, unknown>) => {
      const parsed = RemoveOptions.safeParse(opts)
      if (!parsed.success)
        throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '))
      const { tenant } = parsed.data
      return withDatabase(io, { migrated: true }, async (database) => {
        if (!(await postgresLrsSourceStore(database.db).removeSource(tenant, 'cli'))) {
          throw new CommandFailed(
            bilingual(`đơn vị ${tenant} không có nguồn LRS`, `tenant ${tenant} has no LRS source`),
          )
        }
        io.out(`tenant ${tenant}: LRS source removed\n`)
      })
    })
  return cmd
}
