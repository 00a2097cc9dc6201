import { createHash, randomBytes } from 'node:crypto'
import { and, desc, eq, gt, isNull } from 'drizzle-orm'
import type { Db } from './database.ts'
import { StoreNotFound } from './errors.ts'
import { insertAuditEntry } from './postgres-audit-log.ts'
import type {
  RegistrationInvitation,
  RegistrationInvitationStore,
} from './registration-invitation-store.ts'
import { registrationInvitations } from './schema/index.ts'
import { SQLSTATE, sqlState } from './sql-state.ts'

type InvitationRow = typeof registrationInvitations.$inferSelect

// 32 random bytes in base64url are 43 characters; anything else is no token of ours.
const TOKEN = /^[A-Za-z0-9_-]{43}$/

/** Registration invitations in PostgreSQL, each token kept as a SHA-256 digest. */
export function postgresRegistrationInvitationStore(db: Db): RegistrationInvitationStore {
  return {
    createInvitation: async (input, actor) => {
      const token = randomBytes(32).toString('base64url')
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(registrationInvitations)
            .values({
              tokenHash: digest(token),
              name: input.name ?? null,
              parentId: input.parentId ?? null,
              createdBy: actor,
              expiresAt: input.expiresAt,
            })
            .returning()
          await insertAuditEntry(tx, {
            actor,
            action: 'registration-invitation.create',
            subject: `registration-invitation:${row!.id}`,
            details: {
              expiresAt: input.expiresAt.toISOString(),
              ...(input.name !== undefined && { name: input.name }),
              ...(input.parentId !== undefined && { parentId: input.parentId }),
            },
          })
          return { invitation: invitationRowToInvitation(row!), token }
        })
      } catch (err) {
        if (sqlState(err) === SQLSTATE.foreignKeyViolation) {
          throw new StoreNotFound(`tenant ${input.parentId} does not exist`, { cause: err })
        }
        throw err
      }
    },

    findInvitation: async (token) => {
      if (!TOKEN.test(token)) return undefined
      const [row] = await db
        .select()
        .from(registrationInvitations)
        .where(eq(registrationInvitations.tokenHash, digest(token)))
      return row && invitationRowToInvitation(row)
    },

    claimInvitation: async (token, now) => {
      if (!TOKEN.test(token)) return undefined
      // One UPDATE both checks and takes: a second claimant waits for the first's row lock, then
      // finds used_at set and takes nothing.
      const [row] = await db
        .update(registrationInvitations)
        .set({ usedAt: now })
        .where(
          and(
            eq(registrationInvitations.tokenHash, digest(token)),
            isNull(registrationInvitations.usedAt),
            gt(registrationInvitations.expiresAt, now),
          ),
        )
        .returning()
      return row && invitationRowToInvitation(row)
    },

    recordUse: async (invitationId, platform, actor) => {
      await db
        .update(registrationInvitations)
        .set({ platformId: platform.id })
        .where(eq(registrationInvitations.id, invitationId))
      await insertAuditEntry(db, {
        tenantId: platform.tenantId,
        actor,
        action: 'registration-invitation.use',
        subject: `registration-invitation:${invitationId}`,
        details: { platformId: platform.id },
      })
    },

    withdrawInvitation: (id, actor, now) =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .update(registrationInvitations)
          .set({ usedAt: now })
          .where(and(eq(registrationInvitations.id, id), isNull(registrationInvitations.usedAt)))
          .returning()
        if (!row) throw new StoreNotFound(`no unused registration invitation has the id ${id}`)
        await insertAuditEntry(tx, {
          actor,
          action: 'registration-invitation.withdraw',
          subject: `registration-invitation:${id}`,
        })
        return invitationRowToInvitation(row)
      }),

    listInvitations: async () =>
      (
        await db
          .select()
          .from(registrationInvitations)
          .orderBy(desc(registrationInvitations.createdAt), desc(registrationInvitations.id))
      ).map(invitationRowToInvitation),
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

function invitationRowToInvitation(row: InvitationRow): RegistrationInvitation {
  return {
    id: row.id,
    name: row.name ?? undefined,
    parentId: row.parentId ?? undefined,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    usedAt: row.usedAt ?? undefined,
    platformId: row.platformId ?? undefined,
  }
}
