import type { Activity } from './activity.ts'
import type { Actor } from './actor.ts'
import type { Context } from './context.ts'
import { canonicalJson, normalizeMbox } from './normalize.ts'
import type { Result } from './result.ts'
import type { Statement, StatementObject, SubStatement } from './statement.ts'
import { parseTimestamp } from './timestamp.ts'

// xAPI 1.0.3 Data 2.3.1, "Statement Comparison Requirements": "Differences which could have been
// caused by exceptions to Statement immutability MUST be ignored"; all others MUST NOT be. So we
// compare a canonical form that leaves out, or normalizes, exactly those exceptions:
//  - b1, properties the LRS may assign: "id", "authority", "stored", "timestamp", "version"
//    (xAPI 2.0.0 lists them too: IEEE 9274.1.1 §4.2, "shall specifically not consider … Id,
//    Authority, Stored, Timestamp, Version, Any attachments, Any referenced Activity Definitions");
//  - b2, Activity Definitions, and b3, the Verb's "display";
//  - b4, the serialization of a timestamp: a SubStatement's "timestamp" is compared as an instant;
//  - b5, the order of a Group's "member" list;
//  - b6, attachments;
//  - b7, case-insensitive values: an mbox's domain, hexadecimal SHA-1, UUIDs, language tags;
//  - contextActivities as one Activity or an array of one (the LRS "MUST return every value … as an
//    array", Data 2.4.6.2.s4.b3), and a missing "objectType" that defaults to Activity or Agent.
// b8: "Result Duration … is considered a string", compared without the precision beyond 0.01 s
// (Data 4.6.s1.b5).

/** Whether two statements are the same per xAPI's Statement Comparison Requirements. */
export function statementsEqual(a: Statement, b: Statement): boolean {
  return canonicalJson(canonicalStatement(a)) === canonicalJson(canonicalStatement(b))
}

function canonicalStatement(statement: Statement | SubStatement): unknown {
  return {
    actor: canonicalActor(statement.actor),
    verb: { id: statement.verb.id },
    object: canonicalObject(statement.object),
    result: statement.result && canonicalResult(statement.result),
    context: statement.context && canonicalContext(statement.context),
  }
}

function canonicalActor(actor: Actor): unknown {
  return {
    objectType: actor.objectType ?? 'Agent',
    name: actor.name,
    mbox: actor.mbox === undefined ? undefined : normalizeMbox(actor.mbox),
    mbox_sha1sum: actor.mbox_sha1sum?.toLowerCase(),
    openid: actor.openid,
    account: actor.account,
    member:
      'member' in actor && actor.member !== undefined
        ? actor.member.map((m) => canonicalJson(canonicalActor(m))).sort()
        : undefined,
  }
}

function canonicalActivity(activity: Activity): unknown {
  return { objectType: 'Activity', id: activity.id }
}

function canonicalObject(object: StatementObject | SubStatement['object']): unknown {
  switch (object.objectType) {
    case undefined:
    case 'Activity':
      return canonicalActivity(object)
    case 'Agent':
    case 'Group':
      return canonicalActor(object)
    case 'StatementRef':
      return { objectType: 'StatementRef', id: object.id.toLowerCase() }
    case 'SubStatement':
      return {
        objectType: 'SubStatement',
        ...(canonicalStatement(object) as object),
        timestamp:
          object.timestamp === undefined ? undefined : parseTimestamp(object.timestamp)?.getTime(),
      }
  }
}

function canonicalResult(result: Result): unknown {
  return {
    ...result,
    duration: result.duration === undefined ? undefined : truncateDuration(result.duration),
  }
}

// Data 4.6.s1.b5: "When comparing Durations, any precision beyond 0.01 second precision SHOULD* NOT
// be included in the comparison."
function truncateDuration(duration: string): string {
  return duration.replace(/([.,]\d{2})\d+S$/, '$1S')
}

function canonicalContext(context: Context): unknown {
  const activities = context.contextActivities
  const list = (value: Activity | Activity[] | undefined) =>
    value === undefined
      ? undefined
      : (Array.isArray(value) ? value : [value]).map(canonicalActivity)
  return {
    ...context,
    registration: context.registration?.toLowerCase(),
    instructor: context.instructor && canonicalActor(context.instructor),
    team: context.team && canonicalActor(context.team),
    contextActivities: activities && {
      parent: list(activities.parent),
      grouping: list(activities.grouping),
      category: list(activities.category),
      other: list(activities.other),
    },
    contextAgents: context.contextAgents?.map((c) => ({ ...c, agent: canonicalActor(c.agent) })),
    contextGroups: context.contextGroups?.map((c) => ({ ...c, group: canonicalActor(c.group) })),
    language: context.language?.toLowerCase(),
    statement: context.statement && {
      objectType: 'StatementRef',
      id: context.statement.id.toLowerCase(),
    },
  }
}
