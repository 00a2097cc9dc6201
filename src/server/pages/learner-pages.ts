import { Router } from 'express'
import { z } from 'zod'
import type { Frameworks } from '../../evaluation/frameworks-in-force.ts'
import { personTables, tableChoices } from '../../evaluation/person-tables.ts'
import { tablesInUse } from '../../reports/tables-in-use.ts'
import { personProfile } from '../../evaluation/profile.ts'
import { tenantSettings } from '../../evaluation/settings.ts'
import type { Stores } from '../../store/index.ts'
import { homePath, renderPage } from '../../web/layout.tsx'
import { href, type PageContext } from '../../web/page-context.ts'
import { ProfilePage } from '../../web/pages/profile-page.tsx'
import { SelfAssessmentPage } from '../../web/pages/self-assessment-page.tsx'
import { NeedsPage } from '../../web/pages/needs-page.tsx'
import { needsReport, trainingNeeds } from '../../evaluation/training-needs.ts'
import type { ProfileModel } from '../../evaluation/profile.ts'
import type { Tag } from '../../store/index.ts'
import { changedAnswers, selfAssessedLevel } from '../../evaluation/self-assessment.ts'
import type { InferenceModel } from '../../inference/index.ts'
import { accessScope, requirePersonInScope } from '../access-scope.ts'
import { InputInvalid, NotFound } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import { pageOf } from './page-session.ts'
import { pupilViews } from './pupil-data.ts'

export interface PageDeps {
  readonly stores: Stores
  readonly frameworks: () => Frameworks
}

const PersonParams = z.object({ personId: z.uuid('must be a person id') })
const TableForm = z.object({ table: z.string().min(1, 'choose a table') })
const NoticeQuery = z.object({ saved: z.string().optional() }).loose()
const NeedsQuery = NoticeQuery.extend({ print: z.literal('1', 'must be 1').optional() })

