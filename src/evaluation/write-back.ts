import { type Catalog, iriOf } from '../../framework/index.ts'
import {
  descriptorReachedStatement,
  levelChangeStatement,
  type ProgressActor,
} from '../../statements/progress/progress-statement.ts'
import type { Identity, OverrideRecord, Person, Stores } from '../store/index.ts'
import type { CriterionReached, LevelChange } from './levels-to-save.ts'

/** What writing progress back needs: our profile's IRI and the frameworks in force. */
export interface WriteBackEnv {
  /** `${public URL}/xapi/profile`: progress statements name it (xAPI Profiles §5). */
  readonly profileIri: string
  readonly catalog: Catalog
}

/**
 * The actor statements name a person by: the identifier their LMS's statements use (an account,
 * else an email), or for someone known only by LTI, the account Moodle would use (homePage = the
 * issuer, name = `sub`). Undefined for a person with no usable identity.
 */
export function progressActor(
  person: Pick<Person, 'name'>,
  identities: readonly Identity[],
): ProgressActor | undefined {
  const name = person.name ? { name: person.name } : {}
  const account = identities.find((i) => i.kind === 'account')
  if (account?.kind === 'account') {
    return { ...name, account: { homePage: account.homePage, name: account.name } }
  }
  const mbox = identities.find((i) => i.kind === 'mbox')
  if (mbox?.kind === 'mbox') return { ...name, mbox: mbox.mbox }
  const lti = identities.find((i) => i.kind === 'lti')
  if (lti?.kind === 'lti') return { ...name, account: { homePage: lti.issuer, name: lti.sub } }
  return undefined
}

/** A person's level changes, with the trainer verdicts standing for them. */
export interface PersonChanges {
  readonly changes: readonly LevelChange[]
  /** Criteria newly met: written only when the tenant asks for descriptor statements. */
  readonly reached?: readonly CriterionReached[]
  readonly overrides: readonly OverrideRecord[]
}

/**
 * Queues a progress statement for each level change of these people, in the caller's
 * transaction (a change and its statement commit together). Statement ids are deterministic
 * (person, component, level, change number), so a statement is never queued or delivered twice.
 * Returns how many were queued.
 */
export async function enqueueLevelChanges(
  stores: Pick<Stores, 'people' | 'outbox'>,
  env: WriteBackEnv,
  tenantId: string,
  byPerson: ReadonlyMap<string, PersonChanges>,
  now: Date,
): Promise<number> {
  const ids = [...byPerson]
    .filter(([, c]) => c.changes.length > 0 || (c.reached?.length ?? 0) > 0)
    .map(([id]) => id)
  if (ids.length === 0) return 0
  const people = await stores.people.getPeopleWithIdentities(tenantId, ids)
  const messages = ids.flatMap((personId) => {
    const known = people.get(personId)
    const actor = known && progressActor(known.person, known.identities)
    if (!actor) return []
    const { changes, reached = [], overrides } = byPerson.get(personId)!
    const statements = [
      ...changes.map((change) => changeStatement(env, actor, personId, change, overrides, now)),
      ...reached.map((r) => reachedStatement(env, actor, personId, r, overrides, now)),
    ]
    return statements.flatMap((statement) => {
      return statement
        ? [
            {
              kind: 'xapi-statement' as const,
              dedupeKey: `progress:${statement.id}`,
              payload: { destination: 'progress', statement },
              personId,
            },
          ]
        : []
    })
  })
  return stores.outbox.enqueueMany(tenantId, messages)
}

function reachedStatement(
  env: WriteBackEnv,
  actor: ProgressActor,
  personId: string,
  reached: CriterionReached,
  overrides: readonly OverrideRecord[],
  now: Date,
) {
  const entry = env.catalog.find(reached.criterionId)
  // A level without descriptor text is reported by its level statement only.
  if (entry?.kind !== 'descriptor') return undefined
  const override = overrides.find(
    (o) => o.action === 'confirm' && o.targetId === reached.criterionId,
  )
  return descriptorReachedStatement({
    profileIri: env.profileIri,
    actor,
    personId,
    component: {
      id: entry.component.id,
      iri: iriOf(entry.component.id),
      name: entry.component.name,
      frameworkId: entry.framework.id,
      frameworkVersion: reached.frameworkVersion,
    },
    descriptor: { id: entry.id, iri: iriOf(entry.id), text: entry.descriptor.text },
    evidenceCount: reached.evidenceCount,
    sequence: reached.sequence,
    ...(override && { override: { reason: override.reason, by: override.actor } }),
    timestamp: now,
  })
}

function changeStatement(
  env: WriteBackEnv,
  actor: ProgressActor,
  personId: string,
  change: LevelChange,
  overrides: readonly OverrideRecord[],
  now: Date,
) {
  const entry = env.catalog.find(change.componentId)
  if (entry?.kind !== 'component') return undefined
  const top = entry.component.levels.at(-1)?.code
  const override = overrides.find(
    (o) => o.action === 'set-level' && o.targetId === change.componentId,
  )
  const level = (code: string | null | undefined) =>
    code === undefined ? undefined : code === null ? null : { code }
  return levelChangeStatement({
    profileIri: env.profileIri,
    actor,
    personId,
    component: {
      id: entry.id,
      iri: iriOf(entry.id),
      name: entry.component.name,
      frameworkId: entry.framework.id,
      frameworkVersion: change.frameworkVersion,
    },
    level: level(change.to) ?? null,
    previous: level(change.from),
    topLevel: change.to !== null && change.to === top,
    evidenceCount: change.evidenceCount,
    sequence: change.sequence,
    ...(override && { override: { reason: override.reason, by: override.actor } }),
    timestamp: now,
  })
}
