import type { TFunction } from 'i18next'
import { PlatformRegistration } from '../../../lti/platform-input.ts'
import type { Tenant } from '../../store/tenant-store.ts'
import type { FormProblem } from '../../web/form-problems.tsx'
import { isDistrict } from './tenant-tree.ts'

/** The fields of the form that registers an LMS by hand, as typed. */
export const PLATFORM_FIELDS = [
  'name',
  'issuer',
  'clientId',
  'authUrl',
  'tokenUrl',
  'jwksUrl',
  'deploymentIds',
  'parentId',
] as const
export type PlatformField = (typeof PLATFORM_FIELDS)[number]
export type PlatformFormValues = Readonly<Record<PlatformField, string>>

/** The form's values from a request body: every field a string, missing ones empty. */
export function readPlatformForm(body: unknown): PlatformFormValues {
  const given = (body ?? {}) as Record<string, unknown>
  const values = {} as Record<PlatformField, string>
  for (const field of PLATFORM_FIELDS) {
    const value = given[field]
    values[field] = typeof value === 'string' ? value.slice(0, 2000) : ''
  }
  return values
}

/**
 * Checks the form as `nls platform add` checks its options (the same schema): the registration
 * with its district, or the problems at their fields in the page's language. Pure.
 */
export function checkPlatformForm(
  t: TFunction,
  values: PlatformFormValues,
  tenants: readonly Tenant[],
):
  | { readonly registration: PlatformRegistration & { readonly parentId?: string } }
  | { readonly problems: FormProblem[] } {
  const parsed = PlatformRegistration.safeParse({
    issuer: values.issuer.trim(),
    clientId: values.clientId,
    authUrl: values.authUrl.trim(),
    tokenUrl: values.tokenUrl.trim(),
    jwksUrl: values.jwksUrl.trim(),
    // Moodle shows one deployment ID; several may be given, by commas or spaces.
    deploymentIds: values.deploymentIds.split(/[\s,]+/).filter((id) => id !== ''),
    ...(values.name.trim() && { name: values.name }),
  })
  const problems: FormProblem[] = []
  const fields = new Set<string>()
  for (const issue of parsed.error?.issues ?? []) {
    const field = String(issue.path[0] ?? 'issuer')
    if (fields.has(field)) continue
    fields.add(field)
    problems.push({ field: `platform-${field}`, message: t(`consolePlatforms.problem.${field}`) })
  }
  const parent = tenants.find((x) => x.id === values.parentId)
  if (values.parentId && !(parent && isDistrict(parent, tenants))) {
    problems.push({ field: 'platform-parentId', message: t('console.tenants.problem.parent') })
  }
  if (!parsed.success || problems.length > 0) return { problems }
  return { registration: { ...parsed.data, ...(parent && { parentId: parent.id }) } }
}
