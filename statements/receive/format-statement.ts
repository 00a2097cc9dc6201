import type { Format } from './statement-query.ts'

const LANGUAGE_MAPS = new Set(['display', 'name', 'description'])

/**
 * A statement in the requested format (Communication §2.1.3): `exact` as stored; `ids` keeps only
 * what identifies Agents, Activities and Verbs; `canonical` keeps one language of each language
 * map, the first of `languages` present (else the first the map has).
 */
export function formatStatement(
  statement: unknown,
  format: Format,
  languages: readonly string[],
): unknown {
  if (format === 'exact') return statement
  return format === 'ids' ? idsOnly(statement) : canonical(statement, languages)
}

/** Where an Activity may stand: a (Sub)Statement's object, the lists of contextActivities. */
const ACTIVITY_PLACES = new Set(['object', 'parent', 'grouping', 'category', 'other'])

function idsOnly(value: unknown, key?: string): unknown {
  // The elements of a contextActivities list stand where the list does.
  if (Array.isArray(value)) return value.map((v) => idsOnly(v, key))
  if (!isObject(value)) return value
  // An Activity is identified by its id alone (objectType "Activity" is what an object is when
  // it says nothing); a Statement's own id, a StatementRef's and a SubStatement's are not this.
  const activity =
    key !== undefined &&
    ACTIVITY_PLACES.has(key) &&
    typeof value.id === 'string' &&
    (value.objectType === undefined || value.objectType === 'Activity')
  if (activity) return { id: value.id }
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    // An Agent's name and a Verb's display do not identify them.
    if (k === 'display') continue
    if (k === 'name' && typeof v === 'string' && key !== 'account') continue
    out[k] = idsOnly(v, k)
  }
  return out
}

function canonical(value: unknown, languages: readonly string[], key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, languages))
  if (!isObject(value)) return value
  if (
    key !== undefined &&
    LANGUAGE_MAPS.has(key) &&
    Object.values(value).every((v) => typeof v === 'string')
  ) {
    const tags = Object.keys(value)
    const pick =
      languages.map((l) => tags.find((t) => t.toLowerCase() === l.toLowerCase())).find(Boolean) ??
      languages
        .map((l) =>
          tags.find((t) => t.toLowerCase().startsWith(`${l.toLowerCase().split('-')[0]}`)),
        )
        .find(Boolean) ??
      tags[0]
    return pick === undefined ? value : { [pick]: value[pick] }
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v, languages, k)]))
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
