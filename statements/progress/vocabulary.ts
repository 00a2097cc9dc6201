// The words of NLS progress statements (DESIGN.md, "Write-back"): the verbs and activity types we
// reuse from published vocabularies, and the extensions, Statement Templates and Patterns that our
// own xAPI Profile (profile.ts) defines under the installation's profile IRI.

/** A language map with Vietnamese first and English (xAPI Data 4.2). */
export interface Bilingual {
  readonly vi: string
  readonly en: string
}

export interface VerbTerm {
  readonly id: string
  readonly display: Bilingual
}

/**
 * ADL: "Indicates a value of how much of an actor has advanced or moved through an activity."
 * Used for every change of level except reaching the top one, going down included.
 */
export const PROGRESSED: VerbTerm = {
  id: 'http://adlnet.gov/expapi/verbs/progressed',
  display: { vi: 'tiến triển', en: 'progressed' },
}

/** ADL: "Indicates the highest level of comprehension or competence the actor performed". */
export const MASTERED: VerbTerm = {
  id: 'http://adlnet.gov/expapi/verbs/mastered',
  display: { vi: 'làm chủ', en: 'mastered' },
}

/**
 * "Indicates that the authority or activity provider determined the actor has fulfilled the
 * criteria of the object" (cmi5 Profile): a descriptor is such a criterion, and NLS is the
 * provider that decided. A verb of its own keeps each template matched by its verb alone.
 */
export const SATISFIED: VerbTerm = {
  id: 'https://w3id.org/xapi/adl/verbs/satisfied',
  display: { vi: 'đáp ứng', en: 'satisfied' },
}

/** TLA: "A knowledge, skill, ability, or other object needed to perform in a given task". */
export const COMPETENCY = 'https://w3id.org/xapi/tla/activity-types/competency'

/** ADL's activity type for a profile named in `context.contextActivities.category`. */
export const PROFILE_ACTIVITY_TYPE = 'http://adlnet.gov/expapi/activities/profile'

/**
 * Concepts our statements use that other vocabularies define. Our profile refers to them and does
 * not list them: "A Profile MUST NOT define a Concept that is defined in another Profile" (xAPI
 * Profiles Part Two §7).
 */
export const REUSED_CONCEPTS = [
  { id: PROGRESSED.id, type: 'Verb', definedBy: 'https://w3id.org/xapi/adl' },
  { id: MASTERED.id, type: 'Verb', definedBy: 'https://w3id.org/xapi/adl' },
  { id: SATISFIED.id, type: 'Verb', definedBy: 'https://w3id.org/xapi/cmi5' },
  { id: COMPETENCY, type: 'ActivityType', definedBy: 'https://w3id.org/xapi/tla' },
  // Not in ADL's profile document, but ADL's registered type for this use.
  { id: PROFILE_ACTIVITY_TYPE, type: 'ActivityType', definedBy: 'http://adlnet.gov/expapi' },
] as const

/**
 * The level value for "no level". A string rather than null: profile values "MUST NOT be ... null"
 * (§4), so only a string can appear in a rule such as the mastered template's `none`.
 */
export const NO_LEVEL = 'none'

/**
 * The version of the profile this code writes. Bump it (and the date) whenever a template or
 * concept changes: template ids carry it, and §8 requires a new id when a template's rules change.
 */
export const PROFILE_VERSION = {
  version: '1.0.0',
  generatedAtTime: '2026-11-22T00:00:00Z',
} as const

export type ExtensionKey =
  'level' | 'previousLevel' | 'evidenceCount' | 'framework' | 'frameworkVersion' | 'override'

export interface ExtensionTerm {
  /** The last segment of the IRI, `${profileIri}/extensions/${path}`. */
  readonly path: string
  readonly type: 'ResultExtension' | 'ContextExtension'
  readonly prefLabel: Bilingual
  readonly definition: Bilingual
  /** A JSON Schema of the value, published as the concept's `inlineSchema`. */
  readonly schema: Readonly<Record<string, unknown>>
  readonly verbs: readonly string[]
}

const LEVEL_VERBS = [PROGRESSED.id, MASTERED.id]
const ALL_VERBS = [PROGRESSED.id, MASTERED.id, SATISFIED.id]
const TEXT = { type: 'string', minLength: 1 }

