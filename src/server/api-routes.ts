import { actorNames } from '../evaluation/actor-names.ts'
import { recordVerdicts } from '../evaluation/overrides.ts'
import { Router } from 'express'
import { z } from 'zod'
import { actorIdentity } from '../../statements/receive/actor-identity.ts'
import { Agent } from '../../statements/xapi/index.ts'
import type { Frameworks } from '../evaluation/frameworks-in-force.ts'
import { personProfile } from '../evaluation/profile.ts'
import { waitingStatements } from '../evaluation/waiting-statements.ts'
import { createGradebookColumn, GradebookColumnInput } from '../evaluation/gradebook-column.ts'
import { createAccessTokens } from '../../lti/services/index.ts'
import type { InferenceModel } from '../inference/index.ts'
import type { Stores } from '../store/index.ts'
import { NewTag, TagChange } from '../tagging/tag-input.ts'
import { createTag, removeTag, updateTag } from '../tagging/tag-service.ts'
import {
  requireCourseInScope,
  requireNewTagInScope,
  requirePersonInScope,
  requireStaffScope,
  requireTagInScope,
  tagFilterInScope,
  isPersonInScope,
} from './access-scope.ts'
import {
  type ApiCaller,
  callerTenant,
  requireApiCaller,
  requireStaff,
  scopeOf,
  staffIn,
  TenantQuery,
} from './api-caller.ts'
import { courseTableApi } from './course-table-api.ts'
import { InputInvalid, NotFound } from './errors.ts'
import { parseInput } from './parse-input.ts'

export interface ApiDeps {
  readonly stores: Stores
  /** The frameworks in force (an import replaces them while the server runs). */
  readonly frameworks: () => Frameworks
  readonly sessionSecret: Uint8Array
  readonly now: () => Date
  /** Wakes inference after a change that queued people. */
  readonly wake: () => void
}

const Uuid = (what: string) => z.uuid(`must be ${what} (a UUID)`)
const TagListQuery = TenantQuery.extend({
  activityId: Uuid('an activity id').optional(),
  contextId: Uuid('a course (context) id').optional(),
  competencyId: z.string().min(1).optional(),
}).strict()
const IdParams = z.object({ id: Uuid('an id') })
const FindPersonQuery = TenantQuery.extend({
  issuer: z.string().min(1).optional(),
  sub: z.string().min(1).optional(),
  actor: z.string().min(1).optional(),
})
  .strict()
  .refine((q) => (q.issuer !== undefined && q.sub !== undefined) !== (q.actor !== undefined), {
    message: 'give issuer and sub, or actor (an xAPI Agent as JSON)',
  })
const ProfileQuery = TenantQuery.extend({
  /** Report every component of an audience's table, e.g. TT18.PT. */
  audience: z.string().min(1).optional(),
}).strict()
const OverrideBody = z
  .object({
    targetId: z.string().trim().min(1, 'must not be empty'),
    action: z.enum(['confirm', 'reject', 'set-level', 'clear']),
    level: z.string().min(1).nullable().optional(),
    reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(2000),
  })
  .strict()

