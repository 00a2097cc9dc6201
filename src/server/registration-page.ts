import type { Registration } from '../../lti/dynamic-registration.ts'
import {
  InvitationInvalid,
  type InvitationProblem,
  RegistrationFailed,
  type RegistrationStep,
} from '../../lti/errors.ts'
import { type Lang, translator } from '../web/i18n.ts'
import { STYLES } from '../web/styles.ts'
import { escapeHtml } from './escape-html.ts'

/** A page of the registration dialog in one language, with the link to the other. */
function dialogPage(
  lang: Lang,
  page: { title: string; body: string; switchHref: string; data: string },
): string {
  const other: Lang = lang === 'vi' ? 'en' : 'vi'
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<style>${STYLES}</style>
</head>
<body ${page.data}>
<header class="top"><strong>NLS · ${escapeHtml(translator(lang)('app.name'))}</strong><a href="${escapeHtml(page.switchHref)}" lang="${other}" data-lang-switch>${other === 'en' ? 'English' : 'Tiếng Việt'}</a></header>
<main id="main">
${page.body}
<button type="button" id="close">${lang === 'en' ? 'Close' : 'Đóng'}</button>
</main>
<script>${CLOSE_SCRIPT}</script>
</body>
</html>
`
}

/**
 * After Dynamic Registration: what was registered or updated, what the Moodle administrator does
 * next, and the button that closes Moodle's registration dialog (Dynamic Registration 1.0 §3.7:
 * postMessage org.imsglobal.lti.close).
 */
export function registrationPage(
  { platform, outcome }: Pick<Registration, 'platform' | 'outcome'>,
  lang: Lang,
  switchHref: string,
): string {
  const text = TEXT[outcome][lang]
  const en = lang === 'en'
  const body = `<h1>${text.heading}</h1>
<p>${en ? 'Platform' : 'Nền tảng'}: <strong data-platform>${escapeHtml(platform.name)}</strong>
(client_id <code data-client-id>${escapeHtml(platform.clientId)}</code>, deployment <code data-deployment>${escapeHtml(platform.deploymentIds.join(', '))}</code>)</p>
${text.summary}
<h2>${en ? 'Next steps' : 'Bước tiếp theo'}</h2>
<ol>
<li>${en ? 'Close this dialog.' : 'Đóng hộp thoại này.'}</li>
${text.steps}
</ol>`
  return dialogPage(lang, {
    title: text.title,
    body,
    switchHref,
    data: `data-outcome="${outcome}"`,
  })
}

/** The Close button's script (inline; the CSP allows it by its hash). */
export const CLOSE_SCRIPT = `
document.getElementById('close').addEventListener('click', function () {
  (window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*')
})
`

// Moodle 4.5 holds a newly registered tool as pending until an administrator activates it, and
// then only "preconfigured": teachers find it in a course's activity chooser once "Show in
// activity chooser" is on for it there. An update keeps the tool, its state and its client_id.
const TEXT: Record<
  Registration['outcome'],
  Record<Lang, Record<'title' | 'heading' | 'summary' | 'steps', string>>
> = {
  registered: {
    vi: {
      title: 'NLS — Đã đăng ký',
      heading: 'NLS đã được đăng ký',
      summary: '<p>Moodle đã thêm NLS như một công cụ mới, đang chờ kích hoạt.</p>',
      steps: `<li>Trong Moodle: Quản trị trang › Plugin › Mô-đun hoạt động › Công cụ bên ngoài › Quản lý công cụ, tìm NLS trong danh sách chờ và bấm <em>Kích hoạt</em>.</li>
<li>Trong mỗi khoá học dùng NLS: Thêm › <em>LTI External tools</em>, bật <em>Show in activity chooser</em> (hiện trong bộ chọn hoạt động) cho NLS; khi đó giáo viên mới thêm được NLS.</li>`,
    },
    en: {
      title: 'NLS — Registered',
      heading: 'NLS is registered',
      summary: '<p>Moodle added NLS as a new tool, pending activation.</p>',
      steps: `<li>In Moodle: Site administration › Plugins › Activity modules › External tool › Manage tools; find NLS among the pending tools and choose <em>Activate</em>.</li>
<li>In each course that uses NLS: More › <em>LTI External tools</em>, switch on <em>Show in activity chooser</em> for NLS; only then can teachers add it.</li>`,
    },
  },
  updated: {
    vi: {
      title: 'NLS — Đã cập nhật',
      heading: 'Đăng ký NLS đã được cập nhật',
      summary:
        '<p>Moodle đã cập nhật công cụ NLS sẵn có (cùng client_id); người dùng, khoá học và minh chứng vẫn giữ nguyên. Không cần kích hoạt lại.</p>',
      steps: '',
    },
    en: {
      title: 'NLS — Registration updated',
      heading: 'NLS registration updated',
      summary:
        '<p>Moodle updated the NLS tool it had (same client_id); people, courses and evidence stay as they were. Nothing needs activating again.</p>',
      steps: '',
    },
  },
}

const INVITATION_TEXT: Readonly<Record<InvitationProblem, { vi: string; en: string }>> = {
  missing: {
    vi: 'Cần có lời mời đăng ký. Quản trị viên NLS tạo một đường dẫn mời (lệnh <code>nls platform invite</code> hoặc API quản trị); dán toàn bộ đường dẫn đó vào ô <em>Tool URL</em> của Moodle.',
    en: 'Registration needs an invitation. The NLS administrator makes an invitation URL (<code>nls platform invite</code> or the admin API); paste that whole URL as the <em>Tool URL</em> in Moodle.',
  },
  unknown: {
    vi: 'NLS không nhận ra lời mời này. Hãy kiểm tra đã dán đủ cả đường dẫn mời.',
    en: 'NLS does not know this invitation. Check that the whole invitation URL was pasted.',
  },
  used: {
    vi: 'Lời mời này đã được dùng. Mỗi lời mời chỉ đăng ký được một nền tảng; hãy xin quản trị viên NLS một lời mời mới.',
    en: 'This invitation was used already. Each invitation registers one platform; ask the NLS administrator for a new one.',
  },
  expired: {
    vi: 'Lời mời này đã hết hạn. Hãy xin quản trị viên NLS một lời mời mới.',
    en: 'This invitation has expired. Ask the NLS administrator for a new one.',
  },
  withdrawn: {
    vi: 'Quản trị viên NLS đã thu hồi lời mời này. Hãy xin một lời mời mới.',
    en: 'The NLS administrator withdrew this invitation. Ask for a new one.',
  },
}

const STEP_TEXT: Readonly<Record<RegistrationStep, { vi: string; en: string }>> = {
  request: {
    vi: 'Đường dẫn đăng ký thiếu hoặc sai tham số mà LMS phải thêm vào.',
    en: 'The registration URL lacks a parameter the LMS adds, or has a bad one.',
  },
  configuration: {
    vi: 'Không đọc được cấu hình OpenID của nền tảng.',
    en: "Reading the platform's OpenID configuration failed.",
  },
  registration: {
    vi: 'Nền tảng không nhận đăng ký của NLS.',
    en: 'The platform did not accept the registration of NLS.',
  },
}

/**
 * A refused registration as a page in one language: which invitation problem, or which step
 * failed and the status the platform answered (never what it said: that is in the log). The
 * program's message (English) is folded under "technical details" in the Vietnamese view.
 * Undefined for any other error.
 */
export function registrationRefusedPage(
  err: unknown,
  lang: Lang,
  switchHref: string,
): string | undefined {
  const en = lang === 'en'
  let heading: string
  let text: { vi: string; en: string }
  if (err instanceof InvitationInvalid) {
    heading = en ? 'Cannot register' : 'Không thể đăng ký'
    text = INVITATION_TEXT[err.problem]
  } else if (err instanceof RegistrationFailed) {
    heading = en ? 'Registration failed' : 'Đăng ký không thành công'
    const step = STEP_TEXT[err.step]
    const status =
      err.status === undefined
        ? { vi: '', en: '' }
        : {
            vi: ` Nền tảng trả lời mã HTTP ${err.status}.`,
            en: ` The platform answered HTTP ${err.status}.`,
          }
    text = {
      vi: `${step.vi}${status.vi} Lời mời vẫn còn dùng được: thử lại sau khi sửa.`,
      en: `${step.en}${status.en} The invitation can still be used: try again once this is fixed.`,
    }
  } else {
    return undefined
  }
  const message = `<span lang="en" data-message>${escapeHtml(err.message)}</span>`
  const detail = en
    ? `<p class="muted">${message}</p>`
    : `<details><summary>${escapeHtml(translator(lang)('look.technical'))}</summary><p>${message}</p></details>`
  const body = `<h1>${heading}</h1>
<p>${en ? text.en : text.vi}</p>
<p><code data-code>${escapeHtml(err.code)}</code></p>
${detail}`
  return dialogPage(lang, { title: `NLS — ${heading}`, body, switchHref, data: 'data-refused' })
}
