// Small helpers for the fake's node:http handlers.
import type { IncomingMessage, ServerResponse } from 'node:http'

const MAX_BODY = 1024 * 1024

/** The request body as text (at most 1 MiB). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY) throw new RangeError('request body too large')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** The media type without parameters, as PHP's `explode(';', CONTENT_TYPE)[0]`. */
export function mediaType(value: string | undefined): string {
  return (value ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? ''
}

/** Query parameters and, for a form POST, the body's fields (body wins, as in PHP's $_REQUEST). */
export async function formParams(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.search)
  if (
    req.method === 'POST' &&
    mediaType(req.headers['content-type']) === 'application/x-www-form-urlencoded'
  ) {
    for (const [key, value] of new URLSearchParams(await readBody(req))) params.set(key, value)
  }
  return params
}

/** Writes a whole response, with Moodle's reason phrase in the status line when given. */
export function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
  reason?: string,
): void {
  const head = { 'Content-Length': String(Buffer.byteLength(body)), ...headers }
  // Moodle puts its reason in the status line ("HTTP/1.0 409 Refusing score …").
  if (reason) res.writeHead(status, reason.replace(/[^\t\x20-\x7e]/g, '?'), head)
  else res.writeHead(status, head)
  // A Buffer body makes node write the head as latin1, so a header can carry raw UTF-8 bytes.
  res.end(Buffer.from(body, 'utf8'))
}

/** Writes a JSON response. */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  contentType = 'application/json; charset=utf-8',
  headers: Record<string, string> = {},
): void {
  send(res, status, JSON.stringify(value), { 'Content-Type': contentType, ...headers })
}

/** Writes a plain text response (Moodle's error pages and bare error strings). */
export function sendText(res: ServerResponse, status: number, text: string): void {
  send(res, status, text, { 'Content-Type': 'text/plain; charset=utf-8' })
}

/** Writes an HTML page. */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  send(res, status, html, { 'Content-Type': 'text/html; charset=utf-8' })
}

/** PHP's htmlspecialchars($value, ENT_COMPAT). */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
}

/** The self-submitting form Moodle prints (auth.php's ltiAuthForm, the login initiation form). */
export function autoPostForm(name: string, action: string, fields: Record<string, string>): string {
  let html =
    `<form action="${action}" name="${name}" id="${name}" ` +
    'method="post" enctype="application/x-www-form-urlencoded">\n'
  for (const [key, value] of Object.entries(fields)) {
    html += `  <input type="hidden" name="${escapeHtml(key)}" value="${escapeHtml(value)}"/>\n`
  }
  return `${html}</form>\n<script type="text/javascript">\n//<![CDATA[\ndocument.${name}.submit();\n//]]>\n</script>\n`
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
}

/** mod/lti/classes/local/ltiservice/response.php: an error without a body becomes this JSON. */
export function sendServiceError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  reason?: string,
): void {
  const request: Record<string, string> = { method: req.method ?? '', url: req.url ?? '' }
  if (req.headers.accept) request.accept = req.headers.accept
  if (req.headers['content-type']) request.contentType = mediaType(req.headers['content-type'])
  const text = reason ?? REASONS[status] ?? 'Error'
  const body = JSON.stringify({ status, reason: text, request })
  send(res, status, body, { 'Content-Type': 'application/json; charset=utf-8' }, text)
}

/** A bearer token from the Authorization header, or undefined. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization ?? ''
  return header.startsWith('Bearer ') ? header.slice(7).trim() : undefined
}
