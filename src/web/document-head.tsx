import type { ComponentChildren } from 'preact'
import type { Lang } from './i18n.ts'
import { STYLES } from './styles.ts'

/**
 * The `<head>` of every page: UTF-8, the phone's width, the title ("… — NLS") and our styles.
 * `session` is the /app session token the pages' scripts send back (pages of signed-in people).
 */
export function DocumentHead({ title, session }: { title: string; session?: string }) {
  return (
    <head>
      <meta charSet="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      {session !== undefined && <meta name="nls-session" content={session} />}
      <title>{`${title} — NLS`}</title>
      <style dangerouslySetInnerHTML={{ __html: STYLES }} />
    </head>
  )
}

/**
 * The bar at the top of every page: NLS and the part of it (`name`), what `children` add (who is
 * signed in), and the link to the same page in the other language, named in that language.
 */
export function TopBar(props: {
  name: string
  other: Lang
  switchHref: string
  children?: ComponentChildren
}) {
  return (
    <header class="top">
      <strong>NLS · {props.name}</strong>
      {props.children}
      <a href={props.switchHref} lang={props.other}>
        {props.other === 'en' ? 'English' : 'Tiếng Việt'}
      </a>
    </header>
  )
}

/** The page's content under its heading, after the message of a saved form if there is one. */
export function PageMain(props: { title: string; notice?: string; children: ComponentChildren }) {
  return (
    <main id="main">
      <h1>{props.title}</h1>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      {props.children}
    </main>
  )
}

/**
 * A page for people not signed in (the landing page, the sign-ins): the top bar with the switch
 * to the other language at `switchHref(other)`, and the content under its heading.
 */
export function SignedOutPage(props: {
  lang: Lang
  title: string
  name: string
  switchHref: (other: Lang) => string
  children: ComponentChildren
}) {
  const other: Lang = props.lang === 'vi' ? 'en' : 'vi'
  return (
    <html lang={props.lang}>
      <DocumentHead title={props.title} />
      <body>
        <TopBar name={props.name} other={other} switchHref={props.switchHref(other)} />
        <PageMain title={props.title}>{props.children}</PageMain>
      </body>
    </html>
  )
}
