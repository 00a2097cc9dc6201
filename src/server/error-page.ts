import type { Lang } from '../web/i18n.ts'
import { translator } from '../web/i18n.ts'
import { escapeHtml } from './escape-html.ts'

export interface ErrorPageOptions {
  /** The page's language (from `?lang=` or the language cookie); the other one follows, smaller. */
  readonly lang?: Lang
  /** Offer the sign-in page of local accounts besides opening NLS again from the LMS. */
  readonly signIn?: boolean
  /** What went wrong in words for people, in place of the advice to open NLS again. */
  readonly problem?: { readonly key: 'errors.tooLarge'; readonly limitMb: number }
  /** The page to go back to (the form that was sent). */
  readonly back?: string
}

/** A refusal as a page, for people who reached it in a browser (often inside the LMS). */
export function errorPage(code: string, message: string, options: ErrorPageOptions = {}): string {
  const lang = options.lang ?? 'vi'
  const other: Lang = lang === 'vi' ? 'en' : 'vi'
  const [t, o] = [translator(lang), translator(other)]
  /** A text in the page's language, then the other language's below it. */
  const both = (key: string, params: Record<string, unknown> = {}) =>
    `${escapeHtml(t(key, params))}\n<br><small lang="${other}">${escapeHtml(o(key, params))}</small>`
  const loginHref = lang === 'en' ? '/login?lang=en' : '/login'
  const advice = options.problem
    ? both(options.problem.key, { limit: options.problem.limitMb })
    : both('errors.reopen')
  const links = [
    options.back &&
      `<p><a href="${escapeHtml(options.back)}" data-back>${escapeHtml(t('common.back'))}</a></p>`,
    options.signIn &&
      `<p>${both('errors.signInLine')}\n<br><a href="${loginHref}" data-sign-in>${escapeHtml(t('login.title'))}</a></p>`,
  ].filter(Boolean)
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>NLS — ${escapeHtml(t('errors.title'))}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:1rem;max-width:40rem}code{color:#a00}</style>
</head>
<body>
<h1>${escapeHtml(t('errors.title'))} <small lang="${other}">${escapeHtml(o('errors.title'))}</small></h1>
<p>${advice}</p>
${links.join('\n')}
<p><code data-code>${escapeHtml(code)}</code>: <span lang="en" data-message>${escapeHtml(message)}</span></p>
</body>
</html>
`
}
