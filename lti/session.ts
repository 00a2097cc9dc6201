import { z } from 'zod'
import { SessionInvalid } from './errors.ts'
import { signToken, verifyToken } from './signed-token.ts'

/** Who is using NLS after a launch, and from where. */
export const Session = z.object({
  tenantId: z.uuid(),
  personId: z.uuid(),
  /** The LMS platform of a launch; absent for a local sign-in. */
  platformId: z.uuid().optional(),
  role: z.enum(['administrator', 'instructor', 'learner']),
  contextId: z.uuid().optional(),
  activityId: z.uuid().optional(),
  /**
   * The person's session generation when the session was made (`people.session_generation`):
   * raising it ends every session of the person. A token without it is refused.
   */
  gen: z.number().int().nonnegative(),
})
export type Session = z.infer<typeof Session>

const AUDIENCE = 'nls-session'

/** How long a session lasts: a lesson, not a day (the LMS launches again for free). */
export const SESSION_TTL_SEC = 2 * 3_600

/** Signs a session as a compact HS256 JWT, carried by a cookie or by the pages themselves. */
export async function signSession(
  session: Session,
  secret: Uint8Array,
  now: Date,
  ttlSec = SESSION_TTL_SEC,
): Promise<string> {
  return signToken({ ...session }, AUDIENCE, secret, now, ttlSec)
}

/** The session a token carries; SessionInvalid when it is forged, expired or malformed. */
export async function verifySession(
  token: string,
  secret: Uint8Array,
  now: Date,
): Promise<Session> {
  try {
    return await verifyToken(Session, token, AUDIENCE, secret, now)
  } catch (err) {
    throw new SessionInvalid(
      'the session is not valid or has expired; open NLS from the LMS again',
      {
        cause: err,
      },
    )
  }
}

/**
 * Refuses a session whose person has raised their generation since (signed out, disabled, a new
 * password, a lost role), or who is no longer known (`current` undefined).
 */
export function checkSessionGeneration(session: Session, current: number | undefined): void {
  if (current === undefined || session.gen !== current) {
    throw new SessionInvalid('the session has ended; sign in or open NLS from the LMS again')
  }
}
