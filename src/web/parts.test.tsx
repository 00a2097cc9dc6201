import { renderToString } from 'preact-render-to-string'
import { translator } from './i18n.ts'
import { Bilingual, Translation } from './parts.tsx'

const text = { vi: 'Học tập cộng tác', en: 'Collaborative learning' }

describe('framework text, one language at a time', () => {
  it('is the Vietnamese alone in the Vietnamese view, its translation folded apart', () => {
    expect(renderToString(<Bilingual text={text} lang="vi" />)).toBe(
      '<span lang="vi">Học tập cộng tác</span>',
    )
    expect(
      renderToString(<Translation ctx={{ lang: 'vi', t: translator('vi') }} text={text} />),
    ).toBe(
      '<details class="tr"><summary>Bản dịch tiếng Anh</summary><span lang="en">Collaborative learning</span></details>',
    )
  })

  it('is English first in the English view, the Vietnamese verbatim beside it, nothing folded', () => {
    expect(renderToString(<Bilingual text={text} lang="en" />)).toBe(
      '<span lang="en">Collaborative learning</span> <span class="vi" lang="vi">Học tập cộng tác</span>',
    )
    expect(
      renderToString(<Translation ctx={{ lang: 'en', t: translator('en') }} text={text} />),
    ).toBe('')
  })

  it('keeps the Vietnamese where there is no translation', () => {
    expect(renderToString(<Bilingual text={{ vi: 'Đạo đức AI' }} lang="en" />)).toBe(
      '<span lang="vi">Đạo đức AI</span>',
    )
    expect(
      renderToString(<Translation ctx={{ lang: 'vi', t: translator('vi') }} text={{ vi: 'x' }} />),
    ).toBe('')
  })

  it('folds several texts into one list', () => {
    const html = renderToString(
      <Translation ctx={{ lang: 'vi', t: translator('vi') }} text={[text, { vi: 'b', en: 'B' }]} />,
    )
    expect(html).toContain('<ul lang="en"><li>Collaborative learning</li><li>B</li></ul>')
  })
})
