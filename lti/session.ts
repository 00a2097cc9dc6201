import { jwtVerify, SignJWT } from 'jose'
import { z } from 'zod'
import { SessionInvalid } from './errors.ts'

/** Who is using NLS after a launch, and from where. */
export const Session = z.object({
  tenantId: z.uuid(),
  personId: z.uuid(),
  platformId: z.uuid(),
  role: z.enum(['administrator', 'instructor', 'learner']),
  contextId: z.uuid().optional(),
  activityId: z.uuid().optional(),
})
export type Session = z.infer<typeof Session>

const ISSUER = 'nls'
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
  const iat = Math.floor(now.getTime() / 1000)
  return new SignJWT({ ...session })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSec)
    .sign(secret)
}

/** The session a token carries; SessionInvalid when it is forged, expired or malformed. */
export async function verifySession(
  token: string,
  secret: Uint8Array,
  now: Date,
): Promise<Session> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      currentDate: now,
    })
    return Session.parse(payload)
  } catch (err) {
    throw new SessionInvalid(
      'the session is not valid or has expired; open NLS from the LMS again',
      {
        cause: err,
      },
    )
  }
}
