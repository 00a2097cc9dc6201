import { Router } from 'express'
import { importRosterUpload, ROSTER_TEMPLATE } from '../../accounts/roster-upload.ts'
import { waitingStatementsIn } from '../../evaluation/waiting-statements.ts'
import type { Stores, Tenant } from '../../store/index.ts'
import { renderPage } from '../../web/layout.tsx'
import { RosterPage } from '../../web/pages/roster-page.tsx'
import { Forbidden, NotFound } from '../errors.ts'
import type { PageDeps } from './learner-pages.ts'
import { fileUpload, uploadedText } from './file-upload.ts'
import { pageOf, type PageSessionDeps } from './page-session.ts'
import { reportTenants } from './report-data.ts'
import { problemText } from '../../web/problem-text.ts'

/**
 * The staff roster page of a manager (schools without an LMS roster): staff by unit, a CSV
 * import with every problem named, a template. In a district, the unit names the school each
 * person belongs to.
 */
export function rosterPages(deps: PageDeps & PageSessionDeps): Router {
  const router = Router()
  const { managerTenant, unitsOf, waitingOf } = rosterHelpers(deps)

  router.get('/roster', async (_req, res) => {
    const tenant = await managerTenant(res)
    res.type('html').send(
      renderPage(RosterPage, {
        ctx: pageOf(res),
        units: await unitsOf(tenant),
        waiting: await waitingOf(tenant),
      }),
    )
  })

  router.get('/roster/template.csv', async (_req, res) => {
    await managerTenant(res)
    res
      .type('text/csv; charset=utf-8')
      .attachment('nls-danh-sach-nhan-su.csv')
      .send(ROSTER_TEMPLATE)
  })

  return router
}

/**
 * The roster upload: its multipart body is read before the page session (the session is one of
 * its fields), so it is mounted ahead of the pages' own session.
 */
export function rosterUpload(deps: PageDeps & PageSessionDeps): Router {
  const router = Router()
  const { managerTenant, unitsOf, waitingOf } = rosterHelpers(deps)
  router.post('/roster', ...fileUpload(deps), async (req, res) => {
    const tenant = await managerTenant(res)
    const page = pageOf(res)
    if (!req.file) {
      // No file chosen: the form again, with its problem at the file field.
      res
        .status(400)
        .type('html')
        .send(
          renderPage(RosterPage, {
            ctx: page,
            units: await unitsOf(tenant),
            waiting: await waitingOf(tenant),
            upload: {
              problem: page.t('formErrors.fileNeeded'),
              validOnly: (req.body as { validOnly?: string }).validOnly === 'yes',
            },
          }),
        )
      return
    }
    const validOnly = (req.body as { validOnly?: string }).validOnly === 'yes'
    const { added, updated, imported, ...done } = await importRosterUpload(deps.stores, {
      tenant,
      schools: await reportTenants(deps.stores, tenant),
      text: uploadedText(req.file),
      catalog: deps.frameworks().catalog,
      validOnly,
      actor: `person:${page.session.personId}`,
    })
    const problems = done.problems.map((p) => problemText(page.t, p))
    res
      .status(imported ? 200 : 400)
      .type('html')
      .send(
        renderPage(RosterPage, {
          ctx: page,
          units: await unitsOf(tenant),
          waiting: await waitingOf(tenant),
          result: { added, updated, problems, imported },
          upload: { validOnly },
        }),
      )
  })

  return router
}

function rosterHelpers(deps: PageDeps) {
  async function managerTenant(res: Parameters<typeof pageOf>[0]): Promise<Tenant> {
    const page = pageOf(res)
    if (page.session.role !== 'administrator') {
      throw new Forbidden('only managers keep the staff roster')
    }
    const tenant = await deps.stores.tenants.getTenant(page.session.tenantId)
    if (!tenant) throw new NotFound('the tenant of this session no longer exists')
    return tenant
  }

  async function unitsOf(tenant: Tenant) {
    const schools = await reportTenants(deps.stores, tenant)
    const counts = await Promise.all(
      schools.map((t) =>
        staffByUnit(deps.stores, t.id, schools[0] !== tenant ? t.name : undefined),
      ),
    )
    return counts.flat()
  }

  /** The statements waiting in the tenant and, in a district, in each of its schools. */
  async function waitingOf(tenant: Tenant) {
    const schools = await reportTenants(deps.stores, tenant)
    return waitingStatementsIn(deps.stores, [tenant.id, ...schools.map((s) => s.id)])
  }

  return { managerTenant, unitsOf, waitingOf }
}

/** Staff of a tenant by unit; in a district, named by the school (and its unit). */
async function staffByUnit(stores: Stores, tenantId: string, school: string | undefined) {
  const counts = await stores.reports.staffByUnit(tenantId)
  // A district's school shows even before it has staff.
  if (counts.length === 0 && school !== undefined) return [{ unit: school, staff: 0 }]
  return counts.map(({ unit, staff }) => ({
    unit: school === undefined ? unit : unit ? `${school} — ${unit}` : school,
    staff,
  }))
}