/** Our extensions: few, each a primitive or a small object, each documented in both languages. */
export const EXTENSIONS: Readonly<Record<ExtensionKey, ExtensionTerm>> = {
  level: {
    path: 'level',
    type: 'ResultExtension',
    prefLabel: { vi: 'mức độ', en: 'level' },
    definition: {
      vi: 'Mức độ người học có ở năng lực (đối tượng của câu lệnh) sau thay đổi này: mã mức của khung (Thông tư 18: CB Cơ bản, TT Thành thạo, NC Nâng cao), hoặc "none" khi không còn mức nào. Luôn là chuỗi, không bao giờ là null.',
      en: 'The level the actor holds on the competency in the object after this change: the level code of the framework (Circular 18: CB Cơ bản, TT Thành thạo, NC Nâng cao), or "none" when the actor holds no level. Always a string, never null.',
    },
    schema: TEXT,
    verbs: LEVEL_VERBS,
  },
  previousLevel: {
    path: 'previous-level',
    type: 'ResultExtension',
    prefLabel: { vi: 'mức độ trước đó', en: 'previous level' },
    definition: {
      vi: 'Mức độ người học có trước thay đổi này, viết như phần mở rộng level ("none" khi chưa có mức). Không có trong câu lệnh đầu tiên về một năng lực. Mức mới thấp hơn mức này nghĩa là giảm: "progressed" dùng cho cả hai chiều.',
      en: 'The level the actor held before this change, written like the level extension ("none" for no level). Absent from the first statement about a competency. A new level below this one is a decrease: "progressed" is used in both directions.',
    },
    schema: TEXT,
    verbs: LEVEL_VERBS,
  },
  evidenceCount: {
    path: 'evidence-count',
    type: 'ResultExtension',
    prefLabel: { vi: 'số minh chứng', en: 'evidence count' },
    definition: {
      vi: 'Số minh chứng (câu lệnh xAPI mà NLS đã nhận) làm căn cứ cho mức độ hoặc chỉ báo vào thời điểm của câu lệnh. Số nguyên không âm.',
      en: 'How many pieces of evidence (xAPI statements NLS received) the level or descriptor rests on at the time of the statement. A non-negative integer.',
    },
    schema: { type: 'integer', minimum: 0 },
    verbs: ALL_VERBS,
  },
  framework: {
    path: 'framework',
    type: 'ContextExtension',
    prefLabel: { vi: 'khung năng lực', en: 'framework' },
    definition: {
      vi: 'Mã của khung năng lực chứa đối tượng, ví dụ "TT18" (khung theo Thông tư 18).',
      en: 'The ID of the competency framework the object belongs to, e.g. "TT18" (the framework of Circular 18).',
    },
    schema: TEXT,
    verbs: ALL_VERBS,
  },
  frameworkVersion: {
    path: 'framework-version',
    type: 'ContextExtension',
    prefLabel: { vi: 'phiên bản khung', en: 'framework version' },
    definition: {
      vi: 'Phiên bản của khung dùng khi suy ra kết quả, là ngày của phiên bản, ví dụ "2026-03-27".',
      en: 'The version of that framework the result was inferred against: its date, e.g. "2026-03-27".',
    },
    schema: TEXT,
    verbs: ALL_VERBS,
  },
  override: {
    path: 'override',
    type: 'ContextExtension',
    prefLabel: { vi: 'do giảng viên đặt', en: 'set by a trainer' },
    definition: {
      vi: 'Có khi giảng viên đặt mức độ hoặc chỉ báo bằng tay thay vì NLS suy ra: đối tượng gồm "reason" (lý do) và "by" (mã người của giảng viên trong NLS).',
      en: 'Present when a trainer set the level or descriptor by hand instead of NLS inferring it: an object with "reason" (why) and "by" (the trainer\'s NLS person ID).',
    },
    schema: {
      type: 'object',
      properties: { reason: TEXT, by: TEXT },
      required: ['reason', 'by'],
      additionalProperties: false,
    },
    verbs: ALL_VERBS,
  },
}

export type TemplateKey = 'levelChanged' | 'levelMastered' | 'descriptorReached'

interface Labelled {
  readonly prefLabel: Bilingual
  readonly definition: Bilingual
}

