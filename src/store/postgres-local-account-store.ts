import { and, eq, isNull } from 'drizzle-orm'
import { normaliseUsername } from '../accounts/username.ts'
import type { Db } from './database.ts'
import { StoreConflict } from './errors.ts'
import type { LocalAccount, LocalAccountStore, LocalRole } from './local-account-store.ts'
import { localAccounts } from './schema/index.ts'
import { SQLSTATE, sqlState } from './sql-state.ts'

type Row = typeof localAccounts.$inferSelect

export function postgresLocalAccountStore(db: Db): LocalAccountStore {
  const update = async (
    tenantId: string,
    username: string,
    set: Partial<Pick<Row, 'passwordHash' | 'role' | 'disabledAt'>>,
  ): Promise<LocalAccount | undefined> => {
    const [row] = await db
      .update(localAccounts)
      .set(set)
      .where(
        and(
          eq(localAccounts.tenantId, tenantId),
          eq(localAccounts.username, normaliseUsername(username)),
        ),
      )
      .returning()
    return row && rowToAccount(row)
  }
  return {
    async createAccount(tenantId, account) {
      const username = normaliseUsername(account.username)
      try {
        const [row] = await db
          .insert(localAccounts)
          .values({ tenantId, ...account, username })
          .returning()
        return rowToAccount(row!)
      } catch (err) {
        if (sqlState(err) !== SQLSTATE.uniqueViolation) throw err
        throw new StoreConflict(`the user name ${username} is taken in this tenant`, {
          cause: err,
        })
      }
    },

    async findByUsername(username) {
      const rows = await db
        .select()
        .from(localAccounts)
        .where(
          and(
            eq(localAccounts.username, normaliseUsername(username)),
            isNull(localAccounts.disabledAt),
          ),
        )
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
      return update(tenantId, username, { passwordHash })
    },

    async setRole(tenantId, username, role) {
      return update(tenantId, username, { role })
    },

    async disable(tenantId, username, at) {
      return update(tenantId, username, { disabledAt: at })
    },
  }
}

export function rowToAccount(row: Row): LocalAccount {
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
