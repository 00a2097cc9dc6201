import { Router } from 'express'
import { z } from 'zod'
import { personTables } from '../../evaluation/person-tables.ts'
import { TagRule } from '../../inference/index.ts'
import { searchFramework } from '../../tagging/framework-search.ts'
import { formatTagsCsv } from '../../tagging/tag-csv-export.ts'
import { createTag, removeTag, updateTag } from '../../tagging/tag-service.ts'
import { formatTagCsvProblem } from '../../tagging/tag-csv.ts'
import { planTagImport, storeTagRows } from '../../tagging/tag-import.ts'
import type { Tag } from '../../store/index.ts'
import { renderPage } from '../../web/layout.tsx'
import { href, type PageContext } from '../../web/page-context.ts'
import { TagEditorPage } from '../../web/pages/tag-editor-page.tsx'
import {
  accessScope,
  isTagVisible,
  requireActivityInScope,
  requireNewTagInScope,
  requireStaffScope,
  requireTagInScope,
} from '../access-scope.ts'
import { InputInvalid } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import { type PageDeps, settingsOf } from './learner-pages.ts'
import { fileUpload, uploadedText } from './file-upload.ts'
import { coursePagesParts } from './course-view.ts'
import { pageOf, requireStaffPage, type PageSessionDeps } from './page-session.ts'

/** How many framework search results the editor lists at once. */
const MAX_HITS = 150

const listOf = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))

/** A number from the form, with a comma as decimal sign too (0,8), within bounds. */
function formNumber(min: number, max: number, message: string) {
  return z
    .string()
    .trim()
    .transform((v, ctx) => {
      const text = v.replace(/\s*%$/, '').replace(',', '.')
      if (text === '') return undefined
      const n = Number(text)
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message })
        return z.NEVER
      }
      return n
    })
}

const EditorForm = z.object({
  activityId: z.uuid('must be an activity id').optional(),
  activityIri: z.string().trim().min(1).optional(),
  q: z.string().max(200, 'at most 200 characters').default(''),
  competency: listOf,
  /** A share: 80 or 80 % (per cent), or 0.8. */
  minScore: formNumber(0, 100, 'must be a share such as 80 (per cent) or 0.8')
    .transform((n) => (n !== undefined && n > 1 ? n / 100 : n))
    .optional(),
  requireSuccess: z.string().optional(),
  objectOnly: z.string().optional(),
  count: formNumber(1, 1_000, 'must be a whole number from 1 to 1000')
    .refine((n) => n === undefined || Number.isInteger(n), 'must be a whole number')
    .optional(),
  weight: formNumber(Number.MIN_VALUE, 1, 'must be more than 0 and at most 1').optional(),
})
type EditorForm = z.infer<typeof EditorForm>

/**
 * The trainer's course pages: the activities of the course with their tags, the tag editor with
 * its framework browser, and the course's tags as CSV.
 */
