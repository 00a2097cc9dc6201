import express, { type RequestHandler } from 'express'
import { QueryInvalid } from '../errors.ts'

// The Alternate Request Syntax (xAPI 1.0.3 Communication §1.3): a client that can only send
// simple requests (a browser across origins) POSTs a form with `?method=` the real method. The
// form's header fields become headers, `content` the body, every other field a query parameter;
// the request then goes on as the one it stands for. (2.0 leaves it out; a 2.0 client may still
// use it.)

/** Form fields that are headers (Communication §1.3.s3.b6). */
const HEADER_FIELDS = new Set([
  'authorization',
  'x-experience-api-version',
  'content-type',
  'content-length',
  'if-match',
  'if-none-match',
])
const METHODS = new Set(['GET', 'HEAD', 'PUT', 'POST', 'DELETE'])

/** The largest form read: a document's or a batch's limit and the form's own encoding. */
const FORM_LIMIT = '48mb'

const readForm = express.urlencoded({ extended: false, limit: FORM_LIMIT, type: () => true })

/**
 * Turns a POST of the Alternate Request Syntax into the request it stands for; other requests
 * pass unchanged. Its body (the form's `content`) is then a Buffer that later parsers leave.
 */
export const alternateRequestSyntax: RequestHandler = (req, res, next) => {
  const method = req.query.method
  if (method === undefined) return next()
  if (req.method !== 'POST') {
    return next(new QueryInvalid('method: only a POST takes it (the Alternate Request Syntax)'))
  }
  if (typeof method !== 'string' || !METHODS.has(method.toUpperCase())) {
    return next(new QueryInvalid('method: must be GET, HEAD, PUT, POST or DELETE'))
  }
  if (Object.keys(req.query).length > 1) {
    return next(
      new QueryInvalid(
        'the Alternate Request Syntax takes no query parameter but method: send the others as form fields',
      ),
    )
  }
  if (!req.is('application/x-www-form-urlencoded')) {
    return next(
      new QueryInvalid(
        'the Alternate Request Syntax sends a form: Content-Type application/x-www-form-urlencoded',
      ),
    )
  }
  readForm(req, res, (err?: unknown) => {
    if (err) return next(err)
    const fields = (req.body ?? {}) as Record<string, unknown>
    const params = new URLSearchParams()
    let content: string | undefined
    for (const [name, value] of Object.entries(fields)) {
      if (typeof value !== 'string') {
        return next(new QueryInvalid(`${name}: must be given once`))
      }
      const lower = name.toLowerCase()
      if (HEADER_FIELDS.has(lower)) req.headers[lower] = value
      else if (name === 'content') content = value
      else params.append(name, value)
    }
    if (content !== undefined) req.headers['content-length'] = String(Buffer.byteLength(content))
    else delete req.headers['content-length']
    const query = params.toString()
    req.method = method.toUpperCase()
    req.url = `${req.path}${query ? `?${query}` : ''}`
    req.body = content === undefined ? undefined : Buffer.from(content, 'utf8')
    next()
  })
}
