import type { TFunction } from 'i18next'
import type { Session } from '../../lti/session.ts'
import type { Lang } from './i18n.ts'

/** What every page knows of its request: who, in which language, and how links keep the session. */
export interface PageContext {
  readonly lang: Lang
  readonly t: TFunction
  readonly session: Session
  /** The session token, for forms (a form carries it, so a POST cannot be forged cross-site). */
  readonly token: string
  /** Whether links carry the token too (the browser did not send the session cookie). */
  readonly carrySession: boolean
  /** The path of the page, for the navigation and the language switch. */
  readonly path: string
  /** The display name of the person using the page. */
  readonly userName: string
  /** A district's manager, who also has the console (/admin). */
  readonly districtManager?: boolean
}

/** A link within the pages, carrying the session when cookies do not, and the language. */
export function href(
  ctx: Pick<PageContext, 'lang' | 'token' | 'carrySession'>,
  path: string,
  params: Readonly<Record<string, string | undefined>> = {},
): string {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, value)
  if (ctx.lang !== 'vi' && !query.has('lang')) query.set('lang', ctx.lang)
  if (ctx.carrySession) query.set('session', ctx.token)
  const text = query.toString()
  return text ? `${path}?${text}` : path
}
