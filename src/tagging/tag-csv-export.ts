// Tags written as a tag file (see tag-csv.ts for its columns and how it is read back).
import { stringify } from 'csv-stringify/sync'
import { TagRule } from '../inference/rule.ts'
import type { Tag } from '../store/index.ts'
import { TAG_CSV_COLUMNS, TAG_CSV_TARGETS, type TagCsvColumn } from './tag-csv.ts'
import { COURSE_CSV_COLUMNS } from './tag-csv-course.ts'

/**
 * Tags as a CSV file that Excel opens with Vietnamese text intact (UTF-8 with a BOM, CRLF) and
 * parseTagCsv reads back, one row per tag in the order of their targets. A tag whose activity has
 * neither an IRI nor a resource link cannot be written, and is returned in `skipped`. Cells that a
 * spreadsheet would run as a formula get a leading apostrophe (OWASP "CSV injection"), which
 * parseTagCsv removes. With a course, every row also names the course's table and grade
 * (course_table, course_grade; empty for the school's default table and no grade).
 */
export function formatTagsCsv(
  tags: readonly Tag[],
  course?: { readonly audience?: string; readonly grade?: number },
): {
  text: string
  written: number
  skipped: { tag: Tag; reason: string }[]
} {
  const records: Record<TagCsvColumn, string>[] = []
  const skipped: { tag: Tag; reason: string }[] = []
  for (const tag of tags) {
    const record = tagRecord(tag)
    if (typeof record === 'string') skipped.push({ tag, reason: record })
    else records.push(record)
  }
  // By target and then competencies: a file that reads by activity and exports alike each time
  // (tags stored in one transaction share their creation time).
  const order = (r: Record<TagCsvColumn, string>) =>
    TAG_CSV_TARGETS.map((t) => r[t]).join('') + ' ' + r.competency_ids
  records.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0))
  const courseCells = course && {
    course_table: course.audience ?? '',
    course_grade: course.grade === undefined ? '' : String(course.grade),
  }
  const text = stringify(courseCells ? records.map((r) => ({ ...r, ...courseCells })) : records, {
    bom: true,
    header: true,
    columns: courseCells ? [...TAG_CSV_COLUMNS, ...COURSE_CSV_COLUMNS] : [...TAG_CSV_COLUMNS],
    record_delimiter: 'windows',
    escape_formulas: true,
  })
  return { text, written: records.length, skipped }
}

/** A tag as a row of the file, or why it cannot be one. */
function tagRecord(tag: Tag): Record<TagCsvColumn, string> | string {
  const rule = TagRule.safeParse(tag.rule)
  if (!rule.success) return 'its rule is not one a tag file can express'
  const target =
    tag.activityPrefix !== undefined
      ? { activity_prefix: tag.activityPrefix }
      : tag.activity?.iri !== undefined
        ? { activity_iri: tag.activity.iri }
        : tag.activity?.resourceLinkId !== undefined
          ? { resource_link_id: tag.activity.resourceLinkId }
          : undefined
  if (!target) return 'its activity has neither an IRI nor a resource link'
  const { verbs, minScore, requireSuccess, objectOnly, weight, count, gradebook } = rule.data
  return {
    activity_iri: '',
    activity_prefix: '',
    resource_link_id: '',
    ...target,
    activity_name: tag.activityPrefix === undefined ? (tag.activity?.name ?? '') : '',
    competency_ids: tag.competencyIds.join(' '),
    verbs: verbs.join(' '),
    min_score: minScore === undefined ? '' : String(minScore),
    require_success: String(requireSuccess),
    object_only: String(objectOnly),
    weight: String(weight),
    count: String(count),
    gradebook: gradebook ?? '',
  }
}
