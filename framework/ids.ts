// Framework IDs (DESIGN.md, "Framework IDs"): framework, audience, domain, component, level,
// descriptor, e.g. TT18.PT.1.1.CB.2. Each also has an IRI, for xAPI and CASE.

export type IdKind = 'framework' | 'audience' | 'domain' | 'component' | 'level' | 'descriptor'

export interface ParsedId {
  readonly kind: IdKind
  readonly framework: string
  readonly audience?: string
  readonly domain?: string
  /** Component number, e.g. "1.1". */
  readonly component?: string
  readonly level?: string
  /** Descriptor position within its level: "2", or an indicator letter such as "a". */
  readonly descriptor?: string
}

const ID =
  /^([A-Z]{2}[0-9]{2})(?:\.([A-Z]{2})(?:\.([1-9][0-9]*)(?:\.([1-9][0-9]*)(?:\.([A-Z]{2}[0-9]?)(?:\.([1-9][0-9]*|[a-z]))?)?)?)?)?$/

/** Parses an ID's parts, or returns undefined when it is not of the form. */
export function parseId(id: string): ParsedId | undefined {
  const m = ID.exec(id)
  if (!m) return undefined
  const [, framework = '', audience, domain, component, level, descriptor] = m
  const kind: IdKind = descriptor
    ? 'descriptor'
    : level
      ? 'level'
      : component
        ? 'component'
        : domain
          ? 'domain'
          : audience
            ? 'audience'
            : 'framework'
  return {
    kind,
    framework,
    ...(audience ? { audience } : {}),
    ...(domain ? { domain } : {}),
    ...(component ? { component: `${domain}.${component}` } : {}),
    ...(level ? { level } : {}),
    ...(descriptor ? { descriptor } : {}),
  }
}

/** True when `id` has the form of a framework ID. */
export const isWellFormedId = (id: string): boolean => ID.test(id)

/**
 * The IRI of a framework entry. A URN, the same on every installation, so that statements from
 * many schools about one descriptor name the same activity in a shared LRS.
 */
export const iriOf = (id: string): string => `urn:nls:${id}`

/** The ID an IRI made by `iriOf` names, or undefined for any other IRI. */
export function idOfIri(iri: string): string | undefined {
  if (!iri.startsWith('urn:nls:')) return undefined
  const id = iri.slice('urn:nls:'.length)
  return isWellFormedId(id) ? id : undefined
}
