import type { Registration } from '../../lti/dynamic-registration.ts'
import {
  InvitationInvalid,
  type InvitationProblem,
  RegistrationFailed,
  type RegistrationStep,
} from '../../lti/errors.ts'
import { escapeHtml } from './escape-html.ts'

/**
 * After Dynamic Registration: what was registered or updated, what the Moodle administrator does
 * next, and the button that closes Moodle's registration dialog (Dynamic Registration 1.0 §3.7:
 * postMessage org.imsglobal.lti.close).
 */
export function registrationPage({ platform, outcome }: Registration): string {
  const text = TEXT[outcome]
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text.title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:1rem;max-width:40rem}small{color:#555}</style>
</head>
<body data-outcome="${outcome}">
<h1>${text.heading}</h1>
<p>Nền tảng / platform: <strong data-platform>${escapeHtml(platform.name)}</strong>
(client_id <code data-client-id>${escapeHtml(platform.clientId)}</code>, deployment <code data-deployment>${escapeHtml(platform.deploymentIds.join(', '))}</code>)</p>
${text.summary}
<h2>Bước tiếp theo <small lang="en">Next steps</small></h2>
<ol>
<li>Đóng hộp thoại này. <small lang="en">Close this dialog.</small></li>
${text.steps}
</ol>
<button type="button" id="close">Đóng / Close</button>
<script>${CLOSE_SCRIPT}</script>
</body>
</html>
`
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
  Record<'title' | 'heading' | 'summary' | 'steps', string>
> = {
  registered: {
    title: 'NLS — Đã đăng ký',
    heading: 'NLS đã được đăng ký <small lang="en">NLS is registered</small>',
    summary:
      '<p>Moodle đã thêm NLS như một công cụ mới, đang chờ kích hoạt. <small lang="en">Moodle added NLS as a new tool, pending activation.</small></p>',
    steps: `<li>Trong Moodle: Quản trị trang › Plugin › Mô-đun hoạt động › Công cụ bên ngoài › Quản lý công cụ, tìm NLS trong danh sách chờ và bấm <em>Kích hoạt</em>.
<br><small lang="en">In Moodle: Site administration › Plugins › Activity modules › External tool › Manage tools; find NLS among the pending tools and choose <em>Activate</em>.</small></li>
<li>Trong mỗi khoá học dùng NLS: Thêm › <em>LTI External tools</em>, bật <em>Show in activity chooser</em> (hiện trong bộ chọn hoạt động) cho NLS; khi đó giáo viên mới thêm được NLS.
<br><small lang="en">In each course that uses NLS: More › <em>LTI External tools</em>, switch on <em>Show in activity chooser</em> for NLS; only then can teachers add it.</small></li>`,
  },
  updated: {
    title: 'NLS — Đã cập nhật',
    heading: 'Đăng ký NLS đã được cập nhật <small lang="en">NLS registration updated</small>',
    summary:
      '<p>Moodle đã cập nhật công cụ NLS sẵn có (cùng client_id); người dùng, khoá học và minh chứng vẫn giữ nguyên. Không cần kích hoạt lại. <small lang="en">Moodle updated the NLS tool it had (same client_id); people, courses and evidence stay as they were. Nothing needs activating again.</small></p>',
    steps: '',
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
 * A refused registration as a page, Vietnamese first: which invitation problem, or which step
 * failed and the status the platform answered (never what it said: that is in the log). Undefined
 * for any other error.
 */
export function registrationRefusedPage(err: unknown): string | undefined {
  let heading: string
  let text: { vi: string; en: string }
  if (err instanceof InvitationInvalid) {
    heading = 'Không thể đăng ký <small lang="en">Cannot register</small>'
    text = INVITATION_TEXT[err.problem]
  } else if (err instanceof RegistrationFailed) {
    heading = 'Đăng ký không thành công <small lang="en">Registration failed</small>'
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
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>NLS — Không thể đăng ký</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:1rem;max-width:40rem}small{color:#555}code{color:#a00}</style>
</head>
<body data-refused>
<h1>${heading}</h1>
<p>${text.vi}<br><small lang="en">${text.en}</small></p>
<p><code data-code>${escapeHtml(err.code)}</code>: <span lang="en" data-message>${escapeHtml(err.message)}</span></p>
<button type="button" id="close">Đóng / Close</button>
<script>
document.getElementById('close').addEventListener('click', function () {
  (window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*')
})
</script>
</body>
</html>
`
}
