import type { Catalog } from '../../framework/index.ts'
import { escapeHtml } from './escape-html.ts'

const HEAD = (title: string) => `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>NLS — ${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:1rem;max-width:60rem}small{color:#555}
table{border-collapse:collapse}td,th{padding:.2rem .4rem;border-bottom:1px solid #ddd;text-align:left}
label{white-space:nowrap}fieldset label{white-space:normal}textarea,input[type=text]{width:100%;box-sizing:border-box}</style>
</head>
<body>
`

/** How the link's gradebook column is scored (the tag rule's `gradebook`). */
const GRADEBOOK_CHOICE = `<fieldset data-gradebook><legend>Điểm trong sổ điểm của LMS <small lang="en">The score in the LMS gradebook</small></legend>
<p><label><input type="radio" name="gradebook" value="level" checked> Mức đạt được trên các năng lực đã chọn (0–3: Chưa đạt, Cơ bản, Thành thạo, Nâng cao; trung bình nếu nhiều thành phần) <small lang="en">The level held on the chosen components (0–3, their mean)</small></label></p>
<p><label><input type="radio" name="gradebook" value="share"> Tỉ lệ tiêu chí đã đạt trong các tiêu chí đã chọn (một mức gồm cả các mức dưới nó: chọn Cơ bản và đạt mọi chỉ báo Cơ bản là 100 %) <small lang="en">The share met of the criteria chosen (a level with the levels below it: all of Cơ bản met for Cơ bản is 100 %)</small></label></p>
</fieldset>
`

/**
 * The trainer's choice for a new activity: components at a level (checkboxes, per audience) and
 * descriptor IDs (typed), plus the activity's title. Works without JavaScript.
 */
export function deepLinkingPage(input: {
  readonly catalog: Catalog
  readonly request: string
  readonly defaultTitle: string
  readonly contextTitle: string | undefined
  /** Whether the LMS takes a gradebook column with the link (then its score is chosen here). */
  readonly gradebook: boolean
}): string {
  const audiences = input.catalog.audiences()
  const sections = audiences
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
          return `<tr><th scope="row">${escapeHtml(component.id)}</th><td>${escapeHtml(component.name.vi)}${component.name.en ? ` <small lang="en">${escapeHtml(component.name.en)}</small>` : ''}</td><td>${boxes}</td></tr>`
        })
        .join('\n')
      return `<details${entry.id === 'TT18.PT' ? ' open' : ''} data-audience="${escapeHtml(entry.id)}"><summary>${escapeHtml(entry.id)} — ${escapeHtml(entry.audience.name.vi)}</summary>
<table>${rows}</table></details>`
    })
    .join('\n')
  return `${HEAD('Chọn năng lực')}<h1>Chọn năng lực cho hoạt động <small lang="en">Choose the competencies this activity evidences</small></h1>
${input.contextTitle ? `<p>Khóa học / course: <strong>${escapeHtml(input.contextTitle)}</strong></p>` : ''}
<form method="post" action="/lti/deep-link">
<input type="hidden" name="request" value="${escapeHtml(input.request)}">
<p><label for="title">Tên hoạt động <small lang="en">Activity title</small></label>
<input type="text" id="title" name="title" value="${escapeHtml(input.defaultTitle)}" maxlength="255" required></p>
<p>Năng lực thành phần ở một mức <small lang="en">A component at a level</small> (CB Cơ bản, TT Thành thạo, NC Nâng cao)</p>
${sections}
<p><label for="descriptors">Mã chỉ báo, cách nhau bởi dấu cách hoặc dấu phẩy <small lang="en">Descriptor IDs, separated by spaces or commas</small></label>
<textarea id="descriptors" name="descriptors" rows="3" placeholder="TT18.PT.1.1.CB.2"></textarea></p>
${input.gradebook ? GRADEBOOK_CHOICE : ''}<p><button type="submit">Tạo hoạt động / Create the activity</button></p>
</form>
</body>
</html>
`
}

/** Submits the return form (inline; the CSP allows it by its hash). */
export const RETURN_SCRIPT = "document.getElementById('return').submit()"

/** Sends the signed LtiDeepLinkingResponse back to the platform (form post, as DL 2.0 §4.5). */
export function deepLinkingReturnPage(returnUrl: string, jwt: string): string {
  return `${HEAD('Đang trả về LMS')}<p>Đang trả về LMS… <small lang="en">Returning to the LMS…</small></p>
<form id="return" method="post" action="${escapeHtml(returnUrl)}">
<input type="hidden" name="JWT" value="${escapeHtml(jwt)}">
<noscript><button type="submit">Tiếp tục / Continue</button></noscript>
</form>
<script>${RETURN_SCRIPT}</script>
</body>
</html>
`
}
