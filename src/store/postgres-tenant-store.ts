import { and, asc, eq, type SQL, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { StoreNotFound } from './errors.ts'
import { isUuid } from './is-uuid.ts'
import { insertAuditEntry } from './postgres-audit-log.ts'
import { queryRows } from './query-rows.ts'
import { tenants } from './schema/index.ts'
import { SQLSTATE, sqlState } from './sql-state.ts'
import type { Tenant, TenantKind, TenantMove, TenantStore } from './tenant-store.ts'

// The key of the advisory lock that serialises tenant moves (pg_advisory_xact_lock(int, int)):
// "NLS" and 2, so that two moves at once cannot together make a cycle.
const MOVE_LOCK_SPACE = 0x4e4c5302

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

    async treeAround(id, options = {}) {
      const { depth } = options
      if (depth !== undefined && !(Number.isInteger(depth) && depth >= 0)) {
        throw new TypeError(`depth must be a whole number from 0, not ${depth}`)
      }
      if (!isUuid(id)) return []
      const rows = await db
        .select()
        .from(tenants)
        .where(sql`${tenants.id} in (${idsAround(id, depth)})`)
        .orderBy(asc(tenants.createdAt), asc(tenants.id))
      return rows.map(tenantRowToTenant)
    },

    async hasOrganisationsUnder(id) {
      const [row] = await db
        .select({ id: tenants.id })
        .from(tenants)
        .where(and(eq(tenants.parentId, id), eq(tenants.kind, 'organisation')))
        .limit(1)
      return row !== undefined
    },

    async setSettings(id, settings) {
      const rows = await db
        .update(tenants)
        .set({ settings })
        .where(eq(tenants.id, id))
        .returning({ id: tenants.id })
      return rows.length > 0
    },

    setParent: (id, parentId, actor) =>
      db.transaction(async (tx): Promise<TenantMove> => {
        await tx.execute(sql`select pg_advisory_xact_lock(${MOVE_LOCK_SPACE}::int, 0)`)
        const [row] = await tx.select().from(tenants).where(eq(tenants.id, id))
        if (!row) {
          return { moved: false, refusal: 'tenant-unknown', problem: `no tenant ${id}` }
        }
        if (parentId !== undefined) {
          const refused = await parentProblem(tx, id, parentId)
          if (refused) return refused
        }
        const before = row.parentId ?? undefined
        const [updated] = await tx
          .update(tenants)
          .set({ parentId: parentId ?? null })
          .where(eq(tenants.id, id))
          .returning()
        await insertAuditEntry(tx, {
          tenantId: id,
          actor,
          action: 'tenant.move',
          subject: `tenant:${id}`,
          details: { before: before ?? null, after: parentId ?? null },
        })
        return { moved: true, tenant: tenantRowToTenant(updated!), before }
      }),
  }
}

/**
 * The ids of the tree around tenant `id` in one statement: down through parent_id (its index),
 * `depth` levels or all, and up through the parents to the top. `union` drops a row already
 * found, so a cycle (which setParent refuses) cannot make the walk endless.
 */
function idsAround(id: string, depth: number | undefined): SQL {
  const down =
    depth === undefined
      ? sql`down(id) as (
          select id from tenants where id = ${id}
          union
          select t.id from tenants t join down on t.parent_id = down.id
        )`
      : sql`down(id, depth) as (
          select id, 0 from tenants where id = ${id}
          union
          select t.id, down.depth + 1 from tenants t join down on t.parent_id = down.id
          where down.depth < ${depth}::int
        )`
  return sql`with recursive ${down},
    up(id, parent_id) as (
      select id, parent_id from tenants where id = ${id}
      union
      select t.id, t.parent_id from tenants t join up on t.id = up.parent_id
    )
    select id from down union select id from up`
}

/** Why `parentId` cannot hold tenant `id`, or undefined when it can. */
async function parentProblem(
  db: Db,
  id: string,
  parentId: string,
): Promise<Extract<TenantMove, { moved: false }> | undefined> {
  if (parentId === id) {
    return {
      moved: false,
      refusal: 'parent-is-tenant',
      problem: `tenant ${id} cannot be its own parent`,
    }
  }
  const [parent] = await db.select().from(tenants).where(eq(tenants.id, parentId))
  if (!parent) {
    return { moved: false, refusal: 'parent-unknown', problem: `no tenant ${parentId}` }
  }
  if (parent.kind !== 'organisation') {
    return {
      moved: false,
      refusal: 'parent-not-organisation',
      problem: `${parent.name} (${parentId}) is a ${parent.kind} tenant, not an organisation`,
    }
  }
  // Walk up from the parent: meeting the tenant means the parent is under it.
  const [cycle] = await queryRows<{ found: number }>(
    db,
    sql`with recursive up(id, parent_id) as (
          select id, parent_id from tenants where id = ${parentId}
          union
          select t.id, t.parent_id from tenants t join up on t.id = up.parent_id
        )
        select 1 as found from up where id = ${id}`,
  )
  if (cycle) {
    return {
      moved: false,
      refusal: 'parent-under-tenant',
      problem: `${parent.name} (${parentId}) is under tenant ${id}: that would make a cycle`,
    }
  }
  return undefined
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
