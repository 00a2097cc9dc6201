import { z } from 'zod'

// The canonical JSON of the competency frameworks. The data files under framework/data are
// written in exactly this form, `nls framework export --format json` prints it, and
// `nls framework import` reads it, so one schema serves all three.

const NonEmpty = z.string().trim().min(1, 'must not be empty')

/** A text in Vietnamese (authoritative) with an English translation beside it. */
export const LocalizedText = z.object({
  vi: NonEmpty,
  en: NonEmpty.optional(),
})
export type LocalizedText = z.infer<typeof LocalizedText>

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')

/** What a level means, framework-wide (e.g. Cơ bản, Thành thạo, Nâng cao). */
export const LevelDefinition = z.object({
  code: z.string().regex(/^[A-Z]{2}[0-9]?$/, 'must be a level code such as CB, TT, NC or TC1'),
  rank: z.number().int().min(1),
  name: LocalizedText,
  definition: LocalizedText.optional(),
  /** Proficiency band this sub-level belongs to (learner framework: Cơ bản, Trung cấp, …). */
  band: LocalizedText.optional(),
  /** Whom the level targets, e.g. grades 1–3. */
  targets: LocalizedText.optional(),
  /**
   * The grades (khối, 1–12) whose expected level this is, as `targets` says them: a pupil of
   * grade 7 is expected at the level listing 7 (learner framework: TC1).
   */
  grades: z.array(z.number().int().min(1).max(12)).nonempty().optional(),
})
export type LevelDefinition = z.infer<typeof LevelDefinition>

export const Descriptor = z.object({
  id: NonEmpty,
  /** The indicator code as the circular writes it, when it has one (e.g. "1.1.TC1a"). */
  code: NonEmpty.optional(),
  text: LocalizedText,
})
export type Descriptor = z.infer<typeof Descriptor>

export const ComponentLevel = z.object({
  code: NonEmpty,
  descriptors: z.array(Descriptor),
  /**
   * `missing`: the official descriptor text of this level is not in the product's sources
   * (nothing is invented in its place); importing the official text fills it.
   */
  status: z.enum(['official', 'missing']).default('official'),
})
export type ComponentLevel = z.infer<typeof ComponentLevel>

export const DomainRef = z.object({
  id: NonEmpty,
  number: z.string().regex(/^[1-9][0-9]*$/, 'must be a domain number such as 1'),
  name: LocalizedText,
})
export type DomainRef = z.infer<typeof DomainRef>

export const Domain = DomainRef.extend({
  description: LocalizedText.optional(),
  /** The domain's name as Part B writes it, where it differs from the audience's table. */
  structureName: LocalizedText.optional(),
})
export type Domain = z.infer<typeof Domain>

export const Component = z.object({
  id: NonEmpty,
  number: z.string().regex(/^[1-9][0-9]*\.[1-9][0-9]*$/, 'must be a component number such as 1.1'),
  domain: DomainRef,
  name: LocalizedText,
  /** The definition Part B of the circular gives this component (teacher tables). */
  definition: LocalizedText.optional(),
  /** The component's name as Part B writes it, where it differs from the audience's table. */
  structureName: LocalizedText.optional(),
  levels: z.array(ComponentLevel).min(1, 'a component needs its levels'),
})
export type Component = z.infer<typeof Component>

export const Audience = z.object({
  id: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter audience code such as PT'),
  name: LocalizedText,
  /** How the circular introduces this audience's table. */
  note: LocalizedText.optional(),
  /** Audiences whose competencies this one holds in addition (managers also hold a teacher table). */
  buildsOn: z.array(z.string()).default([]),
  domains: z.array(Domain).min(1, 'an audience needs its domains'),
  components: z.array(Component).min(1, 'an audience needs its components'),
})
export type Audience = z.infer<typeof Audience>

export const GlossaryEntry = z.object({
  number: z.number().int().min(1),
  term: LocalizedText,
  text: LocalizedText,
})
export type GlossaryEntry = z.infer<typeof GlossaryEntry>

export const SourceDocument = z.object({
  /** The legal instrument, e.g. "Thông tư số 18/2026/TT-BGDĐT". */
  document: NonEmpty,
  issuer: LocalizedText,
  issued: IsoDate,
  effective: IsoDate.optional(),
  /** Where the text was taken from, and what of it is not carried. */
  provenance: LocalizedText.optional(),
})

export const Framework = z.object({
  id: z.string().regex(/^[A-Z]{2}[0-9]{2}$/, 'must be a framework code such as TT18'),
  /** Version of the framework text: its date of issue, or a district's own label for an import. */
  version: NonEmpty,
  title: LocalizedText,
  source: SourceDocument,
  /** Levels are cumulative: a level includes the criteria of every lower level. */
  cumulative: z.boolean(),
  levels: z.array(LevelDefinition).min(1),
  glossary: z.array(GlossaryEntry).default([]),
  audiences: z.array(Audience).min(1),
})
export type Framework = z.infer<typeof Framework>
export type FrameworkInput = z.input<typeof Framework>

export const FrameworkSet = z.object({
  frameworks: z.array(Framework).min(1),
})
export type FrameworkSet = z.infer<typeof FrameworkSet>
