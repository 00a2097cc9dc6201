import type { FrameworkProblem } from './errors.ts'
import { parseId } from './ids.ts'
import type { Framework } from './schema.ts'

const letter = (n: number): string => String.fromCharCode('a'.charCodeAt(0) + n - 1)

/**
 * The rules the schema alone cannot state: IDs well-formed, unique and matching their place in
 * the tree; components inside their domain; every framework level present once, in rank order;
 * a level either carries its descriptors or is marked `missing`. Returns every problem found.
 * `partial`: the frameworks hold only some of their audiences (other audiences may be named).
 */
export function validateFrameworks(
  frameworks: readonly Framework[],
  root: readonly (string | number)[] = ['frameworks'],
  options: { readonly partial?: boolean } = {},
): FrameworkProblem[] {
  const problems: FrameworkProblem[] = []
  const seen = new Set<string>()
  const claim = (id: string, path: readonly (string | number)[]) => {
    if (seen.has(id)) problems.push({ path, message: `duplicate ID "${id}"` })
    seen.add(id)
  }
  const expectId = (
    actual: string,
    expected: string,
    path: readonly (string | number)[],
    what: string,
  ) => {
    if (actual !== expected) {
      problems.push({
        path,
        message: `${what} ID must be "${expected}" (from its place in the framework), not "${actual}"`,
      })
    }
  }

  frameworks.forEach((fw, f) => {
    const at = [...root, f]
    claim(fw.id, [...at, 'id'])
    const ranks = fw.levels.map((l) => l.rank)
    fw.levels.forEach((l, i) => {
      if (l.rank !== i + 1) {
        problems.push({
          path: [...at, 'levels', i, 'rank'],
          message: `levels must be listed by rank from 1; expected ${i + 1}, found ${l.rank}`,
        })
      }
    })
    const codes = fw.levels.map((l) => l.code)
    if (new Set(codes).size !== codes.length || new Set(ranks).size !== ranks.length) {
      problems.push({ path: [...at, 'levels'], message: 'level codes and ranks must be unique' })
    }
    const audienceIds = new Set(fw.audiences.map((a) => a.id))
    fw.audiences.forEach((a, ai) => {
      const ap = [...at, 'audiences', ai]
      claim(`${fw.id}.${a.id}`, [...ap, 'id'])
      a.buildsOn.forEach((b, bi) => {
        // A package of one audience (CASE export --audience) names audiences it does not carry.
        if (b === a.id || !(audienceIds.has(b) || (options.partial && /^[A-Z]{2}$/.test(b)))) {
          problems.push({
            path: [...ap, 'buildsOn', bi],
            message: `"${b}" is not another audience of ${fw.id}`,
          })
        }
      })
      const domains = new Map(a.domains.map((d) => [d.id, d]))
      a.domains.forEach((d, di) => {
        const dp = [...ap, 'domains', di]
        expectId(d.id, `${fw.id}.${a.id}.${d.number}`, [...dp, 'id'], 'domain')
        claim(d.id, [...dp, 'id'])
      })
      a.components.forEach((c, ci) => {
        const cp = [...ap, 'components', ci]
        expectId(c.id, `${fw.id}.${a.id}.${c.number}`, [...cp, 'id'], 'component')
        claim(c.id, [...cp, 'id'])
        const domain = domains.get(c.domain.id)
        if (!domain) {
          problems.push({
            path: [...cp, 'domain', 'id'],
            message: `"${c.domain.id}" is not a domain of audience ${a.id}`,
          })
        } else {
          if (!c.number.startsWith(`${domain.number}.`)) {
            problems.push({
              path: [...cp, 'number'],
              message: `component ${c.number} cannot belong to domain ${domain.number}`,
            })
          }
          if (
            c.domain.number !== domain.number ||
            c.domain.name.vi !== domain.name.vi ||
            c.domain.name.en !== domain.name.en
          ) {
            problems.push({
              path: [...cp, 'domain'],
              message: `must repeat domain ${domain.id} exactly as the audience lists it`,
            })
          }
        }
        if (c.levels.map((l) => l.code).join() !== codes.join()) {
          problems.push({
            path: [...cp, 'levels'],
            message: `must list the framework's levels once each, in order: ${codes.join(', ')}`,
          })
        }
        c.levels.forEach((l, li) => {
          const lp = [...cp, 'levels', li]
          if (l.status === 'missing' && l.descriptors.length > 0) {
            problems.push({
              path: [...lp, 'status'],
              message: 'a level marked "missing" must not carry descriptors',
            })
          }
          if (l.status === 'official' && l.descriptors.length === 0) {
            problems.push({
              path: [...lp, 'descriptors'],
              message:
                'a level needs its descriptors, or status "missing" when the text is not available',
            })
          }
          const lettered = l.descriptors.some((d) => /\.[a-z]$/.test(d.id))
          l.descriptors.forEach((d, n) => {
            const dp = [...lp, 'descriptors', n]
            const suffix = lettered ? letter(n + 1) : String(n + 1)
            expectId(d.id, `${c.id}.${l.code}.${suffix}`, [...dp, 'id'], 'descriptor')
            claim(d.id, [...dp, 'id'])
            if (parseId(d.id)?.kind !== 'descriptor') {
              problems.push({ path: [...dp, 'id'], message: `"${d.id}" is not a descriptor ID` })
            }
          })
        })
      })
    })
  })
  return problems
}
