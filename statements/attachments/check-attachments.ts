import { compactVerify, decodeProtectedHeader, importX509 } from 'jose'
import { StatementsInvalid } from '../errors.ts'
import type { Problem, Statement } from '../xapi/index.ts'
import { attachmentsOf, statementsEqual, validateStatements } from '../xapi/index.ts'
import type { XapiVersion } from '../xapi/limits.ts'
import type { AttachmentPart } from './attachment-parts.ts'

/** The usageType of a signature (xAPI 1.0.3 Data 2.6). */
export const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature'
const SIGNATURE_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512'])

/**
 * Checks a request's attachments against its statements (Communication §1.5.2, Data 2.6): each
 * Attachment without a fileUrl, a SubStatement's too, has its data in a part (by its sha2), each
 * part is some statement's attachment, and a signature is a JWS (RS256, RS384 or RS512) of the statement it
 * is attached to, verified with the certificate its x5c names when it names one. StatementsInvalid
 * gives each problem's statement and attachment.
 */
export async function checkAttachments(
  statements: readonly Statement[],
  parts: readonly AttachmentPart[],
  version: XapiVersion,
): Promise<void> {
  const bySha2 = new Map(parts.map((p) => [p.sha2, p]))
  const used = new Set<string>()
  const problems: Problem[] = []
  for (const [i, statement] of statements.entries()) {
    for (const { attachment, path: inStatement } of attachmentsOf(statement)) {
      const path = [i, ...inStatement]
      const part = bySha2.get(attachment.sha2.toLowerCase())
      if (part) used.add(part.sha2)
      if (!part && attachment.fileUrl === undefined) {
        problems.push({
          path,
          message:
            'has no "fileUrl", and no part of the request carries its data (none has its sha2): send it in a multipart/mixed request (xAPI Communication 1.5.2)',
        })
        continue
      }
      // A signature signs the Statement (Data 2.6); a SubStatement's attachments are data only.
      if (attachment.usageType !== SIGNATURE || inStatement[0] === 'object') continue
      const why = part
        ? await signatureProblem(statement, attachment.contentType, part, version)
        : 'a signature travels in the request, as a part (xAPI Data 2.6)'
      if (why) problems.push({ path, message: why })
    }
  }
  for (const part of parts) {
    if (!used.has(part.sha2)) {
      problems.push({
        path: [],
        message: `a part of the request (SHA-2 ${part.sha2}) is no statement's attachment (xAPI Communication 1.5.2)`,
      })
    }
  }
  if (problems.length > 0) throw new StatementsInvalid(problems)
}

/** Why a signature does not sign its statement, or undefined when it does. */
async function signatureProblem(
  statement: Statement,
  contentType: string,
  part: AttachmentPart,
  version: XapiVersion,
): Promise<string | undefined> {
  if (contentType.toLowerCase() !== 'application/octet-stream') {
    return 'a signature\'s contentType is "application/octet-stream" (xAPI Data 2.6)'
  }
  const jws = part.contents.toString('utf8').trim()
  let header
  try {
    header = decodeProtectedHeader(jws)
  } catch {
    return 'a signature is a JWS in compact serialization (xAPI Data 2.6, RFC 7515)'
  }
  if (!header.alg || !SIGNATURE_ALGORITHMS.has(header.alg)) {
    return `a signature's algorithm is RS256, RS384 or RS512, not ${header.alg ?? 'none'} (xAPI Data 2.6)`
  }
  let payload: unknown
  try {
    payload = JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'))
  } catch {
    return "a signature's payload is the statement it signs, as JSON (xAPI Data 2.6)"
  }
  const signed = validateStatements(payload, { version })
  if (
    !signed.ok ||
    signed.statements.length !== 1 ||
    !statementsEqual(signed.statements[0]!, statement)
  ) {
    return "the signature's payload is not the statement it is attached to (xAPI Data 2.6)"
  }
  const certificate = header.x5c?.[0]
  if (certificate === undefined) return undefined
  try {
    const key = await importX509(
      `-----BEGIN CERTIFICATE-----\n${certificate}\n-----END CERTIFICATE-----`,
      header.alg,
    )
    await compactVerify(jws, key)
    return undefined
  } catch {
    return 'the signature does not verify with the certificate its x5c header gives (xAPI Data 2.6)'
  }
}
