import { randomBytes, randomUUID } from 'node:crypto'
import { SignJWT } from 'jose'
import { z } from 'zod'
import type { Catalog } from '../framework/index.ts'
import { LINK_ACTIVITY_IRI_PREFIX } from '../src/store/course-store.ts'
import type { Platform } from '../src/store/platform-store.ts'
import type { ToolKeyStore } from '../src/store/tool-key-store.ts'
import { CLAIM, type LaunchClaims } from './claims.ts'
import { ClaimsInvalid, DeepLinkingInvalid } from './errors.ts'
import { signToken, verifyToken } from './signed-token.ts'
import { signingKey } from './tool-keys.ts'

/** What a deep linking request asked, kept signed in the chooser page until the trainer answers. */
export const DeepLinkingRequest = z.object({
  tenantId: z.uuid(),
  platformId: z.uuid(),
  personId: z.uuid(),
  contextId: z.uuid().optional(),
  deploymentId: z.string(),
  returnUrl: z.url(),
  data: z.string().optional(),
  /** DL 2.0 §4.4.1 accept_lineitem: false means line items would be ignored. */
  acceptLineItem: z.boolean(),
})
export type DeepLinkingRequest = z.infer<typeof DeepLinkingRequest>

const AUDIENCE = 'nls-deep-linking'
const TTL_SEC = 3_600

/** The custom parameter naming the NLS activity a new link stands for. */
export const LINK_PARAMETER = 'nls_activity'

/** The deep linking request of a launch, checked for what NLS can return (an ltiResourceLink). */
export function deepLinkingRequest(
  claims: LaunchClaims,
  ids: Pick<DeepLinkingRequest, 'tenantId' | 'platformId' | 'personId' | 'contextId'>,
): DeepLinkingRequest {
  const settings = claims[CLAIM.deepLinkingSettings]
  if (!settings) throw new ClaimsInvalid('"deep_linking_settings" claim is missing')
  if (!settings.accept_types.includes('ltiResourceLink')) {
    throw new ClaimsInvalid('"deep_linking_settings" claim does not accept ltiResourceLink items')
  }
  return {
    ...ids,
    deploymentId: claims[CLAIM.deploymentId],
    returnUrl: settings.deep_link_return_url,
    data: settings.data,
    acceptLineItem: settings.accept_lineitem !== false,
  }
}

/** Signs the request for the chooser page's hidden field. */
export function signDeepLinkingRequest(
  request: DeepLinkingRequest,
  secret: Uint8Array,
  now: Date,
): Promise<string> {
  return signToken({ ...request }, AUDIENCE, secret, now, TTL_SEC)
}

/** The request a chooser page carried; DeepLinkingInvalid when forged or stale. */
export async function verifyDeepLinkingRequest(
  token: string,
  secret: Uint8Array,
  now: Date,
): Promise<DeepLinkingRequest> {
  try {
    return await verifyToken(DeepLinkingRequest, token, AUDIENCE, secret, now)
  } catch (err) {
    throw new DeepLinkingInvalid('the selection expired or was altered; start again from the LMS', {
      cause: err,
    })
  }
}

/**
 * The competency IDs a trainer chose, each a descriptor (TT18.PT.1.1.CB.2) or a component at a
 * level (TT18.PT.1.1.CB); unknown or other IDs are refused all together, by name.
 */
export function chosenCompetencies(ids: readonly string[], catalog: Catalog): string[] {
  const unique = [...new Set(ids.map((id) => id.trim()).filter(Boolean))]
  if (unique.length === 0) throw new DeepLinkingInvalid('choose at least one competency')
  const bad = unique.filter((id) => {
    const kind = catalog.find(id)?.kind
    return kind !== 'descriptor' && kind !== 'level'
  })
  if (bad.length > 0) {
    throw new DeepLinkingInvalid(
      `not a descriptor or a component at a level: ${bad.join(', ')} (e.g. TT18.PT.1.1.CB.2 or TT18.PT.1.1.CB)`,
    )
  }
  return unique
}

/** A new NLS activity's link key; the resource link carries it back in its custom parameters. */
export function newLinkKey(): string {
  return randomUUID()
}

/**
 * The signed LtiDeepLinkingResponse (Deep Linking 2.0 §4.5) with one LtiResourceLink to NLS,
 * carrying a line item when the platform accepts them.
 */
export async function deepLinkingResponse(input: {
  readonly request: DeepLinkingRequest
  readonly platform: Platform
  readonly toolKeys: ToolKeyStore
  readonly launchUrl: string
  readonly title: string
  readonly linkKey: string
  readonly now: Date
}): Promise<string> {
  const { request, platform } = input
  const item: Record<string, unknown> = {
    type: 'ltiResourceLink',
    title: input.title,
    url: input.launchUrl,
    custom: { [LINK_PARAMETER]: input.linkKey },
  }
  if (request.acceptLineItem) {
    item.lineItem = {
      scoreMaximum: 100,
      label: input.title,
      resourceId: input.linkKey,
      tag: 'nls',
    }
  }
  const { kid, key } = await signingKey(input.toolKeys)
  const iat = Math.floor(input.now.getTime() / 1000)
  return new SignJWT({
    nonce: randomBytes(16).toString('base64url'),
    [CLAIM.deploymentId]: request.deploymentId,
    [CLAIM.messageType]: 'LtiDeepLinkingResponse',
    [CLAIM.version]: '1.3.0',
    'https://purl.imsglobal.org/spec/lti-dl/claim/content_items': [item],
    ...(request.data === undefined
      ? {}
      : { 'https://purl.imsglobal.org/spec/lti-dl/claim/data': request.data }),
  })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuer(platform.clientId)
    .setAudience(platform.issuer)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .sign(key)
}

/** The IRI of the NLS activity a deep-linked resource link stands for. */
export function linkActivityIri(linkKey: string): string {
  return `${LINK_ACTIVITY_IRI_PREFIX}${linkKey}`
}
