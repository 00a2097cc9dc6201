/**
 * Query (and fragment) parameters that carry a credential: our page session and invitations,
 * Dynamic Registration's `registration_token` (LTI DR 1.0 §3.3), OIDC and OAuth 2.0 values
 * (`id_token`, `state`, `code`, `access_token`: RFC 6749 §4.1.2, §4.2.2; OIDC Core §3.2.2.5),
 * and anything named like a password or secret.
 */
export const SECRET_PARAMS: readonly string[] = [
  'session',
  'invitation',
  'registration_token',
  'token',
  'id_token',
  'access_token',
  'refresh_token',
  'state',
  'code',
  'nonce',
  'password',
  'secret',
  'client_secret',
  'client_assertion',
  'jwt',
  'signature',
  'sig',
  'key',
  'api_key',
  'apikey',
]

export const REDACTED = '[redacted]'

const escaped = SECRET_PARAMS.map((p) => p.replace(/[^\w]/g, '\\$&')).join('|')
// `name=value` after `?`, `&`, `;` or `#`, the name matched whole (so `lang` is not `key`).
const SECRET_PARAM = new RegExp(`([?&#;](?:${escaped})=)[^&#;\\s"'<>]*`, 'gi')
// The password of `scheme://user:password@host`.
const USERINFO_PASSWORD = /(\b[a-z][\w+.-]*:\/\/[^:/@\s]*):[^@/\s]*@/gi

/**
 * A URL, or text with URLs in it, with the values of secret-bearing parameters and any userinfo
 * password replaced: safe to log.
 */
export function redactUrl(text: string): string {
  return text.replace(SECRET_PARAM, `$1${REDACTED}`).replace(USERINFO_PASSWORD, '$1:***@')
}

/** A parsed query (`req.query`) with the values of secret-bearing parameters replaced. */
export function redactQuery(query: unknown): unknown {
  if (!query || typeof query !== 'object') return query
  const secret = new Set(SECRET_PARAMS)
  return Object.fromEntries(
    Object.entries(query).map(([k, v]) => [k, secret.has(k.toLowerCase()) ? REDACTED : v]),
  )
}
