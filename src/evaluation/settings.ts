import { z } from 'zod'
import { IDENTITY_RULES } from '../../lti/record-launch.ts'

/** A tenant's choices for inference; every field has a default. */
export const TenantSettings = z
  .object({
    /** The share of a level's descriptors that must be met to hold it (0 < share ≤ 1). */
    requiredShare: z
      .number()
      .gt(0, 'must be more than 0')
      .max(1, 'must be at most 1 (every descriptor of the level)')
      .default(1),
    /**
     * How statement actors are matched to launched people: Moodle's account (homePage = the
     * site, name = the LTI `sub`), the email, or the LIS person sourcedid as account name.
     */
    identityRule: z.enum(IDENTITY_RULES).default('account'),
    /** Write a statement also when a person reaches a descriptor (not only a level). */
    writeDescriptors: z.boolean({ error: 'must be yes or no' }).default(false),
    /** The competency table of the school's teachers: TT18.PT, or TT18.MN for a preschool. */
    audience: z
      .string()
      .regex(/^[A-Z]{2}[0-9]{2}\.[A-Z]{2}$/, 'must be an audience such as TT18.PT or TT18.MN')
      .default('TT18.PT'),
    /** Reports hide groups of fewer people than this, so that nobody can be singled out. */
    minGroupSize: z.number().int('must be a whole number').min(1, 'must be at least 1').default(5),
    /**
     * The school's target levels: by component ID (TT18.PT.1.1), or by audience (TT18.PT) for
     * each of its components; a component's own entry wins.
     */
    targets: z
      .record(
        z
          .string()
          .regex(
            /^[A-Z]{2}[0-9]{2}\.[A-Z]{2}(\.[0-9]+\.[0-9]+)?$/,
            'must be an audience or component ID',
          ),
        z.string().regex(/^[A-Z]{2}[0-9]?$/, 'must be a level code such as CB'),
      )
      .default({}),
    /**
     * The school's own expected levels of its pupils by grade (khối "1"–"12" → a learners' level
     * such as TC2), where it sets other targets than the framework's (learners/grade-target.ts).
     */
    gradeTargets: z
      .record(
        z.string().regex(/^(?:[1-9]|1[0-2])$/, 'must be a grade from 1 to 12'),
        z.string().regex(/^[A-Z]{2}[0-9]?$/, 'must be a level code such as TC1'),
      )
      .default({}),
    /**
     * Statements stored longer ago than this many days are deleted by the maintenance worker,
     * except those behind evidence (levels stay explained); null: kept forever.
     */
    statementRetentionDays: z
      .number()
      .int('must be a whole number of days')
      .min(30, 'must be at least 30 days')
      .nullable()
      .default(null),
    /**
     * The LMS's home page, as its xAPI statements name people (`actor.account.homePage`, e.g.
     * https://k12online.vn): the roster's accounts (tai_khoan) are on it unless a row says.
     */
    accountHomePage: z
      .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
      .nullable()
      .default(null),
  })
  .strict()
export type TenantSettings = z.infer<typeof TenantSettings>

/** A tenant's saved settings with defaults filled in; settings saved by an older version that no
 * longer parse fall back to the defaults rather than stop inference. */
export function tenantSettings(saved: unknown): TenantSettings {
  const parsed = TenantSettings.safeParse(saved ?? {})
  return parsed.success ? parsed.data : TenantSettings.parse({})
}
