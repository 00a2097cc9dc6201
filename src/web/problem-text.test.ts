import { translator } from './i18n.ts'
import { problemDetail, problemText } from './problem-text.ts'

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

describe('problemDetail', () => {
  const problem = {
    row: 4,
    line: 5,
    column: 'email',
    code: 'ERR_ROSTER_EMAIL_INVALID',
    values: { email: 'khong-phai-email' },
    message: '"khong-phai-email" is not an email address',
  }

  it("says a coded problem in the page's language", () => {
    expect(problemText(translator('vi'), problem)).toBe(
      'Hàng 4 (dòng 5), cột email: "khong-phai-email" không phải địa chỉ email',
    )
    expect(problemText(translator('en'), problem)).toBe(
      'Row 4 (line 5), column email: "khong-phai-email" is not an email address',
    )
  })

  it('adds what the cell held, and falls back on the English message for an unknown code', () => {
    const weight = { code: 'ERR_TAG_CSV_WEIGHT_INVALID', values: { got: '2' }, line: 2 }
    expect(problemDetail(translator('vi'), { ...weight, message: 'm' })).toBe(
      'phải là số lớn hơn 0 và không quá 1, như 0,5 (nhận "2")',
    )
    expect(problemDetail(translator('en'), { ...weight, message: 'm' })).toBe(
      'must be a number more than 0 and at most 1, such as 0.5 (got "2")',
    )
    expect(problemDetail(translator('vi'), { line: 1, code: 'ERR_NOT_A_CODE', message: 'm' })).toBe(
      'm',
    )
  })
})
