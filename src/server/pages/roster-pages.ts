import { Router } from 'express'
import { formatRosterProblem, parseRosterCsv, type RosterRow } from '../../accounts/roster-csv.ts'
import { importRoster } from '../../accounts/roster-import.ts'
import { tenantSettings } from '../../evaluation/settings.ts'
import { waitingStatements } from '../../evaluation/waiting-statements.ts'
import type { Stores, Tenant } from '../../store/index.ts'
import { renderPage } from '../../web/layout.tsx'
import { RosterPage } from '../../web/pages/roster-page.tsx'
import { Forbidden, NotFound } from '../errors.ts'
import type { PageDeps } from './learner-pages.ts'
import { fileUpload, uploadedText } from './file-upload.ts'
import { pageOf, type PageSessionDeps } from './page-session.ts'
import { reportTenants } from './report-data.ts'

const TEMPLATE =
  '\uFEFFemail,ho_ten,don_vi,bang,tai_khoan\r\n' +
  'nguyen.van.an@truong.edu.vn,Nguyễn Văn An,THCS Láng Hạ,PT,gv.nguyenvanan\r\n'

/**
 * The staff roster page of a manager (schools without an LMS roster): staff by unit, a CSV
 * import with every problem named, a template. In a district, the unit names the school each
 * person belongs to.
 */
export function rosterPages(deps: PageDeps & PageSessionDeps): Router {
  const router = Router()
  const { managerTenant, unitsOf } = rosterHelpers(deps)

  router.get('/roster', async (_req, res) => {
    const tenant = await managerTenant(res)
    res.type('html').send(
      renderPage(RosterPage, {
        ctx: pageOf(res),
        units: await unitsOf(tenant),
        waiting: await waitingStatements(deps.stores, tenant.id),
      }),
    )
  })

  router.get('/roster/template.csv', async (_req, res) => {
    await managerTenant(res)
    res.type('text/csv; charset=utf-8').attachment('nls-danh-sach-nhan-su.csv').send(TEMPLATE)
  })

  return router
}

/**
 * The roster upload: its multipart body is read before the page session (the session is one of
 * its fields), so it is mounted ahead of the pages' own session.
 */
export function rosterUpload(deps: PageDeps & PageSessionDeps): Router {
  const router = Router()
  const { managerTenant, unitsOf } = rosterHelpers(deps)
  router.post('/roster', ...fileUpload(deps), async (req, res) => {
    const tenant = await managerTenant(res)
    const page = pageOf(res)
    const { catalog } = deps.frameworks()
    const settings = tenantSettings(tenant.settings)
    const frameworkId = settings.audience.split('.')[0]!
    const parsed = parseRosterCsv(
      uploadedText(req.file),
      catalog,
      frameworkId,
      settings.accountHomePage,
    )
    const schools = await reportTenants(deps.stores, tenant)
    const district = schools[0] !== tenant
    const problems = parsed.problems.map((p) =>
      formatRosterProblem(
        p.code === 'ERR_ROSTER_HOME_PAGE_MISSING'
          ? { ...p, message: page.t('roster.homePageMissing') }
          : p,
      ),
    )
    // In a district each row goes to the school its unit names.
    const bySchool = new Map<string, RosterRow[]>()
    for (const row of parsed.rows) {
      const school = district ? schools.find((s) => s.name === row.unit) : tenant
      if (!school) {
        problems.push(
          formatRosterProblem({
            line: row.line,
            row: row.row,
            column: 'unit',
            message: `must name one of the district's schools: ${schools.map((s) => s.name).join(', ')}`,
          }),
        )
        continue
      }
      const { unit: _unit, ...rest } = row
      bySchool.set(school.id, [...(bySchool.get(school.id) ?? []), district ? rest : row])
    }
    const validOnly = (req.body as { validOnly?: string }).validOnly === 'yes'
    let added = 0
    let updated = 0
    const imported = problems.length === 0 || validOnly
    if (imported) {
      for (const [tenantId, rows] of bySchool) {
        const done = await importRoster(deps.stores, tenantId, rows)
        added += done.added
        updated += done.updated
        problems.push(...done.problems.map(formatRosterProblem))
      }
      await deps.stores.audit.record({
        tenantId: tenant.id,
        actor: `person:${page.session.personId}`,
        action: 'roster.import',
        subject: `tenant:${tenant.id}`,
        details: { added, updated, problems: problems.length },
      })
    }
    res
      .status(imported ? 200 : 400)
      .type('html')
      .send(
        renderPage(RosterPage, {
          ctx: page,
          units: await unitsOf(tenant),
          waiting: await waitingStatements(deps.stores, tenant.id),
          result: { added, updated, problems, imported },
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

  return { managerTenant, unitsOf }
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
