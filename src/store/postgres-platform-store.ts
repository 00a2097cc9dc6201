import { and, asc, desc, eq, gt, inArray, isNull, lt } from 'drizzle-orm'
import type { Db } from './database.ts'
import { StoreConflict, StoreNotFound } from './errors.ts'
import type { Platform, PlatformStore } from './platform-store.ts'
import { insertAuditEntry } from './postgres-audit-log.ts'
import { deployments, loginStates, platforms, tenants } from './schema/index.ts'

type PlatformRow = typeof platforms.$inferSelect

/** How long a login state lives (a browser completes the OIDC round trip within seconds). */
export const LOGIN_TTL_MS = 10 * 60_000

/** Platform registrations and login states in PostgreSQL. */
export function postgresPlatformStore(db: Db): PlatformStore {
  async function withDeployments(rows: PlatformRow[]): Promise<Platform[]> {
    if (rows.length === 0) return []
    const all = await db
      .select()
      .from(deployments)
      .where(
        inArray(
          deployments.platformId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(deployments.createdAt), asc(deployments.deploymentId))
    return rows.map((row) =>
      platformRowToPlatform(
        row,
        all.filter((d) => d.platformId === row.id).map((d) => d.deploymentId),
      ),
    )
  }

  async function getPlatform(id: string) {
    const rows = await db.select().from(platforms).where(eq(platforms.id, id))
    return (await withDeployments(rows))[0]
  }

  return {
    addPlatform: (input, actor) =>
      db.transaction(async (tx) => {
        const [taken] = await tx
          .select({ id: platforms.id })
          .from(platforms)
          .where(and(eq(platforms.issuer, input.issuer), eq(platforms.clientId, input.clientId)))
        if (taken) {
          throw new StoreConflict(
            `a platform with issuer ${input.issuer} and client_id ${input.clientId} is registered already`,
          )
        }
        // One LMS, one tenant: a new client of an issuer known already joins its tenant, so that
        // its people and statements are not split over two.
        const [sameIssuer] = await tx
          .select({ id: platforms.tenantId })
          .from(platforms)
          .where(eq(platforms.issuer, input.issuer))
          .orderBy(desc(platforms.createdAt))
          .limit(1)
        const [tenant] = sameIssuer
          ? [sameIssuer]
          : await tx
              .insert(tenants)
              .values({
                kind: 'platform',
                name: input.name,
                ...(input.parentId !== undefined && { parentId: input.parentId }),
              })
              .returning({ id: tenants.id })
        const [row] = await tx
          .insert(platforms)
          .values({
            tenantId: tenant!.id,
            issuer: input.issuer,
            clientId: input.clientId,
            authUrl: input.authUrl,
            tokenUrl: input.tokenUrl,
            jwksUrl: input.jwksUrl,
            name: input.name,
          })
          .returning()
        const ids = [...new Set(input.deploymentIds)]
        if (ids.length > 0) {
          await tx
            .insert(deployments)
            .values(ids.map((deploymentId) => ({ platformId: row!.id, deploymentId })))
        }
        await insertAuditEntry(tx, {
          tenantId: tenant!.id,
          actor,
          action: 'platform.add',
          subject: `platform:${row!.id}`,
          details: {
            issuer: input.issuer,
            clientId: input.clientId,
            deploymentIds: ids,
            ...(sameIssuer && { joinedTenant: true }),
            ...(!sameIssuer && input.parentId !== undefined && { parentId: input.parentId }),
          },
        })
        return platformRowToPlatform(row!, ids)
      }),

    addDeployment: async (platformId, deploymentId, actor) => {
      const platform = await getPlatform(platformId)
      if (!platform) throw new StoreNotFound(`platform ${platformId} does not exist`)
      await db.transaction(async (tx) => {
        const added = await tx
          .insert(deployments)
          .values({ platformId, deploymentId })
          .onConflictDoNothing()
          .returning()
        if (added.length === 0) return
        await insertAuditEntry(tx, {
          tenantId: platform.tenantId,
          actor,
          action: 'platform.add-deployment',
          subject: `platform:${platformId}`,
          details: { deploymentId },
        })
      })
      return (await getPlatform(platformId))!
    },

    getPlatform,

    findPlatforms: async (issuer, clientId) => {
      const rows = await db
        .select()
        .from(platforms)
        .where(
          and(
            eq(platforms.issuer, issuer),
            clientId === undefined ? undefined : eq(platforms.clientId, clientId),
          ),
        )
        .orderBy(asc(platforms.createdAt))
      return withDeployments(rows)
    },

    listPlatforms: async () =>
      withDeployments(await db.select().from(platforms).orderBy(asc(platforms.createdAt))),

    createLoginState: async (login) => {
      await db.insert(loginStates).values(login)
      // Logins never completed are of no use long after they expired. Measured from this login
      // (not the wall clock), so the purge follows the caller's clock like consumeLoginState.
      await db
        .delete(loginStates)
        .where(lt(loginStates.expiresAt, new Date(login.expiresAt.getTime() - 2 * 3_600_000)))
    },

    consumeLoginState: async (state, now) => {
      const [row] = await db
        .update(loginStates)
        .set({ usedAt: now })
        .where(
          and(
            eq(loginStates.state, state),
            isNull(loginStates.usedAt),
            gt(loginStates.expiresAt, now),
          ),
        )
        .returning()
      return (
        row && {
          state: row.state,
          nonce: row.nonce,
          platformId: row.platformId,
          expiresAt: row.expiresAt,
        }
      )
    },
  }
}

function platformRowToPlatform(row: PlatformRow, deploymentIds: readonly string[]): Platform {
  return {
    id: row.id,
    tenantId: row.tenantId,
    issuer: row.issuer,
    clientId: row.clientId,
    authUrl: row.authUrl,
    tokenUrl: row.tokenUrl,
    jwksUrl: row.jwksUrl,
    name: row.name,
    deploymentIds,
  }
}
