import { and, eq, isNull } from 'drizzle-orm'
import type { Db } from './database.ts'
import { StoreConflict } from './errors.ts'
import type { LocalAccount, LocalAccountStore, LocalRole } from './local-account-store.ts'
import { localAccounts } from './schema/index.ts'
import { SQLSTATE, sqlState } from './sql-state.ts'

type Row = typeof localAccounts.$inferSelect

export function postgresLocalAccountStore(db: Db): LocalAccountStore {
  return {
    async createAccount(tenantId, account) {
      try {
        const [row] = await db
          .insert(localAccounts)
          .values({ tenantId, ...account })
          .returning()
        return rowToAccount(row!)
      } catch (err) {
        if (sqlState(err) !== SQLSTATE.uniqueViolation) throw err
        throw new StoreConflict(`the user name ${account.username} is taken in this tenant`, {
          cause: err,
        })
      }
    },

    async findByUsername(username) {
      const rows = await db
        .select()
        .from(localAccounts)
        .where(and(eq(localAccounts.username, username), isNull(localAccounts.disabledAt)))
      return rows.map(rowToAccount)
    },

    async listAccounts(tenantId) {
      const rows = await db
        .select()
        .from(localAccounts)
        .where(eq(localAccounts.tenantId, tenantId))
        .orderBy(localAccounts.username)
      return rows.map(rowToAccount)
    },

    async setPassword(tenantId, username, passwordHash) {
      const rows = await db
        .update(localAccounts)
        .set({ passwordHash })
        .where(and(eq(localAccounts.tenantId, tenantId), eq(localAccounts.username, username)))
        .returning({ id: localAccounts.id })
      return rows.length > 0
    },

    async disable(tenantId, username, at) {
      const rows = await db
        .update(localAccounts)
        .set({ disabledAt: at })
        .where(and(eq(localAccounts.tenantId, tenantId), eq(localAccounts.username, username)))
        .returning({ id: localAccounts.id })
      return rows.length > 0
    },
  }
}

function rowToAccount(row: Row): LocalAccount {
  return {
    tenantId: row.tenantId,
    id: row.id,
    username: row.username,
    passwordHash: row.passwordHash,
    role: row.role as LocalRole,
    personId: row.personId,
    createdAt: row.createdAt,
    ...(row.disabledAt !== null && { disabledAt: row.disabledAt }),
  }
}
