import { isDeepStrictEqual } from 'node:util'
import {
  COMPETENCY,
  EXTENSIONS,
  MASTERED,
  NO_LEVEL,
  PROFILE_ACTIVITY_TYPE,
  PROFILE_TEXT,
  PROFILE_VERSION,
  PROGRESS_PATTERN_TEXT,
  PROGRESSED,
  SATISFIED,
  TEMPLATES,
  profileTerms,
  type Bilingual,
  type ExtensionKey,
  type ProfileTerms,
} from './vocabulary.ts'

// Our xAPI Profile (https://github.com/adlnet/xapi-profiles, Part Two: Document Structure) and a
// checker of Statement Templates (Part Three §2.1) for the parts of the spec our templates use.

export type Json =
  null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json }

/** §7.2: an extension concept. */
export interface ExtensionConcept {
  readonly id: string
  readonly type: 'ResultExtension' | 'ContextExtension'
  readonly inScheme: string
  readonly prefLabel: Bilingual
  readonly definition: Bilingual
  readonly recommendedVerbs: readonly string[]
  /** "A JSON Schema inline ... as a string". */
  readonly inlineSchema: string
}

/** §8.1: a Statement Template Rule. */
export interface TemplateRule {
  readonly location: string
  readonly selector?: string
  readonly presence?: 'included' | 'excluded' | 'recommended'
  readonly any?: readonly Json[]
  readonly all?: readonly Json[]
  readonly none?: readonly Json[]
  readonly scopeNote?: Bilingual
}

/** §8: a Statement Template, with the Determining Properties this checker knows. */
export interface StatementTemplate {
  readonly id: string
  readonly type: 'StatementTemplate'
  readonly inScheme: string
  readonly prefLabel: Bilingual
  readonly definition: Bilingual
  readonly verb?: string
  readonly objectActivityType?: string
  readonly contextGroupingActivityType?: readonly string[]
  readonly contextParentActivityType?: readonly string[]
  readonly contextOtherActivityType?: readonly string[]
  readonly contextCategoryActivityType?: readonly string[]
  readonly attachmentUsageType?: readonly string[]
  readonly rules?: readonly TemplateRule[]
}

/** §9: a Pattern (the two kinds we use). */
export interface Pattern {
  readonly id: string
  readonly type: 'Pattern'
  readonly inScheme: string
  readonly primary?: boolean
  readonly prefLabel?: Bilingual
  readonly definition?: Bilingual
  readonly alternates?: readonly string[]
  readonly oneOrMore?: string
}

/** §6: the Profile document. */
export interface Profile {
  readonly '@context': 'https://w3id.org/xapi/profiles/context'
  readonly id: string
  readonly type: 'Profile'
  readonly conformsTo: 'https://w3id.org/xapi/profiles#1.0'
  readonly prefLabel: Bilingual
  readonly definition: Bilingual
  readonly versions: readonly { readonly id: string; readonly generatedAtTime: string }[]
  readonly author: { readonly type: 'Organization'; readonly name: string }
  readonly concepts: readonly ExtensionConcept[]
  readonly templates: readonly StatementTemplate[]
  readonly patterns: readonly Pattern[]
}

/** Something wrong with a statement for a template: where (a JSONPath) and why. */
export interface TemplateProblem {
  readonly location: string
  readonly message: string
}

/**
 * The JSON-LD document of our profile, served at `profileIri`. It lists only our extensions: the
 * verbs and activity types are reused from ADL, cmi5 and TLA (vocabulary.ts `REUSED_CONCEPTS`).
 */
export function nlsProfile(
  profileIri: string,
  options: { readonly version: string; readonly generatedAtTime: string } = PROFILE_VERSION,
): Profile {
  const terms = profileTerms(profileIri, options.version)
  const inScheme = terms.version
  return {
    '@context': 'https://w3id.org/xapi/profiles/context',
    id: terms.profile,
    type: 'Profile',
    conformsTo: 'https://w3id.org/xapi/profiles#1.0',
    ...PROFILE_TEXT,
    versions: [{ id: inScheme, generatedAtTime: options.generatedAtTime }],
    author: { type: 'Organization', name: 'NLS' },
    concepts: (Object.keys(EXTENSIONS) as ExtensionKey[]).map((key) => {
      const term = EXTENSIONS[key]
      return {
        id: terms.extensions[key],
        type: term.type,
        inScheme,
        prefLabel: term.prefLabel,
        definition: term.definition,
        recommendedVerbs: term.verbs,
        inlineSchema: JSON.stringify(term.schema),
      }
    }),
    templates: templates(terms),
    patterns: [
      {
        id: terms.patterns.progress,
        type: 'Pattern',
        inScheme,
        primary: true,
        ...PROGRESS_PATTERN_TEXT,
        oneOrMore: terms.patterns.anyProgress,
      },
      {
        id: terms.patterns.anyProgress,
        type: 'Pattern',
        inScheme,
        alternates: Object.values(terms.templates),
      },
    ],
  }
}

