import { z } from 'zod'
import type { Platform, PlatformStore } from '../src/store/platform-store.ts'
import { RegistrationFailed } from './errors.ts'

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
  openid_configuration: z.url(),
  registration_token: z.string().min(1).optional(),
})

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

export interface RegistrationDeps {
  readonly platforms: Pick<PlatformStore, 'addPlatform' | 'addDeployment' | 'findPlatforms'>
  /** This tool's public base URL. */
  readonly baseUrl: string
  readonly fetch: typeof fetch
}

/**
 * Registers NLS with a platform that opened our registration URL: reads and checks its OpenID
 * configuration, posts our tool configuration with the registration token, and keeps the
 * client_id and deployment_id it answers with: a new platform, or the one of that client_id
 * updated.
 */
export async function registerWithPlatform(
  query: unknown,
  deps: RegistrationDeps,
): Promise<Registration> {
  const initiation = RegistrationInitiation.safeParse(query)
  if (!initiation.success) {
    const issue = initiation.error.issues[0]!
    throw new RegistrationFailed(`"${issue.path.join('.')}" ${issue.message}`)
  }
  const { openid_configuration: configurationUrl, registration_token: token } = initiation.data
  const auth: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {}

  const configuration = PlatformConfiguration.safeParse(
    await getJson(deps.fetch, configurationUrl, {
      headers: { Accept: 'application/json', ...auth },
    }),
  )
  if (!configuration.success) {
    const issue = configuration.error.issues[0]!
    throw new RegistrationFailed(
      `the platform configuration is not valid: "${issue.path.join('.')}" ${issue.message}`,
    )
  }
  const config = configuration.data
  // Dynamic Registration 1.0 §3.5.1: the issuer must be the configuration URL's origin.
  if (new URL(config.issuer).origin !== new URL(configurationUrl).origin) {
    throw new RegistrationFailed(
      `the platform's issuer ${config.issuer} does not match the origin of its configuration URL ${new URL(configurationUrl).origin}`,
    )
  }

  const response = RegistrationResponse.safeParse(
    await getJson(deps.fetch, config.registration_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...auth },
      body: JSON.stringify(toolConfiguration(deps.baseUrl, config.scopes_supported)),
    }),
  )
  if (!response.success) {
    throw new RegistrationFailed('the platform answered the registration without a client_id')
  }
  const clientId = response.data.client_id
  const deploymentId = response.data[TOOL_CONFIGURATION]?.deployment_id
  // The registration token is the platform's own (opaque to us, §3.3): a client_id NLS already
  // keeps for this issuer is how an update shows (Moodle answers an update with the tool's
  // client_id and type id, the deployment, unchanged).
  const [existing] = await deps.platforms.findPlatforms(config.issuer, clientId)
  if (existing) {
    const platform =
      deploymentId && !existing.deploymentIds.includes(deploymentId)
        ? await deps.platforms.addDeployment(existing.id, deploymentId, 'dynamic-registration')
        : existing
    return { platform, outcome: 'updated' }
  }
  const family = config[PLATFORM_CONFIGURATION]?.product_family_code
  const platform = await deps.platforms.addPlatform(
    {
      issuer: config.issuer,
      clientId,
      authUrl: config.authorization_endpoint,
      tokenUrl: config.token_endpoint,
      jwksUrl: config.jwks_uri,
      name: `${family ? `${family[0]!.toUpperCase()}${family.slice(1)} ` : ''}${new URL(config.issuer).host}`,
      deploymentIds: deploymentId ? [deploymentId] : [],
    },
    'dynamic-registration',
  )
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

async function getJson(f: typeof fetch, url: string, init: RequestInit): Promise<unknown> {
  let res: Response
  try {
    res = await f(url, { ...init, signal: AbortSignal.timeout(10_000) })
  } catch (err) {
    throw new RegistrationFailed(`cannot reach ${url}: ${(err as Error).message}`, { cause: err })
  }
  const text = await res.text()
  if (!res.ok) {
    throw new RegistrationFailed(`${url} answered ${res.status}: ${text.slice(0, 300)}`)
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new RegistrationFailed(`${url} did not answer JSON`)
  }
}
