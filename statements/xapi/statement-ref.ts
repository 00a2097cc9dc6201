import type { z } from 'zod'
import { literal } from './issue-messages.ts'
import { strictObject, Uuid } from './primitives.ts'

/** Data 2.4.4.3: a Statement Reference; "objectType" MUST be "StatementRef" and "id" a Statement's UUID. */
export const StatementRef = strictObject(
  {
    objectType: literal(
      'StatementRef',
      'must be "StatementRef": \'A Statement Reference MUST specify an "objectType" property with the value StatementRef\' (xAPI Data 2.4.4.3)',
    ),
    id: Uuid,
  },
  'a Statement Reference (objectType, id)',
)

export type StatementRef = z.infer<typeof StatementRef>