export function coursePages(deps: PageDeps & { readonly wake: () => void }): Router {
  const router = Router()

  const { courseOf, courseView, renderCourse } = coursePagesParts(deps)

  router.get('/course', async (req, res) => {
    const page = pageOf(res)
    const { saved } = parseInput(
      z.object({ saved: z.string().optional() }).loose(),
      req.query,
      'query',
    )
    const notice =
      saved === 'tag'
        ? page.t('tagEditor.saved')
        : saved === 'removed'
          ? page.t('tagEditor.removed')
          : undefined
    res.type('html').send(await renderCourse(page, { notice }))
  })

  router.get('/course/tags.csv', async (_req, res) => {
    const { tags } = await courseView(pageOf(res))
    const { text } = formatTagsCsv(tags)
    res.type('text/csv; charset=utf-8').attachment('nls-the-nang-luc.csv').send(text)
  })

  /** The editor for a new tag or tag `tagId`, from the request's fields. */
  async function editor(page: PageContext, form: EditorForm, tag?: Tag) {
    const { catalog } = deps.frameworks()
    const settings = await settingsOf(deps.stores, page.session.tenantId)
    const tables = personTables(catalog, undefined, settings.audience)
    const hits = searchFramework(tables, form.q)
    const selected =
      form.competency.length > 0 || form.q ? form.competency : (tag?.competencyIds ?? [])
    const rule = (tag?.rule ?? {}) as {
      minScore?: number
      requireSuccess?: boolean
      objectOnly?: boolean
      count?: number
      weight?: number
    }
    const target: Record<string, string> | undefined = tag
      ? {}
      : form.activityId
        ? { activityId: form.activityId }
        : form.activityIri
          ? { activityIri: form.activityIri }
          : undefined
    if (!target) {
      throw new InputInvalid([
        { path: ['query', 'activityId'], message: 'name the activity to tag' },
      ])
    }
    const activity = form.activityId
      ? await deps.stores.courses.getActivity(page.session.tenantId, form.activityId)
      : undefined
    // A new tag's activity must be one this session tags (another course's is not found).
    if (!tag && form.activityId) requireActivityInScope(accessScope(page.session), activity)
    const targetName = tag
      ? (tag.activity?.name ?? tag.activity?.iri ?? tag.activityPrefix ?? tag.id)
      : (activity?.name ?? activity?.iri ?? form.activityIri ?? '')
    return renderPage(TagEditorPage, {
      ctx: page,
      catalog,
      targetName,
      target,
      ...(tag && { tagId: tag.id }),
      query: form.q,
      hits: hits.slice(0, MAX_HITS),
      totalHits: hits.length,
      selected,
      rule: {
        ...((form.minScore ?? rule.minScore) !== undefined && {
          minScore: form.minScore ?? rule.minScore,
        }),
        requireSuccess: form.requireSuccess !== undefined || rule.requireSuccess === true,
        objectOnly: form.objectOnly !== undefined || rule.objectOnly === true,
        count: form.count ?? rule.count ?? 1,
        weight: form.weight ?? rule.weight ?? 1,
      },
    })
  }

  /** A saved tag names at least one competency (and at most 50). */
  const competenciesOf = (form: EditorForm) => {
    if (form.competency.length === 0 || form.competency.length > 50) {
      throw new InputInvalid([
        { path: ['body', 'competency'], message: 'choose from 1 to 50 competencies' },
      ])
    }
    return form.competency
  }
  /** The form's rule; the verbs and gradebook score the page does not show are kept. */
  const ruleOf = (form: EditorForm, kept?: Tag) => {
    const { verbs, gradebook } = (kept?.rule ?? {}) as { verbs?: unknown; gradebook?: unknown }
    return parseInput(
      TagRule,
      {
        ...(verbs !== undefined && { verbs }),
        ...(gradebook !== undefined && { gradebook }),
        ...(form.minScore !== undefined && { minScore: form.minScore }),
        requireSuccess: form.requireSuccess === 'yes',
        objectOnly: form.objectOnly === 'yes',
        count: form.count ?? 1,
        weight: form.weight ?? 1,
      },
      'body',
    )
  }
  const actor = (page: PageContext) => ({
    actor: `person:${page.session.personId}`,
    personId: page.session.personId,
  })

  router.get('/tags/new', async (req, res) => {
    const page = pageOf(res)
    courseOf(page)
    res.type('html').send(await editor(page, parseInput(EditorForm, req.query, 'query')))
  })

  router.post('/tags/new', async (req, res) => {
    const page = pageOf(res)
    const contextId = courseOf(page)
    const form = parseInput(EditorForm, { ...req.query, ...req.body }, 'body')
    const { tenantId } = page.session
    const { catalog } = deps.frameworks()
    // An activity seen only in statements becomes one of the course's (one kept in a course
    // stays there).
    const activityId =
      form.activityId ??
      (form.activityIri
        ? (
            await deps.stores.courses.upsertActivity(tenantId, {
              iri: form.activityIri,
              ...(contextId !== undefined && { contextId, keepContext: true }),
            })
          ).id
        : undefined)
    if (!activityId) {
      throw new InputInvalid([
        { path: ['body', 'activityId'], message: 'name the activity to tag' },
      ])
    }
    const scope = accessScope(page.session)
    await deps.stores.transaction((stores) =>
      createTag(
        stores,
        catalog,
        tenantId,
        { activityId, competencyIds: competenciesOf(form), rule: ruleOf(form) },
        actor(page),
        { accept: (made) => requireNewTagInScope(scope, made) },
      ),
    )
    deps.wake()
    res.redirect(303, href(page, '/app/course', { saved: 'tag' }))
  })

  router.get('/tags/:tagId', async (req, res) => {
    const page = pageOf(res)
    courseOf(page)
    const tagId = String(req.params.tagId)
    const tag = requireTagInScope(
      accessScope(page.session),
      tagId,
      await deps.stores.tags.getTag(page.session.tenantId, tagId),
    )
    res.type('html').send(await editor(page, parseInput(EditorForm, req.query, 'query'), tag))
  })

  router.post('/tags/:tagId', async (req, res) => {
    const page = pageOf(res)
    courseOf(page)
    const form = parseInput(EditorForm, req.body, 'body')
    const { catalog } = deps.frameworks()
    const tagId = String(req.params.tagId)
    await deps.stores.transaction(async (stores) => {
      const kept = requireTagInScope(
        accessScope(page.session),
        tagId,
        await stores.tags.getTag(page.session.tenantId, tagId),
      )
      return updateTag(
        stores,
        catalog,
        page.session.tenantId,
        tagId,
        { competencyIds: competenciesOf(form), rule: ruleOf(form, kept) },
        actor(page),
      )
    })
    deps.wake()
    res.redirect(303, href(page, '/app/course', { saved: 'tag' }))
  })

  router.post('/tags/:tagId/delete', async (req, res) => {
    const page = pageOf(res)
    courseOf(page)
    const tagId = String(req.params.tagId)
    await deps.stores.transaction(async (stores) => {
      const { tenantId } = page.session
      requireTagInScope(accessScope(page.session), tagId, await stores.tags.getTag(tenantId, tagId))
      await removeTag(stores, tenantId, tagId, actor(page))
    })
    deps.wake()
    res.redirect(303, href(page, '/app/course', { saved: 'removed' }))
  })

  return router
}

