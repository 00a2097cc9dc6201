import { type Response, Router } from 'express'
import { z } from 'zod'
import { InvitationRequest, makeInvitation } from '../../../lti/registration-invitation.ts'
import { invitationStatus } from '../../store/registration-invitation-store.ts'
import { renderPage } from '../../web/layout.tsx'
import {
  type InviteForm,
  PlatformsPage,
  type PlatformsPageProps,
} from '../../web/console/platforms-page.tsx'
import { NotFound } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import {
  consoleOf,
  type ConsoleDeps,
  mayManageTenant,
  requireAdminToken,
} from './console-context.ts'
import { checkPlatformForm, readPlatformForm } from './platform-form.ts'
import { isDistrict } from './tenant-tree.ts'

const InvitationParams = z.object({ id: z.uuid() })
const PlatformParams = z.object({ id: z.uuid('must be a platform id (a UUID)') })
const DeploymentBody = z.object({ deploymentId: z.string().max(1000).optional().default('') })
const Notice = z.object({ withdrawn: z.string().optional() })

/**
 * LMSs and their registration invitations. The list of registered LMSs, registering one by hand
 * and adding a deployment to one are installation-wide (admin tokens only); a district manager makes invitations whose LMS lands in their district,
 * and sees and withdraws only those. The invitation URL is shown once, when made.
 */
export function consolePlatformRoutes(deps: ConsoleDeps): Router {
  const router = Router()
  const { stores } = deps

  const render = async (
    res: Response,
    status: number,
    props: Pick<PlatformsPageProps, 'invite' | 'madeUrl' | 'notice' | 'add' | 'deployment'> = {},
  ) => {
    const ctx = consoleOf(res)
    const admin = ctx.actor.kind === 'admin-token'
    const now = deps.now()
    const invitations = (await stores.invitations.listInvitations())
      .filter((i) => admin || (i.parentId !== undefined && mayManageTenant(ctx.actor, i.parentId)))
      .map((i) => ({ ...i, status: invitationStatus(i, now) }))
    const platforms = admin ? await stores.platforms.listPlatforms() : undefined
    res
      .status(status)
      .type('html')
      .send(renderPage(PlatformsPage, { ctx, platforms, invitations, ...props }))
  }

  router.get('/platforms', async (req, res) => {
    const { withdrawn } = Notice.safeParse(req.query).data ?? {}
    const ctx = consoleOf(res)
    await render(res, 200, withdrawn ? { notice: ctx.t('console.platforms.withdrawn') } : {})
  })

  router.post('/platforms/invitations', async (req, res) => {
    const ctx = consoleOf(res)
    const body = req.body as Record<string, unknown>
    const text = (name: string) => (typeof body[name] === 'string' ? body[name] : '')
    const values = { name: text('name'), parentId: text('parentId'), days: text('days') }
    const parsed = InvitationRequest.safeParse({
      ...(values.name.trim() && { name: values.name }),
      ...(values.parentId && { parent: values.parentId }),
      ...(values.days.trim() && { days: values.days.trim() }),
    })
    const problems: { -readonly [K in keyof InviteForm['problems']]: string } = {}
    for (const issue of parsed.error?.issues ?? []) {
      const field = issue.path[0] === 'parent' ? 'parentId' : (issue.path[0] as 'name' | 'days')
      problems[field] = `${ctx.t('console.settings.badValue')}: ${issue.message}`
    }
    // The LMS's tenant lands under a district the actor manages (a district manager's: required).
    const parent = ctx.allTenants.find((x) => x.id === values.parentId)
    const parentOk = values.parentId
      ? parent !== undefined &&
        isDistrict(parent, ctx.allTenants) &&
        mayManageTenant(ctx.actor, parent.id)
      : ctx.actor.kind === 'admin-token'
    if (!parentOk) problems.parentId = ctx.t('console.tenants.problem.parent')
    if (!parsed.success || Object.keys(problems).length > 0) {
      return render(res, 400, { invite: { values, problems } })
    }
    const made = await makeInvitation(
      stores.invitations,
      {
        days: parsed.data.days,
        ...(parsed.data.name !== undefined && { name: parsed.data.name }),
        ...(parent && { parentId: parent.id }),
      },
      { actor: ctx.actor.auditActor, now: deps.now(), baseUrl: deps.baseUrl() },
    )
    // The URL carries the invitation's token: on this page only, never in a redirect's URL.
    await render(res, 201, { madeUrl: made.url })
  })

  // Registering an LMS by hand, as `nls platform add` does: installation-wide, admin tokens only.
  router.post('/platforms', async (req, res) => {
    const ctx = consoleOf(res)
    requireAdminToken(ctx.actor)
    const values = readPlatformForm(req.body)
    const checked = checkPlatformForm(ctx.t, values, ctx.allTenants)
    if ('problems' in checked) {
      return render(res, 400, { add: { values, problems: checked.problems } })
    }
    const { issuer, clientId } = checked.registration
    if ((await stores.platforms.findPlatforms(issuer, clientId)).length > 0) {
      const problem = { field: 'platform-clientId', message: ctx.t('consolePlatforms.registered') }
      return render(res, 400, { add: { values, problems: [problem] } })
    }
    const platform = await stores.platforms.addPlatform(checked.registration, ctx.actor.auditActor)
    const tenant = await stores.tenants.getTenant(platform.tenantId)
    // The issuer was registered already: the platform joined its tenant, which stays where it was.
    const stayed =
      checked.registration.parentId !== undefined &&
      tenant?.parentId !== checked.registration.parentId
    const notice = ctx.t(stayed ? 'consolePlatforms.addedElsewhere' : 'consolePlatforms.added', {
      name: platform.name,
      tenant: tenant?.name ?? platform.tenantId,
    })
    await render(res, 201, { notice })
  })

  router.post('/platforms/:id/deployments', async (req, res) => {
    const ctx = consoleOf(res)
    requireAdminToken(ctx.actor)
    const { id } = parseInput(PlatformParams, req.params, 'params')
    const { deploymentId } = parseInput(DeploymentBody, req.body, 'body')
    if (!(await stores.platforms.getPlatform(id))) throw new NotFound(`no platform ${id}`)
    const value = deploymentId.trim()
    if (!value || value.length > 255) {
      return render(res, 400, {
        deployment: {
          platformId: id,
          value: deploymentId,
          problem: ctx.t('consolePlatforms.problem.deploymentId'),
        },
      })
    }
    const platform = await stores.platforms.addDeployment(id, value, ctx.actor.auditActor)
    await render(res, 200, {
      notice: ctx.t('consolePlatforms.deploymentAdded', { id: value, name: platform.name }),
    })
  })

  router.post('/platforms/invitations/:id/withdraw', async (req, res) => {
    const ctx = consoleOf(res)
    const { id } = parseInput(InvitationParams, req.params, 'params')
    if (ctx.actor.kind !== 'admin-token') {
      const invitation = (await stores.invitations.listInvitations()).find((i) => i.id === id)
      // Another district's invitation is none of theirs: as if there were none.
      if (!invitation?.parentId || !mayManageTenant(ctx.actor, invitation.parentId)) {
        throw new NotFound(`no invitation ${id}`)
      }
    }
    await stores.invitations.withdrawInvitation(id, ctx.actor.auditActor, deps.now())
    res.redirect(303, `/admin/platforms?withdrawn=1${ctx.lang === 'en' ? '&lang=en' : ''}`)
  })

  return router
}
