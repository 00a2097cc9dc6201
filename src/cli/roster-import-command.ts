import { type FileHandle, open, rm } from 'node:fs/promises'
import { createRosterAccounts } from '../accounts/roster-accounts.ts'
import {
  formatRosterAccountsCsv,
  formatRosterAccountsTable,
} from '../accounts/roster-accounts-csv.ts'
import { parseRosterCsv, staffEmails } from '../accounts/roster-csv.ts'
import { importRoster } from '../accounts/roster-import.ts'
import { loadFrameworksInForce } from '../evaluation/frameworks-in-force.ts'
import { tenantSettings } from '../evaluation/settings.ts'
import type { Database } from '../store/database.ts'
import { createStores, type Stores, type Tenant } from '../store/index.ts'
import { CommandFailed, type Io, localPath, readInputFile, UsageError } from './io.ts'
import { progressBar } from './progress.ts'
import { bilingual, cliMessages } from './messages.ts'
import { problemLine } from './problem-line.ts'

export interface RosterImportCommandOptions {
  readonly validOnly?: boolean
  /** Make a teacher's account for each person of the file with none yet. */
  readonly accounts?: boolean
  /** Where the first passwords go (a CSV file, mode 0600); stdout when absent. */
  readonly passwordsOut?: string
}

/**
 * `nls roster import <file>`: the roster's people in batches with a progress bar on stderr, then,
 * with `--accounts`, a teacher's account for each of them who has none, their first passwords in
 * a file only its owner can read (or on stdout).
 */
export async function importRosterFile(
  io: Io,
  database: Database,
  tenantId: string,
  file: string,
  opts: RosterImportCommandOptions,
): Promise<void> {
  if (opts.passwordsOut !== undefined && !opts.accounts)
    throw new UsageError(
      bilingual('--passwords-out chỉ dùng cùng --accounts', '--passwords-out goes with --accounts'),
    )
  const stores = createStores(database.db)
  const tenant = await stores.tenants.getTenant(tenantId)
  if (!tenant) throw new UsageError(cliMessages.noTenant(tenantId))
  const text = await readInputFile(io, file)
  // The passwords' file is made first, so that no account is made whose password has nowhere to
  // go; only its owner may read it, and an existing file (another run's passwords) is left alone.
  const out = opts.passwordsOut === undefined ? undefined : localPath(io, opts.passwordsOut)
  const passwords = out === undefined ? undefined : await open(out, 'wx', 0o600).catch(refuse(out))
  try {
    await importAndMake(io, stores, tenant, text, opts, passwords && { out: out!, passwords })
  } catch (err) {
    if (passwords) {
      await passwords.close()
      await rm(out!, { force: true })
    }
    throw err
  }
  await passwords?.close()
}

function refuse(out: string) {
  return (err: unknown): never => {
    const code = (err as NodeJS.ErrnoException).code
    throw new UsageError(
      code === 'EEXIST'
        ? bilingual(
            `--passwords-out ${out} đã có; hãy đặt tên một tệp mới`,
            `--passwords-out ${out} exists already; name a new file`,
          )
        : bilingual(
            `--passwords-out ${out} không tạo được (${code ?? String(err)})`,
            `--passwords-out ${out} cannot be made (${code ?? String(err)})`,
          ),
      { cause: err },
    )
  }
}

async function importAndMake(
  io: Io,
  stores: Stores,
  tenant: Tenant,
  text: string,
  opts: RosterImportCommandOptions,
  file: { readonly out: string; readonly passwords: FileHandle } | undefined,
): Promise<void> {
  const tenantId = tenant.id
  const { catalog } = await loadFrameworksInForce(stores)
  const settings = tenantSettings(tenant.settings)
  const { rows, problems } = parseRosterCsv(
    text,
    catalog,
    settings.audience.split('.')[0]!,
    settings.accountHomePage,
  )
  for (const p of problems) io.err(`${problemLine(p)}\n`)
  if (problems.length > 0 && !opts.validOnly) {
    throw new CommandFailed(
      bilingual(
        `${problems.length} lỗi; chưa nhập gì (hãy sửa, hoặc dùng --valid-only)`,
        `${problems.length} problem(s); nothing imported (fix them, or --valid-only)`,
      ),
    )
  }
  const bar = progressBar(io, 'roster')
  const imported = await importRoster(stores, tenantId, rows, { onProgress: bar.update }).finally(
    () => bar.stop(),
  )
  for (const p of imported.problems) io.err(`${problemLine(p)}\n`)
  await stores.audit.record({
    tenantId,
    actor: 'cli',
    action: 'roster.import',
    subject: `tenant:${tenantId}`,
    details: {
      added: imported.added,
      updated: imported.updated,
      problems: problems.length + imported.problems.length,
    },
  })
  io.out(`roster: ${imported.added} added, ${imported.updated} updated\n`)
  if (!opts.accounts) return

  const hashing = progressBar(io, 'accounts')
  const { made, skipped } = await createRosterAccounts(stores, tenantId, {
    actor: 'cli',
    emails: staffEmails(rows),
    onProgress: hashing.update,
  }).finally(() => hashing.stop())
  for (const s of skipped) io.err(`${s.message}\n`)
  if (!file) {
    io.err(`${made.length} teacher account(s) made; their first passwords are shown only now:\n`)
    if (made.length > 0) io.out(formatRosterAccountsTable(made))
    return
  }
  await file.passwords.writeFile(formatRosterAccountsCsv(made))
  io.out(`${made.length} teacher account(s) made; their first passwords are in ${file.out}\n`)
}
