import { Router } from 'express'
import { z } from 'zod'
import type { AudienceEntry } from '../../../framework/index.ts'
import {
  parseSchoolYear,
  type SchoolYear,
  schoolYear,
  schoolYearOf,
} from '../../reports/semester.ts'
import { renderPage } from '../../web/layout.tsx'
import type { PageContext } from '../../web/page-context.ts'
import { LearnerReportPage } from '../../web/pages/learner-report-page.tsx'
import { InputInvalid } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import { LEARNERS_TABLE } from '../../learners/learners-table.ts'
import { type LearnerReport, loadLearnerReport } from './learner-report-data.ts'
import { learnerReportRows } from './learner-report-rows.ts'
import type { PageDeps } from './learner-pages.ts'
import { slug } from './manager-pages.ts'
import { pageOf } from './page-session.ts'
import { reportNode } from './report-node.ts'
import { sendCsv } from './csv-download.ts'
import { excel } from './excel.ts'

/** A query value left empty in a form counts as not given. */
const optional = z
  .string()
  .optional()
  .transform((v) => v || undefined)

const LearnerQuery = z
  .object({
    node: optional,
    year: z
      .string()
      .regex(/^\d{4}-\d{4}$/, 'must be a school year such as 2025-2026')
      .optional()
      .or(z.literal('').transform(() => undefined)),
  })
  .loose()

/** The school years a report can be asked for: from the circular's, up to the current one. */
export function learnerYears(audience: AudienceEntry, now: Date): SchoolYear[] {
  const { source } = audience.framework
  const [y, m, d] = (source.effective ?? source.issued).split('-').map(Number) as [
    number,
    number,
    number,
  ]
  const first = schoolYearOf(new Date(Date.UTC(y, m - 1, d))).startYear
  const current = schoolYearOf(now).startYear
  const years: SchoolYear[] = []
  for (let year = current; year >= first; year--) years.push(schoolYear(year))
  return years
}

/**
 * The learners' report (managers only, on a node of their own subtree, 403/404 as every report):
 * pupils of Circular 02/2025 per unit, or per grade and class at a school, for a school year; as
 * a page, a CSV and an XLSX. Counts only: no pupil's name is on it.
 */
export function learnerReportPages(deps: PageDeps & { readonly now: () => Date }): Router {
  const router = Router()

  async function requested(page: PageContext, query: unknown) {
    const q = parseInput(LearnerQuery, query, 'query')
    const node = await reportNode(deps.stores, page, q.node)
    const { catalog } = deps.frameworks()
    const now = deps.now()
    const years = learnerYears(catalog.getOf(LEARNERS_TABLE, 'audience'), now)
    const year = q.year === undefined ? years[0]! : parseSchoolYear(q.year)
    if (!year || !years.some((y) => y.id === year.id)) {
      throw new InputInvalid([
        {
          path: ['query', 'year'],
          message: `must be a school year from ${years[years.length - 1]!.id} to ${years[0]!.id}`,
        },
      ])
    }
    const report = await loadLearnerReport(deps.stores, { catalog, node, year, now })
    return { node, report, years, catalog }
  }

  router.get('/reports/learners', async (req, res) => {
    const page = pageOf(res)
    const { node, report, years, catalog } = await requested(page, req.query)
    res.type('html').send(
      renderPage(LearnerReportPage, {
        ctx: page,
        catalog,
        path: node.path.map((t) => ({ id: t.id, name: t.name })),
        years: years.map((y) => y.id),
        report,
      }),
    )
  })

  router.get('/reports/learners/export.csv', async (req, res) => {
    const { report } = await requested(pageOf(res), req.query)
    sendCsv(res, learnerReportRows(report), `${exportName(report)}.csv`)
  })

  router.get('/reports/learners/export.xlsx', async (req, res) => {
    const page = pageOf(res)
    const { report } = await requested(page, req.query)
    const book = new (await excel()).Workbook()
    book.creator = 'NLS'
    book.created = deps.now()
    const sheet = book.addWorksheet(`${page.t('learnerReports.sheet')} ${report.year.id}`)
    const rows = learnerReportRows(report)
    sheet.addRows(rows)
    const header = rows.findIndex((r) => r.length > 5) + 1
    sheet.getRow(header).font = { bold: true }
    sheet.views = [{ state: 'frozen', ySplit: header }]
    sheet.columns.forEach((column, i) => {
      column.width = i === 0 ? 32 : i === 2 ? 48 : 14
    })
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(`${exportName(report)}.xlsx`)
      .send(Buffer.from(await book.xlsx.writeBuffer()))
  })

  return router
}

/** An export's file name: nls-hoc-sinh-2025-2026-Phuong-Long-Bien. */
function exportName(report: LearnerReport): string {
  return `nls-hoc-sinh-${report.year.id}-${slug(report.node.name)}`
}
