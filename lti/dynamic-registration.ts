import { z } from 'zod'
import type { Stores } from '../src/store/index.ts'
import type { Platform } from '../src/store/platform-store.ts'
import { invitationStatus } from '../src/store/registration-invitation-store.ts'
import { bodyText, boundedFetch, type BoundedFetchOptions } from './bounded-fetch.ts'
import {
  FetchRefused,
  InvitationInvalid,
  RegistrationFailed,
  type RegistrationStep,
} from './errors.ts'
import { openInvitation } from './registration-invitation.ts'

const PLATFORM_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-platform-configuration'
const TOOL_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-tool-configuration'

/** The scopes NLS asks for: AGS line items and scores, NRPS memberships. */
export const TOOL_SCOPES = [
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
]

/** What the platform opens our registration URL with (Dynamic Registration 1.0 §3.3). */
export const RegistrationInitiation = z.object({
  openid_configuration: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  registration_token: z.string().min(1).optional(),
})

/** The administrator's invitation the registration URL carries (Moodle keeps it, adding its own). */
const InvitationQuery = z.object({ invitation: z.string().optional() })

/** The platform's OpenID configuration (Dynamic Registration 1.0 §3.4, §3.5). */
const PlatformConfiguration = z.object({
  issuer: z.url(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  registration_endpoint: z.url(),
  scopes_supported: z.array(z.string()).optional(),
  [PLATFORM_CONFIGURATION]: z
    .looseObject({ product_family_code: z.string().optional(), version: z.string().optional() })
    .optional(),
})

/** The platform's answer to our registration (Dynamic Registration 1.0 §3.6). */
const RegistrationResponse = z.object({
  client_id: z.string().min(1),
  [TOOL_CONFIGURATION]: z.looseObject({ deployment_id: z.string().min(1).optional() }).optional(),
})

/**
 * What a registration did: `registered` a platform new to NLS (a new client_id: the platform holds
 * NLS as a pending tool), or `updated` the one NLS knows by this issuer and client_id (Moodle's
 * "Update" of a tool keeps its client_id and, with it, its deployment).
 */
export interface Registration {
  readonly platform: Platform
  readonly outcome: 'registered' | 'updated'
}

/** Where a platform's answers that NLS does not show the caller are written. */
export interface RegistrationLog {
  warn(details: object, message: string): void
}

export interface RegistrationDeps {
  readonly stores: Pick<Stores, 'invitations' | 'transaction'>
  /** This tool's public base URL. */
  readonly baseUrl: string
  readonly now: () => Date
  /** The request's log (it carries the request ID). */
  readonly log: RegistrationLog
  /** The fetch and the bounds of calls to the platform; the defaults of boundedFetch otherwise. */
  readonly fetch?: BoundedFetchOptions
}

/** How much of a platform's refusal goes to the log. */
const LOGGED_BODY_CHARS = 500

/**
 * Registers NLS with a platform that opened an administrator's invitation URL: checks the
 * invitation before calling anyone, reads and checks the platform's OpenID configuration, posts
 * our tool configuration with the registration token, and keeps the client_id and deployment_id
 * it answers with (a new platform, or the one of that client_id updated), using up the invitation
 * in the same transaction.
 */
export async function registerWithPlatform(
  query: unknown,
  deps: RegistrationDeps,
): Promise<Registration> {
  // Refused before any outbound request: without an administrator's invitation nobody gets NLS
  // to call a URL of their choosing, nor to make a tenant.
  const token = InvitationQuery.safeParse(query).data?.invitation ?? ''
  await openInvitation(deps.stores.invitations, token, deps.now())
  const initiation = RegistrationInitiation.safeParse(query)
  if (!initiation.success) {
    const issue = initiation.error.issues[0]!
    throw new RegistrationFailed(`"${issue.path.join('.')}" ${issue.message}`, { step: 'request' })
  }
  const { openid_configuration: configurationUrl, registration_token: registrationToken } =
    initiation.data
  const auth: Record<string, string> = registrationToken
    ? { Authorization: `Bearer ${registrationToken}` }
    : {}

  const configuration = PlatformConfiguration.safeParse(
    await callPlatform(deps, 'configuration', configurationUrl, {
      headers: { Accept: 'application/json', ...auth },
    }),
  )
  if (!configuration.success) {
    const issue = configuration.error.issues[0]!
    throw new RegistrationFailed(
      `the platform configuration is not valid: "${issue.path.join('.')}" ${issue.message}`,
      { step: 'configuration' },
    )
  }
  const config = configuration.data
  const origin = new URL(configurationUrl).origin
  // Dynamic Registration 1.0 §3.5.1 (https://www.imsglobal.org/spec/lti-dr/v1p0#issuer-and-openid-configuration-url-match):
  // the issuer must be the configuration URL's origin.
  if (new URL(config.issuer).origin !== origin) {
    throw new RegistrationFailed(
      `the platform's issuer ${config.issuer} does not match the origin of its configuration URL ${origin}`,
      { step: 'configuration' },
    )
  }
  // The configuration is the issuer's word about itself: NLS posts only to the issuer's own
  // origin, so a configuration cannot aim NLS's request (and the registration token) elsewhere.
  if (new URL(config.registration_endpoint).origin !== origin) {
    throw new RegistrationFailed(
      `the platform's registration_endpoint ${config.registration_endpoint} is not on the origin of its issuer ${origin}`,
      { step: 'configuration' },
    )
  }

  const response = RegistrationResponse.safeParse(
    await callPlatform(deps, 'registration', config.registration_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...auth },
      body: JSON.stringify(toolConfiguration(deps.baseUrl, config.scopes_supported)),
    }),
  )
  if (!response.success) {
    throw new RegistrationFailed('the platform answered the registration without a client_id', {
      step: 'registration',
    })
  }
  const clientId = response.data.client_id
  const deploymentId = response.data[TOOL_CONFIGURATION]?.deployment_id
  const family = config[PLATFORM_CONFIGURATION]?.product_family_code

  // The invitation is taken in the transaction that keeps the platform: of two registrations
  // with one invitation, one commits and the other finds it used; a failure leaves it open.
  return deps.stores.transaction(async (stores) => {
    const now = deps.now()
    const invitation = await stores.invitations.claimInvitation(token, now)
    if (!invitation) {
      const current = await stores.invitations.findInvitation(token)
      const status = current ? invitationStatus(current, now) : 'unknown'
      throw new InvitationInvalid(status === 'open' ? 'used' : status)
    }
    const registration = await keepPlatform(stores, {
      issuer: config.issuer,
      clientId,
      authUrl: config.authorization_endpoint,
      tokenUrl: config.token_endpoint,
      jwksUrl: config.jwks_uri,
      name:
        invitation.name ??
        `${family ? `${family[0]!.toUpperCase()}${family.slice(1)} ` : ''}${new URL(config.issuer).host}`,
      deploymentIds: deploymentId ? [deploymentId] : [],
      ...(invitation.parentId !== undefined && { parentId: invitation.parentId }),
    })
    await stores.invitations.recordUse(invitation.id, registration.platform, 'dynamic-registration')
    return registration
  })
}