/** Our Statement Templates: the last segment of each IRI, and its labels. */
export const TEMPLATES: Readonly<Record<TemplateKey, { path: string; text: Labelled }>> = {
  levelChanged: {
    path: 'level-changed',
    text: {
      prefLabel: { vi: 'Thay đổi mức độ', en: 'Level changed' },
      definition: {
        vi: 'Mức độ của người học ở một năng lực thành phần thay đổi: lên, xuống hoặc về không còn mức, trừ khi lên mức cao nhất (xem mẫu level-mastered). Mã câu lệnh là UUID v5 của người, năng lực, mức mới và số thứ tự thay đổi, nên gửi lại vẫn giữ mã cũ.',
        en: "The actor's level on a framework component changed: up, down, or to no level, except reaching the top level (see level-mastered). The statement id is a UUID v5 of person, component, new level and change number, so a resent statement keeps its id.",
      },
    },
  },
  levelMastered: {
    path: 'level-mastered',
    text: {
      prefLabel: { vi: 'Đạt mức cao nhất', en: 'Top level reached' },
      definition: {
        vi: 'Người học lên mức cao nhất của một năng lực thành phần (Nâng cao ở Thông tư 18).',
        en: 'The actor reached the highest level of a framework component (Nâng cao in Circular 18).',
      },
    },
  },
  descriptorReached: {
    path: 'descriptor-reached',
    text: {
      prefLabel: { vi: 'Đạt chỉ báo', en: 'Descriptor met' },
      definition: {
        vi: 'Người học đáp ứng một chỉ báo của khung. Đối tượng là chỉ báo (tên là nội dung chỉ báo); hoạt động cha là năng lực thành phần chứa nó.',
        en: 'The actor met a descriptor of the framework. The object is the descriptor (its text as the name); the parent activity is its component.',
      },
    },
  },
}

/** The labels of the profile itself. */
export const PROFILE_TEXT: Labelled = {
  prefLabel: { vi: 'NLS: mức độ năng lực số', en: 'NLS: digital competency levels' },
  definition: {
    vi: 'Câu lệnh xAPI mà NLS ghi vào LRS khi mức độ (Cơ bản, Thành thạo, Nâng cao) của một người ở một năng lực thành phần của Khung năng lực số thay đổi, và khi người đó đạt một chỉ báo.',
    en: "xAPI statements NLS writes to an LRS when a person's level (Cơ bản, Thành thạo, Nâng cao) on a component of Vietnam's Digital Competency Framework changes, and when the person meets a descriptor.",
  },
}

/** The labels of the primary Pattern (§9: "A primary Pattern MUST include prefLabel and definition"). */
export const PROGRESS_PATTERN_TEXT: Labelled = {
  prefLabel: { vi: 'Tiến trình năng lực số', en: 'Digital competency progress' },
  definition: {
    vi: 'Một hoặc nhiều câu lệnh theo các mẫu của hồ sơ này, theo thứ tự thời điểm. NLS gửi chúng không kèm registration: mỗi câu lệnh là một bản ghi độc lập.',
    en: 'One or more statements following the templates of this profile, in timestamp order. NLS sends them without a registration: each statement is a record on its own.',
  },
}

/** Every IRI of one version of our profile. */
export interface ProfileTerms {
  /** The profile overall: `${publicUrl}/xapi/profile`. */
  readonly profile: string
  /** This version: what statements put in `context.contextActivities.category` (§5). */
  readonly version: string
  readonly extensions: Readonly<Record<ExtensionKey, string>>
  readonly templates: Readonly<Record<TemplateKey, string>>
  readonly patterns: { readonly progress: string; readonly anyProgress: string }
}

const ABSOLUTE_IRI = /^[a-z][a-z0-9+.-]*:[^\s]*[^\s/]$/i
const VERSION = /^[0-9A-Za-z][0-9A-Za-z.-]*$/

/**
 * The IRIs of our profile under `profileIri`. Extensions are keys of statement data, so they do
 * not change with the version; templates and patterns do (§8: "MUST change a Statement
 * Template's id between versions if any of the Determining Properties ... or rules change").
 */
export function profileTerms(
  profileIri: string,
  version: string = PROFILE_VERSION.version,
): ProfileTerms {
  if (!ABSOLUTE_IRI.test(profileIri)) {
    throw new TypeError(
      `profileTerms: the profile IRI must be an absolute IRI without a trailing slash, got ${JSON.stringify(profileIri)}`,
    )
  }
  if (!VERSION.test(version)) {
    throw new TypeError(`profileTerms: bad profile version ${JSON.stringify(version)}`)
  }
  const versionIri = `${profileIri}/v/${version}`
  const extensions = mapValues(EXTENSIONS, (term) => `${profileIri}/extensions/${term.path}`)
  const templates = mapValues(TEMPLATES, ({ path }) => `${versionIri}/templates/${path}`)
  return {
    profile: profileIri,
    version: versionIri,
    extensions,
    templates,
    patterns: {
      progress: `${versionIri}/patterns/progress`,
      anyProgress: `${versionIri}/patterns/any-progress`,
    },
  }
}

function mapValues<K extends string, V, W>(
  record: Readonly<Record<K, V>>,
  f: (value: V) => W,
): Record<K, W> {
  const entries = Object.entries(record) as [K, V][]
  return Object.fromEntries(entries.map(([key, value]) => [key, f(value)])) as Record<K, W>
}
