import { createHash, randomUUID } from 'node:crypto'
import { MultipartParseError, parseMultipart } from '@remix-run/multipart-parser'
import { StatementsInvalid } from '../errors.ts'

// Statements with their attachments' data in one multipart/mixed request (xAPI 1.0.3
// Communication §1.5.2): the statements as JSON first, then each attachment's bytes, named by the
// SHA-2 of its data (X-Experience-API-Hash).

/** An attachment's data as a request carried it. */
export interface AttachmentPart {
  /** The SHA-2 of the data, lower-case hex, as the part and its Attachment Object name it. */
  readonly sha2: string
  readonly contentType: string
  readonly contents: Buffer
}

/** The largest part of a request: an attachment of up to 16 MiB. */
const MAX_PART_BYTES = 16 * 1024 * 1024

const problem = (message: string) => new StatementsInvalid([{ path: [], message }])

/** The SHA-2 of `bytes` by the length of `like` (224, 256, 384 or 512 bits), lower-case hex. */
export function sha2Like(like: string, bytes: Uint8Array): string | undefined {
  const algorithm = { 56: 'sha224', 64: 'sha256', 96: 'sha384', 128: 'sha512' }[like.length]
  return algorithm && createHash(algorithm).update(bytes).digest('hex')
}

/**
 * Reads a multipart/mixed request: its statements (the first part, JSON) and the parts after it.
 * Refuses with StatementsInvalid what Communication §1.5.2 does not allow: no boundary, a first
 * part that is not JSON, a part without X-Experience-API-Hash or Content-Transfer-Encoding
 * binary, a hash its bytes do not have.
 */
export function readMultipart(
  body: Buffer,
  contentType: string,
): { statements: unknown; parts: AttachmentPart[] } {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1]
  if (!boundary) throw problem('a multipart/mixed request names its boundary in Content-Type')
  let all
  try {
    all = [
      ...parseMultipart(withoutPreamble(body, boundary), {
        boundary,
        maxFileSize: MAX_PART_BYTES,
        maxTotalSize: body.length,
      }),
    ]
  } catch (err) {
    if (err instanceof MultipartParseError) throw problem(`the multipart body: ${err.message}`)
    throw err
  }
  const [first, ...rest] = all
  if (!first || first.mediaType?.toLowerCase() !== 'application/json') {
    throw problem('the first part of a multipart/mixed request is the statements, application/json')
  }
  let statements: unknown
  try {
    statements = JSON.parse(Buffer.from(first.bytes).toString('utf8'))
  } catch {
    throw problem('the first part of the multipart/mixed request is not JSON')
  }
  const parts = rest.map((part, i) => {
    const where = `part ${i + 2} of the multipart/mixed request`
    const hash = part.headers['x-experience-api-hash']?.trim().toLowerCase()
    if (!hash) throw problem(`${where} names its data's SHA-2 in X-Experience-API-Hash`)
    if (part.headers['content-transfer-encoding']?.trim().toLowerCase() !== 'binary') {
      throw problem(`${where} must have Content-Transfer-Encoding: binary`)
    }
    if (sha2Like(hash, part.bytes) !== hash) {
      throw problem(`${where}: its bytes do not have the SHA-2 its X-Experience-API-Hash gives`)
    }
    return {
      sha2: hash,
      contentType: part.headers['content-type'] ?? 'application/octet-stream',
      contents: Buffer.from(part.bytes),
    }
  })
  return { statements, parts }
}

/**
 * The body from its first boundary on: RFC 2046 §5.1.1 lets a preamble (often one empty line)
 * come before it, which the parser does not skip.
 */
function withoutPreamble(body: Buffer, boundary: string): Buffer {
  const delimiter = `--${boundary}`
  if (body.subarray(0, delimiter.length).toString('latin1') === delimiter) return body
  const at = body.indexOf(`\r\n${delimiter}`, 0, 'latin1')
  return at < 0 ? body : body.subarray(at + 2)
}

/**
 * An answer with attachments (Communication §2.1.3, attachments=true): multipart/mixed, the JSON
 * first, then each attachment's data once, named by its SHA-2.
 */
export function multipartAnswer(
  json: unknown,
  attachments: readonly AttachmentPart[],
): { contentType: string; body: Buffer } {
  const boundary = `nls-${randomUUID()}`
  const chunks: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(json)}\r\n`,
    ),
  ]
  for (const a of attachments) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Type: ${a.contentType}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${a.sha2}\r\n\r\n`,
      ),
      a.contents,
      Buffer.from('\r\n'),
    )
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) }
}
