// Invitations to register by LTI Dynamic Registration, made as an administrator would.
import { makeInvitation } from '../../lti/registration-invitation.ts'
import type { RunningServer } from '../../src/server/start-server.ts'

/** An invitation's registration URL on `nls` (what `nls platform invite` prints). */
export async function inviteUrl(
  nls: RunningServer,
  options: {
    readonly name?: string
    readonly parentId?: string
    readonly days?: number
    /** When it was made (its expiry counts from here); now by default. */
    readonly now?: Date
  } = {},
): Promise<string> {
  const { url } = await makeInvitation(
    nls.stores.invitations,
    {
      days: options.days ?? 7,
      ...(options.name !== undefined && { name: options.name }),
      ...(options.parentId !== undefined && { parentId: options.parentId }),
    },
    { actor: 'test', now: options.now ?? new Date(), baseUrl: nls.url },
  )
  return url
}

/** The token of an invitation URL. */
export function invitationToken(url: string): string {
  return new URL(url).searchParams.get('invitation') ?? ''
}
