import { z } from 'zod'
import { Activity } from './activity.ts'
import { Actor, Agent, Group } from './actor.ts'
import { literal } from './issue-messages.ts'
import type { XapiVersion } from './limits.ts'
import { Extensions, Iri, LanguageTag, strictObject, Uuid } from './primitives.ts'
import { StatementRef } from './statement-ref.ts'

// The Context (xAPI 1.0.3 Data 2.4.6), and the "contextAgents"/"contextGroups" of xAPI 2.0.0
// (IEEE 9274.1.1 §4.2.2.5). "revision" and "platform" depend on the statement's object and are
// checked with the statement (statement.ts).

// Data 2.4.6.2.s4.b2: "Every value in the contextActivities Object MUST be either a single Activity
// Object or an array of Activity Objects."
const ActivityOrActivities = z.union([Activity, z.array(Activity)])

/** Data 2.4.6.2: "Every key in the contextActivities Object MUST be one of parent, grouping, category, or other." */
export const ContextActivities = strictObject(
  {
    parent: ActivityOrActivities.optional(),
    grouping: ActivityOrActivities.optional(),
    category: ActivityOrActivities.optional(),
    other: ActivityOrActivities.optional(),
  },
  'contextActivities, whose keys "MUST be one of parent, grouping, category, or other" (xAPI Data 2.4.6.2)',
)

const RelevantTypes = z
  .array(Iri)
  .min(
    1,
    'must hold at least one IRI: "A collection of 1 or more Relevant Type(s)" (xAPI 2.0.0, IEEE 9274.1.1 §4.2.2.5)',
  )

/** xAPI 2.0.0 Context Agents table. */
export const ContextAgent = strictObject(
  {
    objectType: literal(
      'contextAgent',
      'must be "contextAgent" (xAPI 2.0.0, IEEE 9274.1.1 §4.2.2.5)',
    ),
    agent: Agent,
    relevantTypes: RelevantTypes.optional(),
  },
  'a contextAgent (objectType, agent, relevantTypes)',
)

/** xAPI 2.0.0 Context Group table. */
export const ContextGroup = strictObject(
  {
    objectType: literal(
      'contextGroup',
      'must be "contextGroup" (xAPI 2.0.0, IEEE 9274.1.1 §4.2.2.5)',
    ),
    group: Group,
    relevantTypes: RelevantTypes.optional(),
  },
  'a contextGroup (objectType, group, relevantTypes)',
)

function only20(property: string) {
  return z
    .never({
      error: `is an xAPI 2.0.0 property, not allowed in an xAPI 1.0.3 request: send "X-Experience-API-Version: 2.0.0" to use "${property}"`,
    })
    .optional()
}

/** The Context schema for one xAPI version. */
export function contextSchema(version: XapiVersion) {
  const v2 = version === '2.0.0'
  return strictObject(
    {
      registration: Uuid.optional(),
      instructor: Actor.optional(),
      team: Group.optional(),
      contextActivities: ContextActivities.optional(),
      contextAgents: v2 ? z.array(ContextAgent).optional() : only20('contextAgents'),
      contextGroups: v2 ? z.array(ContextGroup).optional() : only20('contextGroups'),
      revision: z.string().optional(),
      platform: z.string().optional(),
      language: LanguageTag.optional(),
      statement: StatementRef.optional(),
      extensions: Extensions.optional(),
    },
    'a Context',
  )
}

export type ContextActivities = z.infer<typeof ContextActivities>
export type ContextAgent = z.infer<typeof ContextAgent>
export type ContextGroup = z.infer<typeof ContextGroup>
export type Context = z.infer<ReturnType<typeof contextSchema>>
