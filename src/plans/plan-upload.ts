// A plan as an organisation uploads it: a JSON plan whole, or a CSV of targets with the plan's
// code, name and reporting calendar from the form. Checked whole: a file with any problem is
// refused, every problem listed, since a plan half-imported would report wrong figures. Pure.
import { z } from 'zod'
import type { Catalog } from '../../framework/index.ts'
import type { CsvFileProblemCode } from '../csv/read-csv.ts'
import { checkPlan, type PlanProblem, type PlanProblemCode } from './check-plan.ts'
import { type CalendarEntry, type Plan } from './plan.ts'
import { type PlanCsvColumn, type PlanCsvProblemCode, parsePlanCsv } from './plan-csv.ts'

/** The reporting periods a CSV upload can choose, each with the day it usually falls due. */
export const CALENDAR_DEFAULTS: readonly CalendarEntry[] = [
  { period: 'semester-1', due: '12-25' },
  { period: 'semester-2', due: '05-10' },
  { period: 'year', due: '12-10' },
  { period: 'school-year', due: '05-31' },
]

/** The upload form's fields besides the file (and the session and node). */
export type PlanUploadField = 'file' | 'code' | 'name' | 'nameEn' | 'calendar' | `due-${string}`

/** What is wrong with an upload. */
export type PlanUploadProblemCode =
  | PlanProblemCode
  | PlanCsvProblemCode
  | CsvFileProblemCode
  | 'ERR_PLAN_NOT_JSON'
  | 'ERR_PLAN_FILE_MISSING'
  | 'ERR_PLAN_NOT_ORGANISATION'

/**
 * A problem of an upload: at a form field, at a CSV file's row and column (or line), or at a
 * JSON plan's path; its code and values, and the same in English as `message`.
 */
export interface PlanUploadProblem {
  readonly code: PlanUploadProblemCode
  readonly values: Readonly<Record<string, string | number>>
  readonly message: string
  readonly field?: PlanUploadField
  readonly line?: number
  readonly row?: number
  readonly column?: string
  /** Where in a JSON plan, e.g. targets.2.components.0. */
  readonly path?: string
}

/** The form's fields as multipart gives them (a checkbox checked once is a string). */
export const PlanUploadFields = z
  .object({
    code: z.string().optional(),
    name: z.string().optional(),
    nameEn: z.string().optional(),
    calendar: z.union([z.string(), z.array(z.string())]).optional(),
  })
  .catchall(z.union([z.string(), z.array(z.string())]))
export type PlanUploadFields = z.infer<typeof PlanUploadFields>

/** An uploaded plan file and the form's fields. */
export interface PlanUpload {
  readonly fileName: string
  readonly text: string
  readonly fields: PlanUploadFields
}

/** An upload's plan, or its problems. */
export type ReadPlanUpload =
  { readonly plan: Plan } | { readonly problems: readonly PlanUploadProblem[] }

/** The plan an upload holds, checked, or every problem of it. */
export function readPlanUpload(upload: PlanUpload, catalog: Catalog): ReadPlanUpload {
  return isJson(upload) ? readJsonPlan(upload.text, catalog) : readCsvPlan(upload, catalog)
}

/** A JSON file by its name, or by its first character when the name says neither. */
function isJson({ fileName, text }: PlanUpload): boolean {
  if (/\.json$/i.test(fileName)) return true
  if (/\.csv$/i.test(fileName)) return false
  return text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('{')
}

function readJsonPlan(text: string, catalog: Catalog): ReadPlanUpload {
  let input: unknown
  try {
    input = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (err) {
    const reason = (err as Error).message
    return {
      problems: [
        {
          field: 'file',
          code: 'ERR_PLAN_NOT_JSON',
          values: { reason },
          message: `not a JSON plan: ${reason}`,
        },
      ],
    }
  }
  const checked = checkPlan(input, catalog)
  return 'plan' in checked ? checked : { problems: checked.problems.map(jsonProblem) }
}

const jsonProblem = (p: PlanProblem): PlanUploadProblem => ({ ...p, field: 'file' })

/** The calendar the form chose: each period checked, due on the day typed (its default if none). */
export function formCalendar(fields: PlanUploadFields): { period: string; due: string }[] {
  const chosen = [fields.calendar ?? []].flat()
  return chosen.map((period) => {
    const typed = fields[`due-${period}`]
    const due = typeof typed === 'string' ? typed.trim() : ''
    const fallback = CALENDAR_DEFAULTS.find((c) => c.period === period)?.due ?? ''
    return { period, due: due || fallback }
  })
}

function readCsvPlan(upload: PlanUpload, catalog: Catalog): ReadPlanUpload {
  const csv = parsePlanCsv(upload.text)
  if (csv.problems.length > 0) {
    return { problems: csv.problems.map((p) => ({ ...p, values: p.values ?? {} })) }
  }
  const { fields } = upload
  const nameEn = fields.nameEn?.trim()
  const calendar = formCalendar(fields)
  const checked = checkPlan(
    {
      code: fields.code,
      name: { vi: fields.name, ...(nameEn && { en: nameEn }) },
      calendar,
      targets: csv.targets,
    },
    catalog,
  )
  if ('plan' in checked) return checked
  return {
    problems: checked.problems.map((p): PlanUploadProblem => {
      const [first, index, part, sub] = p.path.split('.')
      if (first === 'targets' && index !== undefined && part !== undefined) {
        const place = csv.places[Number(index)]!
        const column = TARGET_COLUMNS[part]?.(sub) ?? 'id'
        return { ...p, ...place, column: csv.headers[column] ?? column }
      }
      // The form's own fields: the problem is at the field, not at a path of the file.
      const { path: _, ...atField } = p
      if (first === 'calendar' && index !== undefined) {
        return { ...atField, field: `due-${calendar[Number(index)]?.period ?? ''}` }
      }
      const field = first === 'name' ? (index === 'en' ? 'nameEn' : 'name') : first || 'file'
      return { ...atField, field: field as PlanUploadField }
    }),
  }
}

/** The CSV column a target's field comes from. */
const TARGET_COLUMNS: Readonly<Record<string, (sub?: string) => PlanCsvColumn>> = {
  id: () => 'id',
  title: (sub) => (sub === 'en' ? 'titleEn' : 'title'),
  group: (sub) =>
    sub === 'grades' ? 'grades' : sub === 'schoolLevels' ? 'schoolLevels' : 'positions',
  components: () => 'components',
  tables: () => 'tables',
  minLevel: () => 'minLevel',
  share: () => 'share',
  comparison: () => 'share',
  deadline: () => 'deadline',
}
