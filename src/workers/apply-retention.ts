import type { Db } from '../store/database.ts'
import { tenantSettings } from '../evaluation/settings.ts'
import type { TenantStore } from '../store/tenant-store.ts'
import { deleteExpiredStatements, RETENTION_BATCH } from '../store/postgres-statement-retention.ts'

const DAY_MS = 86_400_000

/**
 * Deletes, per tenant with a statementRetentionDays setting, its statements stored longer ago,
 * a batch per transaction; returns how many per tenant that deleted any.
 */
export async function applyRetention(
  db: Db,
  tenants: Pick<TenantStore, 'listTenants'>,
  now: Date,
): Promise<Map<string, number>> {
  const deleted = new Map<string, number>()
  for (const tenant of await tenants.listTenants()) {
    const days = tenantSettings(tenant.settings).statementRetentionDays
    if (days === null) continue
    const cutoff = new Date(now.getTime() - days * DAY_MS)
    let total = 0
    for (;;) {
      const batch = await deleteExpiredStatements(db, tenant.id, cutoff, RETENTION_BATCH)
      total += batch
      if (batch < RETENTION_BATCH) break
    }
    if (total > 0) deleted.set(tenant.id, total)
  }
  return deleted
}
