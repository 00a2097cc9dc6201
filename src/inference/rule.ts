import { z } from 'zod'

/**
 * The verbs that count when a tag names none: completing, passing, being scored on, mastering,
 * achieving or satisfying an activity (ADL, TLA and cmi5 vocabularies; Moodle's xAPI log store
 * sends a finished quiz attempt as `completed`, a graded assignment as `scored`; the SCORM-to-xAPI
 * wrapper sends `scored`, `passed` and `completed`; cmi5 `passed`, `completed` and `satisfied`).
 */
export const DEFAULT_VERBS = [
  'http://adlnet.gov/expapi/verbs/completed',
  'http://adlnet.gov/expapi/verbs/passed',
  'http://adlnet.gov/expapi/verbs/scored',
  'http://adlnet.gov/expapi/verbs/mastered',
  'https://w3id.org/xapi/tla/verbs/achieved',
  'https://w3id.org/xapi/adl/verbs/satisfied',
] as const

const VerbIri = z
  .string()
  .regex(
    /^[a-z][a-z0-9+.-]*:\S+$/i,
    'must be a verb IRI such as http://adlnet.gov/expapi/verbs/passed',
  )

/**
 * Which statements about (or under) a tagged activity count, and how much: a statement qualifies when its
 * verb is one of `verbs`, its score reaches `minScore` (a share of the range, 0–1) and, when
 * `requireSuccess`, its `result.success` is true. A tag gives each competency it names a credit
 * of `weight` once it has `count` distinct qualifying statements (a share of it before); a
 * competency is met at a credit of 1, from one tag or several.
 */
export const TagRule = z
  .object({
    verbs: z
      .array(VerbIri)
      .min(1, 'name at least one verb')
      .default([...DEFAULT_VERBS]),
    minScore: z
      .number()
      .min(0, 'must be a share from 0 to 1')
      .max(1, 'must be a share from 0 to 1')
      .optional(),
    requireSuccess: z.boolean().default(false),
    /**
     * Only statements whose object is the tagged activity count; by default statements under it
     * (whose `context.contextActivities.parent` names it: a quiz's attempts) count too.
     */
    objectOnly: z.boolean().default(false),
    weight: z
      .number()
      .gt(0, 'must be more than 0')
      .max(1, 'must be at most 1 (one tag alone can meet a competency)')
      .default(1),
    count: z.number().int().min(1).max(1000).default(1),
    /**
     * For an LTI link with a grade item: its score is the level held on the tagged components
     * (`level`, 0–3 of 3, the default) or the share met of the criteria its tags ask for
     * (`share`: a level with the levels below it, or a descriptor).
     */
    gradebook: z.enum(['level', 'share']).optional(),
  })
  .strict()
export type TagRule = z.infer<typeof TagRule>
export type TagRuleInput = z.input<typeof TagRule>

/** The rule of a tag that names no settings. */
export const DEFAULT_RULE: TagRule = TagRule.parse({})

/** A score as a statement reports it (xAPI 1.0.3 §4.1.5.1). */
export interface Score {
  readonly raw?: number
  readonly min?: number
  readonly max?: number
  readonly scaled?: number
}

/** What inference reads of a statement. */
export interface StatementFacts {
  readonly id: string
  readonly verbId: string
  /** The object's id when the object is an Activity. */
  readonly activityIri?: string
  /** The ids of `context.contextActivities.parent`: the activities the object is part of. */
  readonly parentIris?: readonly string[]
  /**
   * What makes statements one attempt, when the statement says: cmi5's session id, else the
   * registration (`context.registration`: a SCORM or cmi5 enrolment).
   */
  readonly attempt?: string
  readonly timestamp: Date
  readonly score?: Score
  readonly success?: boolean
  readonly completion?: boolean
}

/**
 * The score as a share from 0 to 1: from raw within min–max when the statement gives them (Moodle
 * has been seen sending raw 50 of 100 with scaled 0), from raw of max when min is absent, else
 * from scaled (negative scaled counts as 0).
 */
export function scoreShare(score: Score | undefined): number | undefined {
  if (!score) return undefined
  const { raw, min, max, scaled } = score
  if (raw !== undefined && max !== undefined) {
    const low = min ?? 0
    if (max > low) return clamp((raw - low) / (max - low))
  }
  if (scaled !== undefined) return clamp(scaled)
  return undefined
}

function clamp(share: number): number {
  return Math.min(1, Math.max(0, share))
}

/** Whether a statement qualifies under a rule (its activity is matched separately). */
export function qualifies(statement: StatementFacts, rule: TagRule): boolean {
  if (!rule.verbs.includes(statement.verbId)) return false
  if (rule.requireSuccess && statement.success !== true) return false
  if (rule.minScore !== undefined) {
    const share = scoreShare(statement.score)
    // A score a hair under the bar by floating point (0.7999999) still reaches it.
    if (share === undefined || share + 1e-9 < rule.minScore) return false
  }
  return true
}
