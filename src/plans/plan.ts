// A plan as data: what a district, the Sở or the city asks of its schools (targets per staff
// group or pupils' grade, by a deadline) and when it wants reports. Plans arrive as JSON or CSV
// (plan-csv.ts) and are checked here; the types come from the schemas.
import { z } from 'zod'

/** Staff positions (chức vụ) as the roster names them. */
export const POSITIONS = ['GV', 'TTCM', 'CBQL', 'NV'] as const
export const Position = z.enum(POSITIONS, {
  error: `must be one of ${POSITIONS.join(', ')} (giáo viên, tổ trưởng chuyên môn, cán bộ quản lý, nhân viên)`,
})
export type Position = z.infer<typeof Position>

/** School levels (cấp học). */
export const SCHOOL_LEVELS = ['MN', 'TH', 'THCS', 'THPT', 'GDTX'] as const
export const SchoolLevel = z.enum(SCHOOL_LEVELS, {
  error: `must be one of ${SCHOOL_LEVELS.join(', ')}`,
})
export type SchoolLevel = z.infer<typeof SchoolLevel>

/** A text in Vietnamese, with its English translation when given. */
export const PlanText = z.object({
  vi: z.string().trim().min(1, 'must not be empty'),
  en: z.string().trim().min(1, 'must not be empty').optional(),
})
export type PlanText = z.infer<typeof PlanText>

/** Staff of some positions, at some school levels (every level when left out). */
export const StaffGroup = z.object({
  kind: z.literal('staff'),
  positions: z.array(Position).min(1, 'name at least one position'),
  schoolLevels: z.array(SchoolLevel).min(1, 'name at least one school level').optional(),
})
export type StaffGroup = z.infer<typeof StaffGroup>

/** Pupils of some grades (khối 1–12). */
export const PupilGroup = z.object({
  kind: z.literal('pupils'),
  grades: z
    .array(
      z.number().int('must be a whole number').min(1, 'must be 1 to 12').max(12, 'must be 1 to 12'),
    )
    .min(1, 'name at least one grade'),
})
export type PupilGroup = z.infer<typeof PupilGroup>

export const TargetGroup = z.discriminatedUnion('kind', [StaffGroup, PupilGroup], {
  error: 'must be a group of staff (kind "staff") or of pupils (kind "pupils")',
})
export type TargetGroup = z.infer<typeof TargetGroup>

/** A component as a target names it: a full ID (TT18.QL.4.5) or a number (4.2). */
export const TargetComponent = z
  .string()
  .trim()
  .regex(
    /^([A-Z]{2}[0-9]{2}\.[A-Z]{2}\.)?[0-9]+\.[0-9]+$/,
    'must be a component number such as 4.2 or an ID such as TT18.QL.4.5',
  )

/** A domain as a target names it: its number in the target's tables (1 to 6 in TT02.NH). */
export const TargetDomain = z
  .string()
  .trim()
  .regex(/^[1-9][0-9]?$/, 'must be a domain number such as 1')

/**
 * What a target counts: `attainment`, holding at least the level; `exposure`, having done tagged
 * activities (a statement evidencing the component, or any component of the domain, at the level
 * or above) within the school year.
 */
export const MEASURES = ['attainment', 'exposure'] as const
export const Measure = z.enum(MEASURES, { error: 'must be attainment or exposure' })
export type Measure = z.infer<typeof Measure>

/**
 * A target: the share of a group that holds at least a level on every component named (or, with
 * `measure: 'exposure'`, did tagged activities of each), by a deadline. A component number is
 * looked up in each of the target's tables (`tables`, or by default the teachers' tables TT18.PT
 * and TT18.MN for staff, the learners' TT02.NH for pupils): a person meets it with that component
 * of the table they are on. Whole domains may be named instead (`domains`): attaining a domain is
 * attaining each of its components (the domain rule of src/learners/domain-level.ts); exposure
 * to it is exposure to any of its components.
 */
