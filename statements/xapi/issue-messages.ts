import { z } from 'zod'

// Messages for the problems zod finds, in the spec's words where it has them.
// `REQUIRED` is completed with the property's name when issues become problems (validate-statements.ts).

export const REQUIRED = 'is required'

export const NULL_VALUE =
  'must not be null: the LRS MUST reject Statements "with any null values (except inside extensions)" (xAPI Data 2.2.s4.b1)'

const NOT_ALLOWED =
  'the LRS MUST reject Statements "where a key or value is not allowed by this specification" (xAPI Data 2.2.s4.b1)'

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean (true or false)',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  never: 'absent',
}

/** "a string", "null", "an array"…: what a JSON value is, for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') return 'a string'
  if (typeof value === 'number') return 'a number'
  if (typeof value === 'boolean') return 'a boolean'
  return typeof value
}

/** The message for a value of the wrong JSON type (or a missing or null one). */
export function invalidTypeMessage(expected: string, input: unknown): string {
  if (input === undefined) return REQUIRED
  if (input === null) return NULL_VALUE
  const want = EXPECTED[expected] ?? expected
  if (typeof input === 'string' && (expected === 'number' || expected === 'boolean')) {
    const what = expected === 'number' ? 'numbers' : 'booleans'
    return `must be ${want}, not a string: the LRS MUST reject Statements "with strings where ${what} are required, even if those strings contain ${what}" (xAPI Data 2.2.s4.b1)`
  }
  return `must be ${want}, not ${describeValue(input)}`
}

/** The message for a key an object does not allow; `what` names the object ("an Agent"). */
export function unrecognizedKeyMessage(what: string): string {
  return `is not a property of ${what}: ${NOT_ALLOWED}`
}

/** The per-parse error map: messages for issues whose schema gave none. */
export const statementErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return invalidTypeMessage(issue.expected, issue.input)
    case 'invalid_value':
      if (issue.input === null) return NULL_VALUE
      if (issue.input === undefined) return REQUIRED
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, exactly: the LRS MUST reject Statements "where the case of a value restricted to enumerated values does not match an enumerated value given in this specification exactly" (xAPI Data 2.2.s4.b1)`
    case 'unrecognized_keys':
      return unrecognizedKeyMessage('this object')
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty'
      if (issue.origin === 'array') return `must hold at least ${issue.minimum} item(s)`
      return undefined
    default:
      return undefined
  }
}

/** The error map of a discriminated union on "objectType": names the allowed values. */
export function objectTypeError(
  allowed: readonly string[],
  special?: (objectType: unknown) => string | undefined,
): z.core.$ZodErrorMap {
  return (issue) => {
    if (issue.code === 'invalid_type') return invalidTypeMessage('object', issue.input)
    const input = issue.input as { objectType?: unknown } | undefined
    const objectType = input?.objectType
    if (objectType === null) return NULL_VALUE
    return (
      special?.(objectType) ??
      `must be one of ${allowed.map((v) => `"${v}"`).join(', ')} (found ${JSON.stringify(objectType)}); "objectType" values are case-sensitive (xAPI Data 2.2.s4.b1)`
    )
  }
}

/** A literal (e.g. objectType "Agent") whose mismatch gets `message`. */
export function literal<const T extends string>(value: T, message: string) {
  return z.literal(value, {
    error: (issue) =>
      issue.input === null ? NULL_VALUE : issue.input === undefined ? REQUIRED : message,
  })
}
