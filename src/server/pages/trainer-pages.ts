import { Router } from 'express'
import type { Logger } from 'pino'
import { z } from 'zod'
import { createAccessTokens } from '../../../lti/services/index.ts'
import { ROSTER_FRESH_MS, syncRoster } from '../../evaluation/course-roster.ts'
import { personTables } from '../../evaluation/person-tables.ts'
import { renderPage } from '../../web/layout.tsx'
import { href, type PageContext } from '../../web/page-context.ts'
import { ClassPage } from '../../web/pages/class-page.tsx'
import { personName } from '../../web/pages/profile-page.tsx'
import { accessScope, requireStaffScope } from '../access-scope.ts'
import { NotFound } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import { type PageDeps, settingsOf } from './learner-pages.ts'
import { pageOf, requireStaffPage } from './page-session.ts'
import { firstLearnersTable, pupilView } from './pupil-class-data.ts'
import { PupilQuery, pupilClassHtml, pupilClassPages } from './pupil-class-pages.ts'
import { reviewPages } from './review-pages.ts'

const NoticeQuery = z.object({ saved: z.string().optional() }).loose()
const ClassQuery = NoticeQuery.extend({
  page: z.coerce.number().int('must be a page number').min(1, 'must be a page number').optional(),
  /** A unit of the school's roster; empty: all. */
  unit: z
    .string()
    .trim()
    .max(200, 'at most 200 characters')
    .optional()
    .transform((u) => u || undefined),
  ...PupilQuery.shape,
})

/** How many learners a page of the heat-map shows. */
export const CLASS_PAGE_SIZE = 100

/** The trainer's pages: the class heat-map (roster from NRPS) and the review queue. */
export function trainerPages(
  deps: PageDeps & { readonly now: () => Date; readonly wake: () => void },
): Router {
  const router = Router()
  const tokens = createAccessTokens({ toolKeys: deps.stores.toolKeys, now: deps.now })

  /** The course of a trainer's session (launched from it). */
  function courseOf(page: PageContext): string {
    requireStaffPage(page)
    if (!page.session.contextId) throw new NotFound(page.t('class.noCourse'))
    return page.session.contextId
  }

  async function sync(page: PageContext, contextId: string) {
    const settings = await settingsOf(deps.stores, page.session.tenantId)
    return syncRoster(deps.stores, { tokens }, page.session.tenantId, contextId, {
      identityRule: settings.identityRule,
      now: deps.now(),
    })
  }

  /** A course, its roster read again from the LMS when stale, and what the page says of it. */
  async function freshCourse(page: PageContext, contextId: string, log: Logger) {
    const { tenantId } = page.session
    let context = await deps.stores.courses.getContext(tenantId, contextId)
    let rosterProblem: string | undefined
    // Read the roster when it was never read, or long ago; the page still shows with the
    // people who launched when the LMS does not answer.
    const stale =
      !context?.rosterSyncedAt ||
      deps.now().getTime() - context.rosterSyncedAt.getTime() > ROSTER_FRESH_MS
    if (stale) {
      try {
        await sync(page, contextId)
        context = await deps.stores.courses.getContext(tenantId, contextId)
      } catch (err) {
        rosterProblem = (err as Error).message
        log.warn({ err }, 'roster not read')
      }
    }
    return {
      context,
      course: {
        ...(context?.title !== undefined && { title: context.title }),
        ...(context?.rosterSyncedAt && { syncedAt: context.rosterSyncedAt }),
        ...(rosterProblem !== undefined && { rosterProblem }),
      },
    }
  }

  router.get('/class', async (req, res) => {
    const page = pageOf(res)
    requireStaffPage(page)
    requireStaffScope(accessScope(page.session))
    const query = parseInput(ClassQuery, req.query, 'query')
    const { saved, page: pageNumber = 1, unit } = query
    const { tenantId, contextId } = page.session
    const notice =
      saved !== undefined ? page.t('class.refreshed', { count: Number(saved) }) : undefined
    const fresh = contextId ? await freshCourse(page, contextId, req.log) : undefined
    const { catalog } = deps.frameworks()
    const settings = await settingsOf(deps.stores, tenantId)
    // Pupils, each against their own target: a course on a learners' table, or without a course
    // the school's pupils of the learners' table asked for, by class.
    const pupils = pupilView(page, catalog, fresh?.context, query, settings.audience)
    if (pupils) {
      const html = await pupilClassHtml(deps, page, pupils, {
        page: pageNumber,
        ...(fresh && { course: fresh.course }),
        ...(query.class !== undefined && { className: query.class }),
        ...(notice !== undefined && { notice }),
      })
      return res.type('html').send(html)
    }
    // A course's own table (a teachers' course may develop another than the school's).
    const courseAudience = fresh?.context?.audience
    const [table] = personTables(
      catalog,
      { courseAudiences: courseAudience ? [courseAudience] : [] },
      settings.audience,
    )
    // From a course, its learners; without one (a local sign-in, or a launch outside a course),
    // the school's staff by the unit chosen: a page of them by name, with their levels.
    const [listed, units, schools] = await Promise.all([
      deps.stores.classes.listStaff(
        tenantId,
        contextId
          ? { kind: 'course', contextId }
          : { kind: 'staff', ...(unit !== undefined && { unit }) },
        {
          table: table!.id,
          limit: CLASS_PAGE_SIZE,
          offset: (pageNumber - 1) * CLASS_PAGE_SIZE,
        },
      ),
      contextId ? [] : deps.stores.reports.listUnits(tenantId),
      // A district's people are its schools'; its managers see them summed up in the report.
      contextId
        ? []
        : deps.stores.tenants
            .treeAround(tenantId, { depth: 1 })
            .then((around) => around.filter((t) => t.parentId === tenantId)),
    ])
    const rows = listed.pupils.map((p) => ({
      personId: p.personId,
      name: personName({ ...p, id: p.personId }),
      levels: p.levels,
    }))
    res.type('html').send(
      renderPage(ClassPage, {
        ctx: page,
        catalog,
        table: table!,
        ...(fresh && { course: fresh.course }),
        units,
        ...(unit !== undefined && { unit }),
        schools: schools.length,
        ...(!contextId && { learnersTable: firstLearnersTable(catalog)?.id }),
        rows,
        paging: { page: pageNumber, pageSize: CLASS_PAGE_SIZE, total: listed.total },
        notice,
      }),
    )
  })

  router.post('/class/roster', async (_req, res) => {
    const page = pageOf(res)
    const contextId = courseOf(page)
    const count = await sync(page, contextId)
    deps.wake()
    res.redirect(303, href(page, '/app/class', { saved: String(count) }))
  })

  router.use(pupilClassPages(deps))
  router.use(reviewPages(deps))

  return router
}
