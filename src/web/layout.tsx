import { type ComponentChildren, type FunctionComponent, h } from 'preact'
import { renderToString } from 'preact-render-to-string'
import type { Session } from '../../lti/session.ts'
import { href, type PageContext } from './page-context.ts'
import { DocumentHead, PageMain, TopBar } from './document-head.tsx'

type NavKey =
  'profile' | 'selfAssessment' | 'needs' | 'class' | 'course' | 'review' | 'reports' | 'roster'

/** Where each navigation entry leads. */
export const PAGE_PATHS: Readonly<Record<NavKey, string>> = {
  profile: '/app/profile',
  selfAssessment: '/app/self-assessment',
  needs: '/app/needs',
  class: '/app/class',
  course: '/app/course',
  review: '/app/review',
  reports: '/app/reports',
  roster: '/app/roster',
}

/** A person's own pages, which every role has: what they are, think they are, and need. */
const OWN: readonly NavKey[] = ['profile', 'selfAssessment', 'needs']

const NAV: Readonly<Record<Session['role'], readonly NavKey[]>> = {
  learner: OWN,
  instructor: ['class', 'course', 'review', ...OWN],
  administrator: ['reports', 'roster', 'class', 'course', 'review', ...OWN],
}

/** The page a session lands on. */
export function homePath(session: Pick<Session, 'role'>): string {
  return PAGE_PATHS[NAV[session.role][0]!]
}

/** What a navigation entry says: the heat-map is the class's in a course, else the staff's. */
function navLabel(ctx: PageContext, key: NavKey): string {
  return key === 'class' && ctx.session.contextId === undefined
    ? ctx.t('nav.staff')
    : ctx.t(`nav.${key}`)
}

export interface LayoutProps {
  readonly ctx: PageContext
  readonly title: string
  readonly children: ComponentChildren
  /** A message shown above the content after a saved form. */
  readonly notice?: string
}

/** The frame of every page: the header, the role's navigation, the language switch. */
export function Layout({ ctx, title, children, notice }: LayoutProps) {
  const other = ctx.lang === 'vi' ? 'en' : 'vi'
  const here = NAV[ctx.session.role].find((key) => PAGE_PATHS[key] === ctx.path)
  return (
    <html lang={ctx.lang}>
      <DocumentHead title={title} session={ctx.token} />
      <body data-view={ctx.session.role}>
        <a class="skip" href="#main">
          {ctx.t('app.skip')}
        </a>
        <TopBar
          name={ctx.t('app.name')}
          other={other}
          switchHref={href({ ...ctx, lang: other }, ctx.path, { lang: other })}
        >
          <span class="who" data-person>
            {ctx.userName}
          </span>
        </TopBar>
        <nav class="main" aria-label={ctx.t('nav.label')}>
          {/* On a phone the menu folds into a disclosure (no script); on a wide screen it stays open. */}
          <details class="menu">
            <summary>
              {ctx.t('look.menu')}
              {here && <span class="here">· {navLabel(ctx, here)}</span>}
            </summary>
            <ul>
              {NAV[ctx.session.role].map((key) => (
                <li key={key}>
                  <a
                    href={href(ctx, PAGE_PATHS[key])}
                    aria-current={ctx.path === PAGE_PATHS[key] ? 'page' : undefined}
                  >
                    {navLabel(ctx, key)}
                  </a>
                </li>
              ))}
              {ctx.districtManager && (
                <li>
                  <a href={ctx.lang === 'en' ? '/admin/tenants?lang=en' : '/admin/tenants'}>
                    {ctx.t('console.title')}
                  </a>
                </li>
              )}
            </ul>
            {ctx.session.platformId === undefined && (
              <div class="logout">
                <a
                  href={href(ctx, '/app/password')}
                  aria-current={ctx.path === '/app/password' ? 'page' : undefined}
                >
                  {ctx.t('nav.password')}
                </a>{' '}
                <form method="post" action="/logout" class="inline">
                  {/* Sign-out ends the person's sessions: only a form of our pages may ask it. */}
                  <input type="hidden" name="session" value={ctx.token} />
                  <button type="submit" class="secondary">
                    {ctx.t('nav.logout')}
                  </button>
                </form>
              </div>
            )}
          </details>
        </nav>
        <PageMain title={title} notice={notice}>
          {children}
        </PageMain>
      </body>
    </html>
  )
}

/** A page as the HTML document sent. */
export function renderPage<P extends object>(page: FunctionComponent<P>, props: P): string {
  return `<!doctype html>\n${renderToString(h(page, props))}`
}
