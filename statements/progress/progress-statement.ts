import { createHash } from 'node:crypto'
import {
  COMPETENCY,
  MASTERED,
  NO_LEVEL,
  PROFILE_ACTIVITY_TYPE,
  PROGRESSED,
  SATISFIED,
  profileTerms,
  type ProfileTerms,
  type VerbTerm,
} from './vocabulary.ts'

// The statements NLS writes back to an LRS (DESIGN.md, "Write-back"), shaped by our xAPI Profile
// (profile.ts). Pure: the caller passes the time, and statement ids come from the input alone, so
// building a statement again for a retry gives the same id and the LRS keeps one copy.

/**
 * The namespace of our statement ids (UUID version 5). Fixed forever: changing it would change the
 * id of every statement already sent.
 */
export const STATEMENT_NAMESPACE = 'ab649d60-2685-49a3-9761-67b4886b4b07'

/** Text in Vietnamese, and in English when the framework has it. */
export interface Text {
  readonly vi: string
  readonly en?: string
}

interface AgentBase {
  readonly objectType?: 'Agent'
  readonly name?: string
}

/** An xAPI Agent with exactly one Inverse Functional Identifier (xAPI Data 2.4.2.1). */
export type ProgressActor =
  | (AgentBase & {
      readonly account: { readonly homePage: string; readonly name: string }
      readonly mbox?: never
    })
  | (AgentBase & { readonly mbox: string; readonly account?: never })

/** A component of the framework, e.g. TT18.PT.1.1, the object of a level statement. */
export interface ComponentRef {
  readonly id: string
  /** `urn:nls:${id}` (framework/ids.ts `iriOf`). */
  readonly iri: string
  readonly name: Text
  readonly frameworkId: string
  readonly frameworkVersion: string
}

/**
 * A level as a statement carries it: the code alone (CB, TT, NC). Names stay in the framework;
 * the profile's level extension says what the codes mean.
 */
export interface LevelRef {
  readonly code: string
}

/** A level or descriptor a trainer set by hand. */
export interface Override {
  readonly reason: string
  /** The trainer's NLS person ID. */
  readonly by: string
}

interface Common {
  /** Our profile's IRI, `${publicUrl}/xapi/profile`. */
  readonly profileIri: string
  readonly actor: ProgressActor
  readonly personId: string
  readonly component: ComponentRef
  readonly evidenceCount: number
  /** Which change of this person on this component (or descriptor) this is, from 1. */
  readonly sequence: number
  readonly override?: Override
  readonly timestamp: Date
}

export interface LevelChange extends Common {
  /** The new level; null when the person no longer holds any. */
  readonly level: LevelRef | null
  /** The level before; null for none, undefined when this is the first statement. */
  readonly previous?: LevelRef | null
  /** The new level is the component's highest (NC). */
  readonly topLevel: boolean
}

export interface DescriptorReached extends Common {
  readonly descriptor: { readonly id: string; readonly iri: string; readonly text: Text }
}

export type LanguageMap = Readonly<Record<string, string>>
export type ExtensionValue = string | number | Override
export type Extensions = Readonly<Record<string, ExtensionValue>>

export interface CompetencyActivity {
  readonly objectType: 'Activity'
  readonly id: string
  readonly definition: { readonly type: string; readonly name: LanguageMap }
}

/** An xAPI 1.0.3 statement as NLS writes it. */
export interface ProgressStatement {
  readonly id: string
  readonly actor: ProgressActor
  readonly verb: { readonly id: string; readonly display: LanguageMap }
  readonly object: CompetencyActivity
  readonly result: { readonly extensions: Extensions }
  readonly context: {
    readonly contextActivities: {
      // Mutable arrays, so that the statement is also the Statement type of statements/xapi.
      readonly parent?: CompetencyActivity[]
      readonly category: { readonly id: string; readonly definition: { readonly type: string } }[]
    }
    readonly extensions: Extensions
  }
  readonly timestamp: string
}

/**
 * The statement for a change of a person's level on a component.
 *
 * The verb is `mastered` when the new level is the top one and `progressed` otherwise. A level can
 * go down (a statement it rested on was voided, or a trainer rejected a descriptor); that is also
 * `progressed`, with the previous-level extension showing the drop: ADL has no verb for losing a
 * level, and a home-made one would mean nothing to other LRS readers.
 */
export function levelChangeStatement(input: LevelChange): ProgressStatement {
  checkCommon(input)
  const code = input.level?.code ?? NO_LEVEL
  if (input.level === null && input.topLevel) {
    throw new TypeError('levelChangeStatement: "topLevel" is true but "level" is null')
  }
  if (input.previous !== undefined && (input.previous?.code ?? NO_LEVEL) === code) {
    throw new TypeError(`levelChangeStatement: the level stays ${code}; that is not a change`)
  }
  noBar('level.code', code)
  const terms = profileTerms(input.profileIri)
  const result: Record<string, ExtensionValue> = {
    [terms.extensions.level]: code,
    [terms.extensions.evidenceCount]: input.evidenceCount,
  }
  if (input.previous !== undefined) {
    result[terms.extensions.previousLevel] = input.previous?.code ?? NO_LEVEL
  }
  return {
    id: uuidV5(
      `${input.personId}|${input.component.id}|${code}|${input.sequence}`,
      STATEMENT_NAMESPACE,
    ),
    actor: agentOf(input.actor),
    verb: verbOf(input.topLevel ? MASTERED : PROGRESSED),
    object: competency(input.component.iri, input.component.name),
    result: { extensions: result },
    context: contextOf(terms, input),
    timestamp: input.timestamp.toISOString(),
  }
}

