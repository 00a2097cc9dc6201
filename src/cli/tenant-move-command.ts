import { Command } from 'commander'
import { z } from 'zod'
import { findOrganisation } from '../../lti/registration-invitation.ts'
import { createStores } from '../store/index.ts'
import { UsageError, type Io } from './io.ts'
import { withDatabase } from './with-database.ts'

const TenantId = z.uuid()

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
        throw new UsageError(`--tenant must be a tenant id (a UUID; see nls tenant list)`)
      }
      const wanted = opts.parent.trim()
      return withDatabase(io, { migrated: true }, async (database) => {
        const stores = createStores(database.db)
        let parentId: string | undefined
        if (NO_PARENT.test(wanted)) parentId = undefined
        else if (TenantId.safeParse(wanted).success) parentId = wanted
        else {
          const found = await findOrganisation(stores.tenants, wanted)
          if (!found.tenant) throw new UsageError(`--parent: ${found.problem}`)
          parentId = found.tenant.id
        }
        const move = await stores.tenants.setParent(opts.tenant, parentId, 'cli')
        if (!move.moved) {
          const option = move.refusal === 'tenant-unknown' ? '--tenant' : '--parent'
          throw new UsageError(`${option}: ${move.problem}`)
        }
        const where = parentId === undefined ? 'no district' : `district ${parentId}`
        const was = move.before === undefined ? 'none' : move.before
        io.out(`${move.tenant.id}  ${move.tenant.name}: now under ${where} (was ${was})\n`)
      })
    })
}
