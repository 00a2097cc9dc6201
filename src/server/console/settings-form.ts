import type { SettingsChanges, SettingsField } from '../../evaluation/change-tenant-settings.ts'
import type { TenantSettings } from '../../evaluation/settings.ts'
import type { SettingsValues } from '../../web/console/tenant-settings-page.tsx'

/** The settings form as first shown: the saved settings (defaults filled in) as text. */
export function settingsValues(settings: TenantSettings): SettingsValues {
  return {
    requiredShare: String(settings.requiredShare),
    identityRule: settings.identityRule,
    writeDescriptors: settings.writeDescriptors,
    audience: settings.audience,
    minGroupSize: String(settings.minGroupSize),
    statementRetentionDays:
      settings.statementRetentionDays === null ? '' : String(settings.statementRetentionDays),
    accountHomePage: settings.accountHomePage ?? '',
    targets: Object.entries(settings.targets)
      .map(([id, level]) => `${id}=${level}`)
      .join('\n'),
  }
}

/** The form's fields as sent (anything missing is empty). */
export function typedValues(body: Readonly<Record<string, unknown>>): SettingsValues {
  const text = (name: string) => (typeof body[name] === 'string' ? body[name] : '')
  return {
    requiredShare: text('requiredShare'),
    identityRule: text('identityRule'),
    writeDescriptors: body.writeDescriptors === 'on',
    audience: text('audience'),
    minGroupSize: text('minGroupSize'),
    statementRetentionDays: text('statementRetentionDays'),
    accountHomePage: text('accountHomePage'),
    targets: text('targets'),
  }
}

/**
 * The changes a settings form asks for, as `nls tenant settings` takes them: numbers with a
 * decimal comma too, empty for "keep forever" and "none", targets one `ID=LEVEL` a line. A
 * target line that is not `ID=LEVEL` is returned as `badTargetLine`.
 */
export function settingsChanges(values: SettingsValues): {
  readonly changes: SettingsChanges
  readonly badTargetLine?: string
} {
  const number = (text: string) =>
    text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.'))
  const targets: Record<string, string> = {}
  let badTargetLine: string | undefined
  for (const line of values.targets
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(line)
    if (!match) {
      badTargetLine ??= line
      continue
    }
    targets[match[1]!.toUpperCase()] = match[2]!.toUpperCase()
  }
  const changes: Record<SettingsField, unknown> = {
    requiredShare: number(values.requiredShare),
    identityRule: values.identityRule,
    writeDescriptors: values.writeDescriptors,
    audience: values.audience.trim(),
    minGroupSize: number(values.minGroupSize),
    statementRetentionDays:
      values.statementRetentionDays.trim() === '' ? null : number(values.statementRetentionDays),
    accountHomePage: values.accountHomePage.trim() === '' ? null : values.accountHomePage.trim(),
    targets,
  }
  return badTargetLine === undefined ? { changes } : { changes, badTargetLine }
}
