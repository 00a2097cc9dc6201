import { renderToString } from 'preact-render-to-string'
import { type Lang, translator } from '../i18n.ts'
import { SignedOutPage } from '../document-head.tsx'

/**
 * What NLS is, and the two ways in: from the LMS, or the sign-in of local accounts; in one
 * language, with the switch to the other.
 */
export function LandingPage({ lang }: { lang: Lang }) {
  const t = translator(lang)
  return (
    <SignedOutPage
      lang={lang}
      title={t('landing.title')}
      name={t('app.name')}
      switchHref={(other) => `/?lang=${other}`}
    >
      <p>{t('landing.intro')}</p>
      <p data-lms>{t('landing.lms')}</p>
      <p>{t('landing.signIn')}</p>
      <p>
        <a href={lang === 'en' ? '/login?lang=en' : '/login'} data-sign-in>
          {t('login.title')}
        </a>
      </p>
    </SignedOutPage>
  )
}

/** The landing page as the HTML document sent. */
export function landingHtml(lang: Lang): string {
  return `<!doctype html>\n${renderToString(<LandingPage lang={lang} />)}`
}
