import type { ConsoleContext } from '../../server/console/console-context.ts'
import type { AdminToken } from '../../store/admin-token-store.ts'
import { ActionButton, ConsoleLayout, consoleHref, FormField } from './console-layout.tsx'
import { ColumnHeads, FieldProblem, invalidProps, ShownOnce, when } from './console-parts.tsx'

export interface TokensPageProps {
  readonly ctx: ConsoleContext
  readonly tokens: readonly AdminToken[]
  /** A token just made, with its secret: shown this once. */
  readonly created?: { readonly name: string; readonly secret: string }
  /** What was typed as a new token's name, and what is wrong with it. */
  readonly name?: string
  readonly problem?: string
  readonly notice?: string
}

/** Admin tokens: the list, making one (its secret shown once), revoking one. */
export function TokensPage({ ctx, tokens, created, name, problem, notice }: TokensPageProps) {
  const t = ctx.t
  const shown = created ? t('console.tokens.created', { name: created.name }) : notice
  return (
    <ConsoleLayout ctx={ctx} title={t('console.tokens.title')} {...(shown && { notice: shown })}>
      {created && (
        <p>
          <ShownOnce mark="secret" value={created.secret} />
        </p>
      )}
      <table class="stack" data-tokens>
        <ColumnHeads
          labels={[
            t('console.tokens.name'),
            t('console.tokens.createdAt'),
            t('console.tokens.lastUsedAt'),
            t('console.tokens.revokedAt'),
            t('console.tenants.actions'),
          ]}
        />
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} data-token={token.id}>
              <th scope="row" data-label={t('console.tokens.name')}>
                {token.name}{' '}
                {token.id === ctx.actor.adminTokenId && (
                  <span class="muted">{t('console.tokens.yours')}</span>
                )}
              </th>
              <td data-label={t('console.tokens.createdAt')}>{when(ctx, token.createdAt)}</td>
              <td data-label={t('console.tokens.lastUsedAt')}>{when(ctx, token.lastUsedAt)}</td>
              <td data-label={t('console.tokens.revokedAt')}>{when(ctx, token.revokedAt)}</td>
              <td data-label={t('console.tenants.actions')}>
                {token.revokedAt === undefined && (
                  <ActionButton
                    ctx={ctx}
                    action={consoleHref(ctx, `/admin/tokens/${token.id}/revoke`)}
                    label={t('console.tokens.revoke')}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('console.tokens.createTitle')}</h2>
      <form method="post" action={consoleHref(ctx, '/admin/tokens')} data-form="token">
        <FormField ctx={ctx} />
        <label for="token-name">{t('console.tokens.createName')}</label>
        <input
          type="text"
          id="token-name"
          name="name"
          maxLength={100}
          required
          value={name ?? ''}
          {...invalidProps('token-name', problem)}
        />
        <FieldProblem id="token-name" problem={problem} />
        <p>
          <button type="submit">{t('console.tokens.createSubmit')}</button>
        </p>
      </form>
    </ConsoleLayout>
  )
}