/**
 * The tag file upload of the course page (a multipart form, read before the page session):
 * every row checked, each problem named by row and column; stored in one transaction, all or
 * nothing unless the valid rows only are asked for.
 */
export function courseTagsUpload(
  deps: PageDeps & PageSessionDeps & { readonly wake: () => void },
): Router {
  const router = Router()
  const { renderCourse } = coursePagesParts(deps)
  router.post('/course/tags', ...fileUpload(deps), async (req, res) => {
    const page = pageOf(res)
    requireStaffPage(page)
    const scope = accessScope(page.session)
    requireStaffScope(scope)
    // On a course's page the file's activities are the course's; on a school's, of none.
    const { contextId } = page.session
    const text = uploadedText(req.file)
    const { tenantId } = page.session
    const { catalog } = deps.frameworks()
    // Repeats are judged against the tags this session may see: another course's stay unnamed.
    const existing = (await deps.stores.tags.listTags(tenantId)).filter((t) =>
      isTagVisible(scope, t),
    )
    const plan = planTagImport(text, catalog, existing)
    const validOnly = (req.body as { validOnly?: string }).validOnly === 'yes'
    const imported = !plan.fileRefused && (plan.refused === 0 || validOnly)
    const messages = [
      ...plan.problems.map(formatTagCsvProblem),
      ...[...plan.skipped, ...plan.notes]
        .sort((a, b) => a.row - b.row)
        .map(
          (n) =>
            `row ${n.row} (line ${n.line}): ${plan.skipped.includes(n) ? 'skipped: ' : ''}${n.message}`,
        ),
    ]
    if (imported) {
      await storeTagRows(
        deps.stores,
        catalog,
        tenantId,
        plan.rows,
        { actor: `person:${page.session.personId}`, personId: page.session.personId },
        // A row on another course's activity refuses the file (the transaction rolls back).
        { contextId, accept: (made) => requireNewTagInScope(scope, made) },
      )
      deps.wake()
    }
    res
      .status(imported ? 200 : 400)
      .type('html')
      .send(
        await renderCourse(page, {
          upload: {
            imported,
            stored: imported ? plan.rows.length : 0,
            refused: plan.refused,
            messages,
          },
        }),
      )
  })
  return router
}
