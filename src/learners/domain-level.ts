import type { Framework } from '../../framework/index.ts'

/**
 * A domain's level from its components' levels, by one documented rule: a learner holds a domain
 * at the highest level that every component of the domain has reached (the lowest of the
 * components' levels); a component without a level leaves the domain without one. So "TC1 in
 * domain 1" means TC1 or above in each of 1.1, 1.2 and 1.3.
 */
export function domainLevel(
  framework: Framework,
  componentIds: readonly string[],
  levelOf: (componentId: string) => string | null | undefined,
): string | null {
  const rank = new Map(framework.levels.map((l) => [l.code, l.rank]))
  let lowest: { code: string; rank: number } | undefined
  for (const id of componentIds) {
    const code = levelOf(id)
    const r = code ? rank.get(code) : undefined
    if (code == null || r === undefined) return null
    if (!lowest || r < lowest.rank) lowest = { code, rank: r }
  }
  return lowest?.code ?? null
}

/** Whether `level` is `target` or above in `framework`'s order (no level: not reached). */
export function atOrAbove(
  framework: Framework,
  level: string | null | undefined,
  target: string,
): boolean {
  if (level == null) return false
  const rank = new Map(framework.levels.map((l) => [l.code, l.rank]))
  const have = rank.get(level)
  const want = rank.get(target)
  return have !== undefined && want !== undefined && have >= want
}

/** The band of a level (Cơ bản, Trung cấp, Nâng cao, Chuyên sâu): its code's letters. */
export function bandOf(level: string): string {
  return level.replace(/[0-9]+$/, '')
}
