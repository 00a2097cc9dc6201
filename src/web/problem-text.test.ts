import { translator } from './i18n.ts'
import { problemText } from './problem-text.ts'

describe('problemText', () => {
  it('says where a row problem is in Vietnamese, with its column', () => {
    expect(
      problemText(translator('vi'), { row: 4, line: 5, column: 'email', message: 'bad' }),
    ).toBe('Hàng 4 (dòng 5), cột email: bad')
  })

  it('says where a file problem is in English, and a skipped row as skipped', () => {
    expect(problemText(translator('en'), { line: 1, message: 'empty' })).toBe('Line 1: empty')
    expect(
      problemText(translator('en'), { row: 1, line: 2, message: 'already tagged', skipped: true }),
    ).toBe('Row 1 (line 2): skipped: already tagged')
  })
})
