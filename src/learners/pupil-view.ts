// What a pupil's own page shows of a learners' table (Circular 02/2025, TT02.NH): per domain the
// level by the domain rule, set against the grade's goal; per component its level and the
// activities that showed it; and the tagged activities of their courses to do next.
import type { Audience, Catalog, Component, Domain, Framework } from '../../framework/index.ts'
import { domainLevel } from './domain-level.ts'

/** An activity as a pupil's page names it, linked when it has a web address. */
export interface ShownActivity {
  readonly key: string
  readonly name: string
  readonly url?: string
}

/** What the pupils' view reads of a profile's component (`ComponentView` has it). */
export interface ComponentEvidence {
  readonly componentId: string
  readonly level: string | null
  readonly levels: readonly {
    readonly code: string
    readonly criteria: readonly {
      readonly met: boolean
      readonly sources: readonly {
        readonly tagId: string
        readonly statements: readonly { readonly id: string }[]
      }[]
    }[]
  }[]
}

export interface PupilComponent {
  readonly component: Component
  readonly level: string | null
  /** The activities whose statements showed the levels reached, each once, in order. */
  readonly activities: readonly ShownActivity[]
}

export interface PupilDomain {
  readonly domain: Domain
  /** The domain's level by the domain rule (`domainLevel`); null: not every component has one. */
  readonly level: string | null
  /** How much of the bar is filled, 0–1: the level's rank over the goal's (or the top level's). */
  readonly fill: number
  /** Whether the domain's level is the goal or above (false without a goal). */
  readonly reached: boolean
  readonly components: readonly PupilComponent[]
}

/** A tagged activity that would show a level the pupil has not reached yet. */
export interface NextActivity extends ShownActivity {
  readonly componentId: string
  readonly level: string
  /** How many levels above the pupil's current level of the component (1: the very next). */
  readonly steps: number
}

/** A tag as the next steps read it. */
export interface TagOfCourse {
  readonly id: string
  readonly competencyIds: readonly string[]
  readonly activity?: { readonly name?: string; readonly iri?: string }
}

/** The web address of an activity IRI, when it is one (an `urn:` is not). */
export function webAddress(iri: string | undefined): string | undefined {
  return iri !== undefined && /^https?:\/\//.test(iri) ? iri : undefined
}

/**
 * The six domains of a learners' table for a pupil: each domain's level (the lowest of its
 * components'), how far it is toward `goal` (a level code; without one, toward the top level),
 * and each component's level with the activities that showed it (`activityOf` names the activity
 * of a tag's statement).
 */
export function pupilDomains(
  framework: Framework,
  audience: Audience,
  evidence: readonly ComponentEvidence[],
  goal: string | undefined,
  activityOf: (tagId: string, statementId: string) => ShownActivity | undefined,
): PupilDomain[] {
  const rank = ranks(framework)
  const byId = new Map(evidence.map((c) => [c.componentId, c]))
  const levelOf = (id: string) => byId.get(id)?.level ?? null
  const top = goal ?? framework.levels.at(-1)?.code
  const scale = (top !== undefined && rank.get(top)) || 1
  return audience.domains.map((domain) => {
    const components = audience.components.filter((c) => c.domain.id === domain.id)
    const level = domainLevel(
      framework,
      components.map((c) => c.id),
      levelOf,
    )
    const have = level === null ? 0 : (rank.get(level) ?? 0)
    return {
      domain,
      level,
      fill: Math.min(1, have / scale),
      reached: goal !== undefined && have >= (rank.get(goal) ?? Infinity),
      components: components.map((component) => {
        const seen = byId.get(component.id)
        return {
          component,
          level: seen?.level ?? null,
          activities: seen ? shownBy(seen, rank, activityOf) : [],
        }
      }),
    }
  })
}

/** The activities behind the met criteria of the levels a component has reached. */
function shownBy(
  seen: ComponentEvidence,
  rank: ReadonlyMap<string, number>,
  activityOf: (tagId: string, statementId: string) => ShownActivity | undefined,
): ShownActivity[] {
  const reached = seen.level === null ? 0 : (rank.get(seen.level) ?? 0)
  const found = new Map<string, ShownActivity>()
  for (const level of seen.levels) {
    if ((rank.get(level.code) ?? Infinity) > reached) continue
    for (const criterion of level.criteria.filter((c) => c.met)) {
      for (const source of criterion.sources) {
        for (const statement of source.statements) {
          const activity = activityOf(source.tagId, statement.id)
          if (activity && !found.has(activity.key)) found.set(activity.key, activity)
        }
      }
    }
  }
  return [...found.values()]
}

/**
 * What to do next: of the tagged activities of a pupil's courses, those that would show a level
 * of a component of `audienceId` above the pupil's current one, nearest first (fewest levels
 * above, then the lower level, then the table's order), at most `limit`, each activity once.
 */
export function nextActivities(
  catalog: Catalog,
  audienceId: string,
  tags: readonly TagOfCourse[],
  levelOf: (componentId: string) => string | null | undefined,
  limit = 5,
): NextActivity[] {
  const entry = catalog.find(audienceId)
  if (entry?.kind !== 'audience') return []
  const rank = ranks(entry.framework)
  const order = new Map(entry.audience.components.map((c, i) => [c.id, i]))
  const best = new Map<string, NextActivity & { readonly rank: number; readonly at: number }>()
  for (const tag of tags) {
    const name = tag.activity?.name ?? tag.activity?.iri
    if (name === undefined) continue
    const key = tag.activity?.iri ?? tag.id
    for (const id of tag.competencyIds) {
      const target = catalog.find(id)
      if (target?.kind !== 'level' && target?.kind !== 'descriptor') continue
      if (`${target.framework.id}.${target.audience.id}` !== audienceId) continue
      const componentId = target.component.id
      const current = levelOf(componentId)
      const want = rank.get(target.level.code) ?? 0
      const steps = want - (current ? (rank.get(current) ?? 0) : 0)
      if (steps <= 0) continue
      const candidate = {
        key,
        name,
        ...(webAddress(tag.activity?.iri) !== undefined && { url: tag.activity!.iri! }),
        componentId,
        level: target.level.code,
        steps,
        rank: want,
        at: order.get(componentId) ?? Infinity,
      }
      const held = best.get(key)
      if (!held || nearer(candidate, held) < 0) best.set(key, candidate)
    }
  }
  return [...best.values()]
    .sort(nearer)
    .slice(0, limit)
    .map(({ rank: _rank, at: _at, ...next }) => next)
}

function nearer(
  a: { steps: number; rank: number; at: number; name: string },
  b: { steps: number; rank: number; at: number; name: string },
): number {
  return a.steps - b.steps || a.rank - b.rank || a.at - b.at || a.name.localeCompare(b.name, 'vi')
}

function ranks(framework: Framework): Map<string, number> {
  return new Map(framework.levels.map((l) => [l.code, l.rank]))
}

/**
 * Whether some level of a table has no official text in force (the shipped learners' table has
 * none: its levels are `status: "missing"` until a district imports the circular's text).
 */
export function missingText(audience: Audience): boolean {
  return audience.components.some((c) =>
    c.levels.some((l) => l.status === 'missing' || l.descriptors.length === 0),
  )
}
