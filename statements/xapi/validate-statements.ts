import { isUuid } from './formats.ts'
import { statementErrorMap } from './issue-messages.ts'
import {
  MAX_BATCH_STATEMENTS,
  MAX_STATEMENT_BYTES,
  XAPI_VERSIONS,
  type XapiVersion,
} from './limits.ts'
import { oversizeProblem } from './oversize-problem.ts'
import { issuesToProblems, type Problem } from './problems.ts'
import { STATEMENT_SCHEMAS, type Statement } from './statement.ts'
import { surveyJson } from './survey-json.ts'

export type ValidationResult =
  { ok: true; statements: Statement[] } | { ok: false; problems: Problem[] }

/**
 * Checks a request body (one statement or an array of them) against xAPI 1.0.3, or 2.0.0 when the
 * request declares it; reports every problem with its JSON path. Pure: no I/O, no clock.
 */
export function validateStatements(
  body: unknown,
  options: { readonly version: XapiVersion },
): ValidationResult {
  const schemas = STATEMENT_SCHEMAS[options.version]
  if (!(XAPI_VERSIONS as readonly string[]).includes(options.version) || schemas === undefined) {
    throw new TypeError(
      `validateStatements: unknown xAPI version ${JSON.stringify(options.version)}`,
    )
  }
  const batch = Array.isArray(body)
  const items: unknown[] = batch ? body : [body]
  if (batch && items.length === 0) {
    return { ok: false, problems: [{ path: [], message: 'must hold at least one statement' }] }
  }
  if (items.length > MAX_BATCH_STATEMENTS) {
    return {
      ok: false,
      problems: [
        {
          path: [],
          message: `holds ${items.length} statements; a request may carry at most ${MAX_BATCH_STATEMENTS}: send smaller batches`,
        },
      ],
    }
  }

  const problems: Problem[] = []
  const statements: Statement[] = []
  items.forEach((item, index) => {
    const prefix = batch ? [index] : []
    // First, without recursion: every later step (zod, JSON.stringify) recurses, and PostgreSQL
    // refuses the text these find, failing the whole batch.
    const { hazards, jsonBytesAtMost } = surveyJson(item, prefix)
    if (hazards.length > 0) {
      problems.push(...hazards)
      return
    }
    // Not validated further: checking a huge value costs time and the statement is refused anyway.
    // Serialized to measure only when its bound passes the limit (a Moodle statement's is under a
    // fifth of it).
    const oversize =
      jsonBytesAtMost > MAX_STATEMENT_BYTES ? oversizeProblem(item, prefix) : undefined
    if (oversize !== undefined) {
      problems.push(oversize)
      return
    }
    // Without the error map first: zod parses a quarter slower with one, which only a statement
    // with problems needs (to word them), parsed again.
    const parsed = schemas.Statement.safeParse(item)
    if (parsed.success) {
      statements.push(parsed.data)
      return
    }
    const worded = schemas.Statement.safeParse(item, { error: statementErrorMap })
    problems.push(...issuesToProblems(worded.error?.issues ?? parsed.error.issues, prefix))
  })
  if (batch) problems.push(...duplicateIds(items))
  return problems.length > 0 ? { ok: false, problems } : { ok: true, statements }
}

// Communication 2.1.1: "If the LRS receives a batch of Statements containing two or more Statements
// with the same id, it SHOULD* reject the batch and return 400 Bad Request" (2.0.0: "shall").
function duplicateIds(items: readonly unknown[]): Problem[] {
  const first = new Map<string, number>()
  const problems: Problem[] = []
  items.forEach((item, index) => {
    const id = (item as { id?: unknown } | null)?.id
    if (typeof id !== 'string' || !isUuid(id)) return
    const key = id.toLowerCase()
    const seen = first.get(key)
    if (seen === undefined) first.set(key, index)
    else
      problems.push({
        path: [index, 'id'],
        message: `"id" repeats the id of statement ${seen}: a batch "containing two or more Statements with the same id" is rejected (xAPI Communication 2.1.1)`,
      })
  })
  return problems
}
