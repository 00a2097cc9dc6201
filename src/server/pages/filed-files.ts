// A filed report's files, made once when it is filed and stored with it: the CSV and the XLSX,
// written in Vietnamese (the report goes up to Vietnamese authorities), from the snapshot alone.
import type { TFunction } from 'i18next'
import { parsePeriodId } from '../../plans/calendar.ts'
import { type FiledLabels, type FiledSnapshot, filedRows } from '../../reports/filed-report.ts'
import { vnDate } from '../../reports/semester.ts'
import { type Lang, translator } from '../../web/i18n.ts'
import { formatDate } from '../../web/parts.tsx'
import { slug } from './manager-pages.ts'
import { csvText } from './csv-download.ts'
import { excel } from './excel.ts'

/** A period's name in a language (Học kỳ I năm học 2026-2027), or its id when unknown. */
export function periodName(t: TFunction, id: string): string {
  const parsed = parsePeriodId(id)
  return parsed ? t(`filing.kinds.${parsed.kind}`, { years: parsed.years }) : id
}

/** The words of a filed report in a language (its files are written in Vietnamese). */
export function filedLabels(lang: Lang): FiledLabels {
  const t = translator(lang)
  return {
    text: (text) => (lang === 'en' ? (text.en ?? text.vi) : text.vi),
    date: (iso) => formatDate(lang, iso),
    period: (period) => periodName(t, period.id),
    node: t('filing.node'),
    periodLabel: t('filing.period'),
    due: t('filing.due'),
    asOf: t('filing.asOf'),
    filedBy: t('filing.filedBy'),
    filedAt: t('filing.filedAt'),
    plan: t('filing.plan'),
    noPlan: t('filing.planNone'),
    rule: t('filing.rule'),
    ruleSame: t('filing.ruleSame'),
    ruleMixed: t('filing.ruleMixed'),
    lowered: t('filing.lowered'),
    noneLowered: t('filing.noneLowered'),
    targets: {
      part: t('filing.targets.part'),
      target: t('filing.targets.target'),
      title: t('filing.targets.title'),
      minLevel: t('filing.targets.minLevel'),
      share: t('filing.targets.share'),
      group: t('filing.targets.group'),
      met: t('filing.targets.met'),
      reached: t('filing.targets.reached'),
      status: t('filing.targets.status'),
      total: t('filing.targets.total'),
      statuses: {
        met: t('filing.targets.statuses.met'),
        open: t('filing.targets.statuses.open'),
        missed: t('filing.targets.statuses.missed'),
        empty: t('filing.targets.statuses.empty'),
      },
    },
    rows: {
      unit: t('reports.unit'),
      component: t('reports.component'),
      componentName: t('profile.component'),
      staff: t('reports.staff'),
      none: t('levels.none'),
      atLeastFirst: t('reports.atLeastFirst'),
      total: t('reports.total'),
      noUnit: t('reports.noUnit'),
      hidden: (count) => t('reports.hidden', { count }),
      everyComponent: t('reports.everyComponent'),
      empty: t('reports.empty'),
    },
  }
}

/**
 * The CSV text of a filed report as stored (Windows line ends, formulas escaped); its download
 * starts with a BOM (filedCsvBytes), for Excel.
 */
export function filedCsv(snapshot: FiledSnapshot): string {
  return csvText(filedRows(snapshot, filedLabels('vi')), { bom: false })
}

const BOM = '\uFEFF'

/**
 * The bytes a filed report's CSV downloads as: a BOM, then its text. The BOM is not stored:
 * PGlite's text decoding drops a leading one (PostgreSQL keeps it).
 */
export function filedCsvBytes(csv: string): Buffer {
  return Buffer.from(`${BOM}${csv}`, 'utf8')
}

/** The XLSX of a filed report, dated at its filing (so its bytes come from the snapshot alone). */
export async function filedXlsx(snapshot: FiledSnapshot): Promise<Buffer> {
  const book = new (await excel()).Workbook()
  const filedAt = new Date(snapshot.filedAt)
  book.creator = 'NLS'
  book.lastModifiedBy = 'NLS'
  book.created = filedAt
  book.modified = filedAt
  const sheet = book.addWorksheet(translator('vi')('filing.sheet'))
  sheet.addRows(filedRows(snapshot, filedLabels('vi')))
  sheet.getColumn(1).width = 36
  sheet.getColumn(2).width = 24
  sheet.getColumn(3).width = 48
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** A filed report's file name: nls-2026-2027-HK1-Phong-GD-DT-Quan-6-2026-12-05.csv. */
export function filedFileName(
  report: { readonly period: string; readonly filedAt: Date },
  nodeName: string,
  extension: 'csv' | 'xlsx',
): string {
  return `nls-${report.period}-${slug(nodeName)}-${vnDate(report.filedAt)}.${extension}`
}
