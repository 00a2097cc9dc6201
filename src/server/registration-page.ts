import type { Platform } from '../store/platform-store.ts'
import { escapeHtml } from './escape-html.ts'

/**
 * After Dynamic Registration: what the Moodle administrator does next, and the button that closes
 * Moodle's registration dialog (Dynamic Registration 1.0 §3.7: postMessage org.imsglobal.lti.close).
 */
export function registrationPage(platform: Platform): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>NLS — Đã đăng ký</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:1rem;max-width:40rem}small{color:#555}</style>
</head>
<body>
<h1>NLS đã được đăng ký <small lang="en">NLS is registered</small></h1>
<p>Nền tảng / platform: <strong data-platform>${escapeHtml(platform.name)}</strong>
(client_id <code data-client-id>${escapeHtml(platform.clientId)}</code>, deployment <code data-deployment>${escapeHtml(platform.deploymentIds.join(', '))}</code>)</p>
<h2>Bước tiếp theo <small lang="en">Next step</small></h2>
<ol>
<li>Đóng hộp thoại này. <small lang="en">Close this dialog.</small></li>
<li>Trong Moodle: Quản trị trang › Plugin › Mô-đun hoạt động › Công cụ bên ngoài › Quản lý công cụ, tìm NLS trong danh sách chờ và bấm <em>Kích hoạt</em>.
<br><small lang="en">In Moodle: Site administration › Plugins › Activity modules › External tool › Manage tools; find NLS among the pending tools and choose <em>Activate</em>.</small></li>
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
