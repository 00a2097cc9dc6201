import { createHash, randomBytes } from 'node:crypto'
import { and, asc, desc, eq, isNull, or, sql } from 'drizzle-orm'
import type { AdminToken, AdminTokenStore } from './admin-token-store.ts'
import type { Db } from './database.ts'
import { StoreConflict, StoreNotFound } from './errors.ts'
import { insertAuditEntry } from './postgres-audit-log.ts'
import { adminTokens } from './schema/index.ts'
import { isUuid } from './is-uuid.ts'

const PREFIX = 'nls_admin_'

/** Admin tokens in PostgreSQL: 256 random bits each, kept as a SHA-256 digest. */
export function postgresAdminTokenStore(db: Db): AdminTokenStore {
  return {
    createToken: async (name, actor) => {
      const secret = `${PREFIX}${randomBytes(32).toString('base64url')}`
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(adminTokens)
          .values({ name, tokenHash: digest(secret) })
          .onConflictDoNothing({
            target: adminTokens.name,
            where: isNull(adminTokens.revokedAt),
          })
          .returning()
        if (!row) throw new StoreConflict(`an active admin token is already named "${name}"`)
        await insertAuditEntry(tx, {
          actor,
          action: 'admin-token.create',
          subject: `admin-token:${row.id}`,
          details: { name },
        })
        return { token: tokenRowToToken(row), secret }
      })
    },

    verifyToken: async (secret) => {
      if (!secret.startsWith(PREFIX)) return undefined
      const [row] = await db
        .update(adminTokens)
        .set({ lastUsedAt: sql`now()` })
        .where(and(eq(adminTokens.tokenHash, digest(secret)), isNull(adminTokens.revokedAt)))
        .returning()
      return row && tokenRowToToken(row)
    },

    revokeToken: async (idOrName, actor) =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .update(adminTokens)
          .set({ revokedAt: sql`now()` })
          .where(
            and(
              isNull(adminTokens.revokedAt),
              isUuid(idOrName)
                ? or(eq(adminTokens.id, idOrName), eq(adminTokens.name, idOrName))
                : eq(adminTokens.name, idOrName),
            ),
          )
          .returning()
        if (!row) throw new StoreNotFound(`no active admin token has the id or name "${idOrName}"`)
        await insertAuditEntry(tx, {
          actor,
          action: 'admin-token.revoke',
          subject: `admin-token:${row.id}`,
          details: { name: row.name },
        })
        return tokenRowToToken(row)
      }),

    listTokens: async () => {
      const rows = await db
        .select()
        .from(adminTokens)
        .orderBy(
          sql`${adminTokens.revokedAt} is not null`,
          desc(adminTokens.createdAt),
          asc(adminTokens.name),
        )
      return rows.map(tokenRowToToken)
    },
  }
}

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

function tokenRowToToken(row: typeof adminTokens.$inferSelect): AdminToken {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt ?? undefined,
    revokedAt: row.revokedAt ?? undefined,
  }
}
