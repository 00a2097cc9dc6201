import { iriOf } from '../ids.ts'
import type { Audience, Framework, LocalizedText } from '../schema.ts'

/**
 * The header row of Moodle's competency framework CSV (admin/tool/lpimportcsv). Moodle reads
 * the columns by position, in exactly this order.
 */
export const MOODLE_CSV_HEADER = [
  'Parent ID number',
  'ID number',
  'Short name',
  'Description',
  'Description format',
  'Scale values',
  'Scale configuration',
  'Rule type (optional)',
  'Rule outcome (optional)',
  'Rule config (optional)',
  'Cross-referenced competency ID numbers',
  'Exported ID (optional)',
  'Is framework',
  'Taxonomy',
] as const

/** Moodle's FORMAT_PLAIN: descriptions are plain text, shown as written. */
const FORMAT_PLAIN = '2'
/** Moodle keeps at most 100 characters of a short name or ID number. */
const SHORT_NAME_MAX = 100

/**
 * The framework's scale: "not yet" then its levels in rank order. Every level counts as
 * proficient; the lowest is what a completed rule awards by default.
 */
export function moodleScale(framework: Framework): { values: string; configuration: string } {
  const values = ['Chưa đạt', ...framework.levels.map((l) => l.name.vi)]
  const configuration = [
    { scaleid: '1' },
    ...framework.levels.map((_level, i) => ({
      id: i + 2,
      scaledefault: i === 0 ? 1 : 0,
      proficient: 1,
    })),
  ]
  return { values: values.join(','), configuration: JSON.stringify(configuration) }
}

/**
 * One audience of a framework as the rows of a Moodle competency framework CSV (header first):
 * the framework row, then domains, components, component-at-level and descriptors, each naming
 * its parent's ID number. Our IDs are the ID numbers, so Moodle evidence maps back to them.
 */
export function moodleCompetencyRows(framework: Framework, audience: Audience): string[][] {
  const scale = moodleScale(framework)
  const rows: string[][] = [[...MOODLE_CSV_HEADER]]
  const row = (o: {
    parent: string
    id: string
    shortName: string
    description: string
    isFramework?: boolean
    taxonomy?: string
  }) =>
    rows.push([
      o.parent,
      o.id,
      clip(o.shortName),
      o.description,
      FORMAT_PLAIN,
      o.isFramework ? scale.values : '',
      o.isFramework ? scale.configuration : '',
      '',
      '',
      '',
      '',
      '',
      o.isFramework ? '1' : '',
      o.taxonomy ?? '',
    ])

  row({
    parent: '',
    id: `${framework.id}.${audience.id}`,
    shortName: `${framework.source.document} – ${audience.name.vi}`,
    description: bilingual(
      {
        vi: `${framework.title.vi}: ${audience.name.vi}`,
        en:
          framework.title.en && audience.name.en
            ? `${framework.title.en}: ${audience.name.en}`
            : undefined,
      },
      `${iriOf(`${framework.id}.${audience.id}`)} · ${framework.source.document} · ${framework.version}`,
    ),
    isFramework: true,
    taxonomy: 'domain,competency,level,indicator',
  })
  const levelNames = new Map(framework.levels.map((l) => [l.code, l.name]))
  for (const domain of audience.domains) {
    row({
      parent: '',
      id: domain.id,
      shortName: `${domain.number}. ${domain.name.vi}`,
      description: bilingual(domain.name, domain.description?.vi),
    })
    for (const component of audience.components.filter((c) => c.domain.id === domain.id)) {
      row({
        parent: domain.id,
        id: component.id,
        shortName: `${component.number}. ${component.name.vi}`,
        description: bilingual(component.name, component.definition?.vi),
      })
      for (const level of component.levels) {
        const levelId = `${component.id}.${level.code}`
        const name = levelNames.get(level.code)
        row({
          parent: component.id,
          id: levelId,
          shortName: `${component.number} · ${name?.vi ?? level.code}`,
          description: bilingual(
            {
              vi: `${component.name.vi}: mức ${name?.vi ?? level.code}`,
              en:
                name?.en && component.name.en
                  ? `${component.name.en}: ${name.en} level`
                  : undefined,
            },
            level.status === 'missing'
              ? 'Chưa có văn bản chỉ báo chính thức (missing).'
              : undefined,
          ),
        })
        level.descriptors.forEach((d) => {
          row({
            parent: levelId,
            id: d.id,
            shortName: `${d.code ?? d.id.slice(component.id.length + 1)} ${d.text.vi}`,
            description: bilingual(d.text),
          })
        })
      }
    }
  }
  return rows
}

/** Vietnamese first, then the English, then any note, as paragraphs of plain text. */
function bilingual(
  text: { vi: string; en?: string | undefined } | LocalizedText,
  note?: string,
): string {
  return [text.vi, text.en, note].filter((p): p is string => Boolean(p)).join('\n\n')
}

function clip(s: string): string {
  const chars = [...s]
  return chars.length <= SHORT_NAME_MAX ? s : `${chars.slice(0, SHORT_NAME_MAX - 1).join('')}…`
}
