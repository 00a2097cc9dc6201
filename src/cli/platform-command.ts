import { Command } from 'commander'
import { PlatformRegistration } from '../../lti/platform-input.ts'
import { postgresPlatformStore } from '../store/postgres-platform-store.ts'
import { UsageError, type Io } from './io.ts'
import { withDatabase } from './with-database.ts'

/** `nls platform …`: LMSs registered as LTI 1.3 platforms. */
export function platformCommand(io: Io): Command {
  const cmd = new Command('platform').description('LMSs registered as LTI 1.3 platforms')

  cmd
    .command('add')
    .description(
      'register a platform by hand (Moodle: values from the tool\'s "View configuration details")',
    )
    .requiredOption('--issuer <url>', "the platform's issuer, e.g. https://lms.example.edu.vn")
    .requiredOption('--client-id <id>', 'the client ID the platform gave this tool')
    .requiredOption('--auth-url <url>', 'OIDC authentication URL (Moodle: …/mod/lti/auth.php)')
    .requiredOption('--token-url <url>', 'access token URL (Moodle: …/mod/lti/token.php)')
    .requiredOption('--jwks-url <url>', 'public keyset URL (Moodle: …/mod/lti/certs.php)')
    .requiredOption('--deployment-id <id...>', 'deployment ID(s) (Moodle: usually 1)')
    .option('--name <name>', 'a name people recognise (default: the issuer host)')
    .action(
      (opts: {
        issuer: string
        clientId: string
        authUrl: string
        tokenUrl: string
        jwksUrl: string
        deploymentId: string[]
        name?: string
      }) => {
        const parsed = PlatformRegistration.safeParse({ ...opts, deploymentIds: opts.deploymentId })
        if (!parsed.success) {
          throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '))
        }
        return withDatabase(io, { migrated: true }, async (database) => {
          const platform = await postgresPlatformStore(database.db).addPlatform(parsed.data, 'cli')
          io.out(
            `registered ${platform.name}: issuer ${platform.issuer}, client_id ${platform.clientId}, deployments ${platform.deploymentIds.join(', ')} (platform ${platform.id}, tenant ${platform.tenantId})\n`,
          )
        })
      },
    )

  cmd
    .command('list')
    .description('the registered platforms')
    .action(() =>
      withDatabase(io, { migrated: true }, async (database) => {
        const platforms = await postgresPlatformStore(database.db).listPlatforms()
        if (platforms.length === 0) io.out('no platforms registered\n')
        for (const p of platforms) {
          io.out(
            `${p.id}  ${p.name}  issuer ${p.issuer}  client_id ${p.clientId}  deployments ${p.deploymentIds.join(',')}\n`,
          )
        }
      }),
    )
  return cmd
}
