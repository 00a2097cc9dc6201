import { escapeHtml } from './escape-html.ts'

/** A refusal as a page, for people who reached it in a browser (often inside the LMS). */
export function errorPage(code: string, message: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>NLS — Không thể tiếp tục</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:1rem;max-width:40rem}code{color:#a00}</style>
</head>
<body>
<h1>Không thể tiếp tục <small lang="en">Cannot continue</small></h1>
<p>Hãy mở lại NLS từ LMS; nếu lỗi lặp lại, gửi mã lỗi dưới đây cho bộ phận CNTT.
<br><small lang="en">Open NLS again from the LMS; if this happens again, send the code below to IT.</small></p>
<p><code data-code>${escapeHtml(code)}</code>: <span lang="en" data-message>${escapeHtml(message)}</span></p>
</body>
</html>
`
}
