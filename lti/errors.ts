// Errors of the LTI layer. Each has a stable `code`; the HTTP edge maps codes to statuses.
// Messages about signatures stay vague on purpose: which key or step failed is not for the caller.

export type LtiErrorCode =
  | 'ERR_LTI_LOGIN_INVALID'
  | 'ERR_LTI_PLATFORM_UNKNOWN'
  | 'ERR_LTI_STATE_INVALID'
  | 'ERR_LTI_LAUNCH_INVALID'
  | 'ERR_LTI_LAUNCH_EXPIRED'
  | 'ERR_LTI_LAUNCH_TOO_OLD'
  | 'ERR_LTI_LAUNCH_NOT_YET_VALID'
  | 'ERR_LTI_SIGNATURE_INVALID'
  | 'ERR_LTI_NONCE_INVALID'
  | 'ERR_LTI_DEPLOYMENT_UNKNOWN'
  | 'ERR_LTI_CLAIMS_INVALID'
  | 'ERR_LTI_SESSION_INVALID'
  | 'ERR_LTI_PLATFORM_KEYS_UNAVAILABLE'
  | 'ERR_LTI_REGISTRATION_FAILED'
  | 'ERR_LTI_INVITATION_INVALID'
  | 'ERR_LTI_FETCH_REFUSED'
  | 'ERR_LTI_DEEP_LINKING_INVALID'
  | 'ERR_LTI_SERVICE_FAILED'
  | 'ERR_LTI_SERVICE_RESPONSE_INVALID'
  | 'ERR_LTI_SCORE_NOT_LEARNER'

export class LtiError extends Error {
  code: LtiErrorCode = 'ERR_LTI_LAUNCH_INVALID'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = this.constructor.name
  }
}

/** A login initiation request missing or misusing a parameter. */
export class LoginInvalid extends LtiError {
  override code = 'ERR_LTI_LOGIN_INVALID' as const
}

/** No platform is registered for this issuer (and client_id). */
export class PlatformUnknown extends LtiError {
  override code = 'ERR_LTI_PLATFORM_UNKNOWN' as const
}

/** The state is missing, unknown, used, expired, or not this browser's. */
export class StateInvalid extends LtiError {
  override code = 'ERR_LTI_STATE_INVALID' as const
}

/** A launch that is not a valid LTI 1.3 message (form fields, iss, aud, azp, times). */
export class LaunchInvalid extends LtiError {
  override code = 'ERR_LTI_LAUNCH_INVALID' as const
}

/** The id_token's "exp" has passed (Security Framework §5.1.3 step 7; RFC 7519 §4.1.4). */
export class LaunchExpired extends LtiError {
  override code = 'ERR_LTI_LAUNCH_EXPIRED' as const
  readonly claim = 'exp'
  constructor(options?: { cause?: unknown }) {
    super('"exp" claim timestamp check failed: the launch has expired', options)
  }
}

/**
 * The id_token was issued longer ago than we accept, whatever its "exp" says (Security Framework
 * §5.1.3 step 8: "The Tool MAY use the iat value to reject tokens that were issued too far away
 * from the current time").
 */
export class LaunchTooOld extends LtiError {
  override code = 'ERR_LTI_LAUNCH_TOO_OLD' as const
  readonly claim = 'iat'
  readonly maxAgeSec: number
  constructor(maxAgeSec: number, options?: { cause?: unknown }) {
    super(
      `"iat" claim timestamp check failed: the launch was issued more than ${maxAgeSec} seconds ago`,
      options,
    )
    this.maxAgeSec = maxAgeSec
  }
}

/** The id_token's "iat" or "nbf" is still in the future, beyond the allowed clock skew. */
export class LaunchNotYetValid extends LtiError {
  override code = 'ERR_LTI_LAUNCH_NOT_YET_VALID' as const
  readonly claim: 'iat' | 'nbf'
  constructor(claim: 'iat' | 'nbf', options?: { cause?: unknown }) {
    super(
      claim === 'iat'
        ? '"iat" claim timestamp check failed: the launch is issued in the future'
        : '"nbf" claim timestamp check failed: the launch is not valid yet',
      options,
    )
    this.claim = claim
  }
}

/** The id_token's signature does not verify with the platform's keys. */
export class SignatureInvalid extends LtiError {
  override code = 'ERR_LTI_SIGNATURE_INVALID' as const
  constructor(options?: { cause?: unknown }) {
    super('launch signature invalid', options)
  }
}

/** The nonce is not the one we issued for this login. */
export class NonceInvalid extends LtiError {
  override code = 'ERR_LTI_NONCE_INVALID' as const
  constructor() {
    super('"nonce" claim does not match the nonce issued for this login')
  }
}