/** The pages of a person's own competency: profile, table choice (self-assessment, needs follow). */
export function learnerPages(deps: PageDeps): Router {
  const router = Router()

  router.get('/', (_req, res) => {
    const page = pageOf(res)
    res.redirect(303, href(page, homePath(page.session)))
  })

  router.get('/profile', async (req, res) => {
    const page = pageOf(res)
    const { saved } = parseInput(NoticeQuery, req.query, 'query')
    const notice = saved === 'table' ? page.t('profile.tableSaved') : undefined
    res.type('html').send(await profileHtml(deps, page, page.session.personId, notice))
  })

  router.get('/people/:personId', async (req, res) => {
    const page = pageOf(res)
    const { personId } = parseInput(PersonParams, req.params, 'params')
    const { tenantId } = page.session
    await requirePersonInScope(deps.stores.courses, tenantId, accessScope(page.session), personId)
    res.type('html').send(await profileHtml(deps, page, personId))
  })

  router.post('/profile/table', async (req, res) => {
    const page = pageOf(res)
    const { table } = parseInput(TableForm, req.body, 'body')
    const { catalog } = deps.frameworks()
    const settings = await settingsOf(deps.stores, page.session.tenantId)
    const choice = tableChoices(catalog, settings.audience).find((c) => c.value === table)
    if (!choice) {
      throw new InputInvalid([{ path: ['body', 'table'], message: `no table ${table}` }])
    }
    await deps.stores.people.setAudiences(
      page.session.tenantId,
      page.session.personId,
      choice.audiences.map((a) => a.id),
    )
    res.redirect(303, href(page, '/app/profile', { saved: 'table' }))
  })

  router.get('/self-assessment', async (req, res) => {
    const page = pageOf(res)
    const { saved } = parseInput(NoticeQuery, req.query, 'query')
    const { catalog, tables, profile } = await loadProfile(
      deps,
      page.session.tenantId,
      page.session.personId,
    )
    const notice = saved !== undefined ? page.t('self.saved', { count: Number(saved) }) : undefined
    res
      .type('html')
      .send(renderPage(SelfAssessmentPage, { ctx: page, catalog, tables, profile, notice }))
  })

  router.post('/self-assessment', async (req, res) => {
    const page = pageOf(res)
    const body = parseInput(SelfAssessmentForm, req.body, 'body')
    const { tenantId, personId } = page.session
    const { catalog, model } = deps.frameworks()
    const shown = body.shown.map((componentId, i) => {
      const entry = catalog.find(componentId)
      if (entry?.kind !== 'component') {
        throw new InputInvalid([
          { path: ['body', 'shown', i], message: `${componentId} is not a component` },
        ])
      }
      return { componentId, criteria: criteriaOf(model, componentId) }
    })
    const [settings, latest] = await Promise.all([
      settingsOf(deps.stores, tenantId),
      deps.stores.progress.latestSelfAssessments(tenantId, personId),
    ])
    const answers = changedAnswers(
      shown,
      new Set(body.criteria),
      new Map(latest.map((a) => [a.componentId, a.criteria])),
    )
    await deps.stores.transaction(async (stores) => {
      for (const answer of answers) {
        const level = selfAssessedLevel(model, answer.componentId, answer.criteria, settings)
        await stores.progress.addSelfAssessment(tenantId, personId, { ...answer, level })
      }
    })
    res.redirect(303, href(page, '/app/self-assessment', { saved: String(answers.length) }))
  })

  // Any signed-in person, about themselves only (the session's person); `?print=1` is the
  // printable report.
  router.get('/needs', async (req, res) => {
    const page = pageOf(res)
    const { saved, print } = parseInput(NeedsQuery, req.query, 'query')
    const { tenantId, personId } = page.session
    const { catalog, model } = deps.frameworks()
    const [loaded, own] = await Promise.all([
      loadProfile(deps, tenantId, personId),
      deps.stores.progress.personTargets(tenantId, personId),
    ])
    const { tables, profile, settings, tags } = loaded
    const audienceOf = (componentId: string) => {
      const entry = catalog.find(componentId)
      return entry?.kind === 'component' ? `${entry.framework.id}.${entry.audience.id}` : undefined
    }
    const inputs = await reportInputs(deps, tenantId, profile, tags)
    const needs = trainingNeeds(model, {
      components: profile.components.map((c) => ({
        componentId: c.componentId,
        level: c.level,
        met: new Set(c.levels.flatMap((l) => l.criteria.filter((x) => x.met).map((x) => x.id))),
      })),
      own: new Map(own.map((t) => [t.componentId, t.level])),
      school: settings.targets,
      audienceOf,
      activities: inputs.activities,
    })
    const report = needsReport(model, {
      ...inputs,
      own: new Map(own.map((t) => [t.componentId, t.level])),
      school: settings.targets,
      audienceOf,
    })
    const schoolTargets = new Map(
      profile.components.flatMap((c) => {
        const audience = audienceOf(c.componentId)
        const level =
          settings.targets[c.componentId] ?? (audience ? settings.targets[audience] : undefined)
        return level ? [[c.componentId, level] as const] : []
      }),
    )
    res.type('html').send(
      renderPage(NeedsPage, {
        ctx: page,
        catalog,
        tables,
        needs,
        report,
        ...(print !== undefined && { print: { at: new Date() } }),
        schoolTargets,
        notice: saved !== undefined ? page.t('needs.saved') : undefined,
      }),
    )
  })

  router.post('/needs', async (req, res) => {
    const page = pageOf(res)
    const body = parseInput(NeedsForm, req.body, 'body')
    const { model } = deps.frameworks()
    const targets = body.shown.map((componentId, i) => {
      const component = model.components.get(componentId)
      if (!component) {
        throw new InputInvalid([
          { path: ['body', 'shown', i], message: `${componentId} is not a component` },
        ])
      }
      const raw = (req.body as Record<string, unknown>)[`target.${componentId}`]
      const level = typeof raw === 'string' && raw !== '' ? raw : null
      if (level !== null && !component.levels.some((l) => l.code === level)) {
        throw new InputInvalid([
          {
            path: ['body', `target.${componentId}`],
            message: `${level} is not a level of ${componentId}`,
          },
        ])
      }
      return { componentId, level }
    })
    await deps.stores.progress.setPersonTargets(
      page.session.tenantId,
      page.session.personId,
      targets,
    )
    res.redirect(303, href(page, '/app/needs', { saved: '1' }))
  })

  return router
}

const listOf = (message: string) =>
  z
    .union([z.string(), z.array(z.string())], { error: message })
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))

const SelfAssessmentForm = z.object({
  /** The components the form showed (an unticked box sends nothing). */
  shown: listOf('must be component IDs').pipe(z.array(z.string()).max(200, 'too many components')),
  criteria: listOf('must be criterion IDs').pipe(
    z.array(z.string()).max(2_000, 'too many criteria'),
  ),
})

const NeedsForm = z
  .object({
    shown: listOf('must be component IDs').pipe(
      z.array(z.string()).max(200, 'too many components'),
    ),
  })
  .loose()

/** A component's criteria: its descriptors, or its levels where a level has none. */
function criteriaOf(model: InferenceModel, componentId: string): string[] {
  return model.components.get(componentId)?.levels.flatMap((l) => l.criteria) ?? []
}

/**
 * What a needs report reads of a profile and the tenant's tags: per component its domain, level,
 * criteria with the statements behind each, and the self-assessed level; per tag its activity
 * and the title of the course it is in.
 */
