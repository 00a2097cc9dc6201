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
    gradeTargets: Object.entries(settings.gradeTargets)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([grade, level]) => `${grade}=${level}`)
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
    gradeTargets: text('gradeTargets'),
  }
}

/**
 * The changes a settings form asks for, as `nls tenant settings` takes them: numbers with a
 * decimal comma too, empty for "keep forever" and "none", targets one `ID=LEVEL` a line and
 * grade targets one `GRADE=LEVEL` a line (7=TC2). The first line of either that is not of that
 * form is returned as `badTargetLine` or `badGradeTargetLine`.
 */
export function settingsChanges(values: SettingsValues): {
  readonly changes: SettingsChanges
  readonly badTargetLine?: string
  readonly badGradeTargetLine?: string
} {
  const number = (text: string) =>
    text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.'))
  const targets = pairLines(values.targets)
  const gradeTargets = pairLines(values.gradeTargets)
  const changes: Record<SettingsField, unknown> = {
    requiredShare: number(values.requiredShare),
    identityRule: values.identityRule,
    writeDescriptors: values.writeDescriptors,
    audience: values.audience.trim(),
    minGroupSize: number(values.minGroupSize),
    statementRetentionDays:
      values.statementRetentionDays.trim() === '' ? null : number(values.statementRetentionDays),
    accountHomePage: values.accountHomePage.trim() === '' ? null : values.accountHomePage.trim(),
    targets: targets.pairs,
    gradeTargets: gradeTargets.pairs,
  }
  return {
    changes,
    ...(targets.badLine !== undefined && { badTargetLine: targets.badLine }),
    ...(gradeTargets.badLine !== undefined && { badGradeTargetLine: gradeTargets.badLine }),
  }
}

/** `KEY=VALUE` lines (upper-cased, blank lines skipped), and the first line that is not one. */
function pairLines(text: string): { pairs: Record<string, string>; badLine?: string } {
  const pairs: Record<string, string> = {}
  let badLine: string | undefined
  for (const line of text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(line)
    if (!match) {
      badLine ??= line
      continue
    }
    pairs[match[1]!.toUpperCase()] = match[2]!.toUpperCase()
  }
  return badLine === undefined ? { pairs } : { pairs, badLine }
}
