import { renderToString } from 'preact-render-to-string'
import { translator } from '../web/i18n.ts'
import { UploadForm } from '../web/upload-form.tsx'
import type { PageContext } from '../web/page-context.ts'
import { deepLinkingReturnPage } from './deep-linking-page.ts'
import { registrationPage } from './registration-page.ts'
import { INLINE_SCRIPTS, scriptHash } from './security-headers.ts'

/** The text of every inline <script> of a page. */
const scriptsOf = (html: string) =>
  [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!)

describe('the inline scripts the CSP allows by hash', () => {
  const allowed = new Set(INLINE_SCRIPTS.map(scriptHash))

  it('cover every inline script of the pages that have one', () => {
    const ctx = {
      lang: 'vi',
      t: translator('vi'),
      token: 't',
      carrySession: false,
    } as unknown as PageContext
    const pages = [
      renderToString(<UploadForm ctx={ctx} action="/app/roster" />),
      deepLinkingReturnPage('https://moodle.example/mod/lti/contentitem_return.php', 'jwt', 'vi'),
      registrationPage(
        {
          outcome: 'registered',
          platform: { name: 'Moodle', clientId: 'c', deploymentIds: ['1'] },
        } as unknown as Parameters<typeof registrationPage>[0],
        'vi',
        '/lti/registered',
      ),
    ]
    for (const page of pages) {
      const scripts = scriptsOf(page)
      expect(scripts).toHaveLength(1)
      for (const script of scripts) expect(allowed).toContain(scriptHash(script))
    }
  })

  it('hash as CSP Level 3 says: base64 SHA-256 of the UTF-8 text', () => {
    // echo -n "alert(1)" | openssl dgst -sha256 -binary | base64
    expect(scriptHash('alert(1)')).toBe("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='")
  })
})
