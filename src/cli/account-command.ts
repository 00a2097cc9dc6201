import { Command } from 'commander'
import {
  ACCOUNT_ROLE_NAMES,
  AccountEmail,
  AccountUsername,
  accountRoleOf,
  addAccount,
  disableAccount,
  resetAccountPassword,
  setAccountRole,
} from '../accounts/account-actions.ts'
import { normaliseUsername } from '../accounts/username.ts'
import { importRosterFile } from './roster-import-command.ts'
import { createStores, type LocalRole } from '../store/index.ts'
import { isUuid } from '../store/is-uuid.ts'
import { type Io, UsageError } from './io.ts'
import { withDatabase } from './with-database.ts'
import { bilingual, cliMessages } from './messages.ts'

const ROLE_HELP = 'manager (reports), trainer (class, review) or teacher (their own profile)'
const ROLE_REFUSED = bilingual(
  '--role phải là manager (quản lý), trainer (bồi dưỡng) hoặc teacher (giáo viên)',
  '--role must be manager, trainer or teacher',
)

function roleOption(value: string): LocalRole {
  const role = accountRoleOf(value)
  if (!role) throw new UsageError(ROLE_REFUSED)
  return role
}

function tenantOption(value: string): string {
  if (!isUuid(value)) throw new UsageError(cliMessages.tenantIdExpected('--tenant', value))
  return value
}

/**
 * `nls account …`: sign-ins of NLS's own for managers, trainers and teachers of schools without
 * an LMS launch (an email makes the account the roster's person of that email); `nls roster
 * import`: their staff from a CSV file.
 */
export function accountCommands(io: Io): Command[] {
  const account = new Command('account').description(
    'sign-ins for managers, trainers and teachers without an LMS (K12Online, or no LMS)',
  )
  account
    .command('add')
    .description('make an account; its password is printed once')
    .requiredOption('--tenant <id>', 'the tenant (a school, or a district organisation)')
    .requiredOption('--username <name>', 'the user name to sign in with')
    .requiredOption('--role <role>', ROLE_HELP)
    .option('--name <name>', 'the full name')
    .option('--email <email>', 'the email (statements naming it count for this person)')
    .action(
      (opts: { tenant: string; username: string; role: string; name?: string; email?: string }) => {
        const tenantId = tenantOption(opts.tenant)
        const username = AccountUsername.safeParse(opts.username)
        if (!username.success)
          throw new UsageError(
            cliMessages.optionInvalid('--username', username.error.issues[0]!.message),
          )
        const role = roleOption(opts.role)
        const email = opts.email === undefined ? undefined : AccountEmail.safeParse(opts.email)
        if (email !== undefined && !email.success)
          throw new UsageError(
            bilingual(
              `--email phải là một địa chỉ email như gv@truong.edu.vn, nhận "${opts.email}"`,
              `--email must be an email address such as gv@truong.edu.vn, got "${opts.email}"`,
            ),
          )
        return withDatabase(io, { migrated: true }, async (database) => {
          const stores = createStores(database.db)
          if (!(await stores.tenants.getTenant(tenantId)))
            throw new UsageError(cliMessages.noTenant(tenantId))
          const { password } = await addAccount(
            stores,
            {
              tenantId,
              username: username.data,
              role,
              ...(opts.name && { name: opts.name }),
              ...(email && { email: email.data }),
            },
            'cli',
          )
          io.err(
            `account ${username.data} (${opts.role}) created; the password is shown only now:\n`,
          )
          io.out(`${password}\n`)
        })
      },
    )
  account
    .command('list')
    .description("a tenant's accounts")
    .requiredOption('--tenant <id>', 'the tenant')
    .action((opts: { tenant: string }) =>
      withDatabase(io, { migrated: true }, async (database) => {
        const accounts = await createStores(database.db).localAccounts.listAccounts(
          tenantOption(opts.tenant),
        )
        if (accounts.length === 0) io.out('no accounts\n')
        for (const a of accounts) {
          io.out(
            `${a.username}  ${ACCOUNT_ROLE_NAMES[a.role]}  ${a.disabledAt ? `disabled ${a.disabledAt.toISOString()}` : 'active'}\n`,
          )
        }
      }),
    )
  account
    .command('password')
    .description('give an account a new password (printed once); its sessions end')
    .requiredOption('--tenant <id>', 'the tenant')
    .requiredOption('--username <name>', 'the user name')
    .action((opts: { tenant: string; username: string }) =>
      withDatabase(io, { migrated: true }, async (database) => {
        const { password } = await resetAccountPassword(
          createStores(database.db),
          tenantOption(opts.tenant),
          opts.username,
          'cli',
        )
        io.out(`${password}\n`)
      }),
    )
  account
    .command('role')
    .description('change what an account may do; its sessions end')
    .requiredOption('--tenant <id>', 'the tenant')
    .requiredOption('--username <name>', 'the user name')
    .requiredOption('--role <role>', ROLE_HELP)
    .action((opts: { tenant: string; username: string; role: string }) => {
      const role = roleOption(opts.role)
      return withDatabase(io, { migrated: true }, async (database) => {
        await setAccountRole(
          createStores(database.db),
          tenantOption(opts.tenant),
          opts.username,
          role,
          'cli',
        )
        io.out(`account ${normaliseUsername(opts.username)} is now a ${opts.role}\n`)
      })
    })
  account
    .command('disable')
    .description('stop an account from signing in; its sessions end')
    .requiredOption('--tenant <id>', 'the tenant')
    .requiredOption('--username <name>', 'the user name')
    .action((opts: { tenant: string; username: string }) =>
      withDatabase(io, { migrated: true }, async (database) => {
        await disableAccount(
          createStores(database.db),
          tenantOption(opts.tenant),
          opts.username,
          new Date(),
          'cli',
        )
        io.out(`account ${normaliseUsername(opts.username)} disabled\n`)
      }),
    )

  const roster = new Command('roster').description(
    'staff from a CSV file (schools without an LMS roster)',
  )
  roster
    .command('import')
    .description(
      'add or update staff: email, name (ho_ten), unit (don_vi), table (bang), LMS account (tai_khoan, trang_chu), position (chuc_vu), school level (cap_hoc), grade (khoi)',
    )
    .argument('<file>', 'the CSV file (UTF-8; comma or semicolon)')
    .requiredOption('--tenant <id>', 'the tenant')
    .option('--valid-only', 'import the good rows even when others have problems')
    .option(
      '--accounts',
      "then make a teacher's account (user name: the email) for each person of the file with none",
    )
    .option(
      '--passwords-out <file.csv>',
      'with --accounts: write the first passwords to this new CSV file (mode 0600), not stdout',
    )
    .action(
      (
        file: string,
        opts: { tenant: string; validOnly?: boolean; accounts?: boolean; passwordsOut?: string },
      ) => {
        const tenantId = tenantOption(opts.tenant)
        return withDatabase(io, { migrated: true }, (database) =>
          importRosterFile(io, database, tenantId, file, opts),
        )
      },
    )
  return [account, roster]
}
