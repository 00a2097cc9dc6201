import { StoreNotFound } from './errors.ts'
import { SQLSTATE, sqlState } from './sql-state.ts'

/** Runs a write; a missing row it refers to (`what`) becomes StoreNotFound. */
export async function orNotFound<T>(what: string, write: PromiseLike<T>): Promise<T> {
  try {
    return await write
  } catch (err) {
    if (sqlState(err) !== SQLSTATE.foreignKeyViolation) throw err
    throw new StoreNotFound(`${what} does not exist`, { cause: err })
  }
}
