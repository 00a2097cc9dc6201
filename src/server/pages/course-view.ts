import type { Tag } from '../../store/index.ts'
import { renderPage } from '../../web/layout.tsx'
import type { PageContext } from '../../web/page-context.ts'
import {
  type CourseActivity,
  CoursePage,
  type CoursePageProps,
} from '../../web/pages/course-page.tsx'
import { courseTableProps, type TypedCourseTable } from './course-table-view.ts'
import { type PageDeps, settingsOf } from './learner-pages.ts'
import { accessScope, isTagInScope, requireStaffScope } from '../access-scope.ts'
import { requireStaffPage } from './page-session.ts'

/**
 * How many of the latest statements are looked through for the activities seen: the course's own
 * (found through their index), or without a course the tenant's.
 */
const STATEMENTS_SCANNED = 20_000

/** Moodle's module page of an LTI link (`<site>/mod/lti/view.php?id=<cmid>`). */
const LTI_VIEW = /\/mod\/lti\/view\.php\?id=\d+$/

/**
 * Activities by name as Vietnamese sorts them (statements tell no course order: Moodle's log
 * store sends none), nameless ones last by IRI.
 */
function byName(a: CourseActivity, b: CourseActivity): number {
  if (a.name !== undefined && b.name !== undefined) {
    return (
      a.name.localeCompare(b.name, 'vi', { numeric: true }) ||
      (a.iri ?? '').localeCompare(b.iri ?? '')
    )
  }
  if (a.name !== undefined) return -1
  if (b.name !== undefined) return 1
  return (a.iri ?? '').localeCompare(b.iri ?? '')
}

/** What the course page and its upload share: the course of a session, its view, its page. */
export function coursePagesParts(deps: PageDeps) {
  /**
   * The course a staff session was launched from; none: the school's activities (for those who
   * act for the school, not an LMS Instructor launched outside a course).
   */
  function courseOf(page: PageContext): string | undefined {
    requireStaffPage(page)
    requireStaffScope(accessScope(page.session))
    return page.session.contextId
  }

  /**
   * The course as its page shows it: its linked activities, the activities its statements name,
   * and the tags on either (with the IRI-prefix tags, which span courses). Without a course: the
   * school's activities, those its statements name, and all its tags.
   */
  async function courseView(page: PageContext) {
    const contextId = courseOf(page)
    const { tenantId } = page.session
    const [context, linked, allTags] = await Promise.all([
      contextId ? deps.stores.courses.getContext(tenantId, contextId) : undefined,
      deps.stores.courses.listActivities(tenantId, contextId),
      deps.stores.tags.listTags(tenantId),
    ])
    const platform = context?.platformId
      ? await deps.stores.platforms.getPlatform(context.platformId)
      : undefined
    // Moodle names a course in statements' context as <site>/course/view.php?id=<course id>.
    const seen =
      contextId === undefined
        ? await deps.stores.statements.recentActivitiesIn(tenantId, undefined, STATEMENTS_SCANNED)
        : platform && context
          ? await deps.stores.statements.recentActivitiesIn(
              tenantId,
              `${platform.issuer}/course/view.php?id=${context.externalId}`,
              STATEMENTS_SCANNED,
            )
          : []
    const seenIris = new Set(seen.map((s) => s.iri))
    const tags =
      contextId === undefined
        ? allTags
        : allTags.filter(
            (t) =>
              t.activityPrefix !== undefined ||
              t.activity?.contextId === contextId ||
              (t.activity?.iri !== undefined && seenIris.has(t.activity.iri)),
          )
    return { context, linked, seen, tags }
  }

  /** The course page, with a notice or an import's outcome. */
  async function renderCourse(
    page: PageContext,
    extra: Pick<CoursePageProps, 'notice' | 'upload' | 'uploadForm'> & {
      /** The course's table form as typed, when it was refused. */
      readonly courseTableForm?: TypedCourseTable
    },
  ) {
    const { courseTableForm, ...shown } = extra
    const [{ context, linked, seen, tags }, settings] = await Promise.all([
      courseView(page),
      settingsOf(deps.stores, page.session.tenantId),
    ])
    const scope = accessScope(page.session)
    // A course's trainer sees the school-wide tags the page lists, without a link to change them.
    const tagsOf = (match: (tag: Tag) => boolean) =>
      tags.filter(match).map((t) => ({
        id: t.id,
        competencyIds: t.competencyIds,
        editable: isTagInScope(scope, t),
      }))
    const seenByIri = new Map(seen.map((s) => [s.iri, s]))
    const linkedIris = new Set(linked.map((a) => a.iri))
    // Moodle logs a view of an LTI link as <site>/mod/lti/view.php?id=<cmid> named as the link;
    // that row and NLS's own link of the same name are one activity, shown once.
    const linkViews = new Map(
      seen.flatMap((s) => (LTI_VIEW.test(s.iri) && s.name !== undefined ? [[s.name, s]] : [])),
    )
    const shownWithLink = new Set<string>()
    // A statement-seen activity is tagged by its IRI (tagging makes it one of NLS's activities).
    const activities: CourseActivity[] = [
      ...linked.map((a) => {
        const named = a.iri !== undefined ? seenByIri.get(a.iri) : undefined
        const name = a.name ?? named?.name
        const view =
          a.resourceLinkId !== undefined && name !== undefined ? linkViews.get(name) : undefined
        if (view) shownWithLink.add(view.iri)
        const statements = (named?.statements ?? 0) + (view?.statements ?? 0)
        return {
          activityId: a.id,
          ...(a.iri !== undefined && { iri: a.iri }),
          ...(name !== undefined && { name }),
          ...(a.resourceLinkId !== undefined
            ? { source: 'link' as const, ...(statements > 0 && { statements }) }
            : named
              ? { source: 'statements' as const, statements: named.statements }
              : { source: 'kept' as const }),
          tags: tagsOf((t) => t.activityId === a.id),
        }
      }),
      ...seen
        .filter((s) => !linkedIris.has(s.iri) && !shownWithLink.has(s.iri))
        .map((s) => ({
          iri: s.iri,
          ...(s.name !== undefined && { name: s.name }),
          source: 'statements' as const,
          statements: s.statements,
          tags: tagsOf((t) => t.activity?.iri === s.iri),
        })),
    ].sort(byName)
    return renderPage(CoursePage, {
      ctx: page,
      catalog: deps.frameworks().catalog,
      ...(context && {
        courseTitle: context.title ?? '',
        courseTable: courseTableProps(
          deps.frameworks().catalog,
          page,
          context,
          settings.audience,
          courseTableForm,
        ),
      }),
      activities,
      prefixTags: tags.flatMap((t) =>
        t.activityPrefix !== undefined
          ? [
              {
                id: t.id,
                prefix: t.activityPrefix,
                competencyIds: t.competencyIds,
                editable: isTagInScope(scope, t),
              },
            ]
          : [],
      ),
      ...shown,
    })
  }

  return { courseOf, courseView, renderCourse }
}