/** The JSON API for tags, people, profiles and overrides (admin token or LTI session). */
export function apiRoutes(deps: ApiDeps): Router {
  const router = Router()
  router.use(requireApiCaller({ ...deps, adminTokens: deps.stores.adminTokens }))

  router.get('/tags', async (req, res) => {
    const caller = res.locals.apiCaller!
    requireStaff(caller)
    const { tenantId, ...filter } = parseInput(TagListQuery, req.query, 'query')
    const tenant = callerTenant(caller, tenantId)
    const inScope = tagFilterInScope(scopeOf(caller), filter)
    res.json({ tags: await deps.stores.tags.listTags(tenant, inScope) })
  })

  router.post('/tags', async (req, res) => {
    const { caller, tenant } = staffIn(req, res)
    const input = parseInput(NewTag, req.body, 'body')
    const scope = scopeOf(caller)
    requireStaffScope(scope)
    // A course's trainer tags its activities: one named by IRI is made in the course (or given
    // it), and a tag that lands elsewhere is refused and rolled back.
    const tag = await deps.stores.transaction((stores) =>
      createTag(stores, deps.frameworks().catalog, tenant, input, who(caller), {
        ...(scope.kind === 'course' && { contextId: scope.contextId }),
        accept: (made) => requireNewTagInScope(scope, made),
      }),
    )
    deps.wake()
    res.status(201).json({ tag })
  })

  router.patch('/tags/:id', async (req, res) => {
    const { caller, tenant } = staffIn(req, res)
    const { id } = parseInput(IdParams, req.params, 'params')
    const change = parseInput(TagChange, req.body, 'body')
    const tag = await deps.stores.transaction(async (stores) => {
      requireTagInScope(scopeOf(caller), id, await stores.tags.getTag(tenant, id))
      return updateTag(stores, deps.frameworks().catalog, tenant, id, change, who(caller))
    })
    deps.wake()
    res.json({ tag })
  })

  router.delete('/tags/:id', async (req, res) => {
    const { caller, tenant } = staffIn(req, res)
    const { id } = parseInput(IdParams, req.params, 'params')
    await deps.stores.transaction(async (stores) => {
      requireTagInScope(scopeOf(caller), id, await stores.tags.getTag(tenant, id))
      await removeTag(stores, tenant, id, who(caller))
    })
    deps.wake()
    res.status(204).end()
  })

  const tokens = createAccessTokens({ toolKeys: deps.stores.toolKeys, now: deps.now })
  router.post('/gradebook-columns', async (req, res) => {
    const { caller, tenant } = staffIn(req, res)
    const input = parseInput(GradebookColumnInput, req.body, 'body')
    requireCourseInScope(scopeOf(caller), input.contextId)
    const column = await createGradebookColumn(
      deps.stores,
      deps.frameworks(),
      { tokens },
      tenant,
      input,
      who(caller),
    )
    deps.wake()
    res.status(201).json(column)
  })

  router.use(courseTableApi(deps))

  router.get('/people', async (req, res) => {
    const caller = res.locals.apiCaller!
    requireStaff(caller)
    const query = parseInput(FindPersonQuery, req.query, 'query')
    const tenant = callerTenant(caller, query.tenantId)
    const person =
      query.actor !== undefined
        ? await findByActor(deps.stores, tenant, query.actor)
        : await findByIssuerSub(deps.stores, tenant, query.issuer!, query.sub!)
    // A person out of the caller's scope is answered as unknown: the lookup discloses no one.
    if (
      !person ||
      !(await isPersonInScope(deps.stores.courses, tenant, scopeOf(caller), person.id))
    ) {
      throw new NotFound('no person with that identity in this tenant')
    }
    res.json({ person })
  })

  // The statements waiting for someone to be known by their actor (staff only).
  router.get('/unmatched-actors', async (req, res) => {
    const caller = res.locals.apiCaller!
    requireStaff(caller)
    const query = parseInput(TenantQuery, req.query, 'query')
    res.json(await waitingStatements(deps.stores, callerTenant(caller, query.tenantId)))
  })

  router.get('/people/:id/profile', async (req, res) => {
    const caller = res.locals.apiCaller!
    const { id } = parseInput(IdParams, req.params, 'params')
    const query = parseInput(ProfileQuery, req.query, 'query')
    const tenant = callerTenant(caller, query.tenantId)
    await requirePersonInScope(deps.stores.courses, tenant, scopeOf(caller), id)
    let componentIds: readonly string[] | undefined
    if (query.audience !== undefined) {
      const entry = deps.frameworks().catalog.find(query.audience)
      if (entry?.kind !== 'audience') {
        throw new InputInvalid([
          { path: ['query', 'audience'], message: 'must be an audience such as TT18.PT' },
        ])
      }
      componentIds = entry.audience.components.map((c) => c.id)
    }
    const { catalog, model } = deps.frameworks()
    const profile = await personProfile(deps.stores, catalog, model, tenant, id, {
      componentIds,
    })
    if (!profile) throw new NotFound(`no person ${id} in this tenant`)
    res.json(profile)
  })

  router.get('/people/:id/overrides', async (req, res) => {
    const { caller, tenant } = staffIn(req, res)
    const { id } = parseInput(IdParams, req.params, 'params')
    await requirePersonInScope(deps.stores.courses, tenant, scopeOf(caller), id)
    const overrides = await deps.stores.inference.overrideHistory(tenant, id)
    const names = await actorNames(
      deps.stores.people,
      tenant,
      overrides.map((o) => o.actor),
    )
    res.json({ overrides: overrides.map((o) => ({ ...o, by: names.get(o.actor) })) })
  })

  router.post('/people/:id/overrides', async (req, res) => {
    const { caller, tenant } = staffIn(req, res)
    const { id } = parseInput(IdParams, req.params, 'params')
    const body = parseInput(OverrideBody, req.body, 'body')
    checkOverrideTarget(deps.frameworks().model, body)
    await requirePersonInScope(deps.stores.courses, tenant, scopeOf(caller), id)
    const [override] = await recordVerdicts(deps.stores, tenant, id, [body], caller.actor)
    deps.wake()
    res.status(201).json({ override })
  })

  return router
}

