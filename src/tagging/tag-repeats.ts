// Rows of a tag file that repeat a tag: one already stored, or an earlier row of the file.
import { TagRule } from '../inference/rule.ts'
import type { Tag, TagRuleData } from '../store/index.ts'
import type { TagCsvRow } from './tag-csv.ts'
import type { NewTag } from './tag-input.ts'

/** A row the importer leaves out or warns about, and why: a code and its values, in English too. */
export interface TagCsvNote {
  readonly row: number
  readonly line: number
  readonly code: 'ERR_TAG_CSV_ALREADY_TAGGED' | 'ERR_TAG_CSV_SAME_AS_ROW' | 'ERR_TAG_CSV_OTHER_RULE'
  readonly values: Readonly<Record<string, string | number>>
  readonly message: string
}

/**
 * Sorts out rows that repeat a tag: a row with the same target, set of competencies and rule as an
 * existing tag ("already tagged") or an earlier row is skipped. A row with the same target and
 * competencies as a tag under another rule is kept, as tags add up, but noted.
 */
export function skipRepeats(
  rows: readonly TagCsvRow[],
  existing: readonly Tag[],
): { rows: TagCsvRow[]; skipped: TagCsvNote[]; notes: TagCsvNote[] } {
  const kept: TagCsvRow[] = []
  const skipped: TagCsvNote[] = []
  const notes: TagCsvNote[] = []
  const seen = new Map<string, number>()
  for (const { row, line, tag } of rows) {
    const target = targetKeys(tag)[0]!
    const [what, rule] = [competencyKey(tag.competencyIds), ruleKey(tag.rule)]
    const same = existing.filter(
      (t) => targetKeys(t).includes(target) && competencyKey(t.competencyIds) === what,
    )
    const tagged = same.find((t) => ruleKey(t.rule) === rule)
    const earlier = seen.get(JSON.stringify([target, what, rule]))
    if (tagged)
      skipped.push({
        row,
        line,
        code: 'ERR_TAG_CSV_ALREADY_TAGGED',
        values: { tagId: tagged.id },
        message: `already tagged (tag ${tagged.id})`,
      })
    else if (earlier)
      skipped.push({
        row,
        line,
        code: 'ERR_TAG_CSV_SAME_AS_ROW',
        values: { row: earlier },
        message: `the same tag as row ${earlier}`,
      })
    else {
      kept.push({ row, line, tag })
      seen.set(JSON.stringify([target, what, rule]), row)
      const other = same[0]
      if (other) {
        const message = `tag ${other.id} names the same activity and competencies under another rule; both count`
        notes.push({
          row,
          line,
          code: 'ERR_TAG_CSV_OTHER_RULE',
          values: { tagId: other.id },
          message,
        })
      }
    }
  }
  return { rows: kept, skipped, notes }
}

/** The keys a tag or a row is known by: its prefix, or its activity's id, IRI and resource link. */
function targetKeys(tag: NewTag | Tag): string[] {
  if (tag.activityPrefix !== undefined) return [`prefix ${tag.activityPrefix}`]
  const activity = 'activity' in tag ? tag.activity : undefined
  const iri = 'activityIri' in tag ? tag.activityIri : activity?.iri
  const link = 'resourceLinkId' in tag ? tag.resourceLinkId : activity?.resourceLinkId
  return [
    ...(iri !== undefined ? [`iri ${iri}`] : []),
    ...(link !== undefined ? [`link ${link}`] : []),
    `activity ${tag.activityId}`,
  ]
}

function competencyKey(ids: readonly string[]): string {
  return [...new Set(ids)].sort().join(' ')
}

/** A rule with its defaults filled in and its verbs as a set, comparable as a string. */
function ruleKey(rule: TagRuleData | undefined): string {
  const parsed = TagRule.safeParse(rule ?? {})
  if (!parsed.success) return JSON.stringify(rule)
  const { verbs, minScore, requireSuccess, objectOnly, weight, count, gradebook } = parsed.data
  return JSON.stringify([
    [...new Set(verbs)].sort(),
    minScore ?? null,
    requireSuccess,
    objectOnly,
    weight,
    count,
    gradebook ?? 'level',
  ])
}
