import { Router } from 'express'
import { z } from 'zod'
import { readCourseTable } from '../../evaluation/course-table.ts'
import { href } from '../../web/page-context.ts'
import { NotFound } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import { coursePagesParts } from './course-view.ts'
import { type PageDeps, settingsOf } from './learner-pages.ts'
import { pageOf } from './page-session.ts'

/** The course table form as sent (select values; anything longer is no choice of the form). */
const CourseTableForm = z
  .object({
    audience: z.string().max(40, 'at most 40 characters').default(''),
    grade: z.string().max(10, 'at most 10 characters').default(''),
  })
  .loose()

/**
 * The course's table and grade, set from the course page. Who: the course's trainer (an LMS
 * Instructor launched from it) or an administrator launched from it; a learner is refused (403).
 * Scope: the session's own course, which must exist in its tenant (else 404); a page of no
 * course has no table to set (404).
 */
export function courseTablePages(deps: PageDeps): Router {
  const router = Router()
  const { courseOf, renderCourse } = coursePagesParts(deps)

  router.post('/course/table', async (req, res) => {
    const page = pageOf(res)
    const contextId = courseOf(page)
    const { tenantId } = page.session
    const context = contextId
      ? await deps.stores.courses.getContext(tenantId, contextId)
      : undefined
    if (!context) throw new NotFound('no course: open NLS from the course to set its table')
    const typed = parseInput(CourseTableForm, req.body, 'body')
    const settings = await settingsOf(deps.stores, tenantId)
    const read = readCourseTable(deps.frameworks().catalog, settings.audience, typed)
    if (read.problems) {
      res
        .status(400)
        .type('html')
        .send(await renderCourse(page, { courseTableForm: { ...typed, problems: read.problems } }))
      return
    }
    await deps.stores.courses.setCourseTable(tenantId, context.id, read.table)
    res.redirect(303, href(page, '/app/course', { saved: 'table' }))
  })

  return router
}
