import { type Response, Router } from 'express'
import { z } from 'zod'
import { personTables } from '../../evaluation/person-tables.ts'
import { TagRule } from '../../inference/index.ts'
import { searchFramework } from '../../tagging/framework-search.ts'
import { formatTagsCsv } from '../../tagging/tag-csv-export.ts'
import {
  readTagForm,
  type TagForm,
  tagFormOf,
  type TagFormProblem,
} from '../../tagging/tag-form.ts'
import { createTag, removeTag, updateTag } from '../../tagging/tag-service.ts'
import { planTagImport, storeTagRows } from '../../tagging/tag-import.ts'
import { planCourseTable } from '../../tagging/tag-csv-course.ts'
import type { Tag } from '../../store/index.ts'
import { renderPage } from '../../web/layout.tsx'
import { problemText } from '../../web/problem-text.ts'
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
import { courseTablePages } from './course-table-pages.ts'
import { pageOf, requireStaffPage, type PageSessionDeps } from './page-session.ts'

/** How many framework search results the editor lists at once. */
const MAX_HITS = 150

const listOf = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))

/** A field as typed (at most what any field of the form needs), empty when absent. */
const typed = z.string().max(2_000, 'at most 2000 characters').default('')

const EditorForm = z.object({
  activityId: z.uuid('must be an activity id').optional(),
  activityIri: z.string().trim().min(1).optional(),
  q: z.string().max(200, 'at most 200 characters').default(''),
  /** Present once the trainer has used the form (its fields then win over the tag's). */
  edited: z.string().optional(),
  competency: listOf,
  minScore: typed,
  requireSuccess: z.string().optional(),
  objectOnly: z.string().optional(),
  count: typed,
  weight: typed,
  verb: listOf,
})
type EditorForm = z.infer<typeof EditorForm>

