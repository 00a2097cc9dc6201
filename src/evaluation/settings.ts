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
  })
  .strict()
export type TenantSettings = z.infer<typeof TenantSettings>

/** A tenant's saved settings with defaults filled in; settings saved by an older version that no
 * longer parse fall back to the defaults rather than stop inference. */
export function tenantSettings(saved: unknown): TenantSettings {
  const parsed = TenantSettings.safeParse(saved ?? {})
  return parsed.success ? parsed.data : TenantSettings.parse({})
}
