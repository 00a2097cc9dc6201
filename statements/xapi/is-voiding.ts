import { VOIDED, type Statement } from './statement.ts'

/**
 * The id (lower case) of the statement this one voids, or undefined when it voids nothing.
 * A voiding statement whose object is not a StatementRef is refused by `validateStatements`
 * (xAPI Data 2.3.2.s2.b1); meeting one here means it skipped validation, so that is a TypeError.
 */
export function isVoiding(statement: Statement): string | undefined {
  if (statement.verb.id !== VOIDED) return undefined
  const object = statement.object
  if (object.objectType !== 'StatementRef') {
    throw new TypeError(
      `isVoiding: a statement with the verb "voided" must have a StatementRef object, not ${JSON.stringify(object.objectType ?? 'Activity')} (xAPI Data 2.3.2); validate it first`,
    )
  }
  return object.id.toLowerCase()
}