/** The deployment_id is not registered for the platform. */
export class DeploymentUnknown extends LtiError {
  override code = 'ERR_LTI_DEPLOYMENT_UNKNOWN' as const
  readonly deploymentId: string
  constructor(deploymentId: string) {
    super('"deployment_id" claim does not match a registered deployment')
    this.deploymentId = deploymentId
  }
}

/** LTI claims that do not meet the spec (version, message type, shapes). */
export class ClaimsInvalid extends LtiError {
  override code = 'ERR_LTI_CLAIMS_INVALID' as const
}

/** A session token or cookie that is missing, expired or forged. */
export class SessionInvalid extends LtiError {
  override code = 'ERR_LTI_SESSION_INVALID' as const
}

/**
 * The platform's key set could not be fetched (unreachable, an HTTP status other than 200, no
 * answer in time, not a JWKS): the platform's fault or the network's, not the launch's.
 */
export class PlatformKeysUnavailable extends LtiError {
  override code = 'ERR_LTI_PLATFORM_KEYS_UNAVAILABLE' as const
}

/** The step of Dynamic Registration that failed: reading the configuration, or registering. */
export type RegistrationStep = 'request' | 'configuration' | 'registration'

/**
 * Dynamic Registration could not complete; the message says which step and why, never what the
 * platform answered (that is logged, not shown).
 */
export class RegistrationFailed extends LtiError {
  override code = 'ERR_LTI_REGISTRATION_FAILED' as const
  readonly step: RegistrationStep
  /** The HTTP status the platform answered at that step, when it answered. */
  readonly status: number | undefined
  constructor(
    message: string,
    details: { step: RegistrationStep; status?: number },
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.step = details.step
    this.status = details.status
  }
}

/** Why a registration invitation cannot be used. */
export type InvitationProblem = 'missing' | 'unknown' | 'used' | 'expired' | 'withdrawn'

const INVITATION_MESSAGES: Readonly<Record<InvitationProblem, string>> = {
  missing:
    'registration needs an invitation: ask the NLS administrator for a registration URL (nls platform invite) and paste that whole URL as the tool URL',
  unknown: 'this registration invitation is not known to NLS: check that the whole URL was pasted',
  used: 'this registration invitation was used already: each invitation registers one platform; ask for a new one',
  expired: 'this registration invitation has expired: ask the NLS administrator for a new one',
  withdrawn: 'this registration invitation was withdrawn by an administrator: ask for a new one',
}

/** Dynamic Registration without a usable invitation: refused before NLS calls anyone. */
export class InvitationInvalid extends LtiError {
  override code = 'ERR_LTI_INVITATION_INVALID' as const
  readonly problem: InvitationProblem
  constructor(problem: InvitationProblem) {
    super(INVITATION_MESSAGES[problem])
    this.problem = problem
  }
}

/** Why an outbound request was stopped. */
export type FetchProblem = 'scheme' | 'redirect' | 'too-large' | 'timeout' | 'unreachable'

/** An outbound request to a platform that NLS refused to make or to finish. */
export class FetchRefused extends LtiError {
  override code = 'ERR_LTI_FETCH_REFUSED' as const
  readonly problem: FetchProblem
  readonly url: string
  constructor(problem: FetchProblem, url: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.problem = problem
    this.url = url
  }
}

/** A platform service (token endpoint, AGS, NRPS) refused a request or could not be reached. */
export class ServiceFailed extends LtiError {
  override code = 'ERR_LTI_SERVICE_FAILED' as const
  /** The HTTP status the platform answered; undefined when it could not be reached. */
  readonly status: number | undefined
  /** The URL that was called (never carries a token or an assertion). */
  readonly endpoint: string
  /** The OAuth 2 `error` (RFC 6749 §5.2) or the platform's own message, when it gave one. */
  readonly platformMessage: string | undefined
  constructor(
    message: string,
    details: { status?: number; endpoint: string; platformMessage?: string },
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.status = details.status
    this.endpoint = details.endpoint
    this.platformMessage = details.platformMessage
  }
}

/** A platform service answered with a body that is not what the specification defines. */
export class ServiceResponseInvalid extends LtiError {
  override code = 'ERR_LTI_SERVICE_RESPONSE_INVALID' as const
  readonly endpoint: string
  constructor(message: string, endpoint: string, options?: { cause?: unknown }) {
    super(message, options)
    this.endpoint = endpoint
  }
}

/** A score was about to be posted for someone who is not a learner (an instructor, an admin). */
export class ScoreNotLearner extends LtiError {
  override code = 'ERR_LTI_SCORE_NOT_LEARNER' as const
  readonly userId: string
  constructor(userId: string) {
    super('scores are posted for learners only; the user has no Learner role or also teaches')
    this.userId = userId
  }
}

/** A deep linking answer that cannot be returned (nothing chosen, unknown IDs, stale page). */
export class DeepLinkingInvalid extends LtiError {
  override code = 'ERR_LTI_DEEP_LINKING_INVALID' as const
}
