import { z } from 'zod'
import type { Catalog } from '../../framework/index.ts'
import { TagRule } from '../inference/index.ts'
import type { TagProblem } from './errors.ts'

const Iri = z
  .string()
  .trim()
  .max(2048, 'at most 2048 characters')
  .regex(
    /^[a-z][a-z0-9+.-]*:\S+$/i,
    'must be an absolute IRI such as https://lms.example/mod/quiz/view.php?id=3',
  )

/**
 * A new tag: what it targets (exactly one of an activity of ours, an activity IRI, an LTI resource
 * link, or an IRI prefix), the competencies it evidences, and its rule.
 */
export const NewTag = z
  .object({
    activityId: z.uuid('must be an activity id (a UUID)').optional(),
    activityIri: Iri.optional(),
    resourceLinkId: z.string().trim().min(1, 'must not be empty').max(255).optional(),
    activityPrefix: Iri.optional(),
    /** For a new activity (by IRI): its name. */
    activityName: z.string().trim().min(1).max(300).optional(),
    competencyIds: z
      .array(z.string().trim().min(1, 'must not be empty'))
      .min(1, 'name at least one competency')
      .max(50, 'at most 50 competencies per tag'),
    rule: TagRule.optional(),
  })
  .strict()
  .superRefine((tag, ctx) => {
    const targets = ['activityId', 'activityIri', 'resourceLinkId', 'activityPrefix'] as const
    const given = targets.filter((t) => tag[t] !== undefined)
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: given.length === 0 ? [] : [given[1]!],
        message: `give exactly one of ${targets.join(', ')}`,
      })
    }
  })
export type NewTag = z.infer<typeof NewTag>

/** A change to a tag: new competencies, a new rule, or both. */
export const TagChange = z
  .object({
    competencyIds: NewTag.shape.competencyIds.optional(),
    rule: TagRule.optional(),
  })
  .strict()
  .refine((c) => c.competencyIds !== undefined || c.rule !== undefined, {
    message: 'give competencyIds, rule, or both',
  })
export type TagChange = z.infer<typeof TagChange>

/**
 * The problems of competency IDs for a tag: each must be a descriptor (TT18.PT.1.1.CB.2) or a
 * component at a level (TT18.PT.1.1.CB) of a known framework; unknown ones come with the nearest
 * valid IDs. Duplicates are dropped from `ids`.
 */
export function checkCompetencies(
  catalog: Catalog,
  ids: readonly string[],
  path: readonly (string | number)[] = ['competencyIds'],
): { ids: string[]; problems: TagProblem[] } {
  const problems: TagProblem[] = []
  ids.forEach((id, i) => {
    const entry = catalog.find(id)
    if (entry?.kind === 'descriptor' || entry?.kind === 'level') return
    const suggestions = catalog.suggest(id, 3).filter((s) => {
      const kind = catalog.find(s)?.kind
      return kind === 'descriptor' || kind === 'level'
    })
    const why =
      entry?.kind === 'component'
        ? `${id} is a component; tag one of its descriptors (such as ${id}.CB.1) or the component at a level (such as ${id}.CB)`
        : entry
          ? `${id} is a ${entry.kind}; tag a descriptor or a component at a level`
          : `${id} is not a descriptor or component-at-level ID of a known framework`
    problems.push({
      path: [...path, i],
      message: suggestions.length > 0 ? `${why} (did you mean ${suggestions.join(', ')}?)` : why,
    })
  })
  return { ids: [...new Set(ids)], problems }
}
