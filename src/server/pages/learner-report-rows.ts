// The learners' report as rows of a CSV or XLSX file, ready for the yearly report: a note block
// (the node, the school year, the instant, the rules, what is hidden), then one row per row of
// the report and domain or component. Written in Vietnamese with English beside (the file goes
// up to Vietnamese authorities); counts only, never a pupil's name.
import type { TFunction } from 'i18next'
import { shareOf } from '../../reports/aggregate.ts'
import { bandCodes } from '../../learners/learner-figures.ts'
import { translator } from '../../web/i18n.ts'
import { formatDate } from '../../web/parts.tsx'
import type { LearnerReport, LearnerRowOf } from './learner-report-data.ts'

export type LearnerCell = string | number

/** A text in Vietnamese with its English beside: "Học sinh (Pupils)". */
export function bothLanguages(): (key: string, values?: Record<string, unknown>) => string {
  const vi: TFunction = translator('vi')
  const en: TFunction = translator('en')
  return (key, values) => {
    const a = vi(`learnerReports.${key}`, values ?? {})
    const b = en(`learnerReports.${key}`, values ?? {})
    return a === b ? a : `${a} (${b})`
  }
}

/** A row's name in both languages. */
export function rowName(row: LearnerRowOf | undefined): string {
  const t = bothLanguages()
  if (row === undefined) return t('total')
  switch (row.kind) {
    case 'part':
      return row.node.name
    case 'grade':
      return row.grade === undefined ? t('noGrade') : t('grade', { grade: row.grade })
    case 'class':
      return row.name === undefined ? t('noClass') : t('class', { name: row.name })
  }
}

/** A share as a percentage with one decimal (66.7), for a file. */
const percent = (count: number, of: number) => Math.round(shareOf(count, of) * 1000) / 10

/** The report's rows for a CSV or XLSX file. */
export function learnerReportRows(report: LearnerReport): LearnerCell[][] {
  const t = bothLanguages()
  const { framework, audience } = report.audience
  const bands = bandCodes(framework)
  const bandName = (code: string) => {
    if (code === 'none') return t('none')
    const band = framework.levels.find((l) => l.code.startsWith(code))?.band
    return band ? `${band.vi} (${band.en ?? band.vi})` : code
  }
  const names = new Map<string, { number: string; name: string }>([
    ...audience.domains.map((d) => [d.id, { number: d.number, name: d.name.vi }] as const),
    ...audience.components.map((c) => [c.id, { number: c.number, name: c.name.vi }] as const),
  ])
  const head: LearnerCell[][] = [
    [t('node'), report.node.name],
    [t('schoolYear'), report.year.id],
    [
      t('asOf', {
        date: formatDate('vi', report.asOf),
        from: formatDate('vi', report.year.start),
      }),
    ],
    [t('rule')],
    [t('descriptors')],
    [t('hidden', { count: report.minGroupSize })],
    [t('namesKept')],
    [],
    [
      t('row'),
      t('item'),
      t('itemName'),
      t('pupils'),
      t('exposed'),
      `${t('exposedShare')} %`,
      t('atTarget'),
      `${t('atTargetShare')} %`,
      ...bands.map(bandName),
    ],
  ]
  const rows = [
    ...report.breakdowns.flatMap((rows, b) =>
      rows.map((row, i) => ({ name: rowName(row), figures: report.figures.breakdowns[b]![i]! })),
    ),
    { name: rowName(undefined), figures: report.figures.total },
  ]
  const body = rows.flatMap(({ name, figures }): LearnerCell[][] => {
    if (figures.hidden) {
      return [[name, '', '', figures.pupils, t('hiddenCell', { count: report.minGroupSize })]]
    }
    return figures.items.map((item) => {
      const named = names.get(item.item)
      return [
        name,
        named?.number ?? item.item,
        named?.name ?? '',
        item.pupils,
        item.exposed,
        percent(item.exposed, item.pupils),
        item.atTarget,
        percent(item.atTarget, item.pupils),
        ...bands.map((band) => item.bands[band] ?? 0),
      ]
    })
  })
  return [...head, ...body]
}
