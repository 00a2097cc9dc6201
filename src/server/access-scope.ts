import type { Session } from '../../lti/session.ts'
import type { Activity, CourseStore, Tag, TagFilter } from '../store/index.ts'
import { TagNotFound } from '../tagging/errors.ts'
import { Forbidden, NotFound } from './errors.ts'

/**
 * What a caller may act on in its tenant: all of it, one course (its tags and activities, its
 * members' profiles and verdicts), or only themself.
 */
export type AccessScope =
  | { readonly kind: 'tenant' }
  | { readonly kind: 'course'; readonly contextId: string; readonly personId: string }
  | { readonly kind: 'self'; readonly personId: string }

/**
 * The scope of a session; without one (an admin token), the whole tenant. Administrators (LMS
 * Administrator, local manager) and local trainers act for the school; an LMS Instructor for the
 * course they launched from; a learner, or an LMS Instructor launched outside a course, for
 * themself.
 */
export function accessScope(session: Session | undefined): AccessScope {
  if (session === undefined || session.role === 'administrator') return { kind: 'tenant' }
  if (session.role === 'instructor') {
    // LTI roles of a launch from a course are the person's roles in that context (LTI 1.3 Core
    // §5.3.7, §5.4.1): an Instructor of one course is not one of the others.
    if (session.contextId !== undefined) {
      return { kind: 'course', contextId: session.contextId, personId: session.personId }
    }
    // A local trainer's account (no LMS behind it) is the school's, and tags for all of it.
    if (session.platformId === undefined) return { kind: 'tenant' }
  }
  return { kind: 'self', personId: session.personId }
}

/** Refuses a scope of one person only: this is staff work for a course or the school. */
export function requireStaffScope(
  scope: AccessScope,
): asserts scope is Exclude<AccessScope, { kind: 'self' }> {
  if (scope.kind === 'self') {
    throw new Forbidden(
      'only trainers of a course (open NLS from the course) and administrators may do this',
    )
  }
}

/** Whether a tag is one this scope may change: a course's are those on the course's activities. */
export function isTagInScope(scope: AccessScope, tag: Tag): boolean {
  if (scope.kind === 'tenant') return true
  return scope.kind === 'course' && tag.activity?.contextId === scope.contextId
}

/**
 * Whether a tag is one this scope may see: those it may change, and the school-wide ones (on an
 * IRI prefix, or an activity of no course) that a course's page shows too; not another course's.
 */
export function isTagVisible(scope: AccessScope, tag: Tag): boolean {
  return (
    isTagInScope(scope, tag) || (scope.kind === 'course' && tag.activity?.contextId === undefined)
  )
}

const SCHOOL_WIDE =
  'a tag on an IRI prefix or on an activity of no course covers the whole school: an administrator or a school trainer keeps it'

/**
 * Refuses a tag this scope may not change. A tag of another course is answered as no tag at all
 * (TagNotFound, as for an unknown id), so that a course's trainer learns nothing of the others';
 * an IRI-prefix tag, or one on an activity of no course, spans the school (the course page shows
 * it): that is refused as such.
 */
export function requireTagInScope(scope: AccessScope, tagId: string, tag: Tag | undefined): Tag {
  requireStaffScope(scope)
  if (!tag) throw new TagNotFound(tagId)
  if (isTagInScope(scope, tag)) return tag
  if (tag.activity?.contextId !== undefined) throw new TagNotFound(tagId)
  throw new Forbidden(SCHOOL_WIDE)
}

/**
 * Refuses a tag just made (in its transaction, which then rolls back) outside the scope: on
 * another course's activity as if the activity did not exist, school-wide ones as such.
 */
export function requireNewTagInScope(scope: AccessScope, tag: Tag): void {
  requireStaffScope(scope)
  if (isTagInScope(scope, tag)) return
  if (tag.activity?.contextId !== undefined) throw new NotFound('no such activity in this course')
  throw new Forbidden(SCHOOL_WIDE)
}

/**
 * Refuses an activity outside the scope's course, as not found (not to disclose another course's
 * activities); undefined (not found) is refused alike.
 */
export function requireActivityInScope(
  scope: AccessScope,
  activity: Activity | undefined,
): Activity {
  requireStaffScope(scope)
  if (!activity || (scope.kind === 'course' && activity.contextId !== scope.contextId)) {
    throw new NotFound('no such activity in this course')
  }
  return activity
}

/** Refuses a course other than the scope's own, as not found. */
export function requireCourseInScope(scope: AccessScope, contextId: string): void {
  requireStaffScope(scope)
  if (scope.kind === 'course' && contextId !== scope.contextId) {
    throw new NotFound('no such course')
  }
}

/**
 * The tag listing a scope may see: a course's scope lists its own course's tags (asking for
 * another course is refused).
 */
export function tagFilterInScope(scope: AccessScope, filter: TagFilter): TagFilter {
  requireStaffScope(scope)
  if (scope.kind === 'tenant') return filter
  if (filter.contextId !== undefined && filter.contextId !== scope.contextId) {
    throw new Forbidden('a course’s trainer sees the tags of their own course only')
  }
  return { ...filter, contextId: scope.contextId }
}

/** Whether a person is one this scope acts on: anyone of the tenant, a course's members, oneself. */
export async function isPersonInScope(
  courses: Pick<CourseStore, 'getMemberRoles'>,
  tenantId: string,
  scope: AccessScope,
  personId: string,
): Promise<boolean> {
  if (scope.kind === 'tenant') return true
  if (personId === scope.personId) return true
  if (scope.kind === 'self') return false
  // A member is one the course's roster (NRPS) or a launch from the course recorded.
  return (await courses.getMemberRoles(tenantId, scope.contextId, personId)) !== undefined
}

/** Refuses a person this scope does not act on (a learner: others; a course's trainer: non-members). */
export async function requirePersonInScope(
  courses: Pick<CourseStore, 'getMemberRoles'>,
  tenantId: string,
  scope: AccessScope,
  personId: string,
): Promise<void> {
  if (await isPersonInScope(courses, tenantId, scope, personId)) return
  throw new Forbidden(
    scope.kind === 'course'
      ? 'a course’s trainer acts only on the members of their course'
      : 'a learner sees only their own profile',
  )
}
