import { z } from 'zod'
import type { StatementQuery } from '../../src/store/statement-store.ts'
import { QueryInvalid } from '../errors.ts'
import { Iri, parseTimestamp } from '../xapi/index.ts'
import { parseAgentParameter } from './agent-parameter.ts'
import { parseQueryParams } from './query-params.ts'

/** The most statements one page returns (a client's `limit` of 0 means this). */
export const MAX_PAGE = 500

const bool = z.enum(['true', 'false']).transform((v) => v === 'true')
/** A Timestamp query parameter, as the point in time it names. */
export const TimestampParam = z.string().transform((v, ctx) => {
  const date = parseTimestamp(v)
  if (!date) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 timestamp with a time zone' })
    return z.NEVER
  }
  return date
})

/** The parameters of GET /statements (xAPI 1.0.3 Communication §2.1.3), strictly. */
const Params = z.strictObject({
  agent: z.string().optional(),
  // Held to the standard of the same values in statements (xAPI Data 2.2.s4.b4).
  verb: Iri.optional(),
  activity: Iri.optional(),
  registration: z.uuid().optional(),
  since: TimestampParam.optional(),
  until: TimestampParam.optional(),
  limit: z.coerce.number().int().min(0).optional(),
  ascending: bool.optional(),
  related_activities: bool.optional(),
  related_agents: bool.optional(),
  format: z.enum(['ids', 'exact', 'canonical']).optional(),
  attachments: bool.optional(),
})

export type Format = 'ids' | 'exact' | 'canonical'

/** A page's query, with the format of its statements and the parameters for `more`. */
export interface ParsedQuery {
  readonly query: StatementQuery
  readonly format: Format
  /** Whether the answer carries the statements' attachments' data (multipart/mixed). */
  readonly attachments: boolean
  readonly params: Readonly<Record<string, string>>
}

/** Parses the query string of GET /statements; QueryInvalid names the parameter and why. */
export function parseStatementQuery(raw: Readonly<Record<string, unknown>>): ParsedQuery {
  // A parameter becomes SQL text (an IRI, an agent's JSON): refused here as in a statement.
  const p = parseQueryParams(Params, raw)
  const agent = p.agent === undefined ? undefined : parseAgentParameter(p.agent)
  return {
    query: {
      agent,
      verbId: p.verb,
      activityIri: p.activity,
      registration: p.registration,
      since: p.since,
      until: p.until,
      ascending: p.ascending ?? false,
      relatedActivities: p.related_activities ?? false,
      relatedAgents: p.related_agents ?? false,
      limit: p.limit === undefined || p.limit === 0 ? MAX_PAGE : Math.min(p.limit, MAX_PAGE),
    },
    format: p.format ?? 'exact',
    attachments: p.attachments ?? false,
    params: Object.fromEntries(
      Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'),
    ),
  }
}

/** The `more` token: the query's parameters and where the page ended. */
export function moreToken(
  params: Readonly<Record<string, string>>,
  last: { stored: Date; id: string },
): string {
  return Buffer.from(
    JSON.stringify({ p: params, s: last.stored.toISOString(), i: last.id }),
  ).toString('base64url')
}

// `s` is a Date this LRS wrote with toISOString(); anything else did not come from us.
const More = z.object({ p: z.record(z.string(), z.string()), s: z.iso.datetime(), i: z.uuid() })

/** The query a `more` token continues. */
export function parseMoreToken(token: string): ParsedQuery {
  let decoded: z.infer<typeof More>
  try {
    decoded = More.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')))
  } catch {
    throw new QueryInvalid('more: not a token this LRS gave')
  }
  const page = parseStatementQuery(decoded.p)
  return {
    ...page,
    query: { ...page.query, after: { stored: new Date(decoded.s), id: decoded.i } },
  }
}
