import type { z } from 'zod'
import type { Catalog } from '../../framework/index.ts'
import type { TagRule } from '../inference/index.ts'
import { checkCompetencies, NewTag, TagChange } from './tag-input.ts'
import { DEFAULT_TICKED } from './tag-verbs.ts'

/** The tag editor's fields as the trainer left them: text as typed, boxes ticked or not. */
export interface TagForm {
  readonly competency: readonly string[]
  readonly minScore: string
  readonly requireSuccess: boolean
  readonly objectOnly: boolean
  readonly count: string
  readonly weight: string
  readonly verb: readonly string[]
}

/** The fields of the tag editor a problem can be shown at. */
export type TagFormField = 'competency' | 'minScore' | 'count' | 'weight' | 'verb' | 'activity'

/** A problem of the form at one field; `key` names its text under `formErrors`. */
export interface TagFormProblem {
  readonly field: TagFormField
  readonly key: string
  readonly params?: Readonly<Record<string, string | number>>
}

/** What the tag's target is, as the form's hidden fields say; an existing tag keeps its own. */
export type TagFormTarget =
  | { readonly kind: 'new'; readonly activityId?: string; readonly activityIri?: string }
  | { readonly kind: 'change' }

export type TagFormResult =
  | { readonly ok: true; readonly competencyIds: string[]; readonly rule: TagRule }
  | { readonly ok: false; readonly problems: TagFormProblem[] }

/** The form of a tag as saved (a new tag: the defaults, its default verbs ticked). */
export function tagFormOf(competencyIds: readonly string[], rule?: Partial<TagRule>): TagForm {
  return {
    competency: competencyIds,
    minScore: rule?.minScore === undefined ? '' : String(Math.round(rule.minScore * 1000) / 10),
    requireSuccess: rule?.requireSuccess === true,
    objectOnly: rule?.objectOnly === true,
    count: String(rule?.count ?? 1),
    weight: String(rule?.weight ?? 1),
    verb: rule?.verbs ?? DEFAULT_TICKED,
  }
}

/**
 * Reads the editor's form with the schema the tag API uses (NewTag for a new tag, TagChange for
 * a change), so the page and the API keep one rule; each problem is placed at its field. A score
 * is typed as a percentage (80, 80 %) or a share (0.8, 0,8); `gradebook` is kept from the tag.
 */
export function readTagForm(
  catalog: Catalog,
  form: TagForm,
  target: TagFormTarget,
  kept?: Pick<Partial<TagRule>, 'gradebook'>,
): TagFormResult {
  const minScore = formNumber(form.minScore)
  const rule = {
    verbs: [...form.verb],
    ...(minScore !== undefined && { minScore: minScore > 1 ? minScore / 100 : minScore }),
    requireSuccess: form.requireSuccess,
    objectOnly: form.objectOnly,
    ...optional('count', formNumber(form.count)),
    ...optional('weight', formNumber(form.weight)),
    ...(kept?.gradebook !== undefined && { gradebook: kept.gradebook }),
  }
  const competencyIds = [...form.competency]
  const parsed =
    target.kind === 'new'
      ? NewTag.safeParse({
          ...(target.activityId !== undefined && { activityId: target.activityId }),
          ...(target.activityIri !== undefined && { activityIri: target.activityIri }),
          competencyIds,
          rule,
        })
      : TagChange.safeParse({ competencyIds, rule })
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => problemOf(i, competencyIds))
  const checked = checkCompetencies(catalog, competencyIds)
  problems.push(
    ...checked.problems.map((p) => ({
      field: 'competency' as const,
      key: 'competencyUnknown',
      params: { id: String(competencyIds[Number(p.path[1])]) },
    })),
  )
  if (!parsed.success || problems.length > 0) return { ok: false, problems: unique(problems) }
  return { ok: true, competencyIds: checked.ids, rule: parsed.data.rule! }
}

/** A number as typed: a comma as decimal sign too, a per cent sign allowed; empty is none. */
function formNumber(text: string): number | undefined {
  const plain = text.trim().replace(/\s*%$/, '').replace(',', '.')
  // Not a number stays NaN, which the schema refuses at its field.
  return plain === '' ? undefined : Number(plain)
}

const optional = <K extends string>(key: K, value: number | undefined) =>
  value === undefined ? {} : ({ [key]: value } as Record<K, number>)

/** Where a schema issue of the tag is shown on the form, and which text says it. */
function problemOf(issue: z.core.$ZodIssue, competencyIds: readonly string[]): TagFormProblem {
  const [first, second] = issue.path
  if (first === 'competencyIds') {
    if (second !== undefined) {
      return {
        field: 'competency',
        key: 'competencyUnknown',
        params: { id: competencyIds[Number(second)] ?? '' },
      }
    }
    return {
      field: 'competency',
      key: issue.code === 'too_big' ? 'competencyTooMany' : 'competencyNone',
    }
  }
  if (first === 'rule') {
    if (second === 'minScore') return { field: 'minScore', key: 'minScore' }
    if (second === 'count') return { field: 'count', key: 'count' }
    if (second === 'weight') return { field: 'weight', key: 'weight' }
    if (second === 'verbs') {
      return { field: 'verb', key: issue.path.length > 2 ? 'verbInvalid' : 'verbNone' }
    }
  }
  // The target rides in hidden fields: a problem there is a link to follow again.
  return { field: 'activity', key: 'activity' }
}

/** One problem per field and text (a schema and the catalog may say the same thing). */
function unique(problems: readonly TagFormProblem[]): TagFormProblem[] {
  const seen = new Set<string>()
  return problems.filter((p) => {
    const id = `${p.field} ${p.key} ${JSON.stringify(p.params ?? {})}`
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
}
