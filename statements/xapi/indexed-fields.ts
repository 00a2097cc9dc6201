import type { Statement } from './statement.ts'
import { parseTimestamp } from './timestamp.ts'

/** What the statement store indexes of a statement. */
export interface IndexedFields {
  readonly verbId: string
  /** The object's "id" when the object is an Activity. */
  readonly activityIri?: string
  /**
   * The object's id (when an Activity) and the ids of "context.contextActivities.parent", each
   * without its #fragment, once each: the activity and those it is part of (Moodle: a quiz
   * attempt and its quiz; a question, its attempt and its quiz).
   */
  readonly activityTree: readonly string[]
  /** "context.registration", in lower case. */
  readonly registration?: string
  /** The id of the statement the object targets when it is a StatementRef, in lower case. */
  readonly refTarget?: string
  /** The statement's "timestamp", or else its "stored". */
  readonly timestamp: Date
  /** The score on 0…1 (or -1…1 from "scaled"), see `scoreScaled`. */
  readonly scoreScaled?: number
  readonly success?: boolean
  readonly completion?: boolean
}

/** The fields the store indexes, taken from a validated (and usually prepared) statement. */
export function indexedFields(statement: Statement): IndexedFields {
  const object = statement.object
  const isActivity = object.objectType === undefined || object.objectType === 'Activity'
  const when = statement.timestamp ?? statement.stored
  const timestamp = when === undefined ? undefined : parseTimestamp(when)
  if (timestamp === undefined) {
    throw new TypeError(
      'indexedFields: the statement has neither a valid "timestamp" nor "stored"; prepare it first',
    )
  }
  const result = statement.result
  return {
    verbId: statement.verb.id,
    activityIri: isActivity ? object.id : undefined,
    activityTree: activityTree(isActivity ? object.id : undefined, statement),
    registration: statement.context?.registration?.toLowerCase(),
    refTarget: object.objectType === 'StatementRef' ? object.id.toLowerCase() : undefined,
    timestamp,
    scoreScaled: scoreScaled(result?.score),
    success: result?.success,
    completion: result?.completion,
  }
}

/** The object's id and its parents' (one Activity or an array of them), without fragments. */
function activityTree(objectIri: string | undefined, statement: Statement): string[] {
  const parent = statement.context?.contextActivities?.parent
  const parents = parent === undefined ? [] : [parent].flat().map((a) => a.id)
  const ids = objectIri === undefined ? parents : [objectIri, ...parents]
  return [...new Set(ids.map(withoutFragment))]
}

/** An activity id without its #fragment, as tags are matched (Moodle adds some to module URLs). */
function withoutFragment(iri: string): string {
  const hash = iri.indexOf('#')
  return hash < 0 ? iri : iri.slice(0, hash)
}

/**
 * The scaled score we index. When "raw", "min" and "max" are all present it is (raw − min) / (max −
 * min), whatever "scaled" says: Moodle has been seen sending raw 50 of 100 with scaled 0, and the
 * spec itself says "scaled" and "raw" "do not necessarily relate directly" (xAPI Data 2.4.5.1).
 * Validation guarantees min < max and min ≤ raw ≤ max, so the result lies in 0…1. Otherwise it is
 * "scaled" as sent (−1…1), or undefined.
 */
export function scoreScaled(
  score: { scaled?: number; raw?: number; min?: number; max?: number } | undefined,
): number | undefined {
  if (score === undefined) return undefined
  const { raw, min, max } = score
  if (raw !== undefined && min !== undefined && max !== undefined && max > min) {
    return (raw - min) / (max - min)
  }
  return score.scaled
}
