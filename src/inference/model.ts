import type { Catalog } from '../../framework/index.ts'

/** One level of a component as inference sees it. */
export interface LevelModel {
  /** CB, TT, NC (or a learner sub-level such as TC1). */
  readonly code: string
  readonly rank: number
  /**
   * What must be met for the level: its descriptor IDs, or the level's own ID (TT18.PT.1.1.CB)
   * when the framework carries no descriptor text for it (evidence then names the level).
   */
  readonly criteria: readonly string[]
}

/** A component, its levels from lowest to highest, and whether they build on each other. */
export interface ComponentModel {
  readonly id: string
  readonly frameworkId: string
  readonly frameworkVersion: string
  /** Each level requires the criteria of the levels below it (Circular 18: TT needs CB). */
  readonly cumulative: boolean
  readonly levels: readonly LevelModel[]
}

/** What a tagged competency ID stands for. */
export interface Target {
  readonly componentId: string
  /** The criteria it evidences: one descriptor, or every criterion of a level. */
  readonly criteria: readonly string[]
}

/** The frameworks, compiled for inference: components and what each tag target evidences. */
export interface InferenceModel {
  readonly components: ReadonlyMap<string, ComponentModel>
  /** A descriptor ID or a component-at-level ID; undefined for any other ID. */
  target(competencyId: string): Target | undefined
}

/** Compiles a catalog's frameworks for inference (done once; lookups are then map reads). */
export function inferenceModel(catalog: Catalog): InferenceModel {
  const components = new Map<string, ComponentModel>()
  const targets = new Map<string, Target>()
  for (const framework of catalog.frameworks) {
    const ranks = new Map(framework.levels.map((l) => [l.code, l.rank]))
    for (const audience of framework.audiences) {
      for (const component of audience.components) {
        const levels = component.levels
          .map((level): LevelModel => {
            const levelId = `${component.id}.${level.code}`
            const criteria =
              level.descriptors.length > 0 ? level.descriptors.map((d) => d.id) : [levelId]
            targets.set(levelId, { componentId: component.id, criteria })
            for (const d of level.descriptors) {
              targets.set(d.id, { componentId: component.id, criteria: [d.id] })
            }
            return { code: level.code, rank: ranks.get(level.code) ?? Infinity, criteria }
          })
          .sort((a, b) => a.rank - b.rank)
        components.set(component.id, {
          id: component.id,
          frameworkId: framework.id,
          frameworkVersion: framework.version,
          cumulative: framework.cumulative,
          levels,
        })
      }
    }
  }
  return { components, target: (id) => targets.get(id) }
}
