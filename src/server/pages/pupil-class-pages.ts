import { type Response, Router } from 'express'
import { z } from 'zod'
import { reachedByComponent } from '../../learners/class-heatmap.ts'
import type { Context } from '../../store/index.ts'
import { renderPage } from '../../web/layout.tsx'
import { translator } from '../../web/i18n.ts'
import type { PageContext } from '../../web/page-context.ts'
import type { ClassPageProps } from '../../web/pages/class-page.tsx'
import { PupilClassPage } from '../../web/pages/pupil-class-page.tsx'
import { accessScope, requireStaffScope } from '../access-scope.ts'
import { NotFound } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import { type PageDeps, settingsOf } from './learner-pages.ts'
import { slug } from './manager-pages.ts'
import { pageOf, requireStaffPage } from './page-session.ts'
import {
  exportHeader,
  exportRows,
  pupilBatches,
  pupilRows,
  pupilView,
  type PupilView,
  textMissing,
} from './pupil-class-data.ts'
import { csvWriter } from './csv-download.ts'
import { excel } from './excel.ts'

/** A query value left empty in a form counts as not given. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .optional()
    .transform((v) => v || undefined)

/** What chooses the pupils without a course: a learners' table and, optionally, a class. */
export const PupilQuery = z.object({ table: optionalText(40), class: optionalText(100) }).loose()

/** How many pupils a page of the heat-map shows. */
export const PUPIL_PAGE_SIZE = 100

/** Renders a page of a class's pupils against their targets. */
export async function pupilClassHtml(
  deps: PageDeps,
  page: PageContext,
  view: PupilView,
  shown: {
    readonly page: number
    readonly course?: ClassPageProps['course']
    readonly className?: string
    readonly notice?: string
  },
): Promise<string> {
  const { tenantId } = page.session
  const { catalog } = deps.frameworks()
  const { group } = view
  const [settings, found, classes] = await Promise.all([
    settingsOf(deps.stores, tenantId),
    deps.stores.classes.listPupils(tenantId, group, {
      table: view.table.id,
      limit: PUPIL_PAGE_SIZE,
      offset: (shown.page - 1) * PUPIL_PAGE_SIZE,
    }),
    group.kind === 'table'
      ? deps.stores.classes.listClasses(tenantId, group.audience, group.defaultAudience)
      : [],
  ])
  const rows = pupilRows(view.table, found.pupils, settings.gradeTargets)
  return renderPage(PupilClassPage, {
    ctx: page,
    catalog,
    table: view.table,
    ...(shown.course && { course: shown.course }),
    classes,
    ...(shown.className !== undefined && { className: shown.className }),
    rows,
    reached: reachedByComponent(rows),
    paging: { page: shown.page, pageSize: PUPIL_PAGE_SIZE, total: found.total },
    textMissing: textMissing(view.table),
    ...(shown.notice !== undefined && { notice: shown.notice }),
  })
}

/**
 * The export of a class for its homeroom teacher: every pupil (not only a page), with their
 * target and, per component, their level and whether it reaches the target. For the course's
 * trainers (its LMS Instructors) and the school's managers and trainers; learners are refused.
 */
export function pupilClassPages(deps: PageDeps): Router {
  const router = Router()

  /** The pupils a download covers, after the caller's rights are checked. */
  async function exportView(page: PageContext, query: unknown) {
    requireStaffPage(page)
    requireStaffScope(accessScope(page.session))
    const { tenantId, contextId } = page.session
    const asked = parseInput(PupilQuery, query, 'query')
    const [context, settings] = await Promise.all([
      contextId ? deps.stores.courses.getContext(tenantId, contextId) : undefined,
      settingsOf(deps.stores, tenantId),
    ])
    const { catalog } = deps.frameworks()
    const view = pupilView(page, catalog, context, asked, settings.audience)
    if (!view) throw new NotFound(page.t(contextId ? 'pupilClass.noPupils' : 'pupilClass.noTable'))
    return { view, context, settings, name: fileName(context, asked.class) }
  }

  router.get('/class/pupils.csv', async (req, res) => {
    const page = pageOf(res)
    const { view, settings, name } = await exportView(page, req.query)
    // Written a batch at a time, so that a school's pupils never sit in memory whole.
    const csv = csvWriter(res, `${name}.csv`)
    await csv.write([exportHeader(view.table)])
    for await (const pupils of pupilBatches(deps.stores, page.session.tenantId, view)) {
      if (!(await csv.write(exportRows(view.table, pupils, settings.gradeTargets)))) return
    }
    csv.end()
  })

  router.get('/class/pupils.xlsx', async (req, res) => {
    const page = pageOf(res)
    const { view, settings, name } = await exportView(page, req.query)
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(`${name}.xlsx`)
    await streamXlsx(res, async (addRows) => {
      addRows([exportHeader(view.table)])
      for await (const pupils of pupilBatches(deps.stores, page.session.tenantId, view)) {
        if (res.destroyed) return
        addRows(exportRows(view.table, pupils, settings.gradeTargets))
      }
    })
  })

  return router
}

/** Writes a workbook of one sheet to the response as its rows come (ExcelJS's streaming writer). */
async function streamXlsx(
  res: Response,
  fill: (addRows: (rows: readonly unknown[][]) => void) => Promise<void>,
): Promise<void> {
  const book = new (await excel()).stream.xlsx.WorkbookWriter({
    stream: res,
    useStyles: false,
    useSharedStrings: false,
  })
  book.creator = 'NLS'
  // Named in Vietnamese, as the export's header is first.
  const sheet = book.addWorksheet(translator('vi')('pupilClass.export.sheet'))
  await fill((rows) => {
    for (const row of rows) sheet.addRow(row).commit()
  })
  sheet.commit()
  await book.commit()
}

/** A download's name: nls-lop-7A1, from the class asked for or the course's label or title. */
function fileName(context: Context | undefined, className: string | undefined): string {
  const of = className ?? context?.label ?? context?.title ?? 'hoc-sinh'
  return `nls-lop-${slug(of) || 'hoc-sinh'}`
}
