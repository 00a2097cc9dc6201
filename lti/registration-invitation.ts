import { z } from 'zod'
import type {
  RegistrationInvitation,
  RegistrationInvitationStore,
} from '../src/store/registration-invitation-store.ts'
import { invitationStatus } from '../src/store/registration-invitation-store.ts'
import type { Tenant, TenantStore } from '../src/store/tenant-store.ts'
import { InvitationInvalid } from './errors.ts'

/** How long an invitation stays usable unless the administrator says otherwise. */
export const INVITATION_DAYS = 7

/** An administrator's request for an invitation (CLI options or the admin API's body). */
export const InvitationRequest = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters').optional(),
  /** An organisation tenant, by id or by name. */
  parent: z.string().trim().min(1, 'must not be empty').optional(),
  days: z.coerce
    .number('must be a number of days')
    .int('must be a whole number of days')
    .min(1, 'at least 1 day')
    .max(90, 'at most 90 days')
    .default(INVITATION_DAYS),
})
export type InvitationRequest = z.output<typeof InvitationRequest>

/** What an invitation was made as: the invitation and the URL to paste into the LMS. */
export interface MadeInvitation {
  readonly invitation: RegistrationInvitation
  /** `<public base URL>/lti/register?invitation=<token>`; its token is shown only now. */
  readonly url: string
}

/** The organisation a request names, or why it names none. */
export type ParentLookup =
  | { readonly tenant: Tenant; readonly problem?: undefined }
  | { readonly tenant?: undefined; readonly problem: string }

/** Finds the organisation tenant (a district) named by id or by its unique name. */
export async function findOrganisation(
  tenants: Pick<TenantStore, 'listTenants'>,
  idOrName: string,
): Promise<ParentLookup> {
  const organisations = (await tenants.listTenants()).filter((t) => t.kind === 'organisation')
  const byId = organisations.find((t) => t.id === idOrName)
  if (byId) return { tenant: byId }
  const byName = organisations.filter((t) => t.name === idOrName)
  if (byName.length === 1) return { tenant: byName[0]! }
  if (byName.length > 1) {
    return { problem: `${byName.length} organisations are named "${idOrName}": give its id` }
  }
  return {
    problem: `no organisation tenant has the id or name "${idOrName}" (nls tenant list shows them)`,
  }
}

/** Makes an invitation to register one platform, valid `days` from `now`. */
export async function makeInvitation(
  invitations: Pick<RegistrationInvitationStore, 'createInvitation'>,
  request: { readonly name?: string; readonly parentId?: string; readonly days: number },
  context: { readonly actor: string; readonly now: Date; readonly baseUrl: string },
): Promise<MadeInvitation> {
  const { invitation, token } = await invitations.createInvitation(
    {
      ...(request.name !== undefined && { name: request.name }),
      ...(request.parentId !== undefined && { parentId: request.parentId }),
      expiresAt: new Date(context.now.getTime() + request.days * 86_400_000),
    },
    context.actor,
  )
  return { invitation, url: invitationUrl(context.baseUrl, token) }
}

/** The registration URL an invitation's token opens. */
export function invitationUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/lti/register?${new URLSearchParams({ invitation: token })}`
}

/** The invitation of this token when it can register a platform at `now`; else why not. */
export async function openInvitation(
  invitations: Pick<RegistrationInvitationStore, 'findInvitation'>,
  token: string | undefined,
  now: Date,
): Promise<RegistrationInvitation> {
  if (!token) throw new InvitationInvalid('missing')
  const invitation = await invitations.findInvitation(token)
  if (!invitation) throw new InvitationInvalid('unknown')
  const status = invitationStatus(invitation, now)
  if (status !== 'open') throw new InvitationInvalid(status)
  return invitation
}
