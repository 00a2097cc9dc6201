import { type Response, Router } from 'express'
import { z } from 'zod'
import { recordVerdicts, type Verdict } from '../../evaluation/overrides.ts'
import { personProfile } from '../../evaluation/profile.ts'
import type { Stores } from '../../store/index.ts'
import { renderPage } from '../../web/layout.tsx'
import { waitingStatements } from '../../evaluation/waiting-statements.ts'
import { href, type PageContext } from '../../web/page-context.ts'
import { personName } from '../../web/pages/profile-page.tsx'
import { ReviewPage, type ReviewPageProps } from '../../web/pages/review-page.tsx'
import { accessScope, requirePersonInScope, requireStaffScope } from '../access-scope.ts'
import { InputInvalid, NotFound } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import { fieldProblems } from './field-problems.ts'
import type { PageDeps } from './learner-pages.ts'
import { pageOf, requireStaffPage } from './page-session.ts'

/** How many levels a page of the review queue shows. */
export const REVIEW_PAGE_SIZE = 50

const pageNumber = z.coerce
  .number()
  .int('must be a page number')
  .min(1, 'must be a page number')
  .optional()
const ReviewQuery = z
  .object({
    saved: z.string().optional(),
    confirmed: z.coerce.number().int().min(0).optional(),
    page: pageNumber,
  })
  .loose()
const reason = z.string().trim().max(500, 'at most 500 characters')
const ReviewForm = z.object({
  personId: z.uuid('must be a person id'),
  componentId: z.string().min(1, 'must be a component ID'),
  decision: z.string().min(1, 'choose a decision'),
  reason: reason.min(1, 'give a reason'),
  page: pageNumber,
})
/** A ticked level: `<person id> <component id>`. */
const ticked = z
  .string()
  .regex(/^[0-9a-f-]{36} \S+$/i, 'must be a person id and a component ID')
  .transform((s) => {
    const [personId, componentId] = s.split(' ') as [string, string]
    return { personId, componentId }
  })
const BulkForm = z.object({
  item: z
    .union([ticked, z.array(ticked).max(REVIEW_PAGE_SIZE, 'at most one page of levels')])
    .optional()
    .transform((t) => (t === undefined ? [] : Array.isArray(t) ? t : [t])),
  reason: reason.optional().default(''),
  page: pageNumber,
})