function templates(terms: ProfileTerms): StatementTemplate[] {
  // Bracket notation quotes the IRI; a quote or backslash in it is escaped.
  const quoted = (key: ExtensionKey) => terms.extensions[key].replace(/['\\]/g, '\\$&')
  const inResult = (key: ExtensionKey) => `$.result.extensions['${quoted(key)}']`
  const inContext = (key: ExtensionKey) => `$.context.extensions['${quoted(key)}']`
  const common: TemplateRule[] = [
    { location: '$.id', presence: 'included' },
    { location: '$.timestamp', presence: 'included' },
    { location: '$.context.contextActivities.category[*].id', any: [terms.version] },
    { location: '$.object.definition.name.vi', presence: 'included' },
    { location: inResult('evidenceCount'), presence: 'included' },
    { location: inContext('framework'), presence: 'included' },
    { location: inContext('frameworkVersion'), presence: 'included' },
  ]
  const level: TemplateRule[] = [
    ...common,
    { location: inResult('level'), presence: 'included' },
    { location: inResult('previousLevel'), presence: 'recommended' },
  ]
  const shared = {
    type: 'StatementTemplate',
    inScheme: terms.version,
    objectActivityType: COMPETENCY,
    contextCategoryActivityType: [PROFILE_ACTIVITY_TYPE],
  } as const
  return [
    {
      ...shared,
      id: terms.templates.levelChanged,
      ...TEMPLATES.levelChanged.text,
      verb: PROGRESSED.id,
      rules: level,
    },
    {
      ...shared,
      id: terms.templates.levelMastered,
      ...TEMPLATES.levelMastered.text,
      verb: MASTERED.id,
      rules: [...level, { location: inResult('level'), none: [NO_LEVEL] }],
    },
    {
      ...shared,
      id: terms.templates.descriptorReached,
      ...TEMPLATES.descriptorReached.text,
      verb: SATISFIED.id,
      contextParentActivityType: [COMPETENCY],
      rules: [
        ...common,
        { location: '$.context.contextActivities.parent[*].id', presence: 'included' },
        { location: inResult('level'), presence: 'excluded' },
        { location: inResult('previousLevel'), presence: 'excluded' },
      ],
    },
  ]
}

/** The template of `profile` a statement claims by its verb, if any. */
export function templateFor(statement: object, profile: Profile): StatementTemplate | undefined {
  const [verb] = evaluate(statement, '$.verb.id')
  return verb === undefined ? undefined : profile.templates.find((t) => t.verb === verb)
}

/** What keeps `statement` from following `template`; empty when it does. */
export function checkStatementTemplate(
  statement: object,
  template: StatementTemplate,
): TemplateProblem[] {
  // §8.1: "contextActivities normalization MUST have already been performed".
  const normalized = normalizeContextActivities(statement)
  return [
    ...determiningProblems(normalized, template),
    ...(template.rules ?? []).flatMap((rule) =>
      ruleProblems(normalized, rule).map((message) => ({ location: rule.location, message })),
    ),
  ]
}

const CONTEXT_TYPES = [
  ['contextParentActivityType', 'parent'],
  ['contextGroupingActivityType', 'grouping'],
  ['contextCategoryActivityType', 'category'],
  ['contextOtherActivityType', 'other'],
] as const

// Part Three §2.1 matches_determining_properties: "the corresponding Statement locations equal or
// are a superset of that Determining Properties values".
function determiningProblems(statement: unknown, template: StatementTemplate): TemplateProblem[] {
  const problems: TemplateProblem[] = []
  const single = (location: string, wanted: string | undefined, what: string) => {
    if (wanted === undefined) return
    const found = evaluate(statement, location)
    if (found[0] !== wanted) {
      problems.push({
        location,
        message: `is ${show(found.slice(0, 1))}: the template needs the ${what} ${wanted} (a Determining Property, xAPI Profiles §8)`,
      })
    }
  }
  const superset = (location: string, wanted: readonly string[] | undefined, what: string) => {
    const found = evaluate(statement, location)
    for (const type of wanted ?? []) {
      if (found.includes(type)) continue
      problems.push({
        location,
        message: `lacks ${type}: the template needs ${what} of that type (a Determining Property, xAPI Profiles §8)`,
      })
    }
  }
  single('$.verb.id', template.verb, 'verb')
  single('$.object.definition.type', template.objectActivityType, 'object activity type')
  for (const [property, key] of CONTEXT_TYPES) {
    const location = `$.context.contextActivities.${key}[*].definition.type`
    superset(location, template[property], `a ${key} context activity`)
  }
  superset('$.attachments[*].usageType', template.attachmentUsageType, 'an attachment')
  return problems
}

const UNMATCHABLE = Symbol('unmatchable')

// Part Three §2.1 follows_rule, with a reason for each failure.
function ruleProblems(statement: unknown, rule: TemplateRule): string[] {
  const { presence, any, all, none } = rule
  if (presence === undefined && any === undefined && all === undefined && none === undefined) {
    throw new TypeError(
      `template rule at ${rule.location}: "A Statement Template Rule MUST include one or more of presence, any, all, or none" (xAPI Profiles §8.1)`,
    )
  }
  let values: unknown[] = evaluate(statement, rule.location)
  if (rule.selector !== undefined) {
    const selector = rule.selector
    values = values.flatMap((value) => {
      const selected = evaluate(value, selector)
      return selected.length > 0 ? selected : [UNMATCHABLE]
    })
  }
  const matchable = values.filter((value) => value !== UNMATCHABLE)
  const unmatchable = matchable.length < values.length
  const problems: string[] = []
  if (presence === 'included' && values.length === 0) {
    problems.push('is missing: presence "included" needs at least one value (xAPI Profiles §8.1)')
  }
  if (presence === 'included' && unmatchable) {
    problems.push(`has a value where the selector ${rule.selector} finds nothing (§8.1)`)
  }
  if (presence === 'excluded' && matchable.length > 0) {
    problems.push(`must be absent (presence "excluded"), found ${show(matchable)} (§8.1)`)
  }
  // "recommended": any, all and none apply only when there are values.
  if (presence === 'recommended' && values.length === 0) return problems
  if (any !== undefined && !matchable.some((value) => within(value, any))) {
    problems.push(`is ${show(matchable)}: must include one of ${show(any)} (§8.1 "any")`)
  }
  if (all !== undefined && unmatchable) {
    problems.push(`has a value where the selector ${rule.selector} finds nothing (§8.1 "all")`)
  }
  const outside = all === undefined ? [] : matchable.filter((value) => !within(value, all))
  if (outside.length > 0) {
    problems.push(
      `holds ${show(outside)}: every value must be one of ${show(all ?? [])} (§8.1 "all")`,
    )
  }
  const banned = none === undefined ? [] : matchable.filter((value) => within(value, none))
  if (banned.length > 0) problems.push(`must not be ${show(banned)} (§8.1 "none")`)
  return problems
}

function within(value: unknown, list: readonly Json[]): boolean {
  return list.some((item) => isDeepStrictEqual(value, item))
}

function show(values: readonly unknown[]): string {
  return values.length === 0 ? 'absent' : values.map((value) => JSON.stringify(value)).join(', ')
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// xAPI Data 2.4.6.2: a single Activity in contextActivities means an array of one.
function normalizeContextActivities(statement: object): unknown {
  const context: unknown = (statement as { context?: unknown }).context
  if (!isRecord(context) || !isRecord(context.contextActivities)) return statement
  const activities = Object.fromEntries(
    Object.entries(context.contextActivities).map(([key, value]) => [
      key,
      Array.isArray(value) ? value : [value],
    ]),
  )
  return { ...statement, context: { ...context, contextActivities: activities } }
}

// JSONPath (goessner.net/articles/JsonPath) as far as our templates use it: `$`, `.name`,
// `['key']`, `[0]` and `[*]`. The rest of what §8.1 allows (unions, `|`, `.*`) and what it forbids
// (filters, scripts) throws, so that a template is never passed by being misread.
type Step = { readonly key: string } | { readonly index: number } | { readonly all: true }

const STEP = /^(?:\.([A-Za-z_][\w-]*)|\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]|\[\*\])/

function evaluate(root: unknown, jsonPath: string): unknown[] {
  return parseJsonPath(jsonPath).reduce<unknown[]>(
    (values, step) => values.flatMap((value) => select(value, step)),
    [root],
  )
}

// Selects the children a step names; a missing key or index selects nothing.
function select(value: unknown, step: Step): unknown[] {
  if ('all' in step) {
    if (Array.isArray(value)) return value.filter((item) => item !== undefined)
    return isRecord(value) ? Object.values(value).filter((item) => item !== undefined) : []
  }
  if ('index' in step) {
    return Array.isArray(value) && step.index < value.length ? [value[step.index]] : []
  }
  return isRecord(value) && value[step.key] !== undefined && Object.hasOwn(value, step.key)
    ? [value[step.key]]
    : []
}

function parseJsonPath(source: string): Step[] {
  // The spec's own example omits the leading "$" ("context.contextActivities.grouping[*].id").
  let rest = source.startsWith('$') ? source.slice(1) : `.${source}`
  const steps: Step[] = []
  while (rest.length > 0) {
    const match = STEP.exec(rest)
    if (match === null) {
      throw new TypeError(
        `JSONPath ${JSON.stringify(source)}: cannot read ${JSON.stringify(rest)}; supported here: $, .name, ['key'], [0], [*] (xAPI Profiles §8.1)`,
      )
    }
    const [text, name, quoted, index] = match
    if (name !== undefined) steps.push({ key: name })
    else if (quoted !== undefined) steps.push({ key: quoted.replace(/\\(.)/g, '$1') })
    else if (index !== undefined) steps.push({ index: Number(index) })
    else steps.push({ all: true })
    rest = rest.slice(text.length)
  }
  return steps
}
