import type { ComponentChildren } from 'preact'
import type { ConsoleContext } from '../../server/console/console-context.ts'
import { DocumentHead, PageMain, TopBar } from '../document-head.tsx'

/** A section of the console. */
export interface ConsoleNavEntry {
  /** The key of its label under `console.nav`. */
  readonly key:
    | 'tenants'
    | 'accounts'
    | 'roster'
    | 'keys'
    | 'sources'
    | 'inference'
    | 'platforms'
    | 'data'
    | 'tokens'
  readonly path: string
  /** Installation-wide work: shown to the holders of an admin token only. */
  readonly adminTokenOnly?: boolean
}

/** The console's sections, in the order of the navigation. */
export const ConsoleNav: readonly ConsoleNavEntry[] = [
  { key: 'tenants', path: '/admin/tenants' },
  { key: 'accounts', path: '/admin/accounts' },
  { key: 'roster', path: '/admin/roster' },
  { key: 'keys', path: '/admin/keys' },
  { key: 'sources', path: '/admin/sources' },
  { key: 'inference', path: '/admin/inference' },
  { key: 'platforms', path: '/admin/platforms' },
  { key: 'data', path: '/admin/data' },
  { key: 'tokens', path: '/admin/tokens', adminTokenOnly: true },
]

/** A link within the console, keeping the language. */
export function consoleHref(
  ctx: Pick<ConsoleContext, 'lang'>,
  path: string,
  params: Readonly<Record<string, string | undefined>> = {},
): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, value)
  if (ctx.lang !== 'vi' && !query.has('lang')) query.set('lang', ctx.lang)
  const text = query.toString()
  return text ? `${path}?${text}` : path
}

/** The form token as a hidden field: every console POST form carries it. */
export function FormField({ ctx }: { ctx: Pick<ConsoleContext, 'formToken'> }) {
  return <input type="hidden" name="form" value={ctx.formToken} />
}

/**
 * An action of one button (revoke, withdraw, sign out): a POST form with the form token and
 * `fields` as hidden fields, in their order. `name` is the button's accessible name when its
 * text alone does not say what it acts on.
 */
export function ActionButton(props: {
  ctx: Pick<ConsoleContext, 'formToken'>
  action: string
  fields?: Readonly<Record<string, string>>
  label: string
  name?: string
}) {
  return (
    <form method="post" action={props.action} class="inline">
      <FormField ctx={props.ctx} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class="secondary" aria-label={props.name}>
        {props.label}
      </button>
    </form>
  )
}

export interface ConsoleLayoutProps {
  readonly ctx: ConsoleContext
  readonly title: string
  /** A message shown above the content after a saved form. */
  readonly notice?: string
  readonly children: ComponentChildren
}

/** The frame of every console page: who, the sections, the language switch, sign-out. */
export function ConsoleLayout({ ctx, title, notice, children }: ConsoleLayoutProps) {
  const other = ctx.lang === 'vi' ? 'en' : 'vi'
  const sections = ConsoleNav.filter((e) => !e.adminTokenOnly || ctx.actor.kind === 'admin-token')
  const here = sections.find((e) => ctx.path.startsWith(e.path))
  return (
    <html lang={ctx.lang}>
      <DocumentHead title={`${title} — ${ctx.t('console.title')}`} />
      <body data-console={ctx.actor.kind}>
        <a class="skip" href="#main">
          {ctx.t('app.skip')}
        </a>
        <TopBar
          name={ctx.t('console.title')}
          other={other}
          switchHref={consoleHref({ lang: other }, ctx.path, { lang: other })}
        >
          <span class="who" data-actor={ctx.actor.kind}>
            {ctx.actor.name} (
            {ctx.t(
              ctx.actor.kind === 'admin-token'
                ? 'console.actor.adminToken'
                : 'console.actor.districtManager',
            )}
            )
          </span>
        </TopBar>
        <nav class="main" aria-label={ctx.t('console.nav.label')}>
          {/* Folds on a phone as the pages' menu does (no script); open on a wide screen. */}
          <details class="menu">
            <summary>
              {ctx.t('look.menu')}
              {here && <span class="here">· {ctx.t(`console.nav.${here.key}`)}</span>}
            </summary>
            <ul>
              {sections.map((entry) => (
                <li key={entry.key}>
                  <a
                    href={consoleHref(ctx, entry.path)}
                    aria-current={entry === here ? 'page' : undefined}
                  >
                    {ctx.t(`console.nav.${entry.key}`)}
                  </a>
                </li>
              ))}
            </ul>
            <div class="logout">
              {ctx.actor.kind === 'district-manager' && (
                <a href={ctx.lang === 'en' ? '/app/reports?lang=en' : '/app/reports'}>
                  {ctx.t('console.toApp')}
                </a>
              )}{' '}
              <ActionButton
                ctx={ctx}
                action={consoleHref(ctx, '/admin/logout')}
                label={ctx.t('console.signOut')}
              />
            </div>
          </details>
        </nav>
        <PageMain title={title} notice={notice}>
          {children}
        </PageMain>
      </body>
    </html>
  )
}
