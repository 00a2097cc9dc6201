import type { Catalog } from '../../framework/index.ts'
import type { Stores } from '../store/index.ts'
import type { Tenant } from '../store/tenant-store.ts'
import { checkSettings } from './check-settings.ts'
import { TenantSettings } from './settings.ts'

/** A setting a change names (the CLI's `--required-share` is `requiredShare`). */
export type SettingsField = keyof TenantSettings

/** What is wrong with a changed setting: its own value, or an ID the frameworks do not have. */
export interface SettingsProblem {
  readonly field: SettingsField
  readonly message: string
  /** `value`: the value's form (zod); `frameworks`: an ID or level not in the frameworks in force. */
  readonly source: 'value' | 'frameworks'
}

/** Changed settings, each replacing the saved one (`null` clears a nullable one). */
export type SettingsChanges = { readonly [K in SettingsField]?: unknown }

/**
 * A tenant's settings after `changes`, or what is wrong with them. The table and the targets
 * changed now must be in the frameworks in force (saved ones stay as they are: an import may
 * have changed the frameworks since); `catalog` is only asked for when something names one.
 */
export async function checkSettingsChange(
  saved: Readonly<Record<string, unknown>>,
  changes: SettingsChanges,
  catalog: () => Promise<Catalog>,
): Promise<
  | { readonly settings: TenantSettings; readonly problems?: undefined }
  | { readonly settings?: undefined; readonly problems: readonly SettingsProblem[] }
> {
  const parsed = TenantSettings.safeParse({ ...saved, ...changes })
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => ({
        field: String(issue.path[0]) as SettingsField,
        // A record's bad key (a grade 13) says why in its own issue, and which key.
        message:
          issue.code === 'invalid_key'
            ? `${String(issue.path.at(-1))}: ${issue.issues[0]?.message ?? issue.message}`
            : issue.message,
        source: 'value',
      })),
    }
  }
  const savedTargets = (saved.targets ?? {}) as Readonly<Record<string, unknown>>
  const targets = Object.fromEntries(
    Object.entries(changes.targets === undefined ? {} : parsed.data.targets).filter(
      ([id, level]) => savedTargets[id] !== level,
    ),
  )
  const savedGrades = (saved.gradeTargets ?? {}) as Readonly<Record<string, unknown>>
  const gradeTargets = Object.fromEntries(
    Object.entries(changes.gradeTargets === undefined ? {} : parsed.data.gradeTargets).filter(
      ([grade, level]) => savedGrades[grade] !== level,
    ),
  )
  const audience = changes.audience === undefined ? undefined : parsed.data.audience
  if (
    audience === undefined &&
    Object.keys(targets).length === 0 &&
    Object.keys(gradeTargets).length === 0
  ) {
    return { settings: parsed.data }
  }
  const found = await catalog()
  const problems: SettingsProblem[] = [
    ...(audience === undefined ? [] : checkSettings(found, { audience })).map((message) => ({
      field: 'audience' as const,
      message,
      source: 'frameworks' as const,
    })),
    ...checkSettings(found, { targets }).map((message) => ({
      field: 'targets' as const,
      message,
      source: 'frameworks' as const,
    })),
    ...checkSettings(found, { gradeTargets }).map((message) => ({
      field: 'gradeTargets' as const,
      message,
      source: 'frameworks' as const,
    })),
  ]
  return problems.length > 0 ? { problems } : { settings: parsed.data }
}

/** Saves a tenant's checked settings, noting before and after in the audit log. */
export async function saveTenantSettings(
  stores: Pick<Stores, 'transaction'>,
  tenant: Pick<Tenant, 'id' | 'settings'>,
  settings: TenantSettings,
  actor: string,
): Promise<void> {
  await stores.transaction(async (tx) => {
    await tx.tenants.setSettings(tenant.id, settings)
    await tx.audit.record({
      tenantId: tenant.id,
      actor,
      action: 'tenant.settings',
      subject: `tenant:${tenant.id}`,
      details: { before: tenant.settings, after: settings },
    })
  })
}
