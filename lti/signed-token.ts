import { jwtVerify, SignJWT } from 'jose'
import type { z } from 'zod'

const ISSUER = 'nls'

/** Signs `payload` as a compact HS256 JWT for one purpose (`audience`), valid for `ttlSec`. */
export async function signToken(
  payload: Record<string, unknown>,
  audience: string,
  secret: Uint8Array,
  now: Date,
  ttlSec: number,
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000)
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSec)
    .sign(secret)
}

/** The payload of a token signed by `signToken` for `audience`; throws when forged or expired. */
export async function verifyToken<S extends z.ZodType>(
  schema: S,
  token: string,
  audience: string,
  secret: Uint8Array,
  now: Date,
): Promise<z.infer<S>> {
  const { payload } = await jwtVerify(token, secret, {
    algorithms: ['HS256'],
    issuer: ISSUER,
    audience,
    currentDate: now,
  })
  return schema.parse(payload)
}
