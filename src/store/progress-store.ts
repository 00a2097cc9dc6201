/** That a statement, matched by a tag, shows a competency (a descriptor, or a component at a level). */
export interface Evidence {
  /** A descriptor ID (TT18.PT.1.1.CB.2) or a component at a level (TT18.PT.1.1.CB). */
  readonly competencyId: string
  readonly statementId: string
  readonly tagId: string
  /** The statement's `timestamp`. */
  readonly observedAt: Date
}

/** An inferred level of one component, as inference gives it. */
export interface LevelInput {
  /** e.g. TT18.PT.1.1. */
  readonly componentId: string
  /** CB, TT, NC (or a learner sub-level); null while no level is reached. */
  readonly level: string | null
  /** The level the evidence alone gives, before trainer overrides. */
  readonly inferredLevel: string | null
  /** Distinct statements behind the component's evidence. */
  readonly evidenceCount: number
  /** How many times the level changed so far (0 until the first level). */
  readonly changeSeq: number
  readonly frameworkVersion: string
  /** Why: the evidence and rules behind the level, as JSON. */
  readonly reasons: unknown
}

/** A person's saved level of one component. */
export interface ComponentLevel extends LevelInput {
  readonly personId: string
  readonly updatedAt: Date
}

/** A person's own judgement of their level of a component. */
export interface SelfAssessmentInput {
  readonly componentId: string
  /** null: the person does not know. */
  readonly level: string | null
  /** The criteria the person ticked as "I can…" (the level follows from them). */
  readonly criteria?: readonly string[]
  readonly note?: string
  /** When the person answered; now when left out. */
  readonly assessedAt?: Date
}

/** A saved self-assessment. */
export interface SelfAssessment {
  readonly id: number
  readonly personId: string
  readonly componentId: string
  readonly level: string | null
  readonly criteria?: readonly string[]
  readonly note?: string
  readonly assessedAt: Date
}

/** A level waiting for a trainer's review. */
export interface ReviewEntry {
  readonly personId: string
  readonly componentId: string
  readonly level: string
  /** When the level last changed (from the level history; without one, its last save). */
  readonly changedAt?: Date
  readonly reasons: unknown
}

/** Which levels of the review queue to read: of these people (all: left out), a page of them. */
export interface ReviewQueueOptions {
  readonly personIds?: readonly string[]
  readonly limit: number
  /** How many of the queue's levels come before the page (0: the first). */
  readonly offset?: number
}

/** The level a person aims at for a component. */
export interface PersonTarget {
  readonly componentId: string
  readonly level: string
}

/** Evidence of many people to remove and to add, each piece naming its person. */
export interface EvidenceChange {
  readonly added: readonly (Evidence & { readonly personId: string })[]
  readonly removed: readonly (Evidence & { readonly personId: string })[]
}

/** People by id: those after `after` (exclusive; from the first without it) up to `last`. */
export interface PersonRange {
  readonly after?: string
  readonly last: string
}

/** Evidence, inferred levels and self-assessments, per person. */
export interface ProgressStore {
  /**
   * Keeps evidence; a piece already kept is skipped. Returns how many were new. Throws
   * StoreNotFound when the person or a tag does not exist (a tag removed meanwhile).
   */
  insertEvidence(tenantId: string, personId: string, evidence: readonly Evidence[]): Promise<number>
  /**
   * Makes a person's evidence exactly `evidence`: adds what is new, removes what is no longer
   * there (a voided statement, a changed tag). Returns how many rows it added and removed.
   */
  replaceEvidence(
    tenantId: string,
    personId: string,
    evidence: readonly Evidence[],
  ): Promise<{ added: number; removed: number }>
  /** A person's evidence, oldest observation first. */
  findEvidence(tenantId: string, personId: string): Promise<Evidence[]>
  /** The evidence of these people, by person, in no particular order (people with none left out). */
  findEvidenceOfPeople(
    tenantId: string,
    personIds: readonly string[],
  ): Promise<Map<string, Evidence[]>>
  /**
   * Removes and adds evidence of many people in one statement; a piece kept already is not added
   * twice. How many rows each person got and lost (people with neither left out). Throws
   * StoreNotFound when a person, tag or statement does not exist.
   */
  changeEvidence(
    tenantId: string,
    change: EvidenceChange,
  ): Promise<Map<string, { added: number; removed: number }>>
  /**
   * Evidence of the people whose ids fall in (`after`, `last`] (all up to `last` without
   * `after`), by person, in no particular order: a full recompute reads people in id order.
   */
  findEvidenceInRange(tenantId: string, range: PersonRange): Promise<Map<string, Evidence[]>>
  /** Saves a person's level of each component given, replacing the one saved before. */
  saveLevels(tenantId: string, personId: string, levels: readonly LevelInput[]): Promise<void>
  /** Saves levels of many people in one statement (for a full recompute). */
  saveLevelsOfPeople(
    tenantId: string,
    levels: ReadonlyMap<string, readonly LevelInput[]>,
  ): Promise<number>
  /** Levels of the people whose ids fall in the range, by person (for a full recompute). */
  findLevelsInRange(tenantId: string, range: PersonRange): Promise<Map<string, ComponentLevel[]>>
  /** A person's levels, by component ID. */
  findLevels(tenantId: string, personId: string): Promise<ComponentLevel[]>
  /** The levels of these people, by person. */
  findLevelsOfPeople(
    tenantId: string,
    personIds: readonly string[],
  ): Promise<Map<string, ComponentLevel[]>>
  /**
   * Levels inferred and not reviewed since they last changed: held, not set by a trainer, with
   * no verdict on the component or its criteria since; newest change first (then by person and
   * component).
   */
  reviewQueue(tenantId: string, options: ReviewQueueOptions): Promise<ReviewEntry[]>
  /** How many levels wait in the review queue, of these people (all: left out). */
  countReviewQueue(tenantId: string, personIds?: readonly string[]): Promise<number>
  /** Every person's level of one component, for reports. */
  findLevelsForComponent(tenantId: string, componentId: string): Promise<ComponentLevel[]>
  /** Keeps a self-assessment; earlier ones stay as history. */
  addSelfAssessment(
    tenantId: string,
    personId: string,
    answer: SelfAssessmentInput,
  ): Promise<SelfAssessment>
  /** A person's newest self-assessment of each component, by component ID. */
  latestSelfAssessments(tenantId: string, personId: string): Promise<SelfAssessment[]>
  /** A person's own targets, by component ID. */
  personTargets(tenantId: string, personId: string): Promise<PersonTarget[]>
  /** Sets (level) or removes (null) a person's own targets. */
  setPersonTargets(
    tenantId: string,
    personId: string,
    targets: readonly { readonly componentId: string; readonly level: string | null }[],
  ): Promise<void>
}
