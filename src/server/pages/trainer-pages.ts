import { Router } from 'express'
import type { Logger } from 'pino'
import { z } from 'zod'
import { createAccessTokens } from '../../../lti/services/index.ts'
import { ROSTER_FRESH_MS, syncRoster } from '../../evaluation/course-roster.ts'
import { recordVerdicts } from '../../evaluation/overrides.ts'
import { personTables } from '../../evaluation/person-tables.ts'
import { personProfile } from '../../evaluation/profile.ts'
import { renderPage } from '../../web/layout.tsx'
import { href, type PageContext } from '../../web/page-context.ts'
import { ClassPage } from '../../web/pages/class-page.tsx'
import { personName } from '../../web/pages/profile-page.tsx'
import { ReviewPage } from '../../web/pages/review-page.tsx'
import { accessScope, requirePersonInScope, requireStaffScope } from '../access-scope.ts'
import { InputInvalid, NotFound } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import { type PageDeps, settingsOf } from './learner-pages.ts'
import { pageOf, requireStaffPage } from './page-session.ts'

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
})

/** How many learners a page of the heat-map shows. */
export const CLASS_PAGE_SIZE = 100
/** How many of a school's staff the heat-map pages through, at most. */
const MAX_STAFF = 20_000
const ReviewForm = z.object({
  personId: z.uuid('must be a person id'),
  componentId: z.string().min(1, 'must be a component ID'),
  decision: z.string().min(1, 'choose a decision'),
  reason: z.string().trim().min(1, 'give a reason').max(500, 'at most 500 characters'),
})

