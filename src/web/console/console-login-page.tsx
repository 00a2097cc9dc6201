import { renderToString } from 'preact-render-to-string'
import type { Lang } from '../i18n.ts'
import type { PageContext } from '../page-context.ts'
import { STYLES } from '../styles.ts'

export interface ConsoleLoginProps {
  readonly lang: Lang
  readonly t: PageContext['t']
  /** What went wrong with the token sent, shown at the field. */
  readonly problem?: string
}

/** The console's sign-in with an admin token; district managers are sent to /login. */
export function ConsoleLoginPage({ lang, t, problem }: ConsoleLoginProps) {
  const other = lang === 'vi' ? 'en' : 'vi'
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${t('console.login.title')} — NLS`}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLES }} />
      </head>
      <body>
        <header class="top">
          <strong>NLS · {t('console.title')}</strong>
          <a href={`/admin/login?lang=${other}`} lang={other}>
            {other === 'en' ? 'English' : 'Tiếng Việt'}
          </a>
        </header>
        <main id="main">
          <h1>{t('console.login.title')}</h1>
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
        </main>
      </body>
    </html>
  )
}

/** The console's sign-in page as the HTML document sent. */
export function consoleLoginHtml(props: ConsoleLoginProps): string {
  return `<!doctype html>\n${renderToString(<ConsoleLoginPage {...props} />)}`
}
