import { z } from 'zod'
import type { FrameworkProblem } from '../errors.ts'
import { parseId } from '../ids.ts'
import type { LocalizedText } from '../schema.ts'

// Reads a CASE 1.1 package back into the canonical model. The tree comes from the items'
// `humanCodingScheme` (our IDs, as `nls framework export --format case` writes them) and is
// checked against the `isChildOf` associations; English and what CASE has no field for come
// from `extensions.nls` when present. A package from another tool imports when its items are
// coded with our IDs; its levels then come from the rubric criterion levels.

const Link = z.object({ identifier: z.string(), uri: z.string(), title: z.string() })
const Nls = z.record(z.string(), z.unknown())
const Item = z.object({
  identifier: z.string().min(1),
  uri: z.string().min(1),
  fullStatement: z.string().trim().min(1, 'must not be empty'),
  humanCodingScheme: z.string().min(1, 'must carry the entry ID, e.g. TT18.PT.1.1.CB.2'),
  extensions: z.object({ nls: Nls.optional() }).optional(),
})
const Association = z.object({
  associationType: z.string(),
  originNodeURI: Link,
  destinationNodeURI: Link,
  sequenceNumber: z.number().int().optional(),
})
const CriterionLevel = z.object({
  quality: z.string().optional(),
  position: z.number().int().optional(),
  description: z.string().optional(),
})
export const CasePackageInput = z.object({
  CFDocument: z.object({
    identifier: z.string().min(1),
    uri: z.string().min(1),
    title: z.string().min(1),
    creator: z.string().min(1),
    lastChangeDateTime: z.string().min(10),
    version: z.string().optional(),
    extensions: z.object({ nls: Nls.optional() }).optional(),
  }),
  CFItems: z.array(Item).default([]),
  CFAssociations: z.array(Association).default([]),
  CFRubrics: z
    .array(
      z.object({
        CFRubricCriteria: z
          .array(z.object({ CFRubricCriterionLevels: z.array(CriterionLevel).default([]) }))
          .default([]),
      }),
    )
    .default([]),
})
export type CasePackageInput = z.infer<typeof CasePackageInput>

const natural = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true })

/**
 * The framework a CASE package describes (still to be validated against the canonical schema),
 * or the problems that stop it from being read.
 */
