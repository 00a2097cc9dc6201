import { renderToString } from 'preact-render-to-string'
import type { PageContext } from '../page-context.ts'
import { SignedOutPage } from '../document-head.tsx'
import { FieldProblems, type FormProblem, invalidField, ProblemSummary } from '../form-problems.tsx'

export interface LoginPageProps {
  readonly lang: PageContext['lang']
  readonly t: PageContext['t']
  readonly username?: string
  readonly problem?: string
  /** What is wrong with the fields of a refused sign-in, at each field. */
  readonly problems?: readonly FormProblem[]
}

/** The sign-in of managers and trainers of schools without an LMS launch. */
export function LoginPage({ lang, t, username, problem, problems = [] }: LoginPageProps) {
  return (
    <SignedOutPage
      lang={lang}
      title={t('login.title')}
      name={t('app.name')}
      switchHref={(other) => `/login?lang=${other}`}
    >
      <p>{t('login.intro')}</p>
      {problem && (
        <p class="error" role="alert" data-problem>
          {problem}
        </p>
      )}
      <ProblemSummary ctx={{ t }} problems={problems} />
      <form method="post" action={`/login?lang=${lang}`}>
        <label for="username">{t('login.username')}</label>
        <input
          type="text"
          id="username"
          name="username"
          autocomplete="username"
          required
          value={username ?? ''}
          {...invalidField(problems, 'username')}
        />
        <FieldProblems problems={problems} field="username" />
        <label for="password">{t('login.password')}</label>
        <input
          type="password"
          id="password"
          name="password"
          autocomplete="current-password"
          required
          {...invalidField(problems, 'password')}
        />
        <FieldProblems problems={problems} field="password" />
        <p>
          <button type="submit">{t('login.submit')}</button>
        </p>
      </form>
    </SignedOutPage>
  )
}

/** The sign-in page as the HTML document sent. */
export function loginHtml(props: LoginPageProps): string {
  return `<!doctype html>\n${renderToString(<LoginPage {...props} />)}`
}
