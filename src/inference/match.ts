import { qualifies, scoreShare, type StatementFacts, type TagRule } from './rule.ts'

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

/** Where a statement sits in the activity tree: its object and the activities that object is part of. */
export type StatementPlace = Pick<StatementFacts, 'activityIri' | 'parentIris'>

/**
 * Finds the tags a statement falls under. A tag on an activity covers statements whose object is
 * that activity and, unless its rule says `objectOnly`, statements whose
 * `context.contextActivities.parent` names it (Moodle sends a quiz attempt with the quiz as its
 * parent, a question with its attempt and quiz). A prefix tag covers the same by prefix.
 */
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

  /** The tags whose activity the statement is about or under, whatever its verb or score. */
  tagsFor(statement: StatementPlace): InferenceTag[] {
    const { activityIri } = statement
    const parents = statement.parentIris ?? []
    if (activityIri === undefined && parents.length === 0) return []
    const found = new Set<InferenceTag>()
    if (activityIri !== undefined) {
      for (const tag of this.#exact.get(activityKey(activityIri)) ?? []) found.add(tag)
    }
    for (const parent of parents) {
      for (const tag of this.#exact.get(activityKey(parent)) ?? []) {
        if (!tag.rule.objectOnly) found.add(tag)
      }
    }
    for (const tag of this.#prefixed) {
      const prefix = tag.activityPrefix!
      if (
        activityIri?.startsWith(prefix) ||
        (!tag.rule.objectOnly && parents.some((p) => p.startsWith(prefix)))
      ) {
        found.add(tag)
      }
    }
    return [...found]
  }

  /**
   * The evidence a person's statements give: each competency of each tag a statement qualifies
   * under. One attempt counts once: a statement about a part (a question, an H5P sub-content)
   * whose whole (its parent: the attempt, the content) has a scored statement of a verb the tag
   * counts is left out, since the whole's score, reached or not, is the evidence; and of the
   * statements about one activity in one attempt (cmi5's `passed` and `completed`, the SCORM
   * wrapper's `scored`, `passed` and `completed`) the first that qualifies is the evidence.
   */
  evidence(statements: Iterable<StatementFacts>): EvidenceItem[] {
    const matched: [StatementFacts, InferenceTag[]][] = []
    // tag id + activity: a scored statement of a verb the tag counts is about that activity.
    const scoredWholes = new Set<string>()
    for (const statement of statements) {
      const tags = this.tagsFor(statement)
      if (tags.length === 0) continue
      matched.push([statement, tags])
      if (scoreShare(statement.score) === undefined || statement.activityIri === undefined) continue
      for (const tag of tags) {
        if (tag.rule.verbs.includes(statement.verbId)) {
          scoredWholes.add(`${tag.id} ${activityKey(statement.activityIri)}`)
        }
      }
    }
    matched.sort(([a], [b]) => a.timestamp.getTime() - b.timestamp.getTime() || compare(a.id, b.id))
    // tag id + activity + attempt: that attempt already gave this tag its evidence.
    const attemptsCounted = new Set<string>()
    const found: EvidenceItem[] = []
    for (const [statement, tags] of matched) {
      for (const tag of tags) {
        if (!qualifies(statement, tag.rule)) continue
        const isPart = statement.parentIris?.some((p) =>
          scoredWholes.has(`${tag.id} ${activityKey(p)}`),
        )
        if (isPart) continue
        if (statement.attempt !== undefined && statement.activityIri !== undefined) {
          const key = `${tag.id} ${activityKey(statement.activityIri)} ${statement.attempt}`
          if (attemptsCounted.has(key)) continue
          attemptsCounted.add(key)
        }
        for (const competencyId of tag.competencyIds) {
          found.push({
            tagId: tag.id,
            competencyId,
            statementId: statement.id,
            observedAt: statement.timestamp,
          })
        }
      }
    }
    return found
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The evidence a person's statements give under the tags. */
export function matchEvidence(
  tags: Iterable<InferenceTag>,
  statements: Iterable<StatementFacts>,
): EvidenceItem[] {
  return new TagMatcher(tags).evidence(statements)
}

/** Rules by tag ID, for weighing evidence. */
export type TagRules = ReadonlyMap<string, Pick<TagRule, 'weight' | 'count'>>
