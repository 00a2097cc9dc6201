// mod/lti/token.php: OAuth 2 client_credentials with a JWT client assertion (1EdTech Security
// Framework §4.1, RFC 7523). Moodle itself only decodes `sub`, finds the tool by client id and
// verifies the signature (and exp) against the tool's key set; the fake also enforces what the
// Security Framework requires of the assertion: iss = sub = client_id, aud naming the token
// endpoint, a jti not seen before, and an exp.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { randomBytes } from 'node:crypto'
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  type JSONWebKeySet,
  jwtVerify,
} from 'jose'
import { z } from 'zod'
import { mediaType, readBody, sendJson } from './http.ts'
import type { Site } from './site.ts'

/** LTI_ACCESS_TOKEN_LIFE */
const TOKEN_LIFE = 3600

const TokenRequest = z.object({
  grant_type: z.literal('client_credentials'),
  client_assertion_type: z.literal('urn:ietf:params:oauth:client-assertion-type:jwt-bearer'),
  client_assertion: z.string().min(1),
  scope: z.string().min(1),
})

const Assertion = z.object({
  iss: z.string(),
  sub: z.string().min(1),
  aud: z.union([z.string(), z.array(z.string())]),
  jti: z.string().min(1),
  exp: z.number(),
})

const KeySet = z.object({ keys: z.array(z.record(z.string(), z.unknown())) })

async function fetchKeySet(url: string): Promise<JSONWebKeySet> {
  const response = await fetch(url)
  if (!response.ok) throw new Error(`key set ${url} answered ${response.status}`)
  return KeySet.parse(await response.json()) as JSONWebKeySet
}

/** POST /mod/lti/token.php */
export async function handleToken(
  site: Site,
  tokenUrl: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const fail = (error: string): void => sendJson(res, 400, { error })
  if (
    req.method !== 'POST' ||
    mediaType(req.headers['content-type']) !== 'application/x-www-form-urlencoded'
  ) {
    return fail('invalid_request')
  }
  const fields = Object.fromEntries(new URLSearchParams(await readBody(req)))
  const missing = ['client_assertion', 'client_assertion_type', 'grant_type', 'scope'].some(
    (name) => !fields[name],
  )
  if (missing) return fail('invalid_request')
  const request = TokenRequest.safeParse(fields)
  if (!request.success) return fail('unsupported_grant_type')

  let claims: z.infer<typeof Assertion>
  try {
    claims = Assertion.parse(decodeJwt(request.data.client_assertion))
    // Firebase JWT picks the key from a key set by kid, so Moodle needs the kid header.
    if (!decodeProtectedHeader(request.data.client_assertion).kid) throw new Error('no kid')
  } catch {
    return fail('invalid_request')
  }
  const tool = site.tools.get(claims.sub)
  if (!tool?.jwksUrl) return fail('invalid_client')
  try {
    // Fetched every time (Moodle re-fetches whenever its cached set fails); exp is checked too.
    const keySet = createLocalJWKSet(await fetchKeySet(tool.jwksUrl))
    await jwtVerify(request.data.client_assertion, keySet, { algorithms: ['RS256'] })
  } catch {
    return fail('invalid_client')
  }
  const audiences = [claims.aud].flat()
  if (claims.iss !== claims.sub || !audiences.includes(tokenUrl)) return fail('invalid_client')
  if (site.usedAssertionIds.has(claims.jti)) return fail('invalid_client')
  site.usedAssertionIds.add(claims.jti)

  const permitted = site.permittedScopes(tool)
  const scopes = [...new Set(request.data.scope.split(' '))].filter((s) => permitted.includes(s))
  if (scopes.length === 0) return fail('invalid_scope')
  const accessToken = randomBytes(16).toString('hex')
  site.tokens.set(accessToken, {
    typeId: tool.typeId,
    scopes,
    validUntil: Date.now() / 1000 + TOKEN_LIFE,
  })
  sendJson(res, 200, {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: TOKEN_LIFE,
    scope: scopes.join(' '),
  })
}
