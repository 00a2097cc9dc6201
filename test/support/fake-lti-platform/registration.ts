// LTI Dynamic Registration 1.0 as Moodle 4.5 does it: startltiadvregistration.php (the token),
// openid-configuration.php, openid-registration.php with registration_helper's validation.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createHash } from 'node:crypto'
import { z } from 'zod'
import { MOODLE_RELEASE } from './claims.ts'
import { bearerToken, readBody, sendJson, sendText } from './http.ts'
import type { PlatformKeys } from './keys.ts'
import { randomString, SCOPE, type Site, type ToolConfig } from './site.ts'
import type { FakeRegistration } from './types.ts'

const TOOL_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-tool-configuration'

/**
 * startltiadvregistration.php: a token for one hour; for a new tool sub = the client id to be and
 * scope 'reg', for the "Update" of a tool (type id given) sub = its type id and scope 'reg-update'.
 */
export async function registrationToken(
  keys: PlatformKeys,
  expiresIn = 3600,
  updateTypeId?: string,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  return keys.sign({
    sub: updateTypeId ?? randomString(15),
    scope: updateTypeId ? 'reg-update' : 'reg',
    iat: now,
    exp: now + expiresIn,
  })
}

/** What a registration token asks for (registration_helper::validate_registration_token). */
type TokenRequest =
  | { readonly scope: 'reg'; readonly clientId: string }
  | {
      readonly scope: 'reg-update'
      readonly typeId: string
    }

/** The token's request when it is signed by the platform and not expired. */
async function readToken(
  keys: PlatformKeys,
  token: string | undefined,
): Promise<TokenRequest | undefined> {
  if (!token) return undefined
  try {
    const payload = await keys.verify(token)
    if (typeof payload.sub !== 'string') return undefined
    if (payload.scope === 'reg') return { scope: 'reg', clientId: payload.sub }
    if (payload.scope === 'reg-update') return { scope: 'reg-update', typeId: payload.sub }
    return undefined
  } catch {
    return undefined
  }
}

