import type { Catalog } from '../../framework/index.ts'
import { tablesFirst } from '../evaluation/course-table.ts'
import { type Lang, translator } from '../web/i18n.ts'
import { STYLES } from '../web/styles.ts'
import { escapeHtml } from './escape-html.ts'

/** The document's head and top bar in one language, with a switch to the other when given. */
function head(lang: Lang, title: string, switchTo?: string): string {
  const t = translator(lang)
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>NLS — ${escapeHtml(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<header class="top"><strong>NLS · ${escapeHtml(t('app.name'))}</strong>${switchTo ?? ''}</header>
<main id="main">
`
}

/** The form that asks for the chooser again in the other language (the launch was a POST). */
function languageSwitch(lang: Lang, input: DeepLinkingPageInput): string {
  const other: Lang = lang === 'vi' ? 'en' : 'vi'
  const hidden = (name: string, value: string | undefined) =>
    value === undefined ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`
  return `<form method="post" action="/lti/deep-link/language" class="inline" data-lang-switch>
${hidden('request', input.request)}${hidden('title', input.defaultTitle)}${hidden('context', input.contextTitle)}<button type="submit" name="lang" value="${other}" lang="${other}" class="secondary">${other === 'en' ? 'English' : 'Tiếng Việt'}</button>
</form>`
}

export interface DeepLinkingPageInput {
  readonly catalog: Catalog
  /** The table the course develops (its own, else the school's): listed first, open. */
  readonly courseAudience?: string
  readonly request: string
  readonly defaultTitle: string
  readonly contextTitle: string | undefined
  /** Whether the LMS takes a gradebook column with the link (then its score is chosen here). */
  readonly gradebook: boolean
  readonly lang: Lang
}

/**
 * The trainer's choice for a new activity: components at a level (checkboxes, per audience, the
 * course's table first and open) and descriptor IDs (typed), plus the activity's title, in the
 * page's language. Works without JavaScript.
 */
export function deepLinkingPage(input: DeepLinkingPageInput): string {
  const { lang } = input
  const t = translator(lang)
  const text = (key: string) => escapeHtml(t(`deepLinking.${key}`))
  const named = (name: { vi: string; en?: string }) =>
    escapeHtml(lang === 'en' && name.en ? name.en : name.vi)
  const first = input.courseAudience ?? 'TT18.PT'
  const sections = tablesFirst(input.catalog, first)
    .map((entry) => {
      const rows = input.catalog
        .components(entry.id)
        .map((component) => {
          const boxes = component.levels
            .map(
              (level) =>
                `<label><input type="checkbox" name="competency" value="${escapeHtml(`${component.id}.${level.code}`)}"> ${escapeHtml(level.code)}</label>`,
            )
            .join(' ')
          return `<tr><th scope="row">${escapeHtml(component.id)}</th><td>${named(component.name)}</td><td>${boxes}</td></tr>`
        })
        .join('\n')
      return `<details${entry.id === first ? ' open' : ''} data-audience="${escapeHtml(entry.id)}"><summary>${escapeHtml(entry.id)} — ${named(entry.audience.name)}</summary>
<table>${rows}</table></details>`
    })
    .join('\n')
  const gradebook = `<fieldset data-gradebook><legend>${text('gradebook')}</legend>
<p><label><input type="radio" name="gradebook" value="level" checked> ${text('gradebookLevel')}</label></p>
<p><label><input type="radio" name="gradebook" value="share"> ${text('gradebookShare')}</label></p>
</fieldset>
`
  return `${head(lang, t('deepLinking.title'), languageSwitch(lang, input))}<h1>${text('heading')}</h1>
${input.contextTitle ? `<p>${text('course')}: <strong>${escapeHtml(input.contextTitle)}</strong></p>` : ''}
<form method="post" action="/lti/deep-link">
<input type="hidden" name="request" value="${escapeHtml(input.request)}">
<input type="hidden" name="lang" value="${lang}">
<p><label for="title">${text('activityTitle')}</label>
<input type="text" id="title" name="title" value="${escapeHtml(input.defaultTitle)}" maxlength="255" required></p>
<p>${text('components')}</p>
${sections}
<p><label for="descriptors">${text('descriptors')}</label>
<textarea id="descriptors" name="descriptors" rows="3" placeholder="TT18.PT.1.1.CB.2"></textarea></p>
${input.gradebook ? gradebook : ''}<p><button type="submit">${text('create')}</button></p>
</form>
</main>
</body>
</html>
`
}

/** Submits the return form (inline; the CSP allows it by its hash). */
export const RETURN_SCRIPT = "document.getElementById('return').submit()"

/** Sends the signed LtiDeepLinkingResponse back to the platform (form post, as DL 2.0 §4.5). */
export function deepLinkingReturnPage(returnUrl: string, jwt: string, lang: Lang): string {
  const t = translator(lang)
  return `${head(lang, t('deepLinking.returning'))}<p>${escapeHtml(t('deepLinking.returning'))}</p>
<form id="return" method="post" action="${escapeHtml(returnUrl)}">
<input type="hidden" name="JWT" value="${escapeHtml(jwt)}">
<noscript><button type="submit">${escapeHtml(t('deepLinking.continue'))}</button></noscript>
</form>
<script>${RETURN_SCRIPT}</script>
</main>
</body>
</html>
`
}
