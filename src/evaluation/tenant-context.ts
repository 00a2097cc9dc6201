import {
  activityKey,
  type InferenceTag,
  TagMatcher,
  TagRule,
  type TagRules,
} from '../inference/index.ts'
import type { FactsFilter, Stores, Tag } from '../store/index.ts'
import { type TenantSettings, tenantSettings } from './settings.ts'

/** What inference needs of a tenant, read once for many people. */
export interface TenantContext {
  readonly tenantId: string
  readonly tags: readonly InferenceTag[]
  readonly matcher: TagMatcher
  readonly rules: TagRules
  /** The statements worth reading: the tags' verbs about the tags' activities. */
  readonly filter: FactsFilter
  readonly settings: TenantSettings
  /** LTI links with a grade item, and what their tags name: their scores follow levels. */
  readonly graded: readonly GradedLink[]
}

/** An LTI link whose gradebook column NLS fills. */
export interface GradedLink {
  readonly activityId: string
  readonly contextId?: string
  readonly platformId: string
  readonly lineItemUrl: string
  /** The competency IDs its tags name. */
  readonly competencyIds: readonly string[]
  readonly mode: 'level' | 'share'
}

/** A stored tag as inference reads it; undefined when it can match no statement yet. */
export function inferenceTag(tag: Tag): InferenceTag | undefined {
  const rule = TagRule.safeParse(tag.rule)
  if (!rule.success) return undefined
  const base = { id: tag.id, competencyIds: tag.competencyIds, rule: rule.data }
  if (tag.activityPrefix !== undefined) return { ...base, activityPrefix: tag.activityPrefix }
  // A resource link not yet seen with an xAPI activity id has no statements to match.
  if (tag.activity?.iri !== undefined) return { ...base, activityIri: tag.activity.iri }
  return undefined
}

/** The rules of stored tags, by tag ID (a tag whose rule does not parse has none). */
export function tagRules(stored: readonly Tag[]): ReadonlyMap<string, TagRule> {
  return new Map(
    stored.flatMap((t) => {
      const rule = TagRule.safeParse(t.rule)
      return rule.success ? [[t.id, rule.data] as const] : []
    }),
  )
}

/** Reads a tenant's tags and settings for inference. */
export async function loadTenantContext(
  stores: Pick<Stores, 'tags' | 'tenants' | 'courses'>,
  tenantId: string,
): Promise<TenantContext> {
  // One after another: the stores may be a transaction's, one connection.
  const stored = await stores.tags.listTags(tenantId)
  const tenant = await stores.tenants.getTenant(tenantId)
  const gradedActivities = await stores.courses.listGradedActivities(tenantId)
  const rules = tagRules(stored)
  const tags = stored.flatMap((t) => inferenceTag(t) ?? [])
  return {
    tenantId,
    tags,
    matcher: new TagMatcher(tags),
    rules,
    filter: {
      verbs: [...new Set(tags.flatMap((t) => t.rule.verbs))],
      iris: [
        ...new Set(
          tags.flatMap((t) => (t.activityIri === undefined ? [] : [activityKey(t.activityIri)])),
        ),
      ],
      prefixes: [
        ...new Set(tags.flatMap((t) => (t.activityPrefix === undefined ? [] : [t.activityPrefix]))),
      ],
    },
    settings: tenantSettings(tenant?.settings),
    graded: gradedActivities.flatMap((activity) => {
      const own = stored.filter((t) => t.activityId === activity.id)
      if (own.length === 0) return []
      const modes = own.map((t) => rules.get(t.id)?.gradebook ?? 'level')
      return [
        {
          activityId: activity.id,
          ...(activity.contextId !== undefined && { contextId: activity.contextId }),
          platformId: activity.platformId!,
          lineItemUrl: activity.lineItemUrl!,
          competencyIds: [...new Set(own.flatMap((t) => t.competencyIds))],
          mode: modes.includes('share') ? ('share' as const) : ('level' as const),
        },
      ]
    }),
  }
}
