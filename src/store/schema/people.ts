import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, sameTenant } from './columns.ts'
import { tenants } from './tenants.ts'

/** A person as NLS knows them; names and email are optional (an LMS may not share them). */
export const people = pgTable(
  'people',
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id),
    id: uuid().notNull().defaultRandom(),
    name: text(),
    givenName: text(),
    familyName: text(),
    email: text(),
    /**
     * The competency tables (audience IDs such as TT18.PT, or TT18.PT and TT18.QL for a manager)
     * the person is assessed against; null: the tenant's default table.
     */
    audiences: text().array(),
    /** The school (or other unit) the person works at, for district reports; from the roster. */
    unit: text(),
    /**
     * Whether the school's roster (the staff file) names the person: staff are the roster's
     * people, and a sign-in account alone does not make one (see store/staff-people.ts).
     */
    onRoster: boolean().notNull().default(false),
    /**
     * The person's position (chức vụ), from the roster, for plan targets: GV giáo viên, TTCM tổ
     * trưởng chuyên môn, CBQL cán bộ quản lý, NV nhân viên; null: not given.
     */
    position: text(),
    /** The school level (cấp học) the person works at: MN, TH, THCS, THPT, GDTX; null: not given. */
    schoolLevel: text(),
    /** A pupil's grade (khối, 1–12), from the roster, for plan targets on pupils by grade. */
    grade: smallint(),
    /**
     * A pupil's code at the school (mã học sinh), from the roster: a pupil needs no email (Decree
     * 13/2023: a minor's data is kept to what the school needs).
     */
    pupilCode: text(),
    /** A pupil's class (lớp, e.g. 7A1), from the roster. */
    className: text(),
    /**
     * Maintained from the courses the person learns in (context_members with a Learner role;
     * see store/course-facts.ts): the tables those courses develop, the highest grade they set,
     * and the course that set it (as a class, for pupils whom no roster names).
     */
    courseAudiences: text().array(),
    /**
     * Whether the person learns in a course (a Learner membership that neither teaches it nor
     * administers the school: `learnsIn` in store/staff-people.ts), kept with the course facts.
     */
    learns: boolean().notNull().default(false),
    courseGrade: smallint(),
    courseClass: text(),
    /**
     * Sessions carry the generation they were made in; raising it (sign-out, a disabled account,
     * a new password, a lost role) ends every session of the person at once.
     */
    sessionGeneration: integer().notNull().default(0),
    /**
     * Whether another person row (of any school) has the same email: such people are counted
     * once in a report over several schools (see store/report-counts.ts). Kept by a trigger.
     */
    keyShared: boolean().notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // (tenant_id, id) is what other tables reference, so no row can point into another tenant.
  (t) => [
    primaryKey({ name: 'people_pkey', columns: [t.tenantId, t.id] }),
    check('people_position_check', sql`${t.position} in ('GV', 'TTCM', 'CBQL', 'NV')`),
    check(
      'people_school_level_check',
      sql`${t.schoolLevel} in ('MN', 'TH', 'THCS', 'THPT', 'GDTX')`,
    ),
    check('people_grade_check', sql`${t.grade} between 1 and 12`),
    check('people_course_grade_check', sql`${t.courseGrade} between 1 and 12`),
    // The people with an email shared with another row, found by the email as personKey keeps it.
    index('people_email_key_idx')
      .on(sql`lower(btrim(${t.email}))`)
      .where(sql`${t.email} is not null`),
    index('people_key_shared_idx')
      .on(t.tenantId)
      .where(sql`${t.keyShared}`),
    uniqueIndex('people_pupil_code_idx')
      .on(t.tenantId, t.pupilCode)
      .where(sql`${t.pupilCode} is not null`),
  ],
)

/**
 * The keys a person is known by: an LTI identity (issuer + client_id + sub) or an xAPI inverse
 * functional identifier (mbox, mbox_sha1sum, openid, account homePage + name). Columns that a kind
 * does not use hold '' so that one unique index covers every kind.
 */
export const identities = pgTable(
  'identities',
  {
    // Its tenant through its person (the person key below): no key of its own to tenants.
    tenantId: uuid().notNull(),
    personId: uuid().notNull(),
    kind: text().notNull(),
    /** LTI `iss`, or xAPI account `homePage`. */
    issuer: text().notNull().default(''),
    /** LTI `client_id` (the audience); '' for xAPI identifiers. */
    clientId: text().notNull().default(''),
    /** LTI `sub`, account `name`, the mailto: IRI, the SHA-1 hex or the OpenID URI. */
    value: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'identities_kind_check',
      sql`${t.kind} in ('lti', 'mbox', 'mbox_sha1sum', 'openid', 'account')`,
    ),
    sameTenant(
      'identities_person_fk',
      { tenantId: t.tenantId, column: t.personId },
      people,
    ).onDelete('cascade'),
    primaryKey({
      name: 'identities_pkey',
      columns: [t.tenantId, t.kind, t.issuer, t.clientId, t.value],
    }),
    index('identities_person_idx').on(t.tenantId, t.personId),
  ],
)

/**
 * A sign-in of NLS's own, for managers and trainers of schools without an LMS launch
 * (K12Online, or no LMS): a user name and a scrypt password hash, acting as a person.
 */
export const localAccounts = pgTable(
  'local_accounts',
  {
    // Its tenant through its person (the person key below): no key of its own to tenants.
    tenantId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    username: text().notNull(),
    /** scrypt$N$r$p$salt$hash, base64url. */
    passwordHash: text().notNull(),
    /**
     * What the account may do: administrator (manager), instructor (trainer), or learner (a
     * teacher seeing their own pages only).
     */
    role: text().notNull(),
    personId: uuid().notNull(),
    createdAt: createdAt(),
    disabledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'local_accounts_pkey', columns: [t.tenantId, t.id] }),
    check(
      'local_accounts_role_check',
      sql`${t.role} in ('administrator', 'instructor', 'learner')`,
    ),
    uniqueIndex('local_accounts_username_idx').on(t.tenantId, t.username),
    sameTenant('local_accounts_person_fk', { tenantId: t.tenantId, column: t.personId }, people),
  ],
)
