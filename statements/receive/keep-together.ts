import type { Stores } from '../../src/store/index.ts'
import { GroupCommit, type GroupCommitOptions, type Settled } from '../../src/store/group-commit.ts'
import type { NewStatementInput } from '../../src/store/statement-store.ts'
import type { Statement } from '../xapi/index.ts'
import {
  keepAlone,
  type KeepStatements,
  type Kept,
  keptNew,
  newStatementRows,
} from './store-statements.ts'

/** How requests share commits (see keepTogether and GroupCommit). */
export type KeepTogetherOptions = Pick<
  GroupCommitOptions<Write, Kept>,
  'maxSize' | 'maxInFlight' | 'overlapAfterMs'
> & {
  /** A request of more statements than this commits alone: it is a commit's worth already. */
  readonly maxStatementsPerRequest: number
}

/**
 * One shared commit at a time while commits are quick: the requests arriving meanwhile wait for
 * it and form the next, so a group grows with the load (throughput is a group over a commit's
 * time). Three at once from the start made groups a third as large: twice PostgreSQL's CPU per
 * statement, and fewer statements a second (single statements from 50 clients,
 * bench/statements.ts: 2,673–3,186/s against 1,329–2,124/s). A commit held up (a person's queue
 * row locked by inference, a lock of another request) holds the others up at most 50 ms: then a
 * second group starts beside it, and a third.
 */
export const DEFAULT_KEEP_TOGETHER: KeepTogetherOptions = {
  maxSize: 64,
  maxInFlight: 3,
  overlapAfterMs: 50,
  maxStatementsPerRequest: 20,
}

/** A request's statements waiting for a shared commit. */
interface Write {
  readonly tenantId: string
  readonly prepared: readonly Statement[]
  readonly stored: Date
  readonly rows: readonly NewStatementInput[]
}

/**
 * Keeps requests that arrive together in one commit: content sends a statement per event, and
 * one commit (and one round trip) per request is what bounds how many a PostgreSQL server takes
 * per second. Small pushes of new statements that void nothing, of one tenant, are inserted by
 * one statement (insertNewStatements), atomic on its own; each request is answered after it.
 * Should that statement fail (an id kept before or sent twice in the group, which xAPI answers
 * per request: accepted when identical, 409 otherwise), nothing of it is kept and every request
 * of the group is kept again alone, so each gets exactly the answer it would have got alone.
 * A request never waits for a timer while no commit is under way: it commits at once (GroupCommit).
 */
export function keepTogether(
  stores: Pick<Stores, 'statements' | 'transaction'>,
  options: KeepTogetherOptions = DEFAULT_KEEP_TOGETHER,
): KeepStatements {
  const alone = keepAlone(stores)
  const { maxStatementsPerRequest, ...grouping } = options
  const group = new GroupCommit<Write, Kept>({
    ...grouping,
    commit: (writes) => commitGroup(stores, alone, writes),
  })
  return (tenantId, prepared, stored) => {
    const rows =
      prepared.length <= maxStatementsPerRequest ? rowsIfNew(prepared, stored) : undefined
    return rows === undefined
      ? alone(tenantId, prepared, stored)
      : group.submit({ tenantId, prepared, stored, rows })
  }
}

/** The rows of a batch the shared statement can take, else undefined (the full path's). */
function rowsIfNew(prepared: readonly Statement[], stored: Date) {
  try {
    return newStatementRows(prepared, stored)
  } catch {
    // A statement the full path refuses (an anonymous Group as actor): it says why, alone.
    return undefined
  }
}

/** Commits a group: per tenant, one insert of every request's statements, or each alone. */
async function commitGroup(
  stores: Pick<Stores, 'statements'>,
  alone: KeepStatements,
  writes: readonly Write[],
): Promise<Settled<Kept>[]> {
  const settled: Settled<Kept>[] = new Array(writes.length)
  const byTenant = new Map<string, number[]>()
  writes.forEach((w, i) => {
    const list = byTenant.get(w.tenantId)
    if (list) list.push(i)
    else byTenant.set(w.tenantId, [i])
  })
  await Promise.all(
    [...byTenant].map(async ([tenantId, indexes]) => {
      if (indexes.length > 1) {
        const people = await stores.statements
          .insertNewStatements(
            tenantId,
            indexes.flatMap((i) => writes[i]!.rows),
          )
          // Kept again alone below, where each request meets its own error, if any.
          .catch(() => undefined)
        if (people !== undefined) {
          let at = 0
          for (const i of indexes) {
            const rows = writes[i]!.rows
            settled[i] = { ok: true, value: keptNew(rows, people.slice(at, at + rows.length)) }
            at += rows.length
          }
          return
        }
      }
      await Promise.all(
        indexes.map(async (i) => {
          const w = writes[i]!
          try {
            settled[i] = { ok: true, value: await alone(w.tenantId, w.prepared, w.stored) }
          } catch (error) {
            settled[i] = { ok: false, error }
          }
        }),
      )
    }),
  )
  return settled
}
