// What a training programme (a course, or a tag set) changed: its components and target from
// its tags, and from the counts the store makes, the participants' levels before and after,
// the criteria newly met and the share reaching the target. Pure.
import type { Catalog } from '../../framework/index.ts'
import type { CriterionOf, ProgrammeCounts } from '../store/programme-store.ts'

/** A component a programme's tags evidence, and the level it aims at there. */
export interface ProgrammeComponent {
  readonly componentId: string
  readonly frameworkId: string
  /** The highest level the programme's tags name for the component. */
  readonly target: string
  /** The framework's levels, lowest first. */
  readonly levels: readonly string[]
  /** The levels at or above the target. */
  readonly reaching: readonly string[]
}

export interface ProgrammeTargets {
  /** By component ID (1.1 before 1.2 before 2.1). */
  readonly components: readonly ProgrammeComponent[]
  /** The criteria each competency ID stands for: a descriptor itself, a level its descriptors. */
  readonly criteria: readonly CriterionOf[]
  /** Competency IDs the frameworks do not know as a descriptor or a level (left out). */
  readonly unknown: readonly string[]
}

/** A programme's components, target per component and criteria, from its tags' competency IDs. */
export function programmeTargets(
  catalog: Pick<Catalog, 'find'>,
  competencyIds: readonly string[],
): ProgrammeTargets {
  const components = new Map<string, ProgrammeComponent & { rank: number }>()
  const criteria: CriterionOf[] = []
  const unknown: string[] = []
  for (const competencyId of new Set(competencyIds)) {
    const entry = catalog.find(competencyId)
    if (entry?.kind !== 'descriptor' && entry?.kind !== 'level') {
      unknown.push(competencyId)
      continue
    }
    if (entry.kind === 'descriptor') {
      criteria.push({ competencyId, criterionId: competencyId })
    } else {
      const ids = entry.level.descriptors.map((d) => d.id)
      // A level without descriptors (a learner sub-level) is a criterion itself.
      for (const criterionId of ids.length > 0 ? ids : [competencyId]) {
        criteria.push({ competencyId, criterionId })
      }
    }
    const componentId = entry.component.id
    const rank = entry.definition.rank
    const known = components.get(componentId)
    if (known && known.rank >= rank) continue
    const levels = [...entry.framework.levels].sort((a, b) => a.rank - b.rank)
    components.set(componentId, {
      componentId,
      frameworkId: entry.framework.id,
      target: entry.level.code,
      rank,
      levels: levels.map((l) => l.code),
      reaching: levels.filter((l) => l.rank >= rank).map((l) => l.code),
    })
  }
  return {
    components: [...components.values()]
      .map(({ rank: _rank, ...c }) => c)
      .sort((a, b) => a.componentId.localeCompare(b.componentId, 'en', { numeric: true })),
    criteria: criteria.sort(
      (a, b) =>
        a.competencyId.localeCompare(b.competencyId, 'en', { numeric: true }) ||
        a.criterionId.localeCompare(b.criterionId, 'en', { numeric: true }),
    ),
    unknown: unknown.sort(),
  }
}

/** How many participants held a level (null: none). */
export interface LevelCount {
  readonly level: string | null
  readonly count: number
}

/** A component's levels before and after, none first, then each level from the lowest. */
export interface ComponentEffect extends ProgrammeComponent {
  readonly before: readonly LevelCount[]
  readonly after: readonly LevelCount[]
  /** Participants whose level after is higher than before. */
  readonly wentUp: number
}

/** A count and its share of the participants (0 when there are none). */
export interface Share {
  readonly count: number
  readonly share: number
}

export interface ProgrammeFigures {
  readonly participants: number
  /** Participants with evidence from the programme's tags. */
  readonly started: number
  readonly components: readonly ComponentEffect[]
  readonly criteriaNewlyMet: number
  /** Criteria newly met per participant, on average. */
  readonly criteriaPerParticipant: number
  /** Participants holding the target on every component, before their start and after. */
  readonly reachedBefore: Share
  readonly reachedAfter: Share
}

/** The figures of a programme from its raw counts. */
export function programmeFigures(
  counts: ProgrammeCounts,
  targets: Pick<ProgrammeTargets, 'components'>,
): ProgrammeFigures {
  const { participants } = counts
  const shareOf = (count: number): Share => ({
    count,
    share: participants > 0 ? count / participants : 0,
  })
  const components = targets.components.map((c): ComponentEffect => {
    const rank = (level: string | null) => (level === null ? 0 : c.levels.indexOf(level) + 1)
    const mine = counts.transitions.filter((t) => t.componentId === c.componentId)
    const tally = (side: 'before' | 'after'): LevelCount[] => {
      const held = c.levels.map((level) => ({
        level,
        count: mine.filter((t) => t[side] === level).reduce((n, t) => n + t.count, 0),
      }))
      const none = participants - held.reduce((n, l) => n + l.count, 0)
      return [{ level: null, count: none }, ...held]
    }
    return {
      ...c,
      before: tally('before'),
      after: tally('after'),
      wentUp: mine.filter((t) => rank(t.after) > rank(t.before)).reduce((n, t) => n + t.count, 0),
    }
  })
  return {
    participants,
    started: counts.started,
    components,
    criteriaNewlyMet: counts.criteriaNewlyMet,
    criteriaPerParticipant: participants > 0 ? counts.criteriaNewlyMet / participants : 0,
    reachedBefore: shareOf(counts.reachedBefore),
    reachedAfter: shareOf(counts.reachedAfter),
  }
}
