// Activities Deep Linking made that no launch has bound yet: the link may never have been saved
// in the LMS (a Cancel in Moodle after "Select content" leaves them behind). They are listed for
// a day, then not; the maintenance worker removes them after a week.
import { type SQL, sql } from 'drizzle-orm'
import { LINK_ACTIVITY_IRI_PREFIX, UNPLACED_LINK_LISTED_MS } from './course-store.ts'
import { activities } from './schema/index.ts'

/**
 * An activity Deep Linking made that no launch has bound: the predicate of the partial index
 * `activities_unplaced_link_idx`, written out literally (the planner uses a partial index only
 * when it can prove its predicate from the query's own text, never from a parameter).
 */
export function unplacedLinkRow(): SQL {
  return sql`${activities.resourceLinkId} is null and ${activities.iri} like ${sql.raw(`'${LINK_ACTIVITY_IRI_PREFIX}%'`)}`
}

/** The same, false for a missing left-joined activity. */
export function unplacedLink(): SQL {
  return sql`coalesce(${unplacedLinkRow()}, false)`
}

/**
 * The activity is listed as placed: anything but an unplaced link made more than
 * UNPLACED_LINK_LISTED_MS ago. Measured on the database's clock, which stamped `created_at`.
 */
export function listedAsPlaced(): SQL {
  return sql`not (${unplacedLink()} and ${activities.createdAt}
    < now() - ${UNPLACED_LINK_LISTED_MS / 1_000}::double precision * interval '1 second')`
}
