// Errors of the LTI layer. Each has a stable `code`; the HTTP edge maps codes to statuses.
// Messages about signatures stay vague on purpose: which key or step failed is not for the caller.

export type LtiErrorCode =
  | 'ERR_LTI_LOGIN_INVALID'
  | 'ERR_LTI_PLATFORM_UNKNOWN'
  | 'ERR_LTI_STATE_INVALID'
  | 'ERR_LTI_LAUNCH_INVALID'
  | 'ERR_LTI_SIGNATURE_INVALID'
  | 'ERR_LTI_NONCE_INVALID'
  | 'ERR_LTI_DEPLOYMENT_UNKNOWN'
  | 'ERR_LTI_CLAIMS_INVALID'
  | 'ERR_LTI_SESSION_INVALID'
  | 'ERR_LTI_PLATFORM_KEYS_UNAVAILABLE'
  | 'ERR_LTI_REGISTRATION_FAILED'
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

/** The platform's key set could not be fetched (unreachable, slow, not a JWKS). */
export class PlatformKeysUnavailable extends LtiError {
  override code = 'ERR_LTI_PLATFORM_KEYS_UNAVAILABLE' as const
}

/** Dynamic Registration could not complete; the message says which step and why. */
export class RegistrationFailed extends LtiError {
  override code = 'ERR_LTI_REGISTRATION_FAILED' as const
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
