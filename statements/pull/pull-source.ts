import xapiModule from '@xapi/xapi'
import type { StatementPipeline } from '../../src/pipeline/statement-pipeline.ts'
import type { Stores } from '../../src/store/index.ts'
import type { LrsSource } from '../../src/store/lrs-source-store.ts'
import { statementWrites } from '../../src/store/in-flight-writes.ts'
import { persistStatements } from '../receive/store-statements.ts'
import { parseTimestamp, type Statement, validateStatements } from '../xapi/index.ts'

// The package is CommonJS with a default export; under ESM its class is `.default`.
const XAPI = xapiModule.default

export interface PullDeps {
  readonly stores: Stores
  readonly pipeline: StatementPipeline
  readonly now: () => Date
  /** Statements per page asked of the upstream LRS. */
  readonly pageSize: number
  /** Each committed page keeps the source this puller's for this long (see claimDueSources). */
  readonly leaseMs: number
}

/** What one pull run did. */
export interface PullRun {
  readonly pages: number
  readonly received: number
  readonly stored: number
  /** Statements the upstream LRS holds that are not valid xAPI: counted, not kept. */
  readonly invalid: number
  /** NLS's own progress statements (about `urn:nls:` competencies) come back: not kept again. */
  readonly ours: number
}

/** One page of the statements resource, as the LRS answers it. */
interface StatementResult {
  readonly statements: unknown[]
  readonly more?: string
}

/**
 * Pulls a tenant's upstream LRS from its cursor to the end: pages `GET statements?since=…&
 * ascending=true` following `more`; each page's statements and the cursor are committed together,
 * so a crash or restart resumes after the last committed page, and a re-read statement is not
 * stored twice. Throws on a transport or LRS error (the cursor stays where it was).
 */
export async function pullSource(source: LrsSource, deps: PullDeps): Promise<PullRun> {
  const xapi = new XAPI({
    endpoint: source.endpoint,
    auth: XAPI.toBasicAuth(source.username, source.password),
    version: '1.0.3',
  })
  // `since` is exclusive; a millisecond back re-reads statements stored in the cursor's own
  // instant that a page boundary may have split. They are known already and not stored twice.
  const since = source.cursor && new Date(source.cursor.getTime() - 1).toISOString()
  // Its body and headers (the Consistent-Through), as the client library hands them over.
  let answer: { readonly data: unknown; readonly headers: unknown } = await xapi.getStatements({
    ascending: true,
    limit: deps.pageSize,
    ...(since ? { since } : {}),
  })
  let response = answer.data as unknown as StatementResult
  const run = { pages: 0, received: 0, stored: 0, invalid: 0, ours: 0 }
  for (;;) {
    run.pages++
    run.received += response.statements.length
    const through = consistentThroughOf(answer.headers)
    const page = await storePage(source.tenantId, response.statements, through, deps)
    run.stored += page.stored
    run.invalid += page.invalid
    run.ours += page.ours
    if (!response.more || response.statements.length === 0) break
    answer = await xapi.getMoreStatements({ more: response.more })
    response = answer.data as unknown as StatementResult
  }
  return run
}

/**
 * The upstream's X-Experience-API-Consistent-Through (xAPI 1.0.3 Communication §2.1.3): statements
 * stored before it are all there; one stored after it may still appear with an earlier `stored`
 * than those read. Undefined when the LRS sends none (or no date).
 */
function consistentThroughOf(headers: unknown): Date | undefined {
  const value = (headers as Record<string, unknown> | undefined)?.[
    'x-experience-api-consistent-through'
  ]
  return typeof value === 'string' ? parseTimestamp(value) : undefined
}

async function storePage(
  tenantId: string,
  received: readonly unknown[],
  through: Date | undefined,
  deps: PullDeps,
): Promise<{ stored: number; invalid: number; ours: number }> {
  const valid: Statement[] = []
  let invalid = 0
  let cursor: Date | undefined
  for (const item of received) {
    const checked = validateStatements(item, { version: '1.0.3' })
    if (checked.ok) valid.push(...checked.statements)
    else invalid++
    const stored = parseTimestamp(String((item as { stored?: unknown }).stored ?? ''))
    if (stored && (!cursor || stored > cursor)) cursor = stored
  }
  // The cursor goes no further than the upstream is complete: the next run asks again from there,
  // and statements read twice are known already and not stored twice.
  if (cursor && through && through < cursor) cursor = through
  // An upstream statement lacks nothing we would add: it keeps its id, stored and authority.
  const identified = valid.filter((s) => s.id !== undefined)
  invalid += valid.length - identified.length
  // Progress statements NLS wrote to this LRS are reports, not evidence.
  const kept = identified.filter((s) => !isOurs(s))
  const ours = identified.length - kept.length
  const stored = deps.now()
  // In flight from the stamp to the commit: our Consistent-Through stays before it until then.
  const committed = statementWrites.begin(stored)
  const { inserted, voided } = await deps.stores
    .transaction(async (stores) => {
      const result = await persistStatements(stores, tenantId, kept, { source: 'pull', stored })
      if (cursor) {
        const leaseUntil = new Date(deps.now().getTime() + deps.leaseMs)
        await stores.lrsSources.advanceCursor(tenantId, cursor, leaseUntil)
      }
      return result
    })
    .finally(committed)
  if (inserted.length > 0) await deps.pipeline.statementsAccepted(tenantId, inserted)
  if (voided.length > 0) await deps.pipeline.statementsVoided(tenantId, voided)
  return { stored: inserted.length, invalid, ours }
}

/** A statement about one of our competencies (`urn:nls:…`): one NLS wrote. */
function isOurs(statement: Statement): boolean {
  const object = statement.object as { id?: unknown }
  return typeof object.id === 'string' && object.id.startsWith('urn:nls:')
}
