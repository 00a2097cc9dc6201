import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { AccessTokens } from '../../lti/services/index.ts'
import { findOrCreateLineItem } from '../../lti/services/index.ts'
import type { Stores, Tag } from '../store/index.ts'
import { TagInvalid } from '../tagging/errors.ts'
import { createTag, type TagActor } from '../tagging/tag-service.ts'
import { checkCompetencies } from '../tagging/tag-input.ts'
import { TagRule } from '../inference/index.ts'
import type { Frameworks } from './frameworks-in-force.ts'
import { linkCriteria } from './link-criteria.ts'

/** A trainer's request for a gradebook column in a course, following levels on components. */
export const GradebookColumnInput = z
  .object({
    contextId: z.uuid('must be a course (context) id'),
    label: z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters'),
    competencyIds: z.array(z.string().trim().min(1)).min(1, 'name at least one competency'),
    mode: z.enum(['level', 'share']).default('level'),
  })
  .strict()
export type GradebookColumnInput = z.infer<typeof GradebookColumnInput>

/** A course lacks what a column needs: a launch from it that shared its gradebook (AGS). */
export class GradebookUnavailable extends Error {
  readonly code = 'ERR_GRADEBOOK_UNAVAILABLE'
}

/**
 * Makes a gradebook column (an AGS line item, tagged `nls`) in a course and an NLS activity bound
 * to it, tagged with the competencies: from then on each learner's level on those components (or
 * share met of the criteria the competencies ask for) is posted there. Everyone of the tenant is
 * queued so that the column fills at once.
 */
export async function createGradebookColumn(
  stores: Stores,
  frameworks: Frameworks,
  services: { readonly tokens: AccessTokens; readonly fetch?: typeof fetch },
  tenantId: string,
  input: GradebookColumnInput,
  who: TagActor,
): Promise<{ tag: Tag; lineItemUrl: string }> {
  const checked = checkCompetencies(frameworks.catalog, input.competencyIds)
  if (checked.problems.length > 0) throw new TagInvalid(checked.problems)
  const context = await stores.courses.getContext(tenantId, input.contextId)
  if (!context) throw new TagInvalid([{ path: ['contextId'], message: 'no such course' }])
  if (!context.platformId || !context.lineItemsUrl) {
    throw new GradebookUnavailable(
      'this course has not shared its gradebook yet: open NLS from the course once (with grade sync enabled for the tool)',
    )
  }
  const platform = await stores.platforms.getPlatform(context.platformId)
  if (!platform) throw new GradebookUnavailable('the course’s platform is no longer registered')
  const components = new Set(
    input.competencyIds.flatMap((id) => frameworks.model.target(id)?.componentId ?? []),
  )
  const levels = [...components].map((c) => frameworks.model.components.get(c)!)
  // The maximum each score will carry (gradebook.ts linkScore): the criteria the column asks
  // for, or the most levels of its components.
  const scoreMaximum =
    input.mode === 'share'
      ? linkCriteria(frameworks.model, input.competencyIds).length
      : Math.max(1, ...levels.map((c) => c.levels.length))
  const key = randomUUID()
  const lineItem = await findOrCreateLineItem(
    { platform, tokens: services.tokens, ...(services.fetch && { fetch: services.fetch }) },
    {
      lineItemsUrl: context.lineItemsUrl,
      label: input.label,
      scoreMaximum,
      resourceId: key,
      tag: 'nls',
    },
  )
  const tag = await stores.transaction(async (tx) => {
    const activity = await tx.courses.upsertActivity(tenantId, {
      contextId: context.id,
      iri: `urn:nls:gradebook:${key}`,
      name: input.label,
    })
    await tx.courses.setLineItem(tenantId, activity.id, {
      platformId: platform.id,
      lineItemUrl: lineItem.id,
    })
    const created = await createTag(
      tx,
      frameworks.catalog,
      tenantId,
      {
        activityId: activity.id,
        competencyIds: input.competencyIds,
        rule: TagRule.parse({ gradebook: input.mode }),
      },
      who,
    )
    await tx.inference.enqueueTenant(tenantId)
    return created
  })
  return { tag, lineItemUrl: lineItem.id }
}
