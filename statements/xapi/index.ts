// xAPI statements: schemas (xAPI 1.0.3, accepting 2.0.0), validation, and what the LRS does with a
// statement (prepare, compare, index, void). Pure functions: no I/O, no clock, no randomness.

export { validateStatements, type ValidationResult } from './validate-statements.ts'
export type { Problem } from './problems.ts'
export { actorKey, ANONYMOUS_GROUP_KEY, storedActorKey } from './actor-key.ts'
export {
  prepareStatement,
  type PrepareOptions,
  type PreparedStatement,
} from './prepare-statement.ts'
export { statementsEqual } from './statements-equal.ts'
export { indexedFields, scoreScaled, type IndexedFields } from './indexed-fields.ts'
export { isVoiding } from './is-voiding.ts'
export {
  MAX_BATCH_STATEMENTS,
  MAX_STATEMENT_BYTES,
  XAPI_VERSIONS,
  type XapiVersion,
} from './limits.ts'
export { parseTimestamp } from './timestamp.ts'

export {
  STATEMENT_SCHEMAS,
  VOIDED,
  Verb,
  type StatementObject,
  type SubStatement,
} from './statement.ts'
export type { Statement } from './statement.ts'
export { Account, Actor, Agent, Group, ObjectAgent } from './actor.ts'
export { Activity, ActivityDefinition, INTERACTION_TYPES } from './activity.ts'
export { ContextActivities, ContextAgent, ContextGroup, type Context } from './context.ts'
export { Result, Score } from './result.ts'
export { StatementRef } from './statement-ref.ts'
export { Attachment, attachmentHashes, attachmentsOf } from './attachment.ts'
export {
  Duration,
  Extensions,
  Iri,
  Irl,
  LanguageMap,
  LanguageTag,
  Timestamp,
  Uuid,
} from './primitives.ts'