/**
 * A new platform, or the one NLS keeps for this issuer and client_id updated. The registration
 * token is the platform's own (opaque to us, §3.3): a client_id NLS already keeps for this issuer
 * is how an update shows (Moodle answers an update with the tool's client_id and type id, the
 * deployment, unchanged).
 */
async function keepPlatform(
  stores: Stores,
  input: Parameters<Stores['platforms']['addPlatform']>[0],
): Promise<Registration> {
  const [existing] = await stores.platforms.findPlatforms(input.issuer, input.clientId)
  if (existing) {
    const [deploymentId] = input.deploymentIds
    const platform =
      deploymentId && !existing.deploymentIds.includes(deploymentId)
        ? await stores.platforms.addDeployment(existing.id, deploymentId, 'dynamic-registration')
        : existing
    return { platform, outcome: 'updated' }
  }
  const platform = await stores.platforms.addPlatform(input, 'dynamic-registration')
  return { platform, outcome: 'registered' }
}

/** Our client registration (Dynamic Registration 1.0 §3.6.1, the LTI tool configuration §3.6.2). */
export function toolConfiguration(baseUrl: string, scopesSupported?: readonly string[]) {
  const launchUrl = `${baseUrl}/lti/launch`
  const scopes = scopesSupported
    ? TOOL_SCOPES.filter((s) => scopesSupported.includes(s))
    : TOOL_SCOPES
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: `${baseUrl}/lti/login`,
    redirect_uris: [launchUrl],
    client_name: 'NLS — Khung năng lực số',
    jwks_uri: `${baseUrl}/.well-known/jwks.json`,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: scopes.join(' '),
    [TOOL_CONFIGURATION]: {
      domain: new URL(baseUrl).host,
      target_link_uri: launchUrl,
      description:
        'Minh chứng năng lực số theo Thông tư 18/2026 và 02/2025 / Digital competency evidence',
      claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'],
      messages: [
        { type: 'LtiResourceLinkRequest', target_link_uri: launchUrl },
        {
          type: 'LtiDeepLinkingRequest',
          target_link_uri: launchUrl,
          label: 'NLS: gắn năng lực số / tag competencies',
        },
      ],
    },
  }
}

/**
 * One call to the platform, bounded (lti/bounded-fetch.ts), as JSON. The caller learns the step
 * and the status; what the platform said goes to the log only, since the caller may be anyone
 * holding an invitation and the body may come from a server that was never meant to answer them.
 */
async function callPlatform(
  deps: Pick<RegistrationDeps, 'log' | 'fetch'>,
  step: RegistrationStep,
  url: string,
  request: { method?: 'POST'; headers: Record<string, string>; body?: string },
): Promise<unknown> {
  const what = step === 'configuration' ? 'OpenID configuration' : 'registration endpoint'
  let res
  try {
    res = await boundedFetch(url, request, deps.fetch)
  } catch (err) {
    if (!(err instanceof FetchRefused)) throw err
    deps.log.warn({ step, url, problem: err.problem, err }, 'dynamic registration: call refused')
    throw new RegistrationFailed(`the platform's ${what}: ${err.message}`, { step }, { cause: err })
  }
  const text = bodyText(res)
  if (!res.ok) {
    deps.log.warn(
      { step, url: res.url, status: res.status, body: text.slice(0, LOGGED_BODY_CHARS) },
      'dynamic registration: the platform refused',
    )
    throw new RegistrationFailed(
      `the platform's ${what} (${res.url}) answered ${res.status}; the request log has its answer`,
      { step, status: res.status },
    )
  }
  try {
    return JSON.parse(text)
  } catch {
    deps.log.warn(
      { step, url: res.url, status: res.status, body: text.slice(0, LOGGED_BODY_CHARS) },
      'dynamic registration: the platform did not answer JSON',
    )
    throw new RegistrationFailed(`the platform's ${what} (${res.url}) did not answer JSON`, {
      step,
      status: res.status,
    })
  }
}
