import { Router } from 'express'
import { z } from 'zod'
import type { AudienceEntry } from '../../../framework/index.ts'
import { tenantSettings } from '../../evaluation/settings.ts'
import type { Report } from '../../reports/report.ts'
import { type Cell, reportRows } from '../../reports/report-rows.ts'
import { parseSemester, semesterOf, semestersSince } from '../../reports/semester.ts'
import { tablesInUse } from '../../reports/tables-in-use.ts'
import { renderPage } from '../../web/layout.tsx'
import type { PageContext } from '../../web/page-context.ts'
import { ReportsPage } from '../../web/pages/reports-page.tsx'
import { formatDate, levelName } from '../../web/parts.tsx'
import { InputInvalid } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import type { PageDeps } from './learner-pages.ts'
import { pageOf } from './page-session.ts'
import { firstReportedSemester, loadReport, nodeUnits, reportStaffByTable } from './report-data.ts'
import { reportNode } from './report-node.ts'
import { sendCsv } from './csv-download.ts'
import { excel } from './excel.ts'

const ReportQuery = z
  .object({
    audience: z.string().optional(),
    semester: z.string().optional(),
    unit: z
      .string()
      .optional()
      .transform((u) => u || undefined),
    node: z
      .string()
      .optional()
      .transform((n) => n || undefined),
  })
  .loose()

/** How many past semesters a manager can pick from. */
const SEMESTERS_SHOWN = 6

/** The manager's pages: the report of a semester, and its exports (CSV, XLSX). */
export function managerPages(deps: PageDeps & { readonly now: () => Date }): Router {
  const router = Router()

  /** The report a request asks for, checked. */
  async function requested(page: PageContext, query: unknown) {
    const q = parseInput(ReportQuery, query, 'query')
    const node = await reportNode(deps.stores, page, q.node)
    const { catalog } = deps.frameworks()
    const settings = tenantSettings(node.node.settings)
    const frameworkId = settings.audience.split('.')[0]
    const audiences = catalog.audiences(frameworkId)
    const audience = audiences.find((a) => a.id === (q.audience ?? settings.audience))
    if (!audience) {
      throw new InputInvalid([
        {
          path: ['query', 'audience'],
          message: `must be one of ${audiences.map((a) => a.id).join(', ')}`,
        },
      ])
    }
    const now = deps.now()
    const current = semesterOf(now)
    // None from before the table's circular took effect.
    const first = firstReportedSemester(audience)
    const since = semestersSince(first, current, SEMESTERS_SHOWN).reverse()
    const semesters = since.length > 0 ? since : [current]
    const semester = q.semester === undefined ? current : parseSemester(q.semester)
    const before = semester !== undefined && semester.start < first.start && semester !== current
    if (!semester || semester.start > now || before) {
      throw new InputInvalid([
        {
          path: ['query', 'semester'],
          message: `must be a semester such as ${current.id}, not a future one nor one before ${first.id}`,
        },
      ])
    }
    const [units, staffByTable] = await Promise.all([
      nodeUnits(deps.stores, node),
      reportStaffByTable(deps.stores, node),
    ])
    if (q.unit !== undefined && !units.includes(q.unit)) {
      throw new InputInvalid([{ path: ['query', 'unit'], message: `no unit ${q.unit}` }])
    }
    const report = await loadReport(deps.stores, {
      node,
      audience,
      semester,
      now,
      ...(q.unit !== undefined && { unit: q.unit }),
    })
    // The chooser lists the tables someone is in (and the one shown, though empty).
    const listed = tablesInUse(audiences, staffByTable, [audience.id])
    return {
      catalog,
      report,
      audiences: listed,
      semesters,
      units,
      node,
      path: node.path.map((t) => ({ id: t.id, name: t.name })),
      parts: node.parts.map((p) => ({ id: p.node.id, name: p.node.name })),
    }
  }

  router.get('/reports', async (req, res) => {
    const page = pageOf(res)
    const { node: _, ...data } = await requested(page, req.query)
    res.type('html').send(renderPage(ReportsPage, { ctx: page, ...data }))
  })

  router.get('/reports/export.csv', async (req, res) => {
    const page = pageOf(res)
    const { report } = await requested(page, req.query)
    sendCsv(res, exportRows(page, deps, report), `${exportName(report)}.csv`)
  })

  router.get('/reports/export.xlsx', async (req, res) => {
    const page = pageOf(res)
    const { report } = await requested(page, req.query)
    const book = new (await excel()).Workbook()
    book.creator = 'NLS'
    book.created = deps.now()
    const sheet = book.addWorksheet(report.semester.id)
    const rows = exportRows(page, deps, report)
    sheet.addRows(rows)
    sheet.getRow(1).font = { bold: true }
    sheet.views = [{ state: 'frozen', ySplit: 1 }]
    sheet.columns.forEach((column, i) => {
      column.width = i === 2 ? 60 : i === 0 ? 28 : 14
    })
    const info = book.addWorksheet(page.t('reports.sheetInfo'))
    info.addRows(infoRows(page, report))
    info.getColumn(1).width = 28
    info.getColumn(2).width = 60
    const buffer = await book.xlsx.writeBuffer()
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(`${exportName(report)}.xlsx`)
      .send(Buffer.from(buffer))
  })

  return router
}

/** An export's file name: the semester, the table and the unit (nls-2026-2027-HK1-TT18.PT). */
export function exportName(report: Report): string {
  const unit = report.unit ? `-${slug(report.unit)}` : ''
  return `nls-${report.semester.id}-${report.audience.id}${unit}`
}

/** A name as a file name part: ASCII letters and digits, dashes between (Phòng GD&ĐT → Phong-GD-DT). */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

function exportRows(page: PageContext, deps: PageDeps, report: Report): Cell[][] {
  const { catalog } = deps.frameworks()
  const fw = report.audience.framework.id
  const name = (a: AudienceEntry['audience']['components'][number]) =>
    page.lang === 'en' ? (a.name.en ?? a.name.vi) : a.name.vi
  return reportRows(
    report.figures,
    report.audience.audience.components.map((c) => ({ id: c.id, number: c.number, name: name(c) })),
    {
      unit: page.t('reports.unit'),
      component: page.t('reports.component'),
      componentName: page.t('profile.component'),
      staff: page.t('reports.staff'),
      levels: report.audience.framework.levels.map((l) => ({
        code: l.code,
        name: levelName(page, catalog, fw, l.code),
      })),
      none: page.t('levels.none'),
      atLeastFirst: page.t('reports.atLeastFirst'),
      total: page.t('reports.total'),
      noUnit: page.t('reports.noUnit'),
      hidden: page.t('reports.hidden', { count: report.minGroupSize }),
      everyComponent: page.t('reports.everyComponent'),
      empty: page.t('reports.empty'),
    },
  )
}

function infoRows(page: PageContext, report: Report): Cell[][] {
  const name = report.audience.audience.name
  return [
    [page.t('reports.semester'), report.semester.id],
    [
      page.t('reports.table'),
      `${report.audience.id} — ${page.lang === 'en' ? (name.en ?? name.vi) : name.vi}`,
    ],
    [page.t('reports.unit'), report.unit ?? page.t('reports.allUnits')],
    [page.t('reports.asOf', { date: formatDate(page.lang, report.asOf) }), ''],
    [page.t('reports.minGroup', { count: report.minGroupSize }), ''],
    [page.t('staffFigures.note'), ''],
    ...(report.scope === 'district' ? [[page.t('staffFigures.districtNote'), '']] : []),
  ]
}
