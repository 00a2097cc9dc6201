import { Command } from 'commander'
import { PlatformRegistration } from '../../lti/platform-input.ts'
import {
  findOrganisation,
  INVITATION_DAYS,
  InvitationRequest,
  makeInvitation,
} from '../../lti/registration-invitation.ts'
import { loadConfig } from '../config/config.ts'
import { publicUrl } from '../config/public-url.ts'
import { createStores } from '../store/index.ts'
import { postgresPlatformStore } from '../store/postgres-platform-store.ts'
import { UsageError, type Io } from './io.ts'
import { withDatabase } from './with-database.ts'
import { bilingual, cliMessages } from './messages.ts'

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
    .option(
      '--parent <organisation>',
      'the district (organisation tenant id or name) it belongs to',
    )
    .action(
      (opts: {
        issuer: string
        clientId: string
        authUrl: string
        tokenUrl: string
        jwksUrl: string
        deploymentId: string[]
        name?: string
        parent?: string
      }) => {
        const { parent, ...given } = opts
        const parsed = PlatformRegistration.safeParse({
          ...given,
          deploymentIds: opts.deploymentId,
        })
        if (!parsed.success) {
          throw new UsageError(
            cliMessages.valueInvalid(parsed.error.issues.map((i) => i.message).join('; ')),
          )
        }
        return withDatabase(io, { migrated: true }, async (database) => {
          const stores = createStores(database.db)
          let parentId: string | undefined
          if (parent !== undefined) {
            const found = await findOrganisation(stores.tenants, parent.trim())
            if (!found.tenant) {
              throw new UsageError(
                cliMessages.organisationNotFound('--parent', parent.trim(), found.problem),
              )
            }
            parentId = found.tenant.id
          }
          const platform = await postgresPlatformStore(database.db).addPlatform(
            { ...parsed.data, ...(parentId !== undefined && { parentId }) },
            'cli',
          )
          const tenant = await stores.tenants.getTenant(platform.tenantId)
          if (parentId !== undefined && tenant?.parentId !== parentId) {
            io.err(
              `nls: ${bilingual(
                `cảnh báo: issuer này đã được đăng ký, nên nền tảng vào đơn vị ${platform.tenantId} của nó, đơn vị ấy giữ nguyên chỗ cũ; nls tenant move --tenant ${platform.tenantId} --parent ${parentId} sẽ chuyển nó`,
                `warning: the issuer was registered already, so the platform joined its tenant ${platform.tenantId}, which stays where it was; nls tenant move --tenant ${platform.tenantId} --parent ${parentId} moves it`,
              )}\n`,
            )
          }
          io.out(
            `registered ${platform.name}: issuer ${platform.issuer}, client_id ${platform.clientId}, deployments ${platform.deploymentIds.join(', ')} (platform ${platform.id}, tenant ${platform.tenantId})\n`,
          )
        })
      },
    )

  cmd
    .command('invite')
    .description(
      'make a single-use registration URL to paste as the "Tool URL" of Moodle\'s LTI Dynamic Registration',
    )
    .option('--name <name>', 'the name the platform gets (default: the one the LMS gives)')
    .option(
      '--parent <organisation>',
      'the district (organisation tenant id or name) it belongs to',
    )
    .option('--days <days>', 'how many days the URL stays usable', String(INVITATION_DAYS))
    .action((opts: { name?: string; parent?: string; days: string }) => {
      const parsed = InvitationRequest.safeParse(opts)
      if (!parsed.success) {
        throw new UsageError(
          parsed.error.issues
            .map((i) => cliMessages.optionInvalid(`--${i.path.join('.')}`, i.message))
            .join('; '),
        )
      }
      const request = parsed.data
      return withDatabase(io, { migrated: true }, async (database) => {
        const stores = createStores(database.db)
        let parentId: string | undefined
        if (request.parent !== undefined) {
          const found = await findOrganisation(stores.tenants, request.parent)
          if (!found.tenant) {
            throw new UsageError(
              cliMessages.organisationNotFound('--parent', request.parent, found.problem),
            )
          }
          parentId = found.tenant.id
        }
        const base = publicUrl(loadConfig(io.env))
        const { invitation, url } = await makeInvitation(
          stores.invitations,
          {
            days: request.days,
            ...(request.name !== undefined && { name: request.name }),
            ...(parentId !== undefined && { parentId }),
          },
          { actor: 'cli', now: new Date(), baseUrl: base.url },
        )
        io.err(
          `invitation ${invitation.id}: registers one platform, until ${invitation.expiresAt.toISOString()}; the URL is shown only now\n`,
        )
        // Moodle must be given an address it reaches NLS at; this shell may not know it.
        if (base.guessed) {
          io.err(
            `nls: ${bilingual(
              `cảnh báo: NLS_PUBLIC_URL chưa được đặt, nên URL dưới đây chỉ là phỏng đoán từ HOST và PORT (${base.url}); đặt NLS_PUBLIC_URL là địa chỉ LMS truy cập NLS`,
              `warning: NLS_PUBLIC_URL is not set, so the URL below is only a guess from HOST and PORT (${base.url}); set NLS_PUBLIC_URL to the address the LMS reaches NLS at`,
            )}\n`,
          )
        }
        io.out(`${url}\n`)
      })
    })

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
