// What a pupil's profile page reads beyond the profile: the learners' tables among the person's,
// the grade's goal, and the tagged activities of the courses with that table they learn in.
import type { AudienceEntry } from '../../../framework/index.ts'
import type { ProfileModel } from '../../evaluation/profile.ts'
import type { TenantSettings } from '../../evaluation/settings.ts'
import { gradeTarget, hasGradeTargets } from '../../learners/grade-target.ts'
import {
  missingText,
  nextActivities,
  pupilDomains,
  type ShownActivity,
  webAddress,
} from '../../learners/pupil-view.ts'
import type { Stores, Tag } from '../../store/index.ts'
import type { PupilView } from '../../web/pages/pupil-profile.tsx'
import type { Catalog } from '../../../framework/index.ts'

/** The learners' tables (those setting levels by grade) among a person's tables. */
export function pupilTables(tables: readonly AudienceEntry[]): AudienceEntry[] {
  return tables.filter((t) => hasGradeTargets(t.framework))
}

/**
 * Per learners' table of the person (by audience ID), what their own page shows: the domains
 * toward their grade's goal, and what to do next among the tagged activities (of the tenant's
 * `tags`, as read for the profile) of the courses with that table they learn in (one query, for
 * the courses).
 */
export async function pupilViews(
  stores: Pick<Stores, 'courses'>,
  catalog: Catalog,
  tenantId: string,
  read: {
    readonly profile: ProfileModel
    readonly tables: readonly AudienceEntry[]
    readonly tags: readonly Tag[]
  },
  settings: Pick<TenantSettings, 'gradeTargets'>,
): Promise<Map<string, PupilView>> {
  const { profile, tables } = read
  const learners = pupilTables(tables)
  if (learners.length === 0) return new Map()
  const { person } = profile
  const courses = await stores.courses.listLearnerCourses(tenantId, person.id)
  const levels = new Map(profile.components.map((c) => [c.componentId, c.level]))
  return new Map(
    learners.map((table): [string, PupilView] => {
      const ofTable = new Set(courses.filter((c) => c.audience === table.id).map((c) => c.id))
      const tags = read.tags.filter(
        (t) => t.activity?.contextId !== undefined && ofTable.has(t.activity.contextId),
      )
      const goal = gradeTarget(table.framework, person.grade, settings.gradeTargets)
      return [
        table.id,
        {
          table,
          ...(person.grade !== undefined && { grade: person.grade }),
          ...(goal && { goal }),
          domains: pupilDomains(
            table.framework,
            table.audience,
            profile.components,
            goal?.level.code,
            (tagId, statementId) => activityOf(profile, tagId, statementId),
          ),
          next: nextActivities(catalog, table.id, tags, (id) => levels.get(id)),
          missingText: missingText(table.audience),
        },
      ]
    }),
  )
}

/**
 * The activity a statement matched under a tag: the tagged activity, else (a prefix tag) the
 * statement's own activity.
 */
function activityOf(
  profile: ProfileModel,
  tagId: string,
  statementId: string,
): ShownActivity | undefined {
  const tag = profile.tags[tagId]
  const statement = profile.statements[statementId]
  const iri = tag?.activityIri ?? statement?.activityIri
  const name =
    tag?.activityIri !== undefined
      ? (tag.activityName ?? tag.activityIri)
      : (statement?.activityName ?? statement?.activityIri)
  if (name === undefined) return undefined
  const url = webAddress(iri)
  return { key: iri ?? tagId, name, ...(url !== undefined && { url }) }
}