/**
 * The statement that a person met a descriptor: verb `satisfied`, the descriptor as a competency
 * (its text as the name), and its component as the parent activity.
 */
export function descriptorReachedStatement(input: DescriptorReached): ProgressStatement {
  checkCommon(input)
  noBar('descriptor.id', input.descriptor.id)
  const terms = profileTerms(input.profileIri)
  return {
    // Three parts where a level statement has four: the two kinds of name never collide.
    id: uuidV5(`${input.personId}|${input.descriptor.id}|${input.sequence}`, STATEMENT_NAMESPACE),
    actor: agentOf(input.actor),
    verb: verbOf(SATISFIED),
    object: competency(input.descriptor.iri, input.descriptor.text),
    result: { extensions: { [terms.extensions.evidenceCount]: input.evidenceCount } },
    context: contextOf(terms, input, [competency(input.component.iri, input.component.name)]),
    timestamp: input.timestamp.toISOString(),
  }
}

/** A name-based UUID, version 5 (SHA-1), of `name` in `namespace` (RFC 9562 §5.5). */
export function uuidV5(name: string, namespace: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(namespace)) {
    throw new TypeError(`uuidV5: the namespace must be a UUID, got ${JSON.stringify(namespace)}`)
  }
  // RFC 9562 §5.5: hash the namespace's 16 bytes then the name, keep the first 16 bytes, and set
  // the version (0101) in the high nibble of octet 6 and the variant (10) in the top of octet 8.
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest()
  const bytes = hash.subarray(0, 16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function checkCommon(input: Common): void {
  if (!Number.isInteger(input.sequence) || input.sequence < 1) {
    throw new TypeError(`"sequence" must be an integer from 1, got ${input.sequence}`)
  }
  if (!Number.isInteger(input.evidenceCount) || input.evidenceCount < 0) {
    throw new TypeError(`"evidenceCount" must be an integer from 0, got ${input.evidenceCount}`)
  }
  if (Number.isNaN(input.timestamp.getTime())) {
    throw new TypeError('"timestamp" is an invalid Date')
  }
  noBar('personId', input.personId)
  noBar('component.id', input.component.id)
}

// The parts of an id's name are joined with "|": a part holding one could pass for two.
function noBar(name: string, value: string): void {
  if (value.includes('|')) throw new TypeError(`"${name}" must not contain "|": ${value}`)
}

// A copy with only the properties an Agent may have, so nothing else of the caller's object
// reaches the LRS.
function agentOf(actor: ProgressActor): ProgressActor {
  const named = actor.name === undefined ? {} : { name: actor.name }
  if (actor.account !== undefined && actor.mbox === undefined) {
    const { homePage, name } = actor.account
    return { objectType: 'Agent', ...named, account: { homePage, name } }
  }
  if (actor.mbox !== undefined && actor.account === undefined) {
    return { objectType: 'Agent', ...named, mbox: actor.mbox }
  }
  throw new TypeError(
    'the actor must have exactly one identifier, "account" or "mbox" (xAPI Data 2.4.2.1)',
  )
}

function verbOf(verb: VerbTerm): ProgressStatement['verb'] {
  return { id: verb.id, display: { ...verb.display } }
}

function languageMap(text: Text): LanguageMap {
  return text.en === undefined ? { vi: text.vi } : { vi: text.vi, en: text.en }
}

function competency(iri: string, name: Text): CompetencyActivity {
  return {
    objectType: 'Activity',
    id: iri,
    definition: { type: COMPETENCY, name: languageMap(name) },
  }
}

// xAPI Profiles Part Two §5: statements following a profile "SHOULD include the most up-to-date
// conformant Profile version as a category context activity with id equal to the version's id".
function contextOf(
  terms: ProfileTerms,
  input: Common,
  parent?: CompetencyActivity[],
): ProgressStatement['context'] {
  const extensions: Record<string, ExtensionValue> = {
    [terms.extensions.framework]: input.component.frameworkId,
    [terms.extensions.frameworkVersion]: input.component.frameworkVersion,
  }
  if (input.override !== undefined) {
    const { reason, by } = input.override
    extensions[terms.extensions.override] = { reason, by }
  }
  const category = [{ id: terms.version, definition: { type: PROFILE_ACTIVITY_TYPE } }]
  return {
    contextActivities: parent === undefined ? { category } : { parent, category },
    extensions,
  }
}