/** The editor's fields as the trainer left them. */
function typedForm(form: EditorForm): TagForm {
  return {
    competency: form.competency,
    minScore: form.minScore,
    requireSuccess: form.requireSuccess !== undefined,
    objectOnly: form.objectOnly !== undefined,
    count: form.count,
    weight: form.weight,
    verb: form.verb,
  }
}

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
          : saved === 'table'
            ? page.t('courseTable.saved')
            : undefined
    res.type('html').send(await renderCourse(page, { notice }))
  })

  router.use(courseTablePages(deps))

  router.get('/course/tags.csv', async (_req, res) => {
    const { tags, context } = await courseView(pageOf(res))
    // A course's file names its table and grade too (the school's has no course columns).
    const { text } = formatTagsCsv(tags, context)
    res.type('text/csv; charset=utf-8').attachment('nls-the-nang-luc.csv').send(text)
  })

  /**
   * The editor for a new tag or tag `tagId`: the tag's fields, or the trainer's once the form
   * was used (a search, a refused save), with the problems of a refused save at their fields.
   */
  async function editor(
    page: PageContext,
    form: EditorForm,
    tag?: Tag,
    problems: readonly TagFormProblem[] = [],
  ) {
    const { catalog } = deps.frameworks()
    const { tenantId, contextId } = page.session
    const [settings, context] = await Promise.all([
      settingsOf(deps.stores, tenantId),
      contextId ? deps.stores.courses.getContext(tenantId, contextId) : undefined,
    ])
    // The framework browser searches the course's table (the school's default without one).
    const tables = personTables(
      catalog,
      { courseAudiences: context?.audience ? [context.audience] : [] },
      settings.audience,
    )
    const hits = searchFramework(tables, form.q)
    const saved = TagRule.safeParse(tag?.rule ?? {})
    const fields =
      form.edited !== undefined
        ? typedForm(form)
        : tagFormOf(
            form.competency.length > 0 ? form.competency : (tag?.competencyIds ?? []),
            saved.success ? saved.data : undefined,
          )
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
      form: fields,
      problems: problems.map((p) => ({
        field: p.field,
        message: page.t(`formErrors.${p.key}`, p.params ?? {}),
      })),
    })
  }

  /** A save the form refused: the editor again, as typed, each problem at its field. */
  async function refused(
    res: Response,
    form: EditorForm,
    problems: readonly TagFormProblem[],
    tag?: Tag,
  ) {
    res
      .status(422)
      .type('html')
      .send(await editor(pageOf(res), { ...form, edited: 'yes' }, tag, problems))
  }

  const actor = (page: PageContext) => ({
    actor: `person:${page.session.personId}`,
    personId: page.session.personId,
  })

  // Who: trainers and administrators (a learner is refused); scope: a course's trainer tags the
  // course's activities and edits the course's tags, an administrator or local trainer the
  // school's.
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
    // The activity is checked first: a form for another course's activity is not found.
    if (form.activityId) {
      requireActivityInScope(
        accessScope(page.session),
        await deps.stores.courses.getActivity(tenantId, form.activityId),
      )
    }
    const read = readTagForm(catalog, typedForm(form), {
      kind: 'new',
      ...(form.activityId !== undefined && { activityId: form.activityId }),
      ...(form.activityIri !== undefined && { activityIri: form.activityIri }),
    })
    if (!read.ok) return refused(res, form, read.problems)
    // An activity seen only in statements becomes one of the course's (one kept in a course
    // stays there).
    const activityId =
      form.activityId ??
      (
        await deps.stores.courses.upsertActivity(tenantId, {
          iri: form.activityIri,
          ...(contextId !== undefined && { contextId, keepContext: true }),
        })
      ).id
    const scope = accessScope(page.session)
    await deps.stores.transaction((stores) =>
      createTag(
        stores,
        catalog,
        tenantId,
        { activityId, competencyIds: read.competencyIds, rule: read.rule },
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
    const { tenantId } = page.session
    const tagId = String(req.params.tagId)
    const scope = accessScope(page.session)
    const tag = requireTagInScope(scope, tagId, await deps.stores.tags.getTag(tenantId, tagId))
    const kept = TagRule.safeParse(tag.rule)
    const read = readTagForm(
      catalog,
      typedForm(form),
      { kind: 'change' },
      kept.success ? kept.data : undefined,
    )
    if (!read.ok) return refused(res, form, read.problems, tag)
    await deps.stores.transaction(async (stores) => {
      requireTagInScope(scope, tagId, await stores.tags.getTag(tenantId, tagId))
      return updateTag(
        stores,
        catalog,
        tenantId,
        tagId,
        { competencyIds: read.competencyIds, rule: read.rule },
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
    const validOnly = (req.body as { validOnly?: string }).validOnly === 'yes'
    if (!req.file) {
      // No file chosen: the page again, with the problem at the file field.
      const uploadForm = { problem: page.t('formErrors.fileNeeded'), validOnly }
      res
        .status(400)
        .type('html')
        .send(await renderCourse(page, { uploadForm }))
      return
    }
    const text = uploadedText(req.file)
    const { tenantId } = page.session
    const { catalog } = deps.frameworks()
    // Repeats are judged against the tags this session may see: another course's stay unnamed.
    const existing = (await deps.stores.tags.listTags(tenantId)).filter((t) =>
      isTagVisible(scope, t),
    )
    const plan = planTagImport(text, catalog, existing)
    // The file's course_table and course_grade set the course's table (tag-csv-course.ts).
    const [context, settings] = await Promise.all([
      contextId ? deps.stores.courses.getContext(tenantId, contextId) : undefined,
      settingsOf(deps.stores, tenantId),
    ])
    const course = planCourseTable(catalog, settings.audience, context, plan.course)
    const fileRefused = plan.fileRefused || course.problems.length > 0
    const imported = !fileRefused && (plan.refused === 0 || validOnly)
    const messages = [
      ...[...course.problems, ...plan.problems].map((p) => problemText(page.t, p)),
      ...[...plan.skipped, ...plan.notes]
        .sort((a, b) => a.row - b.row)
        .map((n) => problemText(page.t, { ...n, skipped: plan.skipped.includes(n) })),
    ]
    if (imported) {
      // The tags and the course's table commit together.
      await deps.stores.transaction(async (stores) => {
        await storeTagRows(
          stores,
          catalog,
          tenantId,
          plan.rows,
          { actor: `person:${page.session.personId}`, personId: page.session.personId },
          // A row on another course's activity refuses the file (the transaction rolls back).
          { contextId, accept: (made) => requireNewTagInScope(scope, made) },
        )
        if (context && course.table) {
          await stores.courses.setCourseTable(tenantId, context.id, course.table)
        }
      })
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
          uploadForm: { validOnly },
        }),
      )
  })
  return router
}