/** The review queue: a page of levels waiting for a verdict, one by one or ticked together. */
export function reviewPages(deps: PageDeps & { readonly wake: () => void }): Router {
  const router = Router()

  /** The people whose levels the session reviews: a trainer's course; without one, all. */
  async function reviewed(page: PageContext): Promise<string[] | undefined> {
    const { tenantId, contextId } = page.session
    return contextId
      ? (await deps.stores.courses.listMembers(tenantId, contextId)).map((m) => m.personId)
      : undefined
  }

  /** Sends a page of the queue (with what the bulk form kept, when it was refused). */
  async function send(
    res: Response,
    status: number,
    page: PageContext,
    pageNo: number,
    more: Pick<ReviewPageProps, 'notice' | 'bulk' | 'verdict'> = {},
  ) {
    const { tenantId } = page.session
    const personIds = await reviewed(page)
    // Those who act for the whole school see what waits for someone to be added to it.
    const schoolWide = accessScope(page.session).kind === 'tenant'
    const [queue, total, waiting] = await Promise.all([
      deps.stores.progress.reviewQueue(tenantId, {
        ...(personIds && { personIds }),
        limit: REVIEW_PAGE_SIZE,
        offset: (pageNo - 1) * REVIEW_PAGE_SIZE,
      }),
      deps.stores.progress.countReviewQueue(tenantId, personIds),
      schoolWide ? waitingStatements(deps.stores, tenantId) : undefined,
    ])
    const people = new Map(
      (
        await deps.stores.people.getPeople(tenantId, [...new Set(queue.map((q) => q.personId))])
      ).map((p) => [p.id, personName(p)]),
    )
    const { catalog } = deps.frameworks()
    res
      .status(status)
      .type('html')
      .send(
        renderPage(ReviewPage, {
          ctx: page,
          catalog,
          items: queue.map((q) => ({
            ...q,
            name: people.get(q.personId) ?? q.personId,
            metCount: metCount(q.reasons),
          })),
          paging: { page: pageNo, pageSize: REVIEW_PAGE_SIZE, total },
          ...(waiting && { waiting }),
          ...more,
        }),
      )
  }

  /** The verdicts a decision on a level records (undefined: the level is no longer held). */
  async function verdictsOf(
    stores: Stores,
    tenantId: string,
    personId: string,
    componentId: string,
    decision: string,
    why: string,
  ): Promise<Verdict[] | undefined> {
    const { model, catalog } = deps.frameworks()
    const component = model.components.get(componentId)
    if (!component) {
      throw new InputInvalid([{ path: ['body', 'componentId'], message: 'no such component' }])
    }
    if (
      decision !== 'confirm' &&
      decision !== 'none' &&
      !component.levels.some((l) => l.code === decision)
    ) {
      throw new InputInvalid([
        {
          path: ['body', 'decision'],
          message: `must be confirm, none or a level of ${componentId}`,
        },
      ])
    }
    const profile = await personProfile(stores, catalog, model, tenantId, personId, {
      componentIds: [componentId],
    })
    const view = profile?.components[0]
    if (!view?.level) return undefined
    // Confirming a level confirms the criteria inference found met (not those it did not).
    return decision === 'confirm'
      ? view.levels
          .flatMap((l) => l.criteria)
          .filter((c) => c.inferredMet && !c.override)
          .map((c) => ({ action: 'confirm' as const, targetId: c.id, reason: why }))
      : [
          {
            action: 'set-level' as const,
            targetId: componentId,
            level: decision === 'none' ? null : decision,
            reason: why,
          },
        ]
  }

  router.get('/review', async (req, res) => {
    const page = pageOf(res)
    requireStaffPage(page)
    requireStaffScope(accessScope(page.session))
    const { saved, confirmed, page: pageNo = 1 } = parseInput(ReviewQuery, req.query, 'query')
    const notice =
      confirmed !== undefined
        ? page.t('review.confirmedMany', { count: confirmed })
        : saved !== undefined
          ? page.t('review.saved')
          : undefined
    await send(res, 200, page, pageNo, { ...(notice !== undefined && { notice }) })
  })

  router.post('/review', async (req, res) => {
    const page = pageOf(res)
    requireStaffPage(page)
    const parsed = ReviewForm.safeParse(req.body)
    if (!parsed.success) {
      // The queue again, this level's decision and reason as typed, the problem at its field.
      const typed = (name: string) => {
        const value = (req.body as Record<string, unknown> | undefined)?.[name]
        return typeof value === 'string' ? value.slice(0, 1_000) : ''
      }
      const pageNo = pageNumber.safeParse(typed('page') || undefined)
      return send(res, 400, page, (pageNo.success && pageNo.data) || 1, {
        verdict: {
          key: `${typed('personId')} ${typed('componentId')}`,
          decision: typed('decision'),
          reason: typed('reason'),
          problems: fieldProblems(parsed.error.issues, page.t, {
            reason: 'formErrors.reasonNeeded',
          }),
        },
      })
    }
    const body = parsed.data
    const { tenantId } = page.session
    // A course's trainer judges the levels of the course's members only.
    const scope = accessScope(page.session)
    await requirePersonInScope(deps.stores.courses, tenantId, scope, body.personId)
    const verdicts = await verdictsOf(
      deps.stores,
      tenantId,
      body.personId,
      body.componentId,
      body.decision,
      body.reason,
    )
    if (!verdicts) throw new NotFound('this level is no longer held: reload the queue')
    await recordVerdicts(
      deps.stores,
      tenantId,
      body.personId,
      verdicts,
      `person:${page.session.personId}`,
    )
    deps.wake()
    res.redirect(
      303,
      href(page, '/app/review', {
        saved: '1',
        ...(body.page !== undefined && body.page > 1 && { page: String(body.page) }),
      }),
    )
  })

  // The ticked levels confirmed with one reason, in one transaction: all, or none.
  router.post('/review/bulk', async (req, res) => {
    const page = pageOf(res)
    requireStaffPage(page)
    const body = parseInput(BulkForm, req.body, 'body')
    const pageNo = body.page ?? 1
    const { tenantId } = page.session
    const scope = accessScope(page.session)
    const people = [...new Set(body.item.map((i) => i.personId))]
    for (const personId of people) {
      await requirePersonInScope(deps.stores.courses, tenantId, scope, personId)
    }
    const keys = body.item.map((i) => `${i.personId} ${i.componentId}`)
    const problems: NonNullable<ReviewPageProps['bulk']>['problems'] = {
      ...(body.item.length === 0 && { item: page.t('review.noneTicked') }),
      ...(body.reason === '' && { reason: page.t('review.reasonNeeded') }),
    }
    if (problems.item !== undefined || problems.reason !== undefined) {
      return send(res, 400, page, pageNo, {
        bulk: { ticked: keys, reason: body.reason, problems },
      })
    }
    const actor = `person:${page.session.personId}`
    const confirmed = await deps.stores.transaction(async (tx) => {
      let count = 0
      for (const item of body.item) {
        const verdicts = await verdictsOf(
          tx,
          tenantId,
          item.personId,
          item.componentId,
          'confirm',
          body.reason,
        )
        if (!verdicts?.length) continue
        await recordVerdicts(tx, tenantId, item.personId, verdicts, actor)
        count++
      }
      return count
    })
    deps.wake()
    res.redirect(
      303,
      href(page, '/app/review', {
        confirmed: String(confirmed),
        ...(pageNo > 1 && { page: String(pageNo) }),
      }),
    )
  })

  return router
}

/** How many criteria a saved level's reasons count as met. */
function metCount(reasons: unknown): number {
  const levels = (reasons as { levels?: unknown } | undefined)?.levels
  if (!Array.isArray(levels)) return 0
  return levels.reduce((n: number, l: unknown) => n + Number((l as { met?: unknown }).met ?? 0), 0)
}
