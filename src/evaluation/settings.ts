import { z } from 'zod'

/**
 * How a tenant matches statement actors to the people its LMS launches: by the Moodle account
 * (homePage = the site, name = the LTI `sub`, Moodle's user id), by email, or by the LIS
 * person sourcedid as the account name.
 */
export const IDENTITY_RULES = ['account', 'email', 'sourcedid'] as const

/** A tenant's choices for inference; every field has a default. */
export const TenantSettings = z
  .object({
    /** The share of a level's descriptors that must be met to hold it (0 < share ≤ 1). */
    requiredShare: z
      .number()
      .gt(0, 'must be more than 0')
      .max(1, 'must be at most 1 (every descriptor of the level)')
      .default(1),
    identityRule: z.enum(IDENTITY_RULES).default('account'),
  })
  .strict()
export type TenantSettings = z.infer<typeof TenantSettings>

/** A tenant's saved settings with defaults filled in; settings saved by an older version that no
 * longer parse fall back to the defaults rather than stop inference. */
export function tenantSettings(saved: unknown): TenantSettings {
  const parsed = TenantSettings.safeParse(saved ?? {})
  return parsed.success ? parsed.data : TenantSettings.parse({})
}