/** GET /mod/lti/openid-configuration.php */
export async function handleConfiguration(
  site: Site,
  keys: PlatformKeys,
  requireToken: boolean,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const token = bearerToken(req) ?? url.searchParams.get('registration_token') ?? undefined
  if (requireToken && !(await readToken(keys, token))) {
    return sendText(res, 401, 'missing_registration_token')
  }
  const www = site.issuer
  const scopes = [
    'https://purl.imsglobal.org/spec/lti-bo/scope/basicoutcome',
    SCOPE.lineItemReadonly,
    SCOPE.resultReadonly,
    SCOPE.score,
    SCOPE.lineItem,
    SCOPE.memberships,
    'https://purl.imsglobal.org/spec/lti-ts/scope/toolsetting',
    'openid',
  ]
  sendJson(res, 200, {
    issuer: www,
    token_endpoint: `${www}/mod/lti/token.php`,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    jwks_uri: `${www}/mod/lti/certs.php`,
    authorization_endpoint: `${www}/mod/lti/auth.php`,
    registration_endpoint: `${www}/mod/lti/openid-registration.php`,
    scopes_supported: scopes,
    response_types_supported: ['id_token'],
    subject_types_supported: ['public', 'pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: ['sub', 'iss', 'name', 'given_name', 'family_name', 'email'],
    'https://purl.imsglobal.org/spec/lti-platform-configuration': {
      product_family_code: 'moodle',
      version: MOODLE_RELEASE,
      // Moodle lists message types as plain strings, not the spec's {type} objects.
      messages_supported: ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'],
      placements: ['AddContentMenu'],
      // array_keys(lti_get_capabilities()), abridged.
      variables: [
        'basic-lti-launch-request',
        'ContentItemSelectionRequest',
        'Context.id',
        'Context.title',
        'Context.label',
        'Context.id.history',
        'CourseSection.sourcedId',
        'ResourceLink.id',
        'ResourceLink.title',
        'ResourceLink.description',
        'User.id',
        'User.username',
        'Person.name.full',
        'Person.name.given',
        'Person.name.family',
        'Person.email.primary',
        'Person.sourcedId',
        'Membership.role',
        'LineItems.url',
        'LineItem.url',
        'Scores.url',
        'ToolProxyBinding.memberships.url',
      ],
    },
  })
}

const Registration = z.object({
  application_type: z.literal('web').optional(),
  response_types: z
    .array(z.string())
    .refine((t) => t.includes('id_token'), 'invalid_response_types'),
  grant_types: z
    .array(z.string())
    .refine(
      (g) => g.includes('implicit') && g.includes('client_credentials'),
      'invalid_grant_types',
    ),
  initiate_login_uri: z.url(),
  redirect_uris: z.array(z.url()).min(1),
  client_name: z.string().min(1),
  jwks_uri: z.url(),
  logo_uri: z.string().optional(),
  token_endpoint_auth_method: z.literal('private_key_jwt'),
  scope: z.string().optional(),
  [TOOL_CONFIGURATION]: z.object({
    domain: z.string().min(1),
    target_link_uri: z.url().optional(),
    description: z.string().optional(),
    claims: z.array(z.string()).optional(),
    messages: z
      .array(z.looseObject({ type: z.string(), target_link_uri: z.url().optional() }))
      .optional(),
    custom_parameters: z.record(z.string(), z.string()).optional(),
  }),
})

/** lti_get_domain_from_url: the host (with port) without scheme, path and a leading www. */
const domainOf = (value: string): string =>
  (/^(?:https?:\/\/)?(?:www\.)?([^/]+)(?:\/|$)/i.exec(value)?.[1] ?? '').toLowerCase()

/** POST /mod/lti/openid-registration.php */
export async function handleRegistration(
  site: Site,
  keys: PlatformKeys,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'POST') return sendText(res, 400, 'Unsupported operation')
  const token = bearerToken(req)
  if (!token) return sendText(res, 401, 'missing_registration_token')
  const request = await readToken(keys, token)
  // Moodle: an unusable token throws from JWT::decode; the fake answers 401.
  if (!request) return sendText(res, 401, 'invalid_registration_token')
  // validate_registration_token: a new client id must not be registered yet; an update names a
  // tool type that exists, and keeps its client id (and its type id, the deployment id).
  const updated = request.scope === 'reg-update' ? site.toolByTypeId(request.typeId) : undefined
  if (request.scope === 'reg-update' && !updated) return sendText(res, 400, 'Unknown client')
  const clientId = updated?.clientId ?? (request.scope === 'reg' ? request.clientId : '')
  if (!updated && site.tools.has(clientId)) return sendText(res, 401, 'token_already_used')

  let json: unknown
  try {
    json = JSON.parse(await readBody(req))
  } catch {
    return sendText(res, 400, 'invalid_json')
  }
  const parsed = Registration.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return sendText(res, 400, `${issue?.message ?? 'invalid'} at ${issue?.path.join('.') ?? ''}`)
  }
  const body = parsed.data
  const config = body[TOOL_CONFIGURATION]
  const targetLinkUri = config.target_link_uri ?? `https://${config.domain}`
  if (domainOf(config.domain) !== domainOf(targetLinkUri)) {
    return sendText(res, 400, 'domain_targetlinkuri_mismatch')
  }

  const scopes = (body.scope ?? '').split(' ')
  const gradeSync = scopes.includes(SCOPE.lineItem)
    ? 2
    : [SCOPE.score, SCOPE.resultReadonly, SCOPE.lineItemReadonly].some((s) => scopes.includes(s))
      ? 1
      : 0
  const claims = config.claims ?? []
  const deepLinking = config.messages?.find((m) => m.type === 'LtiDeepLinkingRequest')
  // lti_update_type keeps the tool's state (an active tool stays active); lti_add_type makes a
  // pending one.
  const tool: ToolConfig = {
    clientId,
    typeId: updated?.typeId ?? site.newTypeId(),
    name: body.client_name,
    state: updated?.state ?? 'pending',
    loginUrl: body.initiate_login_uri,
    redirectUris: body.redirect_uris,
    jwksUrl: body.jwks_uri,
    targetLinkUri,
    ...(deepLinking ? { deepLinkingUrl: deepLinking.target_link_uri ?? targetLinkUri } : {}),
    shareName: ['name', 'given_name', 'family_name'].some((c) => claims.includes(c)),
    shareEmail: claims.includes('email'),
    gradeSync,
    memberships: scopes.includes(SCOPE.memberships),
    // LTI_DEFAULT_ORGID_SITEID: md5 of the site identifier.
    guid: updated?.guid ?? createHash('md5').update(site.issuer).digest('hex'),
  }
  site.tools.set(clientId, tool)

  // registration_helper::config_to_registration (its `?? 0 > 0` precedence slips grant every AGS
  // scope, lineitem included, once any grade sync is on).
  const response: Record<string, unknown> = {
    client_id: clientId,
    response_types: ['id_token'],
    jwks_uri: tool.jwksUrl,
    initiate_login_uri: tool.loginUrl,
    grant_types: ['client_credentials', 'implicit'],
    redirect_uris: tool.redirectUris,
    application_type: 'web',
    token_endpoint_auth_method: 'private_key_jwt',
    client_name: tool.name,
    logo_uri: body.logo_uri ?? '',
    scope: [
      ...(gradeSync > 0
        ? [SCOPE.score, SCOPE.resultReadonly, SCOPE.lineItemReadonly, SCOPE.lineItem]
        : []),
      ...(tool.memberships ? [SCOPE.memberships] : []),
    ].join(' '),
    [TOOL_CONFIGURATION]: {
      version: '1.3.0',
      deployment_id: tool.typeId,
      target_link_uri: targetLinkUri,
      domain: domainOf(config.domain),
      description: config.description ?? '',
      ...(deepLinking
        ? { messages: [{ type: 'LtiDeepLinkingRequest', target_link_uri: tool.deepLinkingUrl }] }
        : {}),
      ...(config.custom_parameters ? { custom_parameters: config.custom_parameters } : {}),
      claims: [
        'sub',
        'iss',
        ...(tool.shareName ? ['name', 'family_name', 'given_name'] : []),
        ...(tool.shareEmail ? ['email'] : []),
      ],
    },
  }
  const registration: FakeRegistration = {
    clientId,
    deploymentId: tool.typeId,
    state: tool.state,
    request: json as Record<string, unknown>,
    response,
  }
  site.registrations.set(clientId, registration)
  sendJson(res, 200, response)
}
