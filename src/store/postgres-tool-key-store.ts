import { desc, eq, gt, isNull, or } from 'drizzle-orm'
import type { JWK } from 'jose'
import type { Db } from './database.ts'
import { insertAuditEntry } from './postgres-audit-log.ts'
import { installationSecrets, toolKeys } from './schema/index.ts'
import type { ToolKey, ToolKeyStore } from './tool-key-store.ts'

/** Signing keys and secrets in PostgreSQL. */
export function postgresToolKeyStore(db: Db): ToolKeyStore {
  return {
    currentKey: async () => {
      const [row] = await db.select().from(toolKeys).where(isNull(toolKeys.retiredAt))
      return row && keyRowToKey(row)
    },

    publishedKeys: async (now) => {
      const rows = await db
        .select()
        .from(toolKeys)
        .where(or(isNull(toolKeys.retiredAt), gt(toolKeys.expiresAt, now)))
        .orderBy(desc(toolKeys.createdAt))
      return rows.map(keyRowToKey)
    },

    addKey: (key, previousExpiresAt, actor) =>
      db.transaction(async (tx) => {
        const retired = await tx
          .update(toolKeys)
          .set({ retiredAt: new Date(), expiresAt: previousExpiresAt })
          .where(isNull(toolKeys.retiredAt))
          .returning({ kid: toolKeys.kid })
        const [row] = await tx
          .insert(toolKeys)
          .values({ kid: key.kid, publicJwk: key.publicJwk, privateJwk: key.privateJwk })
          .returning()
        await insertAuditEntry(tx, {
          actor,
          action: 'tool-key.add',
          subject: `tool-key:${key.kid}`,
          details: {
            retired: retired.map((r) => r.kid),
            previousExpiresAt: previousExpiresAt.toISOString(),
          },
        })
        return keyRowToKey(row!)
      }),

    secret: async (name, make) => {
      await db.insert(installationSecrets).values({ name, value: make() }).onConflictDoNothing()
      const [row] = await db
        .select({ value: installationSecrets.value })
        .from(installationSecrets)
        .where(eq(installationSecrets.name, name))
      return row!.value
    },
  }
}

function keyRowToKey(row: typeof toolKeys.$inferSelect): ToolKey {
  return {
    kid: row.kid,
    publicJwk: row.publicJwk as JWK,
    privateJwk: row.privateJwk as JWK,
    createdAt: row.createdAt,
    retiredAt: row.retiredAt ?? undefined,
    expiresAt: row.expiresAt ?? undefined,
  }
}
