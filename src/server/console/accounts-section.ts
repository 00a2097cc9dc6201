import { type Response, Router } from 'express'
import { z } from 'zod'
import {
  ACCOUNT_ROLE_NAMES,
  ACCOUNT_ROLES,
  addAccount,
  disableAccount,
  resetAccountPassword,
  setAccountRole,
} from '../../accounts/account-actions.ts'
import { StoreConflict, StoreNotFound } from '../../store/errors.ts'
import type { LocalAccount, Stores, Tenant } from '../../store/index.ts'
import { AccountsPage, type AccountsPageProps } from '../../web/console/accounts-page.tsx'
import { consoleHref } from '../../web/console/console-layout.tsx'
import { renderPage } from '../../web/layout.tsx'
import { NotFound } from '../errors.ts'
import { parseInput } from '../parse-input.ts'
import { AccountFormBody, readAccountForm, RoleName } from './account-form.ts'
import { chosenTenant, queriedTenant } from './chosen-tenant.ts'
import { type ConsoleContext, type ConsoleDeps, consoleOf } from './console-context.ts'

const TenantQuery = z.object({
  tenant: z.uuid('must be a tenant id (a UUID)').optional(),
  done: z.enum(['disabled', 'role']).optional(),
  username: z.string().max(64).optional(),
})
const TenantBody = z.object({ tenant: z.uuid('must be a tenant id (a UUID)') })
const AccountTarget = TenantBody.extend({
  username: z.string().trim().min(1, 'must not be empty').max(64),
})
const RoleBody = AccountTarget.extend({ role: RoleName })

/**
 * The accounts section (/admin/accounts?tenant=): a tenant's local accounts, as `nls account`
 * keeps them: add (first password shown once), new password (shown once), role, disable. Every
 * change ends the person's sessions where it takes rights away, and is audited as the console's
 * actor. For an admin token's holder (any tenant) or a district's manager (their tenants).
 */
export function consoleAccountRoutes(deps: ConsoleDeps): Router {
  const router = Router()

  router.get('/accounts', async (req, res) => {
    const ctx = consoleOf(res)
    const query = parseInput(TenantQuery, req.query, 'query')
    const tenant = queriedTenant(ctx, query.tenant)
    const notice =
      query.done && query.username
        ? noticeOf(
            ctx,
            query.done,
            query.username,
            tenant && (await deps.stores.localAccounts.listAccounts(tenant.id)),
          )
        : undefined
    await send(res, deps.stores, { tenant, ...(notice && { notice }) })
  })

  router.post('/accounts', async (req, res) => {
    const ctx = consoleOf(res)
    const { tenant: tenantId } = parseInput(TenantBody, req.body, 'body')
    const tenant = chosenTenant(ctx, tenantId)
    const values = parseInput(AccountFormBody, req.body, 'body')
    const read = readAccountForm(tenant.id, values)
    const refuse = (problems: readonly { field: string; key: string }[]) =>
      send(res.status(400), deps.stores, {
        tenant,
        form: {
          values,
          problems: problems.map((p) => ({
            field: p.field,
            message: ctx.t(`consoleAccounts.problem.${p.key}`),
          })),
        },
      })
    if (read.problems) return refuse(read.problems)
    try {
      const { account, password } = await addAccount(
        deps.stores,
        read.request,
        ctx.actor.auditActor,
      )
      await send(res, deps.stores, {
        tenant,
        notice: ctx.t('consoleAccounts.added', { username: account.username }),
        secret: { username: account.username, password },
      })
    } catch (err) {
      if (err instanceof StoreConflict) return refuse([{ field: 'username', key: 'taken' }])
      throw err
    }
  })

  router.post('/accounts/password', async (req, res) => {
    const ctx = consoleOf(res)
    const body = parseInput(AccountTarget, req.body, 'body')
    const tenant = chosenTenant(ctx, body.tenant)
    const { account, password } = await orNoAccount(
      ctx,
      body.username,
      resetAccountPassword(deps.stores, tenant.id, body.username, ctx.actor.auditActor),
    )
    await send(res, deps.stores, {
      tenant,
      notice: ctx.t('consoleAccounts.passwordReset', { username: account.username }),
      secret: { username: account.username, password },
    })
  })

  router.post('/accounts/role', async (req, res) => {
    const ctx = consoleOf(res)
    const body = parseInput(RoleBody, req.body, 'body')
    const tenant = chosenTenant(ctx, body.tenant)
    const account = await orNoAccount(
      ctx,
      body.username,
      setAccountRole(
        deps.stores,
        tenant.id,
        body.username,
        ACCOUNT_ROLES[body.role],
        ctx.actor.auditActor,
      ),
    )
    done(res, ctx, tenant, 'role', account.username)
  })

  router.post('/accounts/disable', async (req, res) => {
    const ctx = consoleOf(res)
    const body = parseInput(AccountTarget, req.body, 'body')
    const tenant = chosenTenant(ctx, body.tenant)
    const account = await orNoAccount(
      ctx,
      body.username,
      disableAccount(deps.stores, tenant.id, body.username, deps.now(), ctx.actor.auditActor),
    )
    done(res, ctx, tenant, 'disabled', account.username)
  })

  return router
}

/** A change's account; a 404 naming the user name when the tenant has no such account. */
async function orNoAccount<T>(ctx: ConsoleContext, username: string, change: Promise<T>) {
  try {
    return await change
  } catch (err) {
    if (err instanceof StoreNotFound) {
      throw new NotFound(ctx.t('consoleAccounts.problem.noAccount', { username }))
    }
    throw err
  }
}

/** After a change without a secret: back to the tenant's accounts, saying what was done. */
function done(
  res: Response,
  ctx: ConsoleContext,
  tenant: Tenant,
  what: 'disabled' | 'role',
  username: string,
) {
  res.redirect(
    303,
    consoleHref(ctx, '/admin/accounts', { tenant: tenant.id, done: what, username }),
  )
}

/** What the redirect after a change says, once the account is seen as it now is. */
function noticeOf(
  ctx: ConsoleContext,
  done: 'disabled' | 'role',
  username: string,
  accounts: readonly LocalAccount[] | undefined,
): string | undefined {
  const account = accounts?.find((a) => a.username === username)
  if (!account) return undefined
  if (done === 'disabled')
    return account.disabledAt ? ctx.t('consoleAccounts.disabled', { username }) : undefined
  return ctx.t('consoleAccounts.roleChanged', {
    username,
    role: ctx.t(`consoleAccounts.roles.${ACCOUNT_ROLE_NAMES[account.role]}`).toLowerCase(),
  })
}

async function send(
  res: Response,
  stores: Stores,
  props: Omit<AccountsPageProps, 'ctx' | 'accounts'>,
): Promise<void> {
  const ctx = consoleOf(res)
  const accounts = props.tenant ? await listAccounts(stores, props.tenant.id) : []
  res.type('html').send(renderPage(AccountsPage, { ctx, accounts, ...props }))
}

/** A tenant's accounts with the name (else email) of each one's person. */
async function listAccounts(stores: Stores, tenantId: string) {
  const accounts = await stores.localAccounts.listAccounts(tenantId)
  const people = await stores.people.getPeople(
    tenantId,
    accounts.map((a) => a.personId),
  )
  const byId = new Map(people.map((p) => [p.id, p]))
  return accounts.map((a) => {
    const person = byId.get(a.personId)
    return {
      username: a.username,
      role: a.role,
      disabledAt: a.disabledAt,
      person: person?.name ?? person?.email ?? '',
    }
  })
}
