import { MIN_PASSWORD_LENGTH } from '../../accounts/password.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { SessionField } from '../parts.tsx'

/** The fields of the password form. */
export type PasswordField = 'current' | 'next' | 'repeat'

export interface PasswordPageProps {
  readonly ctx: PageContext
  /** What is wrong, by field (each shown under its field and announced). */
  readonly problems?: Partial<Record<PasswordField, string>>
  /** A problem not of one field (too many attempts). */
  readonly problem?: string
  readonly notice?: string
}

/** A local account's own password change: the current one, then the new one twice. */
export function PasswordPage({ ctx, problems = {}, problem, notice }: PasswordPageProps) {
  const field = (name: PasswordField, autocomplete: string) => (
    <>
      <label for={name}>{ctx.t(`password.${name}`)}</label>
      <input
        type="password"
        id={name}
        name={name}
        autocomplete={autocomplete}
        required
        aria-invalid={problems[name] ? 'true' : undefined}
        aria-describedby={problems[name] ? `${name}-problem` : undefined}
      />
      {problems[name] && (
        <p class="error" id={`${name}-problem`} data-problem={name}>
          {problems[name]}
        </p>
      )}
    </>
  )
  return (
    <Layout ctx={ctx} title={ctx.t('password.title')} notice={notice}>
      {problem && (
        <p class="error" role="alert" data-problem>
          {problem}
        </p>
      )}
      {Object.keys(problems).length > 0 && (
        <p class="error" role="alert">
          {ctx.t('password.notChanged')}
        </p>
      )}
      <p class="muted">{ctx.t('password.intro', { count: MIN_PASSWORD_LENGTH })}</p>
      <form method="post" action={href(ctx, '/app/password')}>
        <SessionField ctx={ctx} />
        {field('current', 'current-password')}
        {field('next', 'new-password')}
        {field('repeat', 'new-password')}
        <p>
          <button type="submit">{ctx.t('password.save')}</button>
        </p>
      </form>
    </Layout>
  )
}
