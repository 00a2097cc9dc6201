import { qualifies, type StatementFacts, type TagRule } from './rule.ts'

/**
 * A tag as inference reads it: which statements (by their activity) and which competencies they
 * evidence. Exactly one of `activityIri` and `activityPrefix` is set.
 */
export interface InferenceTag {
  readonly id: string
  /** Statements about this activity count (a `#fragment` on either side is ignored). */
  readonly activityIri?: string
  /** Statements about any activity whose id starts with this count (e.g. a course's modules). */
  readonly activityPrefix?: string
  /** Descriptor IDs and component-at-level IDs. */
  readonly competencyIds: readonly string[]
  readonly rule: TagRule
}

/** That a statement, qualifying under a tag, evidences a competency the tag names. */
export interface EvidenceItem {
  readonly tagId: string
  /** As the tag names it: a descriptor ID or a component-at-level ID. */
  readonly competencyId: string
  readonly statementId: string
  /** The statement's `timestamp`. */
  readonly observedAt: Date
}

/** An activity id without its fragment: Moodle sometimes adds `#…` to a module's URL. */
export function activityKey(iri: string): string {
  const hash = iri.indexOf('#')
  return hash < 0 ? iri : iri.slice(0, hash)
}

/** Finds the tags a statement's activity falls under. */
export class TagMatcher {
  readonly #exact = new Map<string, InferenceTag[]>()
  readonly #prefixed: InferenceTag[] = []

  constructor(tags: Iterable<InferenceTag>) {
    for (const tag of tags) {
      if (tag.activityIri !== undefined) {
        const key = activityKey(tag.activityIri)
        const list = this.#exact.get(key)
        if (list) list.push(tag)
        else this.#exact.set(key, [tag])
      } else if (tag.activityPrefix !== undefined) {
        this.#prefixed.push(tag)
      }
    }
  }

  /** The tags whose activity the statement is about, whatever its verb or score. */
  tagsFor(activityIri: string | undefined): InferenceTag[] {
    if (activityIri === undefined) return []
    const exact = this.#exact.get(activityKey(activityIri)) ?? []
    const prefixed = this.#prefixed.filter((t) => activityIri.startsWith(t.activityPrefix!))
    return prefixed.length === 0 ? exact : [...exact, ...prefixed]
  }

  /** The evidence one statement gives: each competency of each tag it qualifies under. */
  evidence(statement: StatementFacts): EvidenceItem[] {
    const found: EvidenceItem[] = []
    for (const tag of this.tagsFor(statement.activityIri)) {
      if (!qualifies(statement, tag.rule)) continue
      for (const competencyId of tag.competencyIds) {
        found.push({
          tagId: tag.id,
          competencyId,
          statementId: statement.id,
          observedAt: statement.timestamp,
        })
      }
    }
    return found
  }
}

/** The evidence a person's statements give under the tags. */
export function matchEvidence(
  tags: Iterable<InferenceTag>,
  statements: Iterable<StatementFacts>,
): EvidenceItem[] {
  const matcher = new TagMatcher(tags)
  const found: EvidenceItem[] = []
  for (const statement of statements) found.push(...matcher.evidence(statement))
  return found
}

/** Rules by tag ID, for weighing evidence. */
export type TagRules = ReadonlyMap<string, Pick<TagRule, 'weight' | 'count'>>
