import type { Catalog, LocalizedText } from '../../framework/index.ts'
import {
  type ComponentResult,
  type CriterionResult,
  inferLevels,
  type InferenceModel,
  scoreShare,
} from '../inference/index.ts'
import type { Stores, Tag } from '../store/index.ts'
import { actorNames } from './actor-names.ts'
import { coreOverrides } from './overrides.ts'
import { type TenantSettings, tenantSettings } from './settings.ts'
import { tagRules } from './tenant-context.ts'
import { targetOf } from '../tagging/tag-service.ts'

/** A criterion with its text, as a profile shows it. */
export interface CriterionView extends CriterionResult {
  readonly text?: LocalizedText
}

/** A component of a profile: names, the level and its explanation. */
export interface ComponentView extends Omit<ComponentResult, 'levels' | 'next'> {
  readonly name?: LocalizedText
  readonly levelName?: LocalizedText
  readonly levels: readonly {
    readonly code: string
    readonly name?: LocalizedText
    readonly needed: number
    readonly metCount: number
    readonly criteriaMet: boolean
    readonly criteria: readonly CriterionView[]
  }[]
  readonly next?: {
    readonly level: string
    readonly levelName?: LocalizedText
    readonly moreNeeded: number
    readonly missing: readonly { readonly id: string; readonly text?: LocalizedText }[]
  }
}

/** A person's profile as `personProfile` works it out. */
export type ProfileModel = NonNullable<Awaited<ReturnType<typeof personProfile>>>

/**
 * A person's profile, worked out now from their saved evidence, the tags, the tenant's settings
 * and trainer overrides: levels with every reason, the statements and tags behind them, and the
 * person's self-assessments beside (never inside) the inferred levels.
 */
export async function personProfile(
  stores: Stores,
  catalog: Catalog,
  model: InferenceModel,
  tenantId: string,
  personId: string,
  options: {
    readonly componentIds?: readonly string[]
    /** The tenant's tags, when the caller has read them (else read here, once). */
    readonly tags?: readonly Tag[]
    /** The tenant's settings, when the caller has read them. */
    readonly settings?: TenantSettings
  } = {},
) {
  const person = await stores.people.getPerson(tenantId, personId)
  if (!person) return undefined
  const [tenantTags, settings, evidence, overrides, saved, identities, selfAssessments] =
    await Promise.all([
      options.tags ?? stores.tags.listTags(tenantId),
      options.settings ??
        stores.tenants.getTenant(tenantId).then((tenant) => tenantSettings(tenant?.settings)),
      stores.progress.findEvidence(tenantId, personId),
      stores.inference.currentOverrides(tenantId, personId),
      stores.progress.findLevels(tenantId, personId),
      stores.people.listIdentities(tenantId, personId),
      stores.progress.latestSelfAssessments(tenantId, personId),
    ])
  // Who gave each verdict, by name (`by` is the actor, person:<id>, as recorded).
  const names = await actorNames(
    stores.people,
    tenantId,
    overrides.map((o) => o.actor),
  )
  const results = inferLevels(model, {
    evidence,
    rules: tagRules(tenantTags),
    overrides: coreOverrides(overrides).map((o) => ({ ...o, by: o.by && names.get(o.by) })),
    settings,
    ...(options.componentIds
      ? { componentIds: options.componentIds }
      : { include: saved.map((l) => l.componentId) }),
  })
  const statementIds = [...new Set(evidence.map((e) => e.statementId))]
  const statements = await stores.statements.getStatements(tenantId, statementIds)
  const tagIds = new Set(evidence.map((e) => e.tagId))
  const tags = tenantTags.filter((t) => tagIds.has(t.id))
  return {
    person: { ...person, identities },
    settings,
    components: results.map((r) => componentView(catalog, r)),
    statements: Object.fromEntries(
      statements.map((s) => {
        const { result, object } = s.statement as {
          result?: { score?: Record<string, number> }
          object?: { definition?: { name?: Record<string, string> } }
        }
        const share = scoreShare(result?.score)
        const names = object?.definition?.name
        const activityName = names && (names.vi ?? names['vi-VN'] ?? Object.values(names)[0])
        return [
          s.id,
          {
            verbId: s.verbId,
            activityIri: s.activityIri,
            timestamp: s.timestamp,
            ...(activityName !== undefined && { activityName }),
            ...(share !== undefined && { score: share }),
            ...(s.success !== undefined && { success: s.success }),
          },
        ]
      }),
    ),
    tags: Object.fromEntries(
      tags.map((t) => [
        t.id,
        {
          ...targetOf(t),
          ...(t.activity?.name !== undefined && { activityName: t.activity.name }),
          competencyIds: t.competencyIds,
          rule: t.rule,
        },
      ]),
    ),
    selfAssessments,
  }
}

function componentView(catalog: Catalog, result: ComponentResult): ComponentView {
  const component = catalog.find(result.componentId)
  const levelName = (code: string | null) =>
    code === null ? undefined : levelEntry(catalog, `${result.componentId}.${code}`)?.name
  const text = (id: string): LocalizedText | undefined => {
    const entry = catalog.find(id)
    if (entry?.kind === 'descriptor') return entry.descriptor.text
    if (entry?.kind === 'level') return entry.definition.name
    return undefined
  }
  const { levels, next, ...rest } = result
  return {
    ...rest,
    ...(component?.kind === 'component' && { name: component.component.name }),
    ...(result.level !== null && { levelName: levelName(result.level) }),
    levels: levels.map((l) => ({
      code: l.code,
      name: levelName(l.code),
      needed: l.needed,
      metCount: l.metCount,
      criteriaMet: l.criteriaMet,
      criteria: l.criteria.map((c) => ({ ...c, text: text(c.id) })),
    })),
    ...(next && {
      next: {
        level: next.level,
        levelName: levelName(next.level),
        moreNeeded: next.moreNeeded,
        missing: next.missing.map((id) => ({ id, text: text(id) })),
      },
    }),
  }
}

function levelEntry(catalog: Catalog, id: string) {
  const entry = catalog.find(id)
  return entry?.kind === 'level' ? entry.definition : undefined
}
