import { Command } from 'commander'
import { z } from 'zod'
import { findOrganisation } from '../../lti/registration-invitation.ts'
import { createStores } from '../store/index.ts'
import type { TenantMoveRefusal } from '../store/tenant-store.ts'
import { UsageError, type Io } from './io.ts'
import { withDatabase } from './with-database.ts'
import { bilingual, cliMessages } from './messages.ts'

const TenantId = z.uuid()

/** Why a tenant cannot go where it was asked, in Vietnamese (the store says it in English). */
const MOVE_REFUSED: Readonly<Record<TenantMoveRefusal, string>> = {
  'tenant-unknown': 'không có đơn vị này',
  'parent-unknown': 'không có đơn vị này',
  'parent-not-organisation': 'đơn vị này không phải phòng GD&ĐT (đơn vị tổ chức)',
  'parent-is-tenant': 'một đơn vị không thể trực thuộc chính nó',
  'parent-under-tenant': 'đơn vị này đang trực thuộc đơn vị cần chuyển: sẽ thành một vòng lặp',
}

/** `--parent none` (or không): the tenant belongs to no district. */
const NO_PARENT = /^(none|không|khong)$/i

/** `nls tenant move`: puts a school (an LMS's tenant too) into a district, or out of it. */
export function tenantMoveCommand(io: Io): Command {
  return new Command('move')
    .description(
      'put a tenant (a school, an LMS registration) under a district, whose reports then count its staff; or under none',
    )
    .requiredOption('--tenant <id>', 'the tenant to move (nls tenant list shows them)')
    .requiredOption(
      '--parent <district>',
      'the district: an organisation tenant id or name; none takes the tenant out of its district',
    )
    .action((opts: { tenant: string; parent: string }) => {
      if (!TenantId.safeParse(opts.tenant).success) {
        throw new UsageError(cliMessages.tenantIdExpected('--tenant', opts.tenant))
      }
      const wanted = opts.parent.trim()
      return withDatabase(io, { migrated: true }, async (database) => {
        const stores = createStores(database.db)
        let parentId: string | undefined
        if (NO_PARENT.test(wanted)) parentId = undefined
        else if (TenantId.safeParse(wanted).success) parentId = wanted
        else {
          const found = await findOrganisation(stores.tenants, wanted)
          if (!found.tenant) {
            throw new UsageError(
              cliMessages.organisationNotFound('--parent', wanted, found.problem),
            )
          }
          parentId = found.tenant.id
        }
        const move = await stores.tenants.setParent(opts.tenant, parentId, 'cli')
        if (!move.moved) {
          const option = move.refusal === 'tenant-unknown' ? '--tenant' : '--parent'
          throw new UsageError(
            bilingual(`${option}: ${MOVE_REFUSED[move.refusal]}`, `${option}: ${move.problem}`),
          )
        }
        const where = parentId === undefined ? 'no district' : `district ${parentId}`
        const was = move.before === undefined ? 'none' : move.before
        io.out(`${move.tenant.id}  ${move.tenant.name}: now under ${where} (was ${was})\n`)
      })
    })
}