function who(caller: ApiCaller) {
  return caller.kind === 'session'
    ? { actor: caller.actor, personId: caller.session.personId }
    : { actor: caller.actor }
}

/** A verdict must name what it judges: a criterion to confirm or reject, a component's level. */
function checkOverrideTarget(model: InferenceModel, body: z.infer<typeof OverrideBody>): void {
  const problem = (path: string, message: string) =>
    new InputInvalid([{ path: ['body', path], message }])
  const component = model.components.get(body.targetId)
  if (body.action === 'set-level') {
    if (!component) throw problem('targetId', 'set-level needs a component ID such as TT18.PT.1.1')
    if (body.level !== null && body.level !== undefined) {
      if (!component.levels.some((l) => l.code === body.level)) {
        throw problem(
          'level',
          `must be one of ${component.levels.map((l) => l.code).join(', ')} or null`,
        )
      }
    } else if (body.level === undefined) {
      throw problem('level', 'set-level needs a level (or null for none)')
    }
    return
  }
  if (body.action === 'clear') {
    if (!component && !isCriterion(model, body.targetId)) {
      throw problem('targetId', 'must be a component or criterion ID')
    }
    return
  }
  if (!isCriterion(model, body.targetId)) {
    throw problem(
      'targetId',
      `${body.action} needs a descriptor ID such as TT18.PT.1.1.CB.1 (or a level without descriptors)`,
    )
  }
}

function isCriterion(model: InferenceModel, id: string): boolean {
  const target = model.target(id)
  return target !== undefined && target.criteria.length === 1 && target.criteria[0] === id
}

async function findByActor(stores: Stores, tenantId: string, json: string) {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    throw new InputInvalid([{ path: ['query', 'actor'], message: 'must be an xAPI Agent as JSON' }])
  }
  const agent = Agent.safeParse(value)
  const identity = agent.success ? actorIdentity(agent.data) : undefined
  if (!identity) {
    throw new InputInvalid([
      {
        path: ['query', 'actor'],
        message:
          'must be an xAPI Agent with one identifier (mbox, mbox_sha1sum, openid or account)',
      },
    ])
  }
  return stores.people.findPersonByIdentity(tenantId, identity)
}

async function findByIssuerSub(stores: Stores, tenantId: string, issuer: string, sub: string) {
  const byAccount = await stores.people.findPersonByIdentity(tenantId, {
    kind: 'account',
    homePage: issuer,
    name: sub,
  })
  if (byAccount) return byAccount
  for (const platform of await stores.platforms.listPlatforms()) {
    if (platform.tenantId !== tenantId || platform.issuer !== issuer) continue
    const person = await stores.people.findPersonByIdentity(tenantId, {
      kind: 'lti',
      issuer,
      clientId: platform.clientId,
      sub,
    })
    if (person) return person
  }
  return undefined
}
