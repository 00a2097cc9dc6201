import { z } from 'zod'
import { Activity } from './activity.ts'
import { Actor, Authority, Group, ObjectAgent } from './actor.ts'
import { Attachment } from './attachment.ts'
import { contextSchema } from './context.ts'
import { isStatementVersion } from './formats.ts'
import { literal, objectTypeError } from './issue-messages.ts'
import type { XAPI_VERSIONS, XapiVersion } from './limits.ts'
import { ALWAYS, Iri, LanguageMap, strictObject, Timestamp, Uuid } from './primitives.ts'
import { Result } from './result.ts'
import { StatementRef } from './statement-ref.ts'

// The Statement (xAPI 1.0.3 Data 2.4) and the SubStatement (2.4.4.3), built once per xAPI version.

export const VOIDED = 'http://adlnet.gov/expapi/verbs/voided'

/** Data 2.4.3: the Verb. */
export const Verb = strictObject(
  { id: Iri, display: LanguageMap.optional() },
  'a Verb (id, display)',
)

const SUBSTATEMENT_FORBIDDEN =
  "is not allowed: \"A SubStatement MUST NOT have the 'id', 'stored', 'version' or 'authority' properties\" (xAPI Data 2.4.4.3)"
const forbidden = () => z.never({ error: SUBSTATEMENT_FORBIDDEN }).optional()

function isActivityObject(object: unknown): boolean {
  if (typeof object !== 'object' || object === null) return false
  const objectType = (object as { objectType?: unknown }).objectType
  return objectType === undefined || objectType === 'Activity'
}

// Data 2.4.6.s4.b1/b2: 'The "revision" property MUST only be used if the Statement's Object is an
// Activity', and so must "platform". Applies to statements and SubStatements alike.
function contextRules(statement: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const context = statement.context as Record<string, unknown> | undefined
  if (typeof context !== 'object' || context === null || isActivityObject(statement.object)) return
  for (const key of ['revision', 'platform'] as const) {
    if (context[key] === undefined) continue
    ctx.addIssue({
      code: 'custom',
      input: context[key],
      path: ['context', key],
      message: `is not allowed here: 'The "${key}" property MUST only be used if the Statement's Object is an Activity' (xAPI Data 2.4.6)`,
    })
  }
}

// Data 2.3.2.s2.b1: 'When issuing a Statement that voids another, the Object of that voiding
// Statement MUST have the "objectType" property set to StatementRef.'
function voidingRules(statement: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const verb = statement.verb as { id?: unknown } | undefined
  if (verb?.id !== VOIDED) return
  const object = statement.object as { objectType?: unknown } | undefined
  if (typeof object !== 'object' || object === null || object.objectType === 'StatementRef') return
  ctx.addIssue({
    code: 'custom',
    input: object.objectType,
    path: ['object', 'objectType'],
    message:
      'must be "StatementRef" with the verb "voided": \'the Object of that voiding Statement MUST have the "objectType" property set to StatementRef\' (xAPI Data 2.3.2)',
  })
}

const OBJECT_TYPES = ['Activity', 'Agent', 'Group', 'StatementRef', 'SubStatement'] as const

function build(version: XapiVersion) {
  const Context = contextSchema(version)

  // Data 2.4.4.3.s8.b4: a SubStatement "MUST NOT contain a SubStatement of its own".
  const SubStatementObject = z.discriminatedUnion(
    'objectType',
    [Activity, ObjectAgent, Group, StatementRef],
    {
      error: objectTypeError(OBJECT_TYPES.slice(0, 4), (objectType) =>
        objectType === 'SubStatement'
          ? 'must not be "SubStatement" here: "A SubStatement MUST NOT contain a SubStatement of its own, i.e., cannot be nested" (xAPI Data 2.4.4.3)'
          : undefined,
      ),
    },
  )

  /** Data 2.4.4.3: "A SubStatement MUST be validated as a Statement in addition to other SubStatement requirements." */
  const SubStatement = strictObject(
    {
      objectType: literal('SubStatement', 'must be "SubStatement"'),
      actor: Actor,
      verb: Verb,
      object: SubStatementObject,
      result: Result.optional(),
      context: Context.optional(),
      // Data 2.4.7.s3.b5: "A SubStatement MAY have a 'timestamp' property that is in the future."
      timestamp: Timestamp.optional(),
      attachments: z.array(Attachment).optional(),
      id: forbidden(),
      stored: forbidden(),
      version: forbidden(),
      authority: forbidden(),
    },
    'a SubStatement',
  ).superRefine(contextRules, ALWAYS)

  const StatementObject = z.discriminatedUnion(
    'objectType',
    [Activity, ObjectAgent, Group, StatementRef, SubStatement],
    { error: objectTypeError(OBJECT_TYPES) },
  )

  const versionMessage =
    version === '1.0.3'
      ? 'must start with "1.0.": "An LRS MUST reject all Statements with a version specified that does not start with 1.0." (xAPI Data 2.4.10)'
      : 'must be 1.0.x or 2.0.x (xAPI 2.0.0, IEEE 9274.1.1 §4.2.2)'

  /** Data 2.4: the Statement. Unknown properties are refused (Data 2.2.s4.b1). */
  const Statement = strictObject(
    {
      id: Uuid.optional(),
      actor: Actor,
      verb: Verb,
      object: StatementObject,
      result: Result.optional(),
      context: Context.optional(),
      timestamp: Timestamp.optional(),
      stored: Timestamp.optional(),
      authority: Authority.optional(),
      version: z
        .string()
        .refine((value) => isStatementVersion(value, version), versionMessage)
        .optional(),
      attachments: z.array(Attachment).optional(),
    },
    'a Statement',
  )
    .superRefine(contextRules, ALWAYS)
    .superRefine(voidingRules, ALWAYS)

  return { Statement, SubStatement, Context }
}

/** The schemas of each xAPI version, built once. */
export const STATEMENT_SCHEMAS = {
  '1.0.3': build('1.0.3'),
  '2.0.0': build('2.0.0'),
} as const satisfies Record<(typeof XAPI_VERSIONS)[number], ReturnType<typeof build>>

export type Verb = z.infer<typeof Verb>
export type SubStatement = z.infer<(typeof STATEMENT_SCHEMAS)['2.0.0']['SubStatement']>
export type Statement = z.infer<(typeof STATEMENT_SCHEMAS)['2.0.0']['Statement']>
export type StatementObject = Statement['object']
