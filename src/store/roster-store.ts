import type { Position, SchoolLevel } from '../plans/plan.ts'
import type { LocalAccount, NewLocalAccount } from './local-account-store.ts'

/**
 * A roster row's person as the store keeps it: staff known by the email (an xAPI mbox), pupils
 * by their code at the school (mã học sinh).
 */
export interface RosterPerson {
  /** Normalised (see normaliseEmail). */
  readonly email: string
  /** Mã học sinh, unique in the tenant. */
  readonly pupilCode?: string
  readonly name?: string
  /** Lớp, a pupil's class. */
  readonly className?: string
  readonly unit?: string
  readonly audiences?: readonly string[]
  /** Chức vụ, for plan targets on staff groups. */
  readonly position?: Position
  /** Cấp học, for plan targets on staff groups. */
  readonly schoolLevel?: SchoolLevel
  /** Khối (1–12), for plan targets on pupils by grade. */
  readonly grade?: number
}

/** A pupil's row as the store keeps it: known by the code, with an email only when given. */
export type RosterPupil = Omit<RosterPerson, 'email' | 'pupilCode'> & {
  readonly pupilCode: string
  readonly email?: string
}

/** An LMS account a roster row names (xAPI 1.0.3 §2.4.2.3, Account Object). */
export interface RosterAccountLink {
  readonly personId: string
  readonly homePage: string
  readonly name: string
}

/** What became of a link: made now, there already for the same person, or another's. */
export type RosterLinkOutcome =
  | { readonly kind: 'linked' }
  | { readonly kind: 'kept' }
  | { readonly kind: 'other'; readonly ownerId: string }

/** A roster person who has no local account yet. */
export interface RosterPersonWithoutAccount {
  readonly personId: string
  readonly email: string
  readonly name?: string
}

/**
 * The roster's people, written many at a time: each method is a few statements for any number
 * of rows (a roster of a province has hundreds of thousands).
 */
export interface RosterStore {
  /** The person each email names (by its mbox identity), email → person id. */
  findPeopleByEmails(tenantId: string, emails: readonly string[]): Promise<Map<string, string>>
  /**
   * Creates a person with an mbox identity for each email (the emails distinct); email → new
   * person id; they are on the roster. An email that a concurrent writer linked first is left
   * out (its person is not created).
   */
  createPeople(tenantId: string, people: readonly RosterPerson[]): Promise<Map<string, string>>
  /** The person each pupil code names, code → person id. */
  findPeopleByPupilCodes(tenantId: string, codes: readonly string[]): Promise<Map<string, string>>
  /**
   * Creates a person for each pupil code (the codes distinct), with no email and no identity
   * (the row's account and email are linked after); code → new person id; they are on the
   * roster. A code a concurrent writer took first is left out.
   */
  createPupils(tenantId: string, pupils: readonly RosterPupil[]): Promise<Map<string, string>>
  /**
   * Puts known people on the roster, writing the email, pupil code, name, class, unit, tables,
   * position, school level and grade given (those absent are kept); rows already equal are not
   * written.
   */
  updatePeople(
    tenantId: string,
    people: readonly ((RosterPerson | RosterPupil) & { readonly personId: string })[],
  ): Promise<void>
  /** Links each account to its person where no one has it; the outcome of each, in order. */
  linkAccounts(tenantId: string, links: readonly RosterAccountLink[]): Promise<RosterLinkOutcome[]>
  /** Links each email (an mbox) to its person where no one has it; the outcome of each, in order. */
  linkEmails(
    tenantId: string,
    links: readonly { readonly personId: string; readonly email: string }[],
  ): Promise<RosterLinkOutcome[]>
  /**
   * The staff known by an email (an mbox identity) who have no local account, oldest first;
   * only those of `emails` when given. Pupils (a pupil code) are not staff: none is listed.
   */
  findPeopleWithoutAccount(
    tenantId: string,
    emails?: readonly string[],
  ): Promise<RosterPersonWithoutAccount[]>
  /** Creates the accounts whose user name the tenant does not have yet; those made. */
  createAccounts(tenantId: string, accounts: readonly NewLocalAccount[]): Promise<LocalAccount[]>
}
