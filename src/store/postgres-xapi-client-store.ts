import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { and, desc, eq, isNull, or, sql } from 'drizzle-orm'
import type { Db } from './database.ts'
import { StoreConflict, StoreNotFound } from './errors.ts'
import { insertAuditEntry } from './postgres-audit-log.ts'
import { xapiClients } from './schema/index.ts'
import { sqlState, SQLSTATE } from './sql-state.ts'
import type { XapiClient, XapiClientStore } from './xapi-client-store.ts'
import { isUuid } from './is-uuid.ts'

/** xAPI clients in PostgreSQL. */
export function postgresXapiClientStore(db: Db): XapiClientStore {
  return {
    createClient: async (tenantId, name, actor) => {
      const key = randomBytes(12).toString('hex')
      const secret = randomBytes(32).toString('base64url')
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(xapiClients)
            .values({ tenantId, name, key, secretHash: digest(secret) })
            .returning()
          await insertAuditEntry(tx, {
            tenantId,
            actor,
            action: 'xapi-client.create',
            subject: `xapi-client:${row!.id}`,
            details: { name, key },
          })
          return { client: clientRowToClient(row!), secret }
        })
      } catch (err) {
        if (sqlState(err) === SQLSTATE.uniqueViolation) {
          throw new StoreConflict(`the tenant already has an active xAPI client named "${name}"`)
        }
        if (sqlState(err) === SQLSTATE.foreignKeyViolation) {
          throw new StoreNotFound(`tenant ${tenantId} does not exist`)
        }
        throw err
      }
    },

    verifyClient: async (key, secret) => {
      const [row] = await db
        .select()
        .from(xapiClients)
        .where(and(eq(xapiClients.key, key), isNull(xapiClients.revokedAt)))
      if (!row) return undefined
      const given = Buffer.from(digest(secret), 'hex')
      const stored = Buffer.from(row.secretHash, 'hex')
      if (given.length !== stored.length || !timingSafeEqual(given, stored)) return undefined
      // At most once a minute per client: the hot path stays read-only.
      if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
        await db
          .update(xapiClients)
          .set({ lastUsedAt: sql`now()` })
          .where(eq(xapiClients.id, row.id))
      }
      return clientRowToClient(row)
    },

    revokeClient: (idOrKey, actor) =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .update(xapiClients)
          .set({ revokedAt: sql`now()` })
          .where(
            and(
              isNull(xapiClients.revokedAt),
              isUuid(idOrKey)
                ? or(eq(xapiClients.id, idOrKey), eq(xapiClients.key, idOrKey))
                : eq(xapiClients.key, idOrKey),
            ),
          )
          .returning()
        if (!row) throw new StoreNotFound(`no active xAPI client has the id or key "${idOrKey}"`)
        await insertAuditEntry(tx, {
          tenantId: row.tenantId,
          actor,
          action: 'xapi-client.revoke',
          subject: `xapi-client:${row.id}`,
          details: { name: row.name, key: row.key },
        })
        return clientRowToClient(row)
      }),

    listClients: async (tenantId) => {
      const rows = await db
        .select()
        .from(xapiClients)
        .where(tenantId === undefined ? undefined : eq(xapiClients.tenantId, tenantId))
        .orderBy(sql`${xapiClients.revokedAt} is not null`, desc(xapiClients.createdAt))
      return rows.map(clientRowToClient)
    },
  }
}

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

function clientRowToClient(row: typeof xapiClients.$inferSelect): XapiClient {
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    key: row.key,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt ?? undefined,
    revokedAt: row.revokedAt ?? undefined,
  }
}
