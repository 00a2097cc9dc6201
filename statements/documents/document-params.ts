import { z } from 'zod'
import type { XapiVersion } from '../xapi/limits.ts'
import type {
  DocumentKey,
  DocumentResource,
  DocumentScope,
} from '../../src/store/document-store.ts'
import { QueryInvalid } from '../errors.ts'
import { Iri, Uuid } from '../xapi/primitives.ts'
import { parseQueryParams } from '../receive/query-params.ts'
import { parseAgentParameter } from '../receive/agent-parameter.ts'
import { TimestampParam } from '../receive/statement-query.ts'

// The parameters of the document resources (xAPI 1.0.3 Communication §2.3, §2.6, §2.7; IEEE
// 9274.1.1 §4.1.6.2, §4.1.6.5, §4.1.6.6), read strictly: a missing, unknown or malformed one is
// refused with its name.

export type DocumentMethod = 'GET' | 'PUT' | 'POST' | 'DELETE'

/** What a request names: one document, or the documents of a scope (GET ids, DELETE all). */
export type DocumentTarget =
  | { readonly kind: 'one'; readonly key: DocumentKey }
  | { readonly kind: 'all'; readonly scope: DocumentScope; readonly since?: Date }

const DocumentId = z.string().min(1, 'must not be empty')

const SCHEMAS = {
  state: z.strictObject({
    activityId: Iri,
    agent: z.string(),
    registration: Uuid.optional(),
    stateId: DocumentId.optional(),
    since: TimestampParam.optional(),
  }),
  activity_profile: z.strictObject({
    activityId: Iri,
    profileId: DocumentId.optional(),
    since: TimestampParam.optional(),
  }),
  agent_profile: z.strictObject({
    agent: z.string(),
    profileId: DocumentId.optional(),
    since: TimestampParam.optional(),
  }),
} as const

const ID_NAME = { state: 'stateId', activity_profile: 'profileId', agent_profile: 'profileId' }

/** Reads a document request's query; QueryInvalid names the parameter and why. */
export function parseDocumentTarget(
  resource: DocumentResource,
  method: DocumentMethod,
  raw: Readonly<Record<string, unknown>>,
  version: XapiVersion,
): DocumentTarget {
  const parsed = parseQueryParams(SCHEMAS[resource], raw)
  const p = parsed as {
    activityId?: string
    agent?: string
    registration?: string
    stateId?: string
    profileId?: string
    since?: Date
  }
  const idName = ID_NAME[resource]
  const documentId = resource === 'state' ? p.stateId : p.profileId
  const scope = {
    resource,
    activityId: p.activityId ?? '',
    agentKey: p.agent === undefined ? '' : parseAgentParameter(p.agent).key,
  }
  const registration = p.registration?.toLowerCase()
  if (p.since !== undefined && method !== 'GET') {
    throw new QueryInvalid(`since: only a GET of ${idName}s takes it`)
  }
  if (documentId !== undefined) {
    // 1.0.3 ignores a since beside the document's id; 2.0 does not allow it (§4.1.6.2).
    if (p.since !== undefined && version === '2.0.0') {
      throw new QueryInvalid(`since: not allowed with ${idName}`)
    }
    return { kind: 'one', key: { ...scope, registration: registration ?? '', documentId } }
  }
  // Without an id: GET lists the ids, and DELETE of States removes them all (§2.3).
  if (method === 'PUT' || method === 'POST' || (method === 'DELETE' && resource !== 'state')) {
    throw new QueryInvalid(`${idName}: is required`)
  }
  return {
    kind: 'all',
    scope: registration === undefined ? scope : { ...scope, registration },
    ...(p.since !== undefined && { since: p.since }),
  }
}
