import { z } from 'zod'
import { IFI_KEYS } from './actor.ts'
import { literal } from './issue-messages.ts'
import { ALWAYS, Extensions, Iri, Irl, LanguageMap, strictObject } from './primitives.ts'

// Activities and their definitions (xAPI 1.0.3 Data 2.4.4.1), interaction activities included.

export const INTERACTION_TYPES = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
] as const

const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'] as const

// Data 2.4.4.1.s15, "supported interaction component list(s)" per interactionType.
const LISTS_BY_TYPE: Record<string, readonly string[]> = {
  choice: ['choices'],
  sequencing: ['choices'],
  likert: ['scale'],
  matching: ['source', 'target'],
  performance: ['steps'],
}

const InteractionComponent = strictObject(
  {
    id: z
      .string()
      .min(
        1,
        'must not be empty: it "Identifies the interaction component within the list" (xAPI Data 2.4.4.1)',
      ),
    description: LanguageMap.optional(),
  },
  'an interaction component (id, description)',
)

// Data 2.4.4.1.s16.b1: "Within an array of interaction components, all id values MUST be distinct."
const ComponentList = z.array(InteractionComponent).superRefine(
  (components, ctx) => {
    const seen = new Set<string>()
    components.forEach((component, index) => {
      const id = component?.id
      if (typeof id !== 'string') return
      if (seen.has(id)) {
        ctx.addIssue({
          code: 'custom',
          input: id,
          path: [index, 'id'],
          message: `repeats the id "${id}": "Within an array of interaction components, all id values MUST be distinct" (xAPI Data 2.4.4.1)`,
        })
      }
      seen.add(id)
    })
  },
  { when: (payload) => Array.isArray(payload.value) },
)

function interactionRules(definition: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const type = definition.interactionType
  const usedLists = COMPONENT_LISTS.filter((key) => definition[key] !== undefined)
  if (type === undefined) {
    // Data 2.4.4.1.s13.b1: "Interaction Activities MUST have a valid interactionType."
    const used = [
      ...(definition.correctResponsesPattern !== undefined ? ['correctResponsesPattern'] : []),
      ...usedLists,
    ]
    if (used.length > 0) {
      ctx.addIssue({
        code: 'custom',
        input: definition,
        path: ['interactionType'],
        message: `is required with ${used.join(', ')}: "Interaction Activities MUST have a valid interactionType" (xAPI Data 2.4.4.1)`,
      })
    }
    return
  }
  if (typeof type !== 'string') return
  // Data 2.4.4.1.s13.b3: the LRS "MAY return 400 Bad Request if the remaining properties are not
  // valid for the Interaction Activity"; a list the interactionType does not support is refused.
  const supported = LISTS_BY_TYPE[type] ?? []
  for (const key of usedLists) {
    if (supported.includes(key)) continue
    ctx.addIssue({
      code: 'custom',
      input: definition[key],
      path: [key],
      message: `is not an interaction component list of a "${type}" interaction; it supports ${supported.length ? supported.map((s) => `"${s}"`).join(', ') : 'no component lists'} (xAPI Data 2.4.4.1)`,
    })
  }
}

/** Data 2.4.4.1: the Activity Definition, interaction properties included. */
export const ActivityDefinition = strictObject(
  {
    name: LanguageMap.optional(),
    description: LanguageMap.optional(),
    type: Iri.optional(),
    moreInfo: Irl.optional(),
    interactionType: z.enum(INTERACTION_TYPES).optional(),
    correctResponsesPattern: z.array(z.string()).optional(),
    choices: ComponentList.optional(),
    scale: ComponentList.optional(),
    source: ComponentList.optional(),
    target: ComponentList.optional(),
    steps: ComponentList.optional(),
    extensions: Extensions.optional(),
  },
  'an Activity Definition',
).superRefine(interactionRules, ALWAYS)

const ACTOR_KEYS: readonly string[] = [...IFI_KEYS, 'member']

/** Data 2.4.4.1: an Activity; "objectType" is optional and, when present, MUST be "Activity". */
export const Activity = strictObject(
  {
    objectType: literal('Activity', 'must be "Activity"').optional(),
    id: Iri,
    definition: ActivityDefinition.optional(),
  },
  'an Activity (objectType, id, definition)',
  (keys) =>
    keys.some((key) => ACTOR_KEYS.includes(key))
      ? '(an object without "objectType" is an Activity; "Statements that specify an Agent or Group as an Object MUST specify an \'objectType\' property", xAPI Data 2.4.4.2)'
      : undefined,
)

export type ActivityDefinition = z.infer<typeof ActivityDefinition>
export type Activity = z.infer<typeof Activity>
