import { Command } from 'commander'
import { z } from 'zod'
import { generatePassword, hashPassword } from '../accounts/password.ts'
import { parseRosterCsv, formatRosterProblem } from '../accounts/roster-csv.ts'
import { normaliseUsername } from '../accounts/username.ts'
import { importRoster } from '../accounts/roster-import.ts'
import { loadFrameworksInForce } from '../evaluation/frameworks-in-force.ts'
import { tenantSettings } from '../evaluation/settings.ts'
import { createStores, type LocalAccount, type LocalRole, type Stores } from '../store/index.ts'
import { isUuid } from '../store/is-uuid.ts'
import { CommandFailed, type Io, UsageError } from './io.ts'
import { withDatabase } from './with-database.ts'
import { normaliseEmail } from '../accounts/email.ts'

const ROLES = { manager: 'administrator', trainer: 'instructor', teacher: 'learner' } as const
const ROLE_NAMES: Readonly<Record<LocalRole, keyof typeof ROLES>> = {
  administrator: 'manager',
  instructor: 'trainer',
  learner: 'teacher',
}
const ROLE_HELP = 'manager (reports), trainer (class, review) or teacher (their own profile)'
const ROLE_REFUSED = '--role must be manager, trainer or teacher'

function roleOption(value: string): LocalRole {
  if (!Object.hasOwn(ROLES, value)) throw new UsageError(ROLE_REFUSED)
  return ROLES[value as keyof typeof ROLES]
}
const Username = z
  .string()
  .transform(normaliseUsername)
  .pipe(
    z.string().regex(/^[a-z0-9._@-]{3,64}$/, 'must be 3–64 lower-case letters, digits or . _ @ -'),
  )

function tenantOption(value: string): string {
  if (!isUuid(value)) throw new UsageError(`--tenant must be a tenant id (a UUID), got "${value}"`)
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
        const username = Username.safeParse(opts.username)
        if (!username.success)
          throw new UsageError(`--username ${username.error.issues[0]!.message}`)
        const role = roleOption(opts.role)
        const email = opts.email === undefined ? undefined : normaliseEmail(opts.email)
        if (email !== undefined && !z.email().safeParse(email).success)
          throw new UsageError(
            `--email must be an email address such as gv@truong.edu.vn, got "${opts.email}"`,
          )
        return withDatabase(io, { migrated: true }, async (database) => {
          const stores = createStores(database.db)
          if (!(await stores.tenants.getTenant(tenantId)))
            throw new UsageError(`no tenant ${tenantId}`)
          const password = generatePassword()
          const passwordHash = await hashPassword(password)
          await stores.transaction(async (tx) => {
            const person = await tx.people.upsertPersonByIdentity(
              tenantId,
              email
                ? { kind: 'mbox', mbox: `mailto:${email}` }
                : { kind: 'account', homePage: 'urn:nls:local-account', name: username.data },
              { ...(opts.name && { name: opts.name }), ...(email && { email }) },
            )
            await tx.localAccounts.createAccount(tenantId, {
              username: username.data,
              passwordHash,
              role,
              personId: person.id,
            })
            await tx.audit.record({
              tenantId,
              actor: 'cli',
              action: 'account.add',
              subject: `person:${person.id}`,
              details: { username: username.data, role },
            })
          })
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
            `${a.username}  ${ROLE_NAMES[a.role]}  ${a.disabledAt ? `disabled ${a.disabledAt.toISOString()}` : 'active'}\n`,
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
        const password = generatePassword()
        const passwordHash = await hashPassword(password)
        await changeAccount(createStores(database.db), opts, 'account.password', (tx, tenantId) =>
          tx.localAccounts.setPassword(tenantId, opts.username, passwordHash),
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
        await changeAccount(createStores(database.db), opts, 'account.role', (tx, tenantId) =>
          tx.localAccounts.setRole(tenantId, opts.username, role),
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
        await changeAccount(createStores(database.db), opts, 'account.disable', (tx, tenantId) =>
          tx.localAccounts.disable(tenantId, opts.username, new Date()),
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
      'add or update staff: email, name (ho_ten), unit (don_vi), table (bang), LMS account (tai_khoan, trang_chu)',
    )
    .argument('<file>', 'the CSV file (UTF-8; comma or semicolon)')
    .requiredOption('--tenant <id>', 'the tenant')
    .option('--valid-only', 'import the good rows even when others have problems')
    .action((file: string, opts: { tenant: string; validOnly?: boolean }) =>
      withDatabase(io, { migrated: true }, async (database) => {
        const tenantId = tenantOption(opts.tenant)
        const stores = createStores(database.db)
        const tenant = await stores.tenants.getTenant(tenantId)
        if (!tenant) throw new UsageError(`no tenant ${tenantId}`)
        const { catalog } = await loadFrameworksInForce(stores)
        const settings = tenantSettings(tenant.settings)
        const { rows, problems } = parseRosterCsv(
          await io.readFile(file),
          catalog,
          settings.audience.split('.')[0]!,
          settings.accountHomePage,
        )
        for (const p of problems) io.err(`${formatRosterProblem(p)}\n`)
        if (problems.length > 0 && !opts.validOnly) {
          throw new CommandFailed(
            `${problems.length} problem(s); nothing imported (fix them, or --valid-only)`,
          )
        }
        const { added, updated, ...imported } = await importRoster(stores, tenantId, rows)
        for (const p of imported.problems) io.err(`${formatRosterProblem(p)}\n`)
        io.out(`roster: ${added} added, ${updated} updated\n`)
      }),
    )
  return [account, roster]
}

/**
 * Changes an account and, in the same transaction, ends its person's sessions (a session still
 * carries the old password's, role's or enabled account's rights) and audits the change.
 */
async function changeAccount(
  stores: Stores,
  opts: { readonly tenant: string; readonly username: string },
  action: string,
  change: (tx: Stores, tenantId: string) => Promise<LocalAccount | undefined>,
): Promise<void> {
  const tenantId = tenantOption(opts.tenant)
  await stores.transaction(async (tx) => {
    const account = await change(tx, tenantId)
    if (!account) throw new CommandFailed(`no account ${opts.username} in that tenant`)
    await tx.people.endSessions(tenantId, account.personId)
    await tx.audit.record({
      tenantId,
      actor: 'cli',
      action,
      subject: `account:${account.id}`,
      details: { username: account.username, role: account.role },
    })
  })
}
