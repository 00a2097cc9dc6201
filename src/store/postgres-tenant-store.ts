import { asc, eq } from 'drizzle-orm'
import type { Db } from './database.ts'
import { StoreNotFound } from './errors.ts'
import { tenants } from './schema/index.ts'
import { SQLSTATE, sqlState } from './sql-state.ts'
import type { Tenant, TenantKind, TenantStore } from './tenant-store.ts'

type TenantRow = typeof tenants.$inferSelect

/** The tenant store on PostgreSQL. */
export function postgresTenantStore(db: Db): TenantStore {
  return {
    async createTenant({ kind, name, parentId }) {
      try {
        const [row] = await db.insert(tenants).values({ kind, name, parentId }).returning()
        return tenantRowToTenant(row!)
      } catch (err) {
        if (sqlState(err) === SQLSTATE.foreignKeyViolation) {
          throw new StoreNotFound(`parent tenant ${parentId} does not exist`, { cause: err })
        }
        throw err
      }
    },

    async getTenant(id) {
      const [row] = await db.select().from(tenants).where(eq(tenants.id, id))
      return row && tenantRowToTenant(row)
    },

    async listTenants() {
      const rows = await db.select().from(tenants).orderBy(asc(tenants.createdAt), asc(tenants.id))
      return rows.map(tenantRowToTenant)
    },

    async setSettings(id, settings) {
      const rows = await db
        .update(tenants)
        .set({ settings })
        .where(eq(tenants.id, id))
        .returning({ id: tenants.id })
      return rows.length > 0
    },
  }
}

function tenantRowToTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    kind: row.kind as TenantKind,
    name: row.name,
    parentId: row.parentId ?? undefined,
    settings: row.settings as Readonly<Record<string, unknown>>,
    createdAt: row.createdAt,
  }
}
