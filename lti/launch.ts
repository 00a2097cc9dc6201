import { errors as joseErrors, jwtVerify, type JWTPayload } from 'jose'
import { z } from 'zod'
import type { Platform, PlatformStore } from '../src/store/platform-store.ts'
import { CLAIM, LaunchClaims, launchRole, type LaunchRole } from './claims.ts'
import {
  ClaimsInvalid,
  DeploymentUnknown,
  LaunchExpired,
  LaunchInvalid,
  LaunchNotYetValid,
  LaunchTooOld,
  LtiError,
  NonceInvalid,
  SignatureInvalid,
  StateInvalid,
} from './errors.ts'
import type { PlatformKeySets } from './platform-key-sets.ts'

/** The authentication response a platform form-posts to our redirect_uri (OIDC Core §3.2.2.5). */
const AuthenticationResponse = z.object({
  id_token: z.string().min(1),
  state: z.string().min(1),
})

export interface LaunchDeps {
  readonly platforms: Pick<PlatformStore, 'consumeLoginState' | 'getPlatform'>
  readonly keySets: PlatformKeySets
  readonly now: () => Date
  /** Allowed clock skew between platform and tool, in seconds. */
  readonly clockToleranceSec: number
}

/** A launch that passed every check of the launch checklist. */
export interface Launch {
  readonly platform: Platform
  readonly claims: LaunchClaims
  readonly messageType: LaunchClaims[typeof CLAIM.messageType]
  readonly role: LaunchRole
}

/**
 * Validates an LTI 1.3 launch (Security Framework §5.1.3, Core §5): the state is ours, unused and
 * this browser's; the id_token is RS256-signed by a key of the registered platform; iss, aud, azp,
 * exp, iat and nonce check out; deployment, version, message type and claims are valid.
 * `browserStates` are the states whose cookie the browser sent.
 */
export async function verifyLaunch(
  form: unknown,
  browserStates: ReadonlySet<string>,
  deps: LaunchDeps,
): Promise<Launch> {
  const parsed = AuthenticationResponse.safeParse(form)
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]!.path[0])
    if (field === 'state') throw new StateInvalid('"state" is missing from the launch')
    throw new LaunchInvalid(`"${field}" is missing from the launch`)
  }
  const { id_token: idToken, state } = parsed.data

  // Consumed before anything else, so that a state (and the nonce bound to it) serves one launch.
  const login = await deps.platforms.consumeLoginState(state, deps.now())
  if (!login) throw new StateInvalid('"state" is unknown, already used or expired')
  if (!browserStates.has(state)) {
    throw new StateInvalid('"state" was not issued to this browser')
  }
  const platform = await deps.platforms.getPlatform(login.platformId)
  if (!platform) throw new StateInvalid('"state" belongs to a platform no longer registered')

  const payload = await verifyIdToken(idToken, platform, deps)

  // OIDC Core §3.1.3.7 (Security Framework §5.1.3 steps 3–4).
  if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp === undefined) {
    throw new LaunchInvalid('"azp" claim is required when "aud" has several audiences')
  }
  if (payload.azp !== undefined && payload.azp !== platform.clientId) {
    throw new LaunchInvalid('"azp" claim does not match the client_id')
  }
  // Security Framework §5.1.3 step 9: the nonce is the one we issued for this login.
  if (payload.nonce !== login.nonce) throw new NonceInvalid()

  const claims = LaunchClaims.safeParse(payload)
  if (!claims.success) {
    const issue = claims.error.issues[0]!
    throw new ClaimsInvalid(`"${issue.path.join('.')}" claim ${issue.message}`)
  }
  const deploymentId = claims.data[CLAIM.deploymentId]
  if (!platform.deploymentIds.includes(deploymentId)) throw new DeploymentUnknown(deploymentId)

  return {
    platform,
    claims: claims.data,
    messageType: claims.data[CLAIM.messageType],
    role: launchRole(claims.data[CLAIM.roles]),
  }
}

/** Security Framework §5.1.3 step 8: how long after its "iat" we still take a launch. */
const MAX_LAUNCH_AGE_SEC = 600

async function verifyIdToken(
  idToken: string,
  platform: Platform,
  deps: LaunchDeps,
): Promise<JWTPayload & { nonce?: unknown; azp?: unknown }> {
  const now = deps.now()
  try {
    const { payload } = await jwtVerify(idToken, deps.keySets.keySet(platform), {
      // Security Framework §5.1.3 step 6: RS256 only; `none` and HS256 are refused here.
      algorithms: ['RS256'],
      issuer: platform.issuer,
      audience: platform.clientId,
      currentDate: now,
      clockTolerance: deps.clockToleranceSec,
      requiredClaims: ['exp', 'iat', 'nonce'],
      maxTokenAge: MAX_LAUNCH_AGE_SEC,
    })
    return payload
  } catch (err) {
    throw launchError(err)
  }
}

/**
 * The domain error for what jwtVerify threw: which time claim failed, or a vague signature
 * failure (STYLE.md: crypto failures say no more). Errors of the key set arrive already as
 * PlatformKeysUnavailable. Anything else, a TypeError above all, is our bug and stays as it is:
 * it must become a 500, never a cause blamed on the platform.
 */
function launchError(err: unknown): unknown {
  if (err instanceof LtiError) return err
  // jose: JWTExpired for an "exp" passed or an "iat" older than maxTokenAge; JWTClaimValidationFailed
  // for the other claims. Both carry `claim` and `reason`.
  if (err instanceof joseErrors.JWTExpired) {
    return err.claim === 'iat'
      ? new LaunchTooOld(MAX_LAUNCH_AGE_SEC, { cause: err })
      : new LaunchExpired({ cause: err })
  }
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if ((err.claim === 'iat' || err.claim === 'nbf') && err.reason === 'check_failed') {
      return new LaunchNotYetValid(err.claim, { cause: err })
    }
    // iss, aud, a missing or non-numeric claim: jose's message names the claim.
    return new LaunchInvalid(err.message, { cause: err })
  }
  // The token's form, its alg, its signature, its kid (JWKSNoMatchingKey): all one vague answer.
  if (err instanceof joseErrors.JOSEError) return new SignatureInvalid({ cause: err })
  return err
}