export function frameworkFromCase(
  pkg: CasePackageInput,
): { framework: unknown; problems: [] } | { framework?: undefined; problems: FrameworkProblem[] } {
  const problems: FrameworkProblem[] = []
  const nlsDoc = pkg.CFDocument.extensions?.nls ?? {}
  const byId = new Map<string, { item: (typeof pkg.CFItems)[number]; index: number }>()
  const parentOf = new Map<string, string>()
  for (const a of pkg.CFAssociations) {
    if (a.associationType === 'isChildOf')
      parentOf.set(a.originNodeURI.identifier, a.destinationNodeURI.identifier)
  }
  const codeOfIdentifier = new Map(pkg.CFItems.map((i) => [i.identifier, i.humanCodingScheme]))
  pkg.CFItems.forEach((item, index) => {
    const at = ['CFItems', index, 'humanCodingScheme']
    const parsed = parseId(item.humanCodingScheme)
    if (!parsed) {
      problems.push({ path: at, message: `"${item.humanCodingScheme}" is not a framework ID` })
      return
    }
    if (byId.has(item.humanCodingScheme)) {
      problems.push({ path: at, message: `duplicate ID "${item.humanCodingScheme}"` })
    }
    byId.set(item.humanCodingScheme, { item, index })
    const parent = parentOf.get(item.identifier)
    const expected = expectedParent(item.humanCodingScheme)
    const actual = parent === undefined ? undefined : (codeOfIdentifier.get(parent) ?? 'document')
    if (actual === undefined) {
      problems.push({ path: ['CFItems', index], message: 'has no isChildOf association' })
    } else if (expected && actual !== 'document' && actual !== expected) {
      problems.push({
        path: ['CFItems', index],
        message: `is a child of "${actual}" but its ID places it under "${expected}"`,
      })
    }
  })
  if (problems.length) return { problems }

  const ids = [...byId.keys()]
  const frameworkIds = [...new Set(ids.map((id) => parseId(id)?.framework))]
  if (frameworkIds.length !== 1 || !frameworkIds[0]) {
    return {
      problems: [{ path: ['CFItems'], message: 'items must all belong to one framework' }],
    }
  }
  const fwId = frameworkIds[0]
  const textOf = (id: string, key: string): LocalizedText => {
    const { item } = byId.get(id) ?? {}
    const ext = item?.extensions?.nls?.[key] as Partial<LocalizedText> | undefined
    const vi = item?.fullStatement ?? ''
    return ext?.en && ext.vi === vi ? { vi, en: ext.en } : { vi }
  }
  const ext = (id: string) => byId.get(id)?.item.extensions?.nls ?? {}
  const of = (kind: string) => ids.filter((id) => parseId(id)?.kind === kind).sort(natural)

  const meta = (nlsDoc.framework ?? {}) as Record<string, unknown>
  const descriptorIds = of('descriptor')
  const levelCodes = [...new Set(descriptorIds.map((id) => parseId(id)?.level ?? ''))]
  const rubricLevels = pkg.CFRubrics[0]?.CFRubricCriteria[0]?.CFRubricCriterionLevels ?? []
  const levels =
    meta.levels ??
    levelCodes.map((code, i) => ({
      code,
      rank: i + 1,
      name: { vi: rubricLevels.find((l) => l.position === i + 1)?.quality ?? code },
    }))
  const levelList = (levels as { code: string }[]).map((l) => l.code)

  const scoped = nlsDoc.audience as { id: string } | undefined
  const audienceIds = [
    ...new Set(ids.map((id) => parseId(id)?.audience).filter(Boolean)),
  ] as string[]
  const audiences = audienceIds.map((aud) => {
    const audienceId = `${fwId}.${aud}`
    const audExt = (scoped?.id === aud ? scoped : ext(audienceId)) as Record<string, unknown>
    const domains = of('domain')
      .filter((id) => parseId(id)?.audience === aud)
      .map((id) => {
        const e = ext(id)
        return {
          id,
          number: parseId(id)?.domain ?? '',
          name: textOf(id, 'name'),
          ...(e.description ? { description: e.description as LocalizedText } : {}),
          ...(e.structureName ? { structureName: e.structureName as LocalizedText } : {}),
        }
      })
    const components = of('component')
      .filter((id) => parseId(id)?.audience === aud)
      .map((id) => {
        const e = ext(id)
        const domain = domains.find((d) => d.number === parseId(id)?.domain)
        const statuses = new Map(
          ((e.levels ?? []) as { code: string; status?: string }[]).map((l) => [l.code, l.status]),
        )
        return {
          id,
          number: parseId(id)?.component ?? '',
          domain: domain
            ? { id: domain.id, number: domain.number, name: domain.name }
            : { id: '', number: '', name: { vi: '' } },
          name: textOf(id, 'name'),
          ...(e.definition ? { definition: e.definition as LocalizedText } : {}),
          ...(e.structureName ? { structureName: e.structureName as LocalizedText } : {}),
          levels: levelList.map((code) => {
            const descriptors = descriptorIds
              .filter((d) => d.startsWith(`${id}.${code}.`))
              .map((d) => ({
                id: d,
                ...(ext(d).code ? { code: String(ext(d).code) } : {}),
                text: textOf(d, 'text'),
              }))
            const status = statuses.get(code) ?? (descriptors.length ? 'official' : 'missing')
            return { code, descriptors, status: status as 'official' | 'missing' }
          }),
        }
      })
    return {
      id: aud,
      name: audExt.name ?? (byId.has(audienceId) ? textOf(audienceId, 'name') : { vi: aud }),
      ...(audExt.note ? { note: audExt.note as LocalizedText } : {}),
      buildsOn: (audExt.buildsOn as string[] | undefined) ?? [],
      domains,
      components,
    }
  })

  const doc = pkg.CFDocument
  const framework = {
    id: fwId,
    version: doc.version ?? doc.lastChangeDateTime.slice(0, 10),
    title: { vi: doc.title },
    source: {
      document: doc.title,
      issuer: { vi: doc.creator },
      issued: doc.lastChangeDateTime.slice(0, 10),
    },
    cumulative: true,
    glossary: [],
    ...meta,
    levels,
    audiences,
  }
  return { framework, problems: [] }
}

/** The ID of the entry an entry sits under in a CASE tree (undefined for an audience). */
function expectedParent(id: string): string | undefined {
  const p = parseId(id)
  if (!p) return undefined
  switch (p.kind) {
    case 'domain':
      return `${p.framework}.${p.audience}`
    case 'component':
      return `${p.framework}.${p.audience}.${p.domain}`
    case 'descriptor':
      return `${p.framework}.${p.audience}.${p.component}`
    default:
      return undefined
  }
}
