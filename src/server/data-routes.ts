import { Router } from 'express'
import { z } from 'zod'
import type { AuditLog } from '../store/audit-log.ts'
import { BackupUnavailable, StoreNotFound } from '../store/errors.ts'
import type { PersonDataStore, PersonExport, PersonRef } from '../store/person-data-store.ts'
import { parseInput } from './parse-input.ts'
import { type AdminTokenDeps, adminActor, requireAdmin } from './require-admin.ts'

export interface DataDeps extends AdminTokenDeps {
  readonly audit: AuditLog
  readonly personData: PersonDataStore
  /** A copy of the embedded database; absent for a PostgreSQL server. */
  readonly backup?: () => Promise<Blob>
  readonly now: () => Date
}

const PersonParams = z.object({ id: z.uuid('must be a person id (a UUID)') })
const EraseBody = z.object({
  confirm: z.literal(true, { error: 'must be true: erasing a person cannot be undone' }),
})

/**
 * Keeping data safe, under /api/admin behind an admin token: a backup of the embedded database
 * taken while it serves, and one person's data exported or erased on their request
 * (Decree 13/2023/NĐ-CP, Art. 14 and 16).
 */
export function dataRoutes(deps: DataDeps): Router {
  const router = Router()
  router.use(requireAdmin(deps))

  router.get('/backup', async (_req, res) => {
    const { name, tarball } = await takeBackup(deps, adminActor(res.locals.adminToken))
    res
      .type('application/gzip')
      .setHeader('Content-Disposition', `attachment; filename="${name}"`)
      .send(tarball)
  })

  router.get('/people/:id/export', async (req, res) => {
    const { id } = parseInput(PersonParams, req.params, 'params')
    const ref = await personRef(deps.personData, id)
    const data = await exportPerson(deps, ref, adminActor(res.locals.adminToken))
    res.json(data)
  })

  router.post('/people/:id/erase', async (req, res) => {
    const { id } = parseInput(PersonParams, req.params, 'params')
    parseInput(EraseBody, req.body ?? {}, 'body')
    const ref = await personRef(deps.personData, id)
    const done = await deps.personData.erasePerson(
      ref.tenantId,
      ref.personId,
      adminActor(res.locals.adminToken),
    )
    res.json({ personId: ref.personId, tenantId: ref.tenantId, ...done })
  })
  return router
}

/** A copy of the embedded database, audited: its file name and its bytes (a gzipped tarball). */
export async function takeBackup(
  deps: Pick<DataDeps, 'backup' | 'audit' | 'now'>,
  actor: string,
): Promise<{ name: string; tarball: Buffer }> {
  if (!deps.backup) {
    throw new BackupUnavailable(
      'this installation uses a PostgreSQL server: back it up with pg_dump -Fc',
    )
  }
  const at = deps.now()
  const tarball = Buffer.from(await (await deps.backup()).arrayBuffer())
  await deps.audit.record({
    actor,
    action: 'database.backup',
    subject: 'database',
    details: { bytes: tarball.length },
  })
  return { name: `nls-backup-${at.toISOString().replace(/[:.]/g, '-')}.tar.gz`, tarball }
}

/** Everything kept about one person (their right to a copy), the export audited. */
export async function exportPerson(
  deps: Pick<DataDeps, 'personData' | 'audit' | 'now'>,
  ref: PersonRef,
  actor: string,
): Promise<PersonExport> {
  const data = await deps.personData.exportPerson(ref.tenantId, ref.personId, deps.now())
  await deps.audit.record({
    tenantId: ref.tenantId,
    actor,
    action: 'person.export',
    subject: `person:${ref.personId}`,
  })
  return data
}

async function personRef(store: PersonDataStore, id: string) {
  const [ref] = await store.findPeople(id)
  if (!ref) throw new StoreNotFound(`person ${id} does not exist`)
  return ref
}
