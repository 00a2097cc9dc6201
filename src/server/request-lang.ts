import { parse as parseCookies } from 'cookie'
import type { Request } from 'express'
import { type Lang, langOf } from '../web/i18n.ts'
import { LANG_COOKIE } from './pages/page-session.ts'

/**
 * The language of a page without a session (an error, the landing page): `?lang=`, else the
 * pages' language cookie, else the browser's Accept-Language; Vietnamese first, so only a browser
 * that prefers English over Vietnamese gets English.
 */
export function requestLang(req: Pick<Request, 'query' | 'headers' | 'acceptsLanguages'>): Lang {
  const query = req.query as Record<string, unknown> | undefined
  return langOf(
    query?.lang ??
      parseCookies(req.headers.cookie ?? '')[LANG_COOKIE] ??
      req.acceptsLanguages('vi', 'en'),
  )
}

/** The address of the same page in the other language: the request's own URL with `?lang=`. */
export function otherLangHref(req: Pick<Request, 'originalUrl'>, lang: Lang): string {
  const url = new URL(req.originalUrl, 'http://nls.invalid')
  url.searchParams.set('lang', lang === 'vi' ? 'en' : 'vi')
  return `${url.pathname}${url.search}`
}
