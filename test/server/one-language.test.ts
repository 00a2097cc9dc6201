// Error pages speak one language at a time: the one asked for (`?lang=`, the pages' cookie, then
// the browser's Accept-Language), Vietnamese by default; the program's English message is folded
// under "technical details" in the Vietnamese page.
import type { RunningServer } from '../../src/server/start-server.ts'
import { startNls } from '../support/nls-server.ts'

let nls: RunningServer
beforeAll(async () => {
  nls = await startNls()
}, 60_000)
afterAll(() => nls?.close())

async function refusal(headers: Record<string, string>): Promise<string> {
  const res = await fetch(`${nls.url}/app/profile`, {
    headers: { accept: 'text/html', ...headers },
  })
  expect(res.status).toBe(401)
  return res.text()
}

describe('an error page', () => {
  it('is Vietnamese by default, with the English message folded and marked English', async () => {
    for (const page of [
      await refusal({}),
      await refusal({ 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.8' }),
    ]) {
      expect(page).toContain('<html lang="vi">')
      expect(page).toContain('<h1>Không thể tiếp tục</h1>')
      expect(page).not.toContain('Cannot continue')
      expect(page).not.toContain('Open NLS again')
      expect(page).toContain('<code data-code>ERR_LTI_SESSION_INVALID</code>')
      expect(page).toMatch(
        /<details><summary>Chi tiết kỹ thuật<\/summary><p><span lang="en" data-message>[^<]+<\/span><\/p><\/details>/,
      )
    }
  })

  it("follows a browser that prefers English, and the pages' choice over it", async () => {
    const english = await refusal({ 'accept-language': 'en-GB,en;q=0.9' })
    expect(english).toContain('<html lang="en">')
    expect(english).toContain('<h1>Cannot continue</h1>')
    expect(english).not.toContain('Không thể tiếp tục')
    // The language chosen on the pages (their cookie) wins over the browser's.
    const chosen = await refusal({ 'accept-language': 'en-GB', cookie: 'nls_lang=vi' })
    expect(chosen).toContain('<html lang="vi">')
  })
})
