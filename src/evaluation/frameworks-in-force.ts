import { Catalog, Framework, loadFrameworks } from '../../framework/index.ts'
import { inferenceModel, type InferenceModel } from '../inference/index.ts'
import type { Stores } from '../store/index.ts'

/** The frameworks in force: the catalog (lookups, texts) and its compiled inference model. */
export interface Frameworks {
  readonly catalog: Catalog
  readonly model: InferenceModel
}

/** Frameworks built from the shipped ones, each replaced or joined by an imported one. */
export function frameworksFrom(imported: readonly Framework[]): Frameworks {
  const byId = new Map(loadFrameworks().map((f) => [f.id, f]))
  for (const f of imported) byId.set(f.id, f)
  const catalog = new Catalog([...byId.values()])
  return { catalog, model: inferenceModel(catalog) }
}

/**
 * The frameworks in force in this installation. An imported framework that no longer reads as
 * one (saved by another version) is left out, with the shipped one in its place, and reported.
 */
export async function loadFrameworksInForce(
  stores: Pick<Stores, 'frameworks'>,
  onUnreadable: (id: string, reason: string) => void = () => undefined,
): Promise<Frameworks> {
  const imported: Framework[] = []
  for (const stored of await stores.frameworks.listFrameworks()) {
    const parsed = Framework.safeParse(stored.document)
    if (parsed.success) imported.push(parsed.data)
    else onUnreadable(stored.id, parsed.error.issues[0]?.message ?? 'not a framework')
  }
  try {
    return frameworksFrom(imported)
  } catch (err) {
    onUnreadable(imported.map((f) => f.id).join(', '), (err as Error).message)
    return frameworksFrom([])
  }
}

/** The frameworks in force, read again when an import is newer than the last read. */
export interface FrameworkSource {
  current(): Frameworks
  /** Reads the frameworks again if an import happened since; true when they changed. */
  refresh(): Promise<boolean>
}

export async function frameworkSource(
  stores: Pick<Stores, 'frameworks'>,
  onUnreadable?: (id: string, reason: string) => void,
): Promise<FrameworkSource> {
  let seen = await stores.frameworks.latestImport()
  let current = await loadFrameworksInForce(stores, onUnreadable)
  return {
    current: () => current,
    async refresh() {
      const latest = await stores.frameworks.latestImport()
      if (latest?.getTime() === seen?.getTime()) return false
      current = await loadFrameworksInForce(stores, onUnreadable)
      seen = latest
      return true
    },
  }
}