async function reportInputs(
  deps: PageDeps,
  tenantId: string,
  profile: ProfileModel,
  tags: readonly Tag[],
) {
  const { catalog } = deps.frameworks()
  const selves = new Map(profile.selfAssessments.map((a) => [a.componentId, a.level]))
  const contextIds = [...new Set(tags.flatMap((t) => t.activity?.contextId ?? []))]
  const contexts = await Promise.all(
    contextIds.map((id) => deps.stores.courses.getContext(tenantId, id)),
  )
  const courses = new Map(
    contexts.flatMap((c) => {
      const title = c?.title ?? c?.label
      return c && title !== undefined ? [[c.id, title] as const] : []
    }),
  )
  return {
    components: profile.components.flatMap((c) => {
      const entry = catalog.find(c.componentId)
      if (entry?.kind !== 'component') return []
      return [
        {
          componentId: c.componentId,
          domainId: entry.domain.id,
          level: c.level,
          evidence: c.evidenceCount,
          ...(selves.has(c.componentId) && { selfLevel: selves.get(c.componentId) ?? null }),
          levels: c.levels.map((l) => ({
            code: l.code,
            needed: l.needed,
            criteria: l.criteria.map((x) => ({
              id: x.id,
              met: x.met,
              evidence: new Set(x.sources.flatMap((s) => s.statements.map((st) => st.id))).size,
            })),
          })),
        },
      ]
    }),
    activities: tags.map((t) => {
      const course = t.activity?.contextId && courses.get(t.activity.contextId)
      return {
        tagId: t.id,
        competencyIds: t.competencyIds,
        ...(t.activity?.name !== undefined && { name: t.activity.name }),
        ...(t.activity?.iri !== undefined && { iri: t.activity.iri }),
        ...(t.activityPrefix !== undefined && { prefix: t.activityPrefix }),
        ...(course && { course }),
      }
    }),
  }
}

/** A tenant's settings with defaults. */
export async function settingsOf(stores: Stores, tenantId: string) {
  return tenantSettings((await stores.tenants.getTenant(tenantId))?.settings)
}

/**
 * The profile of a person, the tables they are assessed against, and the tenant's settings and
 * tags (read once here for the whole page).
 */
export async function loadProfile(deps: PageDeps, tenantId: string, personId: string) {
  const { catalog, model } = deps.frameworks()
  const [person, settings, tags] = await Promise.all([
    deps.stores.people.getPerson(tenantId, personId),
    settingsOf(deps.stores, tenantId),
    deps.stores.tags.listTags(tenantId),
  ])
  if (!person) throw new NotFound(`no person ${personId} in this tenant`)
  const tables = personTables(catalog, person, settings.audience)
  const componentIds = tables.flatMap((t) => t.audience.components.map((c) => c.id))
  const profile = await personProfile(deps.stores, catalog, model, tenantId, personId, {
    componentIds,
    tags,
    settings,
  })
  if (!profile) throw new NotFound(`no person ${personId} in this tenant`)
  return { catalog, settings, tables, profile, tags }
}

async function profileHtml(deps: PageDeps, page: PageContext, personId: string, notice?: string) {
  const { catalog, settings, tables, profile, tags } = await loadProfile(
    deps,
    page.session.tenantId,
    personId,
  )
  const own = personId === page.session.personId
  // Not a teachers' table nobody of the school is in (the school's table and the person's own
  // kept); the managers' table is offered over the teachers' tables listed.
  const chosenTable = tables.map((t) => t.id).join('+')
  const staffByTable = await deps.stores.reports.staffByTable(
    page.session.tenantId,
    settings.audience,
  )
  const listed = new Set(
    tablesInUse(catalog.audiences(), staffByTable, [
      settings.audience,
      ...tables.map((t) => t.id),
    ]).map((t) => t.id),
  )
  const choices = tableChoices(catalog, settings.audience)
    .filter(
      (c) =>
        c.value === chosenTable ||
        c.audiences.every((a) => a.audience.buildsOn.length > 0 || listed.has(a.id)),
    )
    .map((c) => ({
      value: c.value,
      label: c.audiences.map((a) => a.audience.name[page.lang] ?? a.audience.name.vi).join(' + '),
    }))
  return renderPage(ProfilePage, {
    ctx: page,
    catalog,
    profile,
    tables,
    own,
    tableChoices: choices,
    chosenTable,
    notice,
    // A pupil's own page speaks to them; others looking at it see the full table.
    ...(own && {
      pupilViews: await pupilViews(
        deps.stores,
        catalog,
        page.session.tenantId,
        { profile, tables, tags },
        settings,
      ),
    }),
  })
}
