import type { InferenceModel } from '../inference/index.ts'
import type { Stores } from '../store/index.ts'
import { type Evaluation, evaluatePeople } from './evaluate-people.ts'
import type { TenantContext } from './tenant-context.ts'
import type { WriteBackEnv } from './write-back.ts'

export type { Evaluation } from './evaluate-people.ts'

/**
 * Works a person's evidence and levels out again from their statements (voided ones left out),
 * the tenant's tags and settings, and trainer overrides; saves what changed. Run it inside the
 * transaction that took the person off the queue. A batch of one of `evaluatePeople`.
 */
export async function evaluatePerson(
  stores: Stores,
  model: InferenceModel,
  context: TenantContext,
  personId: string,
  /**
   * When given, each level change queues its progress statement, and each changed component the
   * scores of the graded LTI links tagged with it, in this transaction.
   */
  writeBack?: WriteBackEnv,
): Promise<Evaluation> {
  const [evaluation] = await evaluatePeople(stores, model, context, [personId], writeBack)
  return evaluation!
}
