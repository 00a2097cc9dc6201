/**
 * An administrator's invitation to register one LMS by LTI Dynamic Registration. Its token is
 * shown once, in the registration URL; only a digest is kept.
 */
export interface RegistrationInvitation {
  readonly id: string
  /** The name the registered platform (and its new tenant) gets; else the LMS's own. */
  readonly name: string | undefined
  /** The organisation (a district) the new platform's tenant belongs to. */
  readonly parentId: string | undefined
  /** Who made it: `cli`, `admin-token:<name>`. */
  readonly createdBy: string
  readonly createdAt: Date
  readonly expiresAt: Date
  /** When it was used, or withdrawn (a withdrawn invitation has no platform). */
  readonly usedAt: Date | undefined
  /** The platform registered (or updated) with it. */
  readonly platformId: string | undefined
}

/** Where an invitation stands at a moment. */
export type InvitationStatus = 'open' | 'used' | 'withdrawn' | 'expired'

/** What it takes to make an invitation. */
export interface NewInvitation {
  readonly name?: string
  readonly parentId?: string
  readonly expiresAt: Date
}

/** Invitations to register platforms by Dynamic Registration. */
export interface RegistrationInvitationStore {
  /** Makes an invitation, audited; returns it with its token (32 random bytes, base64url). */
  createInvitation(
    input: NewInvitation,
    actor: string,
  ): Promise<{ invitation: RegistrationInvitation; token: string }>
  /** The invitation this token belongs to, whatever its status; undefined for any other string. */
  findInvitation(token: string): Promise<RegistrationInvitation | undefined>
  /**
   * Takes the invitation for a registration: only when it is open at `now`, and only once, even
   * under concurrent callers. Call it in the transaction that records the platform
   * (`recordUse`), so that a registration that fails leaves the invitation open.
   */
  claimInvitation(token: string, now: Date): Promise<RegistrationInvitation | undefined>
  /** Notes the platform a claimed invitation registered, audited in that platform's tenant. */
  recordUse(
    invitationId: string,
    platform: { readonly id: string; readonly tenantId: string },
    actor: string,
  ): Promise<void>
  /** Withdraws an invitation not used yet, audited; throws StoreNotFound for any other id. */
  withdrawInvitation(id: string, actor: string, now: Date): Promise<RegistrationInvitation>
  /** Every invitation, newest first. */
  listInvitations(): Promise<RegistrationInvitation[]>
}

/** Where `invitation` stands at `now`. */
export function invitationStatus(invitation: RegistrationInvitation, now: Date): InvitationStatus {
  if (invitation.usedAt) return invitation.platformId ? 'used' : 'withdrawn'
  return invitation.expiresAt.getTime() > now.getTime() ? 'open' : 'expired'
}
