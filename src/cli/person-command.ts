import { writeFile } from 'node:fs/promises'
import { Command } from 'commander'
import { z } from 'zod'
import type { PersonRef } from '../store/person-data-store.ts'
import { postgresAuditLog } from '../store/postgres-audit-log.ts'
import { postgresPersonDataStore } from '../store/postgres-person-data-store.ts'
import { CommandFailed, type Io, localPath, UsageError } from './io.ts'
import { withDatabase } from './with-database.ts'
import { bilingual, cliMessages } from './messages.ts'

const TenantOption = z.uuid(cliMessages.tenantIdExpected('--tenant'))
const Who = z
  .string()
  .trim()
  .refine((s) => z.uuid().safeParse(s).success || z.email().safeParse(s).success, {
    message: bilingual(
      '<id-or-email> phải là mã người (một UUID) hoặc một địa chỉ email',
      '<id-or-email> must be a person id (a UUID) or an email address',
    ),
  })

/** `nls person export|erase`: one person's data, for their requests under Decree 13/2023. */
export function personCommand(io: Io): Command {
  const cmd = new Command('person').description(
    "one person's data: a copy of it (export) or its erasure, on the person's request",
  )
  cmd
    .command('export')
    .description('write everything kept about a person as JSON (password hash left out)')
    .argument('<id-or-email>', 'the person id, or an email they are known by')
    .option('--tenant <id>', 'the tenant, when the email is known in several')
    .option('--out <file>', 'write to this file instead of stdout')
    .action((who: string, opts: { tenant?: string; out?: string }) => {
      const { idOrEmail, tenantId } = parseWho(who, opts.tenant)
      return withDatabase(io, { migrated: true }, async (database) => {
        const store = postgresPersonDataStore(database.db)
        const ref = only(await store.findPeople(idOrEmail, tenantId), idOrEmail)
        const data = await store.exportPerson(ref.tenantId, ref.personId, new Date())
        await postgresAuditLog(database.db).record({
          tenantId: ref.tenantId,
          actor: 'cli',
          action: 'person.export',
          subject: `person:${ref.personId}`,
        })
        const json = `${JSON.stringify(data, null, 2)}\n`
        if (opts.out === undefined) return io.out(json)
        await writeFile(localPath(io, opts.out), json, { mode: 0o600 })
        io.err(
          `person ${ref.personId}: ${data.statements.length} statements, ${data.levels.length} levels written to ${opts.out}\n`,
        )
      })
    })
  cmd
    .command('erase')
    .description(
      'erase a person: statements kept with an anonymous actor; identities, levels, history, self-assessments, overrides, targets, evidence and sign-in deleted; audited',
    )
    .argument('<id-or-email>', 'the person id, or an email they are known by')
    .option('--tenant <id>', 'the tenant, when the email is known in several')
    .option('--confirm', 'yes, erase: this cannot be undone (restore a backup to undo)')
    .action((who: string, opts: { tenant?: string; confirm?: boolean }) => {
      const { idOrEmail, tenantId } = parseWho(who, opts.tenant)
      if (!opts.confirm) {
        throw new UsageError(
          bilingual(
            'không thể hoàn tác việc xóa một người: thêm --confirm để tiếp tục',
            'erasing a person cannot be undone: add --confirm to go ahead',
          ),
        )
      }
      return withDatabase(io, { migrated: true }, async (database) => {
        const store = postgresPersonDataStore(database.db)
        const ref = only(await store.findPeople(idOrEmail, tenantId), idOrEmail)
        const done = await store.erasePerson(ref.tenantId, ref.personId, 'cli')
        io.out(
          `person ${ref.personId} erased: ${done.statementsAnonymised} statements anonymised, ${done.mentionsAnonymised} mentions removed\n`,
        )
      })
    })
  return cmd
}

function parseWho(who: string, tenant: string | undefined) {
  const parsed = Who.safeParse(who)
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]!.message)
  const tenantId = tenant === undefined ? undefined : TenantOption.safeParse(tenant)
  if (tenantId && !tenantId.success) throw new UsageError(tenantId.error.issues[0]!.message)
  return { idOrEmail: parsed.data, tenantId: tenantId?.data }
}

function only(refs: readonly PersonRef[], who: string): PersonRef {
  if (refs.length === 0)
    throw new CommandFailed(bilingual(`không có người ${who}`, `no person ${who}`))
  if (refs.length > 1) {
    const tenants = [...new Set(refs.map((r) => r.tenantId))].join(', ')
    throw new CommandFailed(
      bilingual(
        `${who} chỉ ${refs.length} người (đơn vị ${tenants}): thêm --tenant`,
        `${who} names ${refs.length} people (tenants ${tenants}): add --tenant`,
      ),
    )
  }
  return refs[0]!
}
