import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { PlatformStore } from '../src/store/platform-store.ts'
import { LoginInvalid, PlatformUnknown } from './errors.ts'

/**
 * Third-party initiated login (LTI 1.3 Security Framework §5.1.1.1; Core §4.1): what a platform
 * sends to the tool's login URL, by GET or POST.
 */
export const LoginInitiation = z.object({
  iss: z.string().min(1),
  login_hint: z.string().min(1),
  target_link_uri: z.url(),
  lti_message_hint: z.string().optional(),
  lti_deployment_id: z.string().optional(),
  client_id: z.string().optional(),
})

export interface LoginDeps {
  readonly platforms: Pick<PlatformStore, 'findPlatforms' | 'createLoginState'>
  /** Our redirect_uri (the launch URL); its origin is the only one target_link_uri may name. */
  readonly launchUrl: string
  readonly now: () => Date
  readonly ttlMs: number
}

/** Where to send the browser, and the state to bind to it. */
export interface LoginRedirect {
  readonly redirectUrl: string
  readonly state: string
}

/**
 * Answers a login initiation: picks the registered platform, issues a state and a nonce (each
 * single use, kept until the launch), and builds the OIDC authentication request (Security
 * Framework §5.1.1.2).
 */
export async function startLogin(params: unknown, deps: LoginDeps): Promise<LoginRedirect> {
  const parsed = LoginInitiation.safeParse(params)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new LoginInvalid(`login initiation: "${issue.path.join('.')}" ${issue.message}`)
  }
  const login = parsed.data
  if (new URL(login.target_link_uri).origin !== new URL(deps.launchUrl).origin) {
    throw new LoginInvalid('login initiation: "target_link_uri" is not a URL of this tool')
  }
  const candidates = await deps.platforms.findPlatforms(login.iss, login.client_id)
  if (candidates.length === 0) {
    throw new PlatformUnknown(
      `no platform is registered with issuer ${login.iss}${login.client_id ? ` and client_id ${login.client_id}` : ''}`,
    )
  }
  if (candidates.length > 1) {
    throw new LoginInvalid(
      'login initiation: "client_id" is required: several registrations share this issuer',
    )
  }
  const platform = candidates[0]!
  const state = randomBytes(32).toString('base64url')
  const nonce = randomBytes(32).toString('base64url')
  await deps.platforms.createLoginState({
    state,
    nonce,
    platformId: platform.id,
    expiresAt: new Date(deps.now().getTime() + deps.ttlMs),
  })
  const auth = new URL(platform.authUrl)
  const request: Record<string, string | undefined> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: platform.clientId,
    redirect_uri: deps.launchUrl,
    login_hint: login.login_hint,
    lti_message_hint: login.lti_message_hint,
    state,
    nonce,
  }
  for (const [name, value] of Object.entries(request)) {
    if (value !== undefined) auth.searchParams.set(name, value)
  }
  return { redirectUrl: auth.href, state }
}
