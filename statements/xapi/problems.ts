import type { z } from 'zod'
import { REQUIRED } from './issue-messages.ts'

// Turns zod's issues into xAPI problems: one per bad value, each with its JSON path and a message
// that names the property ("mbox" must be a mailto IRI: …).

export interface Problem {
  readonly path: (string | number)[]
  readonly message: string
}

// Every property name the xAPI Data model defines, to point out keys that differ only in case
// (Data 2.2.s4.b1: reject Statements "where the case of a key does not match the case specified").
const PROPERTY_NAMES = new Map(
  (
    'id actor verb object result context timestamp stored authority version attachments objectType ' +
    'name mbox mbox_sha1sum openid account homePage member display definition description type ' +
    'moreInfo interactionType correctResponsesPattern choices scale source target steps extensions ' +
    'score success completion response duration scaled raw min max registration instructor team ' +
    'contextActivities contextAgents contextGroups revision platform language statement parent ' +
    'grouping category other agent group relevantTypes usageType contentType length sha2 fileUrl'
  )
    .split(' ')
    .map((name) => [name.toLowerCase(), name]),
)

const STATEMENT_ESSENTIALS = new Set(['actor', 'verb', 'object'])

/** The problems of one zod error, their paths prefixed with `prefix` (the statement's index). */
export function issuesToProblems(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly (string | number)[],
): Problem[] {
  const problems: Problem[] = []
  for (const issue of issues)
    addIssue(problems, issue, [...prefix, ...keys(issue.path)], prefix.length)
  return problems
}

function addIssue(
  problems: Problem[],
  issue: z.core.$ZodIssue,
  path: (string | number)[],
  depth: number,
): void {
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) {
        const known = PROPERTY_NAMES.get(key.toLowerCase())
        const hint =
          known !== undefined && known !== key
            ? ` Property names are case-sensitive: did you mean "${known}"? (xAPI Data 2.2.s4.b1)`
            : ''
        problems.push(named([...path, key], issue.message + hint))
      }
      return
    case 'invalid_key': {
      // A record key (language tag, extension IRI): the nested issue says what is wrong with it.
      const inner = issue.issues[0]
      problems.push(named(path, inner?.message ?? issue.message))
      return
    }
    case 'invalid_union': {
      // An "objectType" no option has: the union's own message says which are allowed.
      if (issue.errors.length === 0) {
        problems.push(named(path, issue.message))
        return
      }
      // A value that may be one thing or an array of them (contextActivities): report the errors
      // of the option whose JSON type matched, or one message when neither did.
      const matching = issue.errors.filter((errors) => !errors.every(isRootTypeMismatch))
      if (matching.length === 1) {
        for (const inner of matching[0] ?? [])
          addIssue(problems, inner, [...path, ...keys(inner.path)], depth)
      } else {
        problems.push(named(path, 'must be an Activity object or an array of Activity objects'))
      }
      return
    }
    default: {
      const last = path[path.length - 1]
      const essential =
        issue.message === REQUIRED &&
        path.length === depth + 1 &&
        STATEMENT_ESSENTIALS.has(String(last))
      problems.push(
        named(
          path,
          essential
            ? `${REQUIRED}: 'A Statement MUST use "actor", "verb", and "object".' (xAPI Data 2.2.s2.b3)`
            : issue.message,
        ),
      )
    }
  }
}

// JSON paths hold property names and array indexes only (zod's PropertyKey also allows symbols).
function keys(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((key) => (typeof key === 'number' ? key : String(key)))
}

function isRootTypeMismatch(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_type' && issue.path.length === 0
}

/**
 * A problem at `path`. Messages about a property start in lower case ("must be …", "is required");
 * they get the property's name in front. Whole sentences from the spec ("An Agent MUST …") stay.
 */
export function named(path: (string | number)[], message: string): Problem {
  const last = path[path.length - 1]
  const first = message.charAt(0)
  if (typeof last === 'string' && first >= 'a' && first <= 'z') {
    return { path, message: `"${last}" ${message}` }
  }
  return { path, message }
}
