import { FrameworkIdMalformed, FrameworkIdUnknown, FrameworkInvalid } from './errors.ts'
import { isWellFormedId } from './ids.ts'
import { editDistance } from './lib/edit-distance.ts'
import type {
  Audience,
  Component,
  ComponentLevel,
  Descriptor,
  Domain,
  Framework,
  LevelDefinition,
} from './schema.ts'
import { validateFrameworks } from './validate.ts'

interface Base {
  readonly id: string
  readonly framework: Framework
}
export interface FrameworkEntry extends Base {
  readonly kind: 'framework'
}
export interface AudienceEntry extends Base {
  readonly kind: 'audience'
  readonly audience: Audience
}
export interface DomainEntry extends Base {
  readonly kind: 'domain'
  readonly audience: Audience
  readonly domain: Domain
  readonly components: readonly Component[]
}
export interface ComponentEntry extends Base {
  readonly kind: 'component'
  readonly audience: Audience
  readonly domain: Domain
  readonly component: Component
}
/** A component at a level, e.g. TT18.PT.1.1.CB: a tag target standing for that level's descriptors. */
export interface LevelEntry extends Base {
  readonly kind: 'level'
  readonly audience: Audience
  readonly domain: Domain
  readonly component: Component
  readonly level: ComponentLevel
  readonly definition: LevelDefinition
}
export interface DescriptorEntry extends Base {
  readonly kind: 'descriptor'
  readonly audience: Audience
  readonly domain: Domain
  readonly component: Component
  readonly level: ComponentLevel
  readonly definition: LevelDefinition
  readonly descriptor: Descriptor
}
export type Entry =
  FrameworkEntry | AudienceEntry | DomainEntry | ComponentEntry | LevelEntry | DescriptorEntry

/** Typed lookup over a set of validated frameworks. */
export class Catalog {
  readonly frameworks: readonly Framework[]
  readonly #entries = new Map<string, Entry>()

  /** Throws FrameworkInvalid when the frameworks break a rule of `validateFrameworks`. */
  constructor(frameworks: readonly Framework[]) {
    const problems = validateFrameworks(frameworks)
    if (problems.length) throw new FrameworkInvalid(problems, 'framework data')
    this.frameworks = frameworks
    for (const framework of frameworks) {
      const add = (e: Entry) => this.#entries.set(e.id, e)
      add({ kind: 'framework', id: framework.id, framework })
      const levels = new Map(framework.levels.map((l) => [l.code, l]))
      for (const audience of framework.audiences) {
        add({ kind: 'audience', id: `${framework.id}.${audience.id}`, framework, audience })
        for (const domain of audience.domains) {
          const components = audience.components.filter((c) => c.domain.id === domain.id)
          add({ kind: 'domain', id: domain.id, framework, audience, domain, components })
          for (const component of components) {
            const ctx = { framework, audience, domain, component }
            add({ kind: 'component', id: component.id, ...ctx })
            for (const level of component.levels) {
              const definition = levels.get(level.code) as LevelDefinition
              const lctx = { ...ctx, level, definition }
              add({ kind: 'level', id: `${component.id}.${level.code}`, ...lctx })
              for (const descriptor of level.descriptors) {
                add({ kind: 'descriptor', id: descriptor.id, ...lctx, descriptor })
              }
            }
          }
        }
      }
    }
  }

  /** The entry with this ID; throws FrameworkIdMalformed or FrameworkIdUnknown with suggestions. */
  get(id: string): Entry {
    const entry = this.#entries.get(id)
    if (entry) return entry
    const suggestions = this.suggest(id)
    if (!isWellFormedId(id)) throw new FrameworkIdMalformed(id, suggestions)
    throw new FrameworkIdUnknown(id, suggestions)
  }

  /** The entry with this ID, or undefined. */
  find(id: string): Entry | undefined {
    return this.#entries.get(id)
  }

  /** The entry with this ID, which must be of the given kind. */
  getOf<K extends Entry['kind']>(id: string, kind: K): Extract<Entry, { kind: K }> {
    const entry = this.get(id)
    if (entry.kind !== kind) {
      throw new FrameworkIdUnknown(id, this.suggest(id, 3, kind))
    }
    return entry as Extract<Entry, { kind: K }>
  }

  /** Every ID, in framework order. */
  ids(): string[] {
    return [...this.#entries.keys()]
  }

  /** The audiences of every framework (or of one), in order. */
  audiences(frameworkId?: string): AudienceEntry[] {
    return this.frameworks
      .filter((f) => !frameworkId || f.id === frameworkId)
      .flatMap((f) => f.audiences.map((a) => this.getOf(`${f.id}.${a.id}`, 'audience')))
  }

  /** The components of an audience (e.g. "TT18.PT"), in the circular's order. */
  components(audienceId: string): readonly Component[] {
    return this.getOf(audienceId, 'audience').audience.components
  }

  /**
   * The descriptors a person must meet to hold `levelCode` on a component. Levels are cumulative
   * where the framework says so (Thành thạo includes the Cơ bản criteria; Nâng cao both).
   */
  requiredDescriptors(componentId: string, levelCode: string): readonly Descriptor[] {
    const { framework, component } = this.getOf(componentId, 'component')
    const target = this.getOf(`${componentId}.${levelCode}`, 'level').definition
    return component.levels
      .filter((l) => {
        const rank = framework.levels.find((d) => d.code === l.code)?.rank ?? Infinity
        return framework.cumulative ? rank <= target.rank : rank === target.rank
      })
      .flatMap((l) => l.descriptors)
  }

  /** The valid IDs nearest to `id` (case ignored), closest first. */
  suggest(id: string, max = 3, kind?: Entry['kind']): string[] {
    const wanted = id.toLowerCase()
    const scored: { id: string; d: number }[] = []
    for (const [candidate, entry] of this.#entries) {
      if (kind && entry.kind !== kind) continue
      scored.push({ id: candidate, d: editDistance(wanted, candidate.toLowerCase()) })
    }
    scored.sort((a, b) => a.d - b.d || a.id.length - b.id.length)
    const best = scored[0]?.d ?? 0
    const limit = Math.max(2, Math.ceil(id.length / 3))
    return scored
      .filter((s) => s.d <= Math.max(best, 1) + 1 && s.d <= limit)
      .slice(0, max)
      .map((s) => s.id)
  }
}
