import type { LaunchRole } from '../../lti/claims.ts'

export interface LaunchPageModel {
  readonly role: LaunchRole
  readonly personName: string | undefined
  readonly personSub: string
  readonly platformName: string
  readonly contextTitle: string | undefined
  readonly activityTitle: string | undefined
  /** The session token, for pages where cookies are blocked. */
  readonly sessionToken: string
}

const VIEW: Record<LaunchRole, { vi: string; en: string }> = {
  instructor: { vi: 'Khóa học của người bồi dưỡng', en: "Trainer's course view" },
  learner: { vi: 'Hồ sơ năng lực số của tôi', en: 'My digital competency profile' },
  administrator: { vi: 'Quản trị NLS', en: 'NLS administration' },
}

/** The page a launch lands on: who, where, and which view they are headed for. */
export function launchPage(model: LaunchPageModel): string {
  const view = VIEW[model.role]
  const who = model.personName ?? `#${model.personSub}`
  const where = [model.contextTitle, model.activityTitle].filter(Boolean).join(' › ')
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="nls-session" content="${escapeHtml(model.sessionToken)}">
<title>NLS — ${escapeHtml(view.vi)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:1rem;max-width:40rem}small{color:#555}</style>
</head>
<body>
<h1 data-view="${model.role}">${escapeHtml(view.vi)} <small lang="en">${escapeHtml(view.en)}</small></h1>
<p>Xin chào <strong data-person>${escapeHtml(who)}</strong> <small lang="en">Hello</small></p>
<p>Từ / from: <span data-platform>${escapeHtml(model.platformName)}</span>${where ? ` — <span data-where>${escapeHtml(where)}</span>` : ''}</p>
<p><a href="/app/me?session=${encodeURIComponent(model.sessionToken)}">Thông tin phiên / session</a></p>
</body>
</html>
`
}

/** Text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
