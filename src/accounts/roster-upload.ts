import type { Catalog } from '../../framework/index.ts'
import { tenantSettings } from '../evaluation/settings.ts'
import type { Stores, Tenant } from '../store/index.ts'
import { parseRosterCsv, type RosterProblem, type RosterRow, staffEmails } from './roster-csv.ts'
import { importRoster } from './roster-import.ts'

/** A roster file to start from: the header row and one example row (a teacher: no grade). */
export const ROSTER_TEMPLATE =
  '\uFEFFemail,ho_ten,don_vi,bang,tai_khoan,chuc_vu,cap_hoc,khoi\r\n' +
  'nguyen.van.an@truong.edu.vn,Nguyễn Văn An,THCS Láng Hạ,PT,gv.nguyenvanan,GV,THCS,\r\n'

export interface RosterUpload {
  /** The tenant the roster is given to: a school, or a district. */
  readonly tenant: Tenant
  /** The schools of a district (the tenants under it); the tenant itself for a school. */
  readonly schools: readonly Tenant[]
  /** The file's text. */
  readonly text: string
  readonly catalog: Catalog
  /** Import the rows without problems even when others have some. */
  readonly validOnly: boolean
  /** Who imports, as the audit log names them. */
  readonly actor: string
}

export interface RosterUploaded {
  readonly added: number
  readonly updated: number
  /** Every problem of the file and of the import, by row. */
  readonly problems: readonly RosterProblem[]
  /** Whether anything was imported: nothing is while there are problems, unless `validOnly`. */
  readonly imported: boolean
  /** The emails imported, by the school they went to. */
  readonly emails: ReadonlyMap<string, readonly string[]>
}

/**
 * Imports a roster file into a tenant, all or nothing unless `validOnly`: in a district each row
 * goes to the school its unit (don_vi) names; audited once as `roster.import`.
 */
export async function importRosterUpload(
  stores: Stores,
  upload: RosterUpload,
): Promise<RosterUploaded> {
  const { tenant, schools } = upload
  const settings = tenantSettings(tenant.settings)
  const parsed = parseRosterCsv(
    upload.text,
    upload.catalog,
    settings.audience.split('.')[0]!,
    settings.accountHomePage,
  )
  const problems: RosterProblem[] = [...parsed.problems]
  const district = schools.length !== 1 || schools[0]!.id !== tenant.id
  const bySchool = new Map<string, RosterRow[]>()
  for (const row of parsed.rows) {
    const school = district ? schools.find((s) => s.name === row.unit) : tenant
    if (!school) {
      const names = schools.map((s) => s.name).join(', ')
      problems.push({
        line: row.line,
        row: row.row,
        column: 'unit',
        code: 'ERR_ROSTER_UNIT_UNKNOWN',
        values: { schools: names },
        message: `must name one of the district's schools: ${names}`,
      })
      continue
    }
    const { unit: _unit, ...rest } = row
    bySchool.set(school.id, [...(bySchool.get(school.id) ?? []), district ? rest : row])
  }
  const imported = problems.length === 0 || upload.validOnly
  let added = 0
  let updated = 0
  const emails = new Map<string, string[]>()
  if (imported) {
    for (const [tenantId, rows] of bySchool) {
      const done = await importRoster(stores, tenantId, rows)
      added += done.added
      updated += done.updated
      problems.push(...done.problems)
      emails.set(tenantId, staffEmails(rows))
    }
    await stores.audit.record({
      tenantId: tenant.id,
      actor: upload.actor,
      action: 'roster.import',
      subject: `tenant:${tenant.id}`,
      details: { added, updated, problems: problems.length },
    })
  }
  return { added, updated, problems, imported, emails }
}