/** How many levels the review queue shows at once. */
const REVIEW_PAGE = 50

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

  /** A course's learners, from its roster (read again when stale), with the course's facts. */
  async function courseLearners(page: PageContext, contextId: string, log: Logger) {
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
    const members = await deps.stores.courses.listMembers(tenantId, contextId)
    const learners = members.filter((m) =>
      m.roles.some((r) => /#Learner$|\/Learner$|^Learner$/.test(r)),
    )
    return {
      people: await deps.stores.people.getPeople(
        tenantId,
        learners.map((m) => m.personId),
      ),
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
    const { saved, page: pageNumber = 1, unit } = parseInput(ClassQuery, req.query, 'query')
    const { tenantId, contextId } = page.session
    // From a course, its learners; without one (a local sign-in, or a launch outside a course),
    // the school's staff by the unit chosen.
    const [group, units, schools] = await Promise.all([
      contextId
        ? courseLearners(page, contextId, req.log)
        : deps.stores.people
            .listPeople(tenantId, { ...(unit !== undefined && { unit }), limit: MAX_STAFF })
            .then((people) => ({ people, course: undefined })),
      contextId ? [] : deps.stores.reports.listUnits(tenantId),
      // A district's people are its schools'; its managers see them summed up in the report.
      contextId
        ? []
        : deps.stores.tenants
            .listTenants()
            .then((all) => all.filter((t) => t.parentId === tenantId)),
    ])
    const { catalog } = deps.frameworks()
    const settings = await settingsOf(deps.stores, tenantId)
    const [table] = personTables(catalog, undefined, settings.audience)
    const people = group.people
      .map((p) => ({ personId: p.id, name: personName(p) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
    // A page of people by name, with their levels.
    const shown = people.slice((pageNumber - 1) * CLASS_PAGE_SIZE, pageNumber * CLASS_PAGE_SIZE)
    const levels = await deps.stores.progress.findLevelsOfPeople(
      tenantId,
      shown.map((p) => p.personId),
    )
    const rows = shown.map((p) => ({
      ...p,
      levels: new Map((levels.get(p.personId) ?? []).map((l) => [l.componentId, l.level])),
    }))
    res.type('html').send(
      renderPage(ClassPage, {
        ctx: page,
        catalog,
        table: table!,
        ...(group.course && { course: group.course }),
        units,
        ...(unit !== undefined && { unit }),
        schools: schools.length,
        rows,
        paging: { page: pageNumber, pageSize: CLASS_PAGE_SIZE, total: people.length },
        notice:
          saved !== undefined ? page.t('class.refreshed', { count: Number(saved) }) : undefined,
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

  router.get('/review', async (req, res) => {
    const page = pageOf(res)
    requireStaffPage(page)
    requireStaffScope(accessScope(page.session))
    const { saved } = parseInput(NoticeQuery, req.query, 'query')
    const { tenantId } = page.session
    // A trainer reviews their course; a manager launched outside a course, the whole tenant.
    const personIds = page.session.contextId
      ? (await deps.stores.courses.listMembers(tenantId, page.session.contextId)).map(
          (m) => m.personId,
        )
      : undefined
    const queue = await deps.stores.progress.reviewQueue(tenantId, {
      ...(personIds && { personIds }),
      limit: REVIEW_PAGE,
    })
    const people = new Map(
      (
        await deps.stores.people.getPeople(tenantId, [...new Set(queue.map((q) => q.personId))])
      ).map((p) => [p.id, personName(p)]),
    )
    const { catalog } = deps.frameworks()
    res.type('html').send(
      renderPage(ReviewPage, {
        ctx: page,
        catalog,
        items: queue.map((q) => ({
          ...q,
          name: people.get(q.personId) ?? q.personId,
          metCount: metCount(q.reasons),
        })),
        notice: saved !== undefined ? page.t('review.saved') : undefined,
      }),
    )
  })

  router.post('/review', async (req, res) => {
    const page = pageOf(res)
    requireStaffPage(page)
    const body = parseInput(ReviewForm, req.body, 'body')
    const { tenantId } = page.session
    // A course's trainer judges the levels of the course's members only.
    await requirePersonInScope(
      deps.stores.courses,
      tenantId,
      accessScope(page.session),
      body.personId,
    )
    const { model } = deps.frameworks()
    const component = model.components.get(body.componentId)
    if (!component) {
      throw new InputInvalid([{ path: ['body', 'componentId'], message: 'no such component' }])
    }
    const { catalog } = deps.frameworks()
    const profile = await personProfile(deps.stores, catalog, model, tenantId, body.personId, {
      componentIds: [body.componentId],
    })
    const view = profile?.components[0]
    if (!view?.level) throw new NotFound('this level is no longer held: reload the queue')
    // Confirming a level confirms the criteria inference found met (not those it did not).
    const verdicts =
      body.decision === 'confirm'
        ? view.levels
            .flatMap((l) => l.criteria)
            .filter((c) => c.inferredMet && !c.override)
            .map((c) => ({ action: 'confirm' as const, targetId: c.id, reason: body.reason }))
        : [
            {
              action: 'set-level' as const,
              targetId: body.componentId,
              level: body.decision === 'none' ? null : body.decision,
              reason: body.reason,
            },
          ]
    if (
      body.decision !== 'confirm' &&
      body.decision !== 'none' &&
      !component.levels.some((l) => l.code === body.decision)
    ) {
      throw new InputInvalid([
        {
          path: ['body', 'decision'],
          message: `must be confirm, none or a level of ${body.componentId}`,
        },
      ])
    }
    await recordVerdicts(
      deps.stores,
      tenantId,
      body.personId,
      verdicts,
      `person:${page.session.personId}`,
    )
    deps.wake()
    res.redirect(303, href(page, '/app/review', { saved: '1' }))
  })

  return router
}

/** How many criteria a saved level's reasons count as met. */
function metCount(reasons: unknown): number {
  const levels = (reasons as { levels?: unknown } | undefined)?.levels
  if (!Array.isArray(levels)) return 0
  return levels.reduce((n: number, l: unknown) => n + Number((l as { met?: unknown }).met ?? 0), 0)
}
