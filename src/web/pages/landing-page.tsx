import { renderToString } from 'preact-render-to-string'
import { type Lang, translator } from '../i18n.ts'
import { STYLES } from '../styles.ts'

/**
 * What NLS is, and the two ways in: from the LMS, or the sign-in of local accounts; in one
 * language, with the switch to the other.
 */
export function LandingPage({ lang }: { lang: Lang }) {
  const t = translator(lang)
  const other: Lang = lang === 'vi' ? 'en' : 'vi'
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${t('landing.title')} — NLS`}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLES }} />
      </head>
      <body>
        <header class="top">
          <strong>NLS · {t('app.name')}</strong>
          <a href={`/?lang=${other}`} lang={other}>
            {other === 'en' ? 'English' : 'Tiếng Việt'}
          </a>
        </header>
        <main id="main">
          <h1>{t('landing.title')}</h1>
          <p>{t('landing.intro')}</p>
          <p data-lms>{t('landing.lms')}</p>
          <p>{t('landing.signIn')}</p>
          <p>
            <a href={lang === 'en' ? '/login?lang=en' : '/login'} data-sign-in>
              {t('login.title')}
            </a>
          </p>
        </main>
      </body>
    </html>
  )
}

/** The landing page as the HTML document sent. */
export function landingHtml(lang: Lang): string {
  return `<!doctype html>\n${renderToString(<LandingPage lang={lang} />)}`
}
