import { type Response, Router } from 'express'
import { z } from 'zod'
import { createRosterAccounts, type RosterAccount } from '../../accounts/roster-accounts.ts'
import { formatRosterAccountsCsv } from '../../accounts/roster-accounts-csv.ts'
import { importRosterUpload, ROSTER_TEMPLATE } from '../../accounts/roster-upload.ts'
import { loadFrameworksInForce } from '../../evaluation/frameworks-in-force.ts'
import { waitingStatements } from '../../evaluation/waiting-statements.ts'
import { RosterSection, type RosterSectionProps } from '../../web/console/roster-page.tsx'
import { renderPage } from '../../web/layout.tsx'
import { problemText } from '../../web/problem-text.ts'
import { parseInput } from '../parse-input.ts'
import { readUpload, uploadedText } from '../pages/file-upload.ts'
import { reportTenants } from '../pages/report-data.ts'
import { chosenTenant, queriedTenant } from './chosen-tenant.ts'
import { type ConsoleContext, type ConsoleDeps, consoleOf } from './console-context.ts'
import { consoleSession } from './console-session.ts'

const RosterQuery = z.object({ tenant: z.uuid('must be a tenant id (a UUID)').optional() })
const Tick = z.literal('yes').optional()
const UploadBody = z.object({
  tenant: z.uuid('must be a tenant id (a UUID)'),
  validOnly: Tick,
  accounts: Tick,
})

/**
 * The roster section (/admin/roster?tenant=): a tenant's staff from a CSV file, as /app/roster
 * and `nls roster import` read it, and the statements waiting for people nobody is known by. For
 * an admin token's holder (any tenant) or a district's manager (their tenants).
 */
export function consoleRosterRoutes(deps: ConsoleDeps): Router {
  const router = Router()

  router.get('/roster', async (req, res) => {
    const ctx = consoleOf(res)
    const query = parseInput(RosterQuery, req.query, 'query')
    const tenant = queriedTenant(ctx, query.tenant)
    await send(res, deps, { tenant })
  })

  router.get('/roster/template.csv', (_req, res) => {
    res
      .type('text/csv; charset=utf-8')
      .attachment('nls-danh-sach-nhan-su.csv')
      .send(ROSTER_TEMPLATE)
  })

  return router
}

/**
 * The roster upload: its multipart body (the form token is one of its fields) is read before the
 * console session, so it is mounted ahead of the console's own session and form parser. All or
 * nothing unless "import the valid rows" is ticked; with "accounts" ticked, the file's people
 * without an account get a teacher's one, their first passwords offered once as a CSV file.
 */
export function consoleRosterUpload(deps: ConsoleDeps): Router {
  const router = Router()
  router.post('/roster', readUpload(), consoleSession(deps), async (req, res) => {
    const ctx = consoleOf(res)
    const body = parseInput(UploadBody, req.body, 'body')
    const tenant = chosenTenant(ctx, body.tenant)
    const ticked = { validOnly: body.validOnly === 'yes', accounts: body.accounts === 'yes' }
    if (!req.file) {
      return send(res.status(400), deps, {
        tenant,
        upload: { ...ticked, problem: ctx.t('formErrors.fileNeeded') },
      })
    }
    const uploaded = await importRosterUpload(deps.stores, {
      tenant,
      schools: await reportTenants(deps.stores, tenant),
      text: uploadedText(req.file),
      catalog: (await loadFrameworksInForce(deps.stores)).catalog,
      validOnly: ticked.validOnly,
      actor: ctx.actor.auditActor,
    })
    const accounts =
      ticked.accounts && uploaded.imported
        ? await makeAccounts(deps, ctx, uploaded.emails)
        : undefined
    await send(res.status(uploaded.imported ? 200 : 400), deps, {
      tenant,
      result: {
        added: uploaded.added,
        updated: uploaded.updated,
        imported: uploaded.imported,
        problems: uploaded.problems.map((p) => problemText(ctx.t, p)),
      },
      upload: ticked,
      ...(accounts && { accounts }),
    })
  })
  return router
}

/** A teacher's account for each imported person without one, school by school. */
async function makeAccounts(
  deps: ConsoleDeps,
  ctx: ConsoleContext,
  emails: ReadonlyMap<string, readonly string[]>,
): Promise<NonNullable<RosterSectionProps['accounts']>> {
  const made: RosterAccount[] = []
  const skipped: string[] = []
  for (const [tenantId, list] of emails) {
    const done = await createRosterAccounts(deps.stores, tenantId, {
      actor: ctx.actor.auditActor,
      emails: list,
    })
    made.push(...done.made)
    for (const s of done.skipped) {
      const key = s.reason === 'username-taken' ? 'skippedTaken' : 'skippedInvalid'
      skipped.push(ctx.t(`consoleRoster.${key}`, { email: s.email }))
    }
  }
  return { made: made.length, csv: formatRosterAccountsCsv(made), skipped }
}

async function send(
  res: Response,
  deps: ConsoleDeps,
  props: Omit<RosterSectionProps, 'ctx' | 'waiting'>,
): Promise<void> {
  const ctx = consoleOf(res)
  const waiting = props.tenant ? await waitingStatements(deps.stores, props.tenant.id) : undefined
  res.type('html').send(renderPage(RosterSection, { ctx, ...props, ...(waiting && { waiting }) }))
}
