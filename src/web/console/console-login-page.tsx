import { renderToString } from 'preact-render-to-string'
import type { Lang } from '../i18n.ts'
import type { PageContext } from '../page-context.ts'
import { SignedOutPage } from '../document-head.tsx'

export interface ConsoleLoginProps {
  readonly lang: Lang
  readonly t: PageContext['t']
  /** What went wrong with the token sent, shown at the field. */
  readonly problem?: string
}

/** The console's sign-in with an admin token; district managers are sent to /login. */
export function ConsoleLoginPage({ lang, t, problem }: ConsoleLoginProps) {
  return (
    <SignedOutPage
      lang={lang}
      title={t('console.login.title')}
      name={t('console.title')}
      switchHref={(other) => `/admin/login?lang=${other}`}
    >
      <form method="post" action={`/admin/login?lang=${lang}`}>
        <label for="token">{t('console.login.token')}</label>
        <input
          type="password"
          id="token"
          name="token"
          autocomplete="off"
          required
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby={problem ? 'token-problem' : undefined}
        />
        {problem && (
          <p class="error" id="token-problem" role="alert" data-problem="token">
            {problem}
          </p>
        )}
        <p>
          <button type="submit">{t('console.login.submit')}</button>
        </p>
      </form>
      <p>
        {t('console.login.district')}{' '}
        <a href={lang === 'en' ? '/login?lang=en' : '/login'}>{t('login.title')}</a>
      </p>
    </SignedOutPage>
  )
}

/** The console's sign-in page as the HTML document sent. */
export function consoleLoginHtml(props: ConsoleLoginProps): string {
  return `<!doctype html>\n${renderToString(<ConsoleLoginPage {...props} />)}`
}
