import type { Lang } from '../web/i18n.ts'
import { translator } from '../web/i18n.ts'
import { STYLES } from '../web/styles.ts'
import { escapeHtml } from './escape-html.ts'

export interface ErrorPageOptions {
  /** The page's language (from `?lang=`, the language cookie or Accept-Language); Vietnamese by default. */
  readonly lang?: Lang
  /** Offer the sign-in page of local accounts besides opening NLS again from the LMS. */
  readonly signIn?: boolean
  /** What went wrong in words for people, in place of the advice to open NLS again. */
  readonly problem?: { readonly key: 'errors.tooLarge'; readonly limitMb: number }
  /** The page to go back to (the form that was sent). */
  readonly back?: string
}

/**
 * A refusal as a page, for people who reached it in a browser (often inside the LMS), in one
 * language. The code to quote to IT stays in sight; the program's message (English, as our
 * logs have it) is folded under "technical details" in the Vietnamese view.
 */
export function errorPage(code: string, message: string, options: ErrorPageOptions = {}): string {
  const lang = options.lang ?? 'vi'
  const t = translator(lang)
  const text = (key: string, params: Record<string, unknown> = {}) => escapeHtml(t(key, params))
  const loginHref = lang === 'en' ? '/login?lang=en' : '/login'
  const advice = options.problem
    ? text(options.problem.key, { limit: options.problem.limitMb })
    : text('errors.reopen')
  const links = [
    options.back &&
      `<p><a href="${escapeHtml(options.back)}" data-back>${text('common.back')}</a></p>`,
    options.signIn &&
      `<p>${text('errors.signInLine')}\n<br><a href="${loginHref}" data-sign-in>${text('login.title')}</a></p>`,
  ].filter(Boolean)
  const detail = `<span lang="en" data-message>${escapeHtml(message)}</span>`
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>NLS — ${text('errors.title')}</title>
<style>${STYLES}</style>
</head>
<body>
<header class="top"><strong>NLS · ${text('app.name')}</strong></header>
<main id="main">
<h1>${text('errors.title')}</h1>
<p>${advice}</p>
${links.join('\n')}
<p><code data-code>${escapeHtml(code)}</code></p>
${lang === 'en' ? `<p class="muted">${detail}</p>` : `<details><summary>${text('look.technical')}</summary><p>${detail}</p></details>`}
</main>
</body>
</html>
`
}
