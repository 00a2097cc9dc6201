import { renderToString } from 'preact-render-to-string'
import { translator } from '../i18n.ts'
import { STYLES } from '../styles.ts'

/** What NLS is, and the two ways in: from the LMS, or the sign-in of local accounts. */
export function LandingPage() {
  const [vi, en] = [translator('vi'), translator('en')]
  return (
    <html lang="vi">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${vi('landing.title')} — NLS`}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLES }} />
      </head>
      <body>
        <header class="top">
          <strong>NLS · {vi('app.name')}</strong>
        </header>
        <main id="main">
          <h1>
            {vi('landing.title')} <small lang="en">{en('landing.title')}</small>
          </h1>
          <p>{vi('landing.intro')}</p>
          <p lang="en">{en('landing.intro')}</p>
          <p data-lms>
            {vi('landing.lms')}
            <br />
            <small lang="en">{en('landing.lms')}</small>
          </p>
          <p>
            {vi('landing.signIn')}
            <br />
            <small lang="en">{en('landing.signIn')}</small>
          </p>
          <p>
            <a href="/login" data-sign-in>
              {vi('login.title')} / <span lang="en">{en('login.title')}</span>
            </a>
          </p>
        </main>
      </body>
    </html>
  )
}

/** The landing page as the HTML document sent. */
export function landingHtml(): string {
  return `<!doctype html>\n${renderToString(<LandingPage />)}`
}
