import type { Registration } from '../../lti/dynamic-registration.ts'
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
<script>
document.getElementById('close').addEventListener('click', function () {
  (window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*')
})
</script>
</body>
</html>
`
}

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
