// The third-party initiated login (lti_build_login_request) and mod/lti/auth.php, the OIDC
// authorization endpoint. 1EdTech Security Framework §5.1.1: the tool redirects the browser here
// with scope=openid, response_type=id_token, response_mode=form_post, prompt=none, client_id,
// redirect_uri, login_hint, lti_message_hint, state and nonce.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { randomInt } from 'node:crypto'
import { z } from 'zod'
import { buildLaunchClaims } from './claims.ts'
import { autoPostForm, formParams, sendHtml, sendText } from './http.ts'
import type { PlatformKeys } from './keys.ts'
import type { Site } from './site.ts'
import type { InitiateLaunchOptions, LoginInitiation } from './types.ts'

const DEFAULT_USER = { Administrator: '2', Instructor: '3', Learner: '4' } as const

/** Stores the launch in the "session" and returns what Moodle sends to the tool's login URL. */
export function initiateLaunch(site: Site, options: InitiateLaunchOptions): LoginInitiation {
  const tool = site.currentTool()
  if (!tool.loginUrl) throw new TypeError('configureTool() before initiateLaunch()')
  const deepLinking = options.messageType === 'LtiDeepLinkingRequest'
  const resourceLinkId = options.resourceLinkId ?? '1'
  // Moodle 4.5: lti_message_hint is JSON naming a launch id kept in $SESSION (and the cmid).
  const launchId = deepLinking
    ? `ltilaunch_ContentItemSelectionRequest${randomInt(2 ** 31)}`
    : `ltilaunch${resourceLinkId}_${randomInt(2 ** 31)}`
  const userId = options.userId ?? DEFAULT_USER[options.role]
  site.launches.set(launchId, { launchId, clientId: tool.clientId, userId, options })
  // $cmid is an int in PHP, so json_encode writes a number.
  const cmid = /^\d+$/.test(resourceLinkId) ? Number(resourceLinkId) : resourceLinkId
  const hint = deepLinking ? { launchid: launchId } : { cmid, launchid: launchId }
  const params = {
    iss: site.issuer,
    target_link_uri: deepLinking ? (tool.deepLinkingUrl ?? tool.targetLinkUri) : tool.targetLinkUri,
    login_hint: userId,
    lti_message_hint: JSON.stringify(hint),
    client_id: tool.clientId,
    lti_deployment_id: tool.typeId,
  }
  const url = new URL(tool.loginUrl)
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  return {
    url: url.href,
    loginUrl: tool.loginUrl,
    params,
    html: autoPostForm('ltiInitiateLoginForm', tool.loginUrl, params),
  }
}

const Hint = z.object({ launchid: z.string().min(1) })

function parseHint(value: string): z.infer<typeof Hint> | undefined {
  try {
    const parsed = Hint.safeParse(JSON.parse(value))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** GET|POST /mod/lti/auth.php, checked in the order Moodle 4.5 checks. */
export async function handleAuth(
  site: Site,
  keys: PlatformKeys,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const params = await formParams(req, url)
  const get = (name: string): string => params.get(name) ?? ''
  const [scope, responseType, clientId, redirectUri, loginHint, nonce] = [
    'scope',
    'response_type',
    'client_id',
    'redirect_uri',
    'login_hint',
    'nonce',
  ].map(get) as [string, string, string, string, string, string]

  // Until the launch and its tool are loaded, an error cannot be posted anywhere: Moodle throws
  // moodle_exception('invalidrequest') and shows an error page.
  let error: string | undefined
  let description: string | undefined
  if (!scope || !responseType || !clientId || !redirectUri || !loginHint || !nonce) {
    error = 'invalid_request'
  }
  const hint = parseHint(get('lti_message_hint'))
  if (!error && !hint) [error, description] = ['invalid_request', 'No launch id in LTI hint']
  if (!error && scope !== 'openid') error = 'invalid_scope'
  if (!error && responseType !== 'id_token') error = 'unsupported_response_type'
  if (error || !hint) {
    return sendText(res, 400, `Invalid request (${error}${description ? `: ${description}` : ''})`)
  }

  // The launch is read from the session and removed from it: a launch id works once.
  const launch = site.launches.get(hint.launchid)
  if (launch) site.launches.delete(launch.launchId)
  const tool = launch ? site.tools.get(launch.clientId) : undefined
  if (!launch || !tool) return sendText(res, 400, 'Invalid request (unknown or used launch)')
  if (clientId !== tool.clientId) error = 'unauthorized_client'
  else if (loginHint !== launch.userId) error = 'access_denied'

  // "If we're unable to load up config; we cannot trust the redirect uri for POSTing to."
  if (!tool.redirectUris.includes(redirectUri)) {
    return sendText(res, 400, 'Invalid request (redirect_uri is not registered for this tool)')
  }
  if (!error && get('response_mode') !== 'form_post') {
    ;[error, description] = ['invalid_request', 'Invalid response_mode']
  }
  if (!error && get('prompt') && get('prompt') !== 'none') {
    ;[error, description] = ['invalid_request', 'Invalid prompt']
  }

  const fields: Record<string, string> = {}
  if (!error) {
    const { tamper, sign, ...options } = launch.options
    let claims = buildLaunchClaims(site, tool, { ...options, nonce }, Math.floor(Date.now() / 1000))
    if (tamper) claims = tamper(claims)
    fields.id_token = await keys.sign(claims, sign)
  } else {
    fields.error = error
    if (description) fields.error_description = description
  }
  // Moodle always adds state (optional_param gives '' when the tool sent none).
  fields.state = get('state')
  sendHtml(res, 200, autoPostForm('ltiAuthForm', redirectUri, fields))
}
