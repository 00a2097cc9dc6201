import { Router } from 'express'
import { z } from 'zod'
import type { Catalog } from '../../framework/index.ts'
import { checkCourseTable, CourseTableInput } from '../evaluation/course-table.ts'
import { tenantSettings } from '../evaluation/settings.ts'
import type { Context, Stores } from '../store/index.ts'
import { requireCourseInScope } from './access-scope.ts'
import { scopeOf, staffIn } from './api-caller.ts'
import { InputInvalid, NotFound } from './errors.ts'
import { parseInput } from './parse-input.ts'

const CourseParams = z.object({ contextId: z.uuid('must be a course (context) id (a UUID)') })

/** A course's table as the API answers it (`null`: the school's default; no grade). */
function tableOf(context: Context) {
  return {
    contextId: context.id,
    audience: context.audience ?? null,
    grade: context.grade ?? null,
  }
}

/**
 * A course's table and grade: `GET/PUT /api/courses/:contextId/table`. Who: staff (a learner's
 * session is refused, 403); scope: an admin token or an administrator any course of the tenant,
 * a course's trainer their own course (another, or one not in the tenant, is 404).
 */
export function courseTableApi(deps: {
  readonly stores: Stores
  readonly frameworks: () => { readonly catalog: Catalog }
}): Router {
  const router = Router()

  async function courseIn(tenant: string, contextId: string): Promise<Context> {
    const context = await deps.stores.courses.getContext(tenant, contextId)
    if (!context) throw new NotFound('no such course')
    return context
  }

  router.get('/courses/:contextId/table', async (req, res) => {
    const { caller, tenant } = staffIn(req, res)
    const { contextId } = parseInput(CourseParams, req.params, 'params')
    requireCourseInScope(scopeOf(caller), contextId)
    res.json(tableOf(await courseIn(tenant, contextId)))
  })

  router.put('/courses/:contextId/table', async (req, res) => {
    const { caller, tenant } = staffIn(req, res)
    const { contextId } = parseInput(CourseParams, req.params, 'params')
    requireCourseInScope(scopeOf(caller), contextId)
    await courseIn(tenant, contextId)
    const table = parseInput(CourseTableInput, req.body, 'body')
    const school = tenantSettings((await deps.stores.tenants.getTenant(tenant))?.settings)
    const problems = checkCourseTable(deps.frameworks().catalog, school.audience, table)
    if (problems.length > 0) {
      throw new InputInvalid(problems.map((p) => ({ path: ['body', p.field], message: p.message })))
    }
    res.json(tableOf(await deps.stores.courses.setCourseTable(tenant, contextId, table)))
  })

  return router
}
