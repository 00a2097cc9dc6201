import type { XapiVersion } from '../xapi/limits.ts'
import type {
  DocumentResource,
  SentDocument,
  StoredDocument,
} from '../../src/store/document-store.ts'
import { DocumentConflict, DocumentInvalid, PreconditionFailed } from '../errors.ts'

// What a PUT or POST of a document does with the one stored (xAPI 1.0.3 Communication §2.2,
// §3.1; IEEE 9274.1.1 §4.1.4): pure, so that the store runs it under the row's lock.

/** A write's conditions (RFC 7232): entity tags as sent, or '*'. */
export interface WriteConditions {
  readonly ifMatch?: string
  readonly ifNoneMatch?: string
}

export interface WriteRequest {
  readonly method: 'PUT' | 'POST'
  readonly resource: DocumentResource
  readonly version: XapiVersion
  readonly sent: SentDocument
  readonly conditions: WriteConditions
}

/** The ETag header of a document: its SHA-1, quoted. */
export function etagOf(document: Pick<StoredDocument, 'sha1'>): string {
  return `"${document.sha1}"`
}

/** Whether a content type is JSON's (application/json, whatever its parameters). */
export function isJsonType(contentType: string): boolean {
  return contentType.split(';')[0]!.trim().toLowerCase() === 'application/json'
}

/**
 * Whether the conditions let a write (or a deletion) go on against what is stored. A failed
 * condition is PreconditionFailed (412); a PUT of a document that exists without either header,
 * where the version requires one, is DocumentConflict (409).
 */
export function checkConditions(
  stored: StoredDocument | undefined,
  conditions: WriteConditions,
  what: {
    readonly method: 'PUT' | 'POST' | 'DELETE'
    readonly resource: DocumentResource
    readonly version: XapiVersion
  },
): void {
  const { ifMatch, ifNoneMatch } = conditions
  if (ifMatch !== undefined && !(stored !== undefined && matches(ifMatch, stored.sha1))) {
    throw new PreconditionFailed(
      stored === undefined
        ? 'If-Match: there is no such document'
        : `If-Match: the document has changed (its ETag is now ${etagOf(stored)})`,
    )
  }
  if (ifNoneMatch !== undefined && stored !== undefined && matches(ifNoneMatch, stored.sha1)) {
    throw new PreconditionFailed(
      `If-None-Match: the document exists (its ETag is ${etagOf(stored)})`,
    )
  }
  if (what.method !== 'PUT' || ifMatch !== undefined || ifNoneMatch !== undefined) return
  // 1.0.3 exempts the State resource from concurrency; 2.0 does not (§4.1.4).
  const guarded = what.resource !== 'state' || what.version === '2.0.0'
  if (stored !== undefined && guarded) {
    throw new DocumentConflict(
      `the document exists: get it, check it is the one you mean to replace, and PUT again with If-Match: ${etagOf(stored)} (or If-None-Match: * to create one only)`,
    )
  }
  // 1.0.3 §3.1: a PUT to a profile MUST carry either header, even for a new document.
  if (stored === undefined && what.resource !== 'state' && what.version === '1.0.3') {
    throw new DocumentInvalid(
      'a PUT of a profile document needs If-Match (to replace one) or If-None-Match: * (to create one)',
    )
  }
}

/** Whether an If-Match or If-None-Match value names this SHA-1 ('*' names any document). */
function matches(header: string, sha1: string): boolean {
  if (header.trim() === '*') return true
  return header
    .split(',')
    .map((tag) =>
      tag
        .trim()
        .replace(/^W\//, '')
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase(),
    )
    .includes(sha1)
}

/**
 * The document to store for a PUT or POST, after its conditions hold: a PUT stores what was sent;
 * a POST onto a JSON object merges its top-level properties into it (§2.2.s7), and onto nothing
 * stores what was sent. JSON that does not parse is refused (and a POST's must be an object).
 */
export function documentToStore(
  stored: StoredDocument | undefined,
  request: WriteRequest,
): SentDocument {
  checkConditions(stored, request.conditions, request)
  const { sent } = request
  const sentJson = isJsonType(sent.contentType)
    ? parseJson(sent.contents, 'the document')
    : undefined
  if (request.method === 'PUT') return sent
  if (sentJson !== undefined && !isObject(sentJson)) {
    throw new DocumentInvalid('a POSTed JSON document must be a JSON object, to merge')
  }
  if (stored === undefined) return sent
  if (sentJson === undefined || !isJsonType(stored.contentType)) {
    throw new DocumentInvalid(
      'a POST merges JSON objects: the document sent and the one stored must both be application/json (PUT replaces a document of another type)',
    )
  }
  const storedJson = parseJson(stored.contents, 'the stored document')
  if (!isObject(storedJson) || !isObject(sentJson)) {
    throw new DocumentInvalid('a POST merges JSON objects: the stored document is not one')
  }
  return {
    contents: Buffer.from(JSON.stringify({ ...storedJson, ...sentJson })),
    contentType: 'application/json',
  }
}

function parseJson(contents: Buffer, what: string): unknown {
  try {
    return JSON.parse(contents.toString('utf8'))
  } catch {
    throw new DocumentInvalid(`${what} is not JSON, though its Content-Type says application/json`)
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * How a PUT can be stored in one statement, when its outcome needs nothing read first: a State
 * PUT without conditions from a 1.0.3 client replaces; a PUT with If-None-Match: * alone, or
 * without conditions where they are required of a document that exists (a 2.0 client), creates
 * only. Undefined for every other write (read under the lock, then decided).
 */
export function putInOne(request: WriteRequest): 'replace' | 'create' | undefined {
  const { ifMatch, ifNoneMatch } = request.conditions
  if (request.method !== 'PUT' || ifMatch !== undefined) return undefined
  if (isJsonType(request.sent.contentType)) parseJson(request.sent.contents, 'the document')
  if (ifNoneMatch !== undefined) return ifNoneMatch.trim() === '*' ? 'create' : undefined
  if (request.resource === 'state' && request.version === '1.0.3') return 'replace'
  return request.version === '2.0.0' ? 'create' : undefined
}

/** The refusal of a `create` that found a document there. */
export function alreadyThere(request: WriteRequest): Error {
  return request.conditions.ifNoneMatch !== undefined
    ? new PreconditionFailed('If-None-Match: the document exists')
    : new DocumentConflict(
        'the document exists: get it, check it is the one you mean to replace, and PUT again with If-Match: its ETag (or If-None-Match: * to create one only)',
      )
}
