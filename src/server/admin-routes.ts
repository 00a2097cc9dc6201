import { Router } from 'express'
import { z } from 'zod'
import type { AdminToken, AdminTokenStore } from '../store/admin-token-store.ts'
import type { AuditLog } from '../store/audit-log.ts'
import type { PlatformStore } from '../store/platform-store.ts'
import {
  invitationStatus,
  type RegistrationInvitation,
  type RegistrationInvitationStore,
} from '../store/registration-invitation-store.ts'
import type { Tenant, TenantStore } from '../store/tenant-store.ts'
import {
  findOrganisation,
  InvitationRequest,
  makeInvitation,
} from '../../lti/registration-invitation.ts'
import { InputInvalid, NotFound } from './errors.ts'
import { PlatformRegistration } from '../../lti/platform-input.ts'
import { parseInput } from './parse-input.ts'
import { adminActor, requireAdmin } from './require-admin.ts'
import type { ThrottleStore } from '../store/throttle-store.ts'

export interface AdminDeps {
  readonly adminTokens: AdminTokenStore
  /** Counts wrong admin tokens per client address. */
  readonly throttles: ThrottleStore
  readonly audit: AuditLog
  readonly platforms: PlatformStore
  readonly invitations: RegistrationInvitationStore
  readonly tenants: Pick<TenantStore, 'listTenants' | 'setParent'>
  /** This tool's public base URL, which invitation URLs start with. */
  readonly baseUrl: () => string
  readonly now: () => Date
}

const TokenName = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
})
const PlatformParams = z.object({ id: z.uuid('must be a platform id (a UUID)') })
const DeploymentBody = z.object({ deploymentId: z.string().trim().min(1, 'must not be empty') })
const InvitationParams = z.object({ id: z.uuid('must be an invitation id (a UUID)') })
const TenantParams = z.object({ id: z.uuid('must be a tenant id (a UUID)') })
const TenantMoveBody = z.object({
  parentId: z.uuid('must be an organisation tenant id (a UUID), or null for none').nullable(),
})
const AuditQuery = z.object({
  tenantId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})

/** The JSON admin API under /api/admin, behind an admin bearer token. */
export function adminRoutes(deps: AdminDeps): Router {
  const router = Router()
  router.use(requireAdmin(deps))

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
  // Invitations to register an LMS by Dynamic Registration: the URL (with its token) is shown
  // once, at creation; listings never carry it.
  router.get('/invitations', async (_req, res) => {
    const now = deps.now()
    const invitations = await deps.invitations.listInvitations()
    res.json({ invitations: invitations.map((i) => invitationJson(i, now)) })
  })
  router.post('/invitations', async (req, res) => {
    const request = parseInput(InvitationRequest, req.body ?? {}, 'body')
    let parentId: string | undefined
    if (request.parent !== undefined) {
      const found = await findOrganisation(deps.tenants, request.parent)
      if (!found.tenant)
        throw new InputInvalid([{ path: ['body', 'parent'], message: found.problem }])
      parentId = found.tenant.id
    }
    const now = deps.now()
    const made = await makeInvitation(
      deps.invitations,
      {
        days: request.days,
        ...(request.name !== undefined && { name: request.name }),
        ...(parentId !== undefined && { parentId }),
      },
      { actor: adminActor(res.locals.adminToken), now, baseUrl: deps.baseUrl() },
    )
    res.status(201).json({ invitation: invitationJson(made.invitation, now), url: made.url })
  })
  router.delete('/invitations/:id', async (req, res) => {
    const { id } = parseInput(InvitationParams, req.params, 'params')
    const now = deps.now()
    const invitation = await deps.invitations.withdrawInvitation(
      id,
      adminActor(res.locals.adminToken),
      now,
    )
    res.json({ invitation: invitationJson(invitation, now) })
  })
  // Puts a tenant (a school, an LMS's tenant) under a district, or under none (null).
  router.patch('/tenants/:id', async (req, res) => {
    const { id } = parseInput(TenantParams, req.params, 'params')
    const { parentId } = parseInput(TenantMoveBody, req.body ?? {}, 'body')
    const move = await deps.tenants.setParent(
      id,
      parentId ?? undefined,
      adminActor(res.locals.adminToken),
    )
    if (!move.moved) {
      if (move.refusal === 'tenant-unknown') throw new NotFound(move.problem)
      throw new InputInvalid([{ path: ['body', 'parentId'], message: move.problem }])
    }
    res.json({ tenant: tenantJson(move.tenant), before: { parentId: move.before ?? null } })
  })
  router.get('/audit', async (req, res) => {
    const query = parseInput(AuditQuery, req.query, 'query')
    res.json({ entries: await deps.audit.list(query) })
  })
  return router
}

function invitationJson(invitation: RegistrationInvitation, now: Date) {
  return {
    id: invitation.id,
    status: invitationStatus(invitation, now),
    name: invitation.name ?? null,
    parentId: invitation.parentId ?? null,
    createdBy: invitation.createdBy,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
    usedAt: invitation.usedAt?.toISOString() ?? null,
    platformId: invitation.platformId ?? null,
  }
}

function tenantJson(tenant: Tenant) {
  return {
    id: tenant.id,
    kind: tenant.kind,
    name: tenant.name,
    parentId: tenant.parentId ?? null,
    createdAt: tenant.createdAt.toISOString(),
  }
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
