import { Router } from 'express'
import { z } from 'zod'
import type { AdminToken, AdminTokenStore } from '../store/admin-token-store.ts'
import type { AuditLog } from '../store/audit-log.ts'
import type { PlatformStore } from '../store/platform-store.ts'
import { PlatformRegistration } from '../../lti/platform-input.ts'
import { parseInput } from './parse-input.ts'
import { adminActor, requireAdmin } from './require-admin.ts'

export interface AdminDeps {
  readonly adminTokens: AdminTokenStore
  readonly audit: AuditLog
  readonly platforms: PlatformStore
}

const TokenName = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
})
const PlatformParams = z.object({ id: z.uuid('must be a platform id (a UUID)') })
const DeploymentBody = z.object({ deploymentId: z.string().trim().min(1, 'must not be empty') })
const AuditQuery = z.object({
  tenantId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})

/** The JSON admin API under /api/admin, behind an admin bearer token. */
export function adminRoutes(deps: AdminDeps): Router {
  const router = Router()
  router.use(requireAdmin(deps.adminTokens))

  router.get('/tokens', async (_req, res) => {
    res.json({ tokens: (await deps.adminTokens.listTokens()).map(tokenJson) })
  })
  router.post('/tokens', async (req, res) => {
    const { name } = parseInput(TokenName, req.body, 'body')
    const created = await deps.adminTokens.createToken(name, adminActor(res.locals.adminToken))
    res.status(201).json({ token: tokenJson(created.token), secret: created.secret })
  })
  router.delete('/tokens/:idOrName', async (req, res) => {
    const token = await deps.adminTokens.revokeToken(
      req.params.idOrName,
      adminActor(res.locals.adminToken),
    )
    res.json({ token: tokenJson(token) })
  })
  router.get('/platforms', async (_req, res) => {
    res.json({ platforms: await deps.platforms.listPlatforms() })
  })
  router.post('/platforms', async (req, res) => {
    const registration = parseInput(PlatformRegistration, req.body, 'body')
    const platform = await deps.platforms.addPlatform(
      registration,
      adminActor(res.locals.adminToken),
    )
    res.status(201).json({ platform })
  })
  router.post('/platforms/:id/deployments', async (req, res) => {
    const { deploymentId } = parseInput(DeploymentBody, req.body, 'body')
    const { id } = parseInput(PlatformParams, req.params, 'params')
    const platform = await deps.platforms.addDeployment(
      id,
      deploymentId,
      adminActor(res.locals.adminToken),
    )
    res.json({ platform })
  })
  router.get('/audit', async (req, res) => {
    const query = parseInput(AuditQuery, req.query, 'query')
    res.json({ entries: await deps.audit.list(query) })
  })
  return router
}

function tokenJson(token: AdminToken) {
  return {
    id: token.id,
    name: token.name,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  }
}
