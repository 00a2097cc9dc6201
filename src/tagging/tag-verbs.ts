import { DEFAULT_VERBS } from '../inference/index.ts'

/** A verb the tag editor offers, named by its key under `tagVerbs` in the page texts. */
export interface OfferedVerb {
  readonly id: string
  readonly key: string
}

/**
 * The verbs a trainer may choose for a tag: those that count by default (DEFAULT_VERBS), then
 * what Moodle's xAPI log store and packaged content also send (REFERENCE.md): a question
 * `answered`, a SCORM interaction `responded`, an assignment `submit` (activitystrea.ms), a page
 * `viewed` (tincanapi).
 */
export const OFFERED_VERBS: readonly OfferedVerb[] = [
  { id: 'http://adlnet.gov/expapi/verbs/completed', key: 'completed' },
  { id: 'http://adlnet.gov/expapi/verbs/passed', key: 'passed' },
  { id: 'http://adlnet.gov/expapi/verbs/scored', key: 'scored' },
  { id: 'http://adlnet.gov/expapi/verbs/mastered', key: 'mastered' },
  { id: 'https://w3id.org/xapi/tla/verbs/achieved', key: 'achieved' },
  { id: 'https://w3id.org/xapi/adl/verbs/satisfied', key: 'satisfied' },
  { id: 'http://adlnet.gov/expapi/verbs/answered', key: 'answered' },
  { id: 'http://adlnet.gov/expapi/verbs/responded', key: 'responded' },
  { id: 'http://activitystrea.ms/schema/1.0/submit', key: 'submit' },
  { id: 'http://id.tincanapi.com/verb/viewed', key: 'viewed' },
]

/**
 * The verbs the editor lists for a tag: the offered ones, then any other verb the tag counts
 * (set through the API or a tag file), so that saving the form keeps it.
 */
export function listedVerbs(chosen: readonly string[]): OfferedVerb[] {
  const offered = new Set(OFFERED_VERBS.map((v) => v.id))
  return [
    ...OFFERED_VERBS,
    ...[...new Set(chosen)].filter((id) => !offered.has(id)).map((id) => ({ id, key: 'other' })),
  ]
}

/** The verbs ticked on a new tag's form: those that count when a tag names none. */
export const DEFAULT_TICKED: readonly string[] = DEFAULT_VERBS
