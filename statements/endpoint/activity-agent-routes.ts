import { Router } from 'express'
import { z } from 'zod'
import type { Stores } from '../../src/store/index.ts'
import { Iri } from '../xapi/primitives.ts'
import { parseQueryParams } from '../receive/query-params.ts'
import { parseAgentParameter } from '../receive/agent-parameter.ts'
import { actorIdentity } from '../receive/actor-identity.ts'
import { mergedActivity, personOf } from '../receive/activity-and-person.ts'

/** Statements whose definitions of an Activity are merged (its newest). */
const DEFINITIONS_READ = 100

const ActivityParams = z.strictObject({ activityId: Iri })
const AgentParams = z.strictObject({ agent: z.string() })

/**
 * GET (and HEAD) /activities and /agents (xAPI 1.0.3 Communication §2.4, §2.5): what the
 * client's tenant knows of an Activity (its definition, merged from its statements) and of an
 * Agent (a Person object). An unknown one is still answered, with what the request said.
 */
export function activityAgentRoutes(stores: Pick<Stores, 'statements' | 'people'>): Router {
  const router = Router()
  router.get('/activities', async (req, res) => {
    const { activityId } = parseQueryParams(ActivityParams, req.query)
    const tenantId = res.locals.xapiClient!.tenantId
    const definitions = await stores.statements.activityDefinitions(
      tenantId,
      activityId,
      DEFINITIONS_READ,
    )
    res.json(mergedActivity(activityId, definitions))
  })
  router.get('/agents', async (req, res) => {
    const { agent } = parseQueryParams(AgentParams, req.query)
    const { ifi } = parseAgentParameter(agent)
    const sent = JSON.parse(agent) as { name?: unknown }
    const identity = actorIdentity(ifi)
    const person = identity
      ? await stores.people.findPersonByIdentity(res.locals.xapiClient!.tenantId, identity)
      : undefined
    const name = typeof sent.name === 'string' ? sent.name : undefined
    res.json(personOf(ifi, [name, person?.name]))
  })
  return router
}