export const Target = z
  .object({
    id: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9._-]{1,40}$/,
        'must be 1 to 40 letters, digits, dots, dashes or underscores',
      ),
    title: PlanText,
    group: TargetGroup,
    /** Left out: attainment. */
    measure: Measure.optional(),
    components: z.array(TargetComponent).default([]),
    domains: z.array(TargetDomain).min(1, 'name at least one domain').optional(),
    /** The tables a component number is looked up in (audience IDs such as TT18.PT). */
    tables: z
      .array(z.string().regex(/^[A-Z]{2}[0-9]{2}\.[A-Z]{2}$/, 'must be a table such as TT18.PT'))
      .min(1)
      .optional(),
    minLevel: z.string().regex(/^[A-Z]{2}[0-9]?$/, 'must be a level code such as CB, TT or NC'),
    /** The share of the group (0 < share ≤ 1). */
    share: z.number().gt(0, 'must be more than 0').max(1, 'must be at most 1 (100%)'),
    /** "trên 50%" is more than the share; "50%" at least. */
    comparison: z.enum(['at-least', 'more-than']).default('at-least'),
    /** The day the target must be met by (YYYY-MM-DD, in Vietnam). */
    deadline: z.iso.date('must be a date such as 2025-12-31'),
  })
  .superRefine((target, ctx) => {
    if (target.domains !== undefined && target.components.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['domains'],
        message: 'name components or domains, not both',
      })
    } else if (target.domains === undefined && target.components.length === 0) {
      // As a missing list: "required" (check-plan.ts reads too_small of 1 so).
      ctx.addIssue({
        code: 'too_small',
        origin: 'array',
        minimum: 1,
        inclusive: true,
        input: target.components,
        path: ['components'],
        message: 'name at least one component or domain',
      })
    }
  })
export type Target = z.infer<typeof Target>
/** A target as written in a plan (measure and components may be left out). */
export type TargetInput = z.input<typeof Target>

/**
 * A reporting date of the plan, each year: the first semester's report (before 25/12), the
 * second's (before 10/5), a yearly one (the city's, before 10/12) or the school year's end (for
 * pupils). `due` is the day (MM-DD) it falls due.
 */
export const CalendarEntry = z.object({
  period: z.enum(['semester-1', 'semester-2', 'year', 'school-year'], {
    error: 'must be semester-1, semester-2, year or school-year',
  }),
  due: z
    .string()
    .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'must be a day such as 12-25'),
})
export type CalendarEntry = z.infer<typeof CalendarEntry>

export const Plan = z
  .object({
    /** The plan's number, e.g. 484/KH-UBND. */
    code: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
    name: PlanText,
    calendar: z.array(CalendarEntry).min(1, 'name at least one reporting date'),
    targets: z.array(Target).min(1, 'name at least one target'),
  })
  .superRefine((plan, ctx) => {
    const seen = new Map<string, number>()
    plan.targets.forEach((t, i) => {
      const earlier = seen.get(t.id)
      if (earlier !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['targets', i, 'id'],
          message: `target ${t.id} is already target ${earlier + 1}`,
        })
      }
      seen.set(t.id, i)
    })
    const periods = new Set<string>()
    plan.calendar.forEach((c, i) => {
      if (periods.has(c.period)) {
        ctx.addIssue({
          code: 'custom',
          path: ['calendar', i, 'period'],
          message: `${c.period} is named twice`,
        })
      }
      periods.add(c.period)
    })
  })
export type Plan = z.infer<typeof Plan>

/** The tables a target's component numbers are looked up in. */
export function targetTables(target: Target): readonly string[] {
  if (target.tables) return target.tables
  return target.group.kind === 'staff' ? ['TT18.PT', 'TT18.MN'] : ['TT02.NH']
}

/**
 * The components a target names, each as the IDs that satisfy it: a full ID alone, a number as
 * that component of each of the target's tables.
 */
export function targetComponentIds(target: Target): string[][] {
  return target.components.map((c) =>
    /^[0-9]/.test(c) ? targetTables(target).map((table) => `${table}.${c}`) : [c],
  )
}
