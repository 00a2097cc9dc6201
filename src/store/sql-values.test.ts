import { pgTextArray } from './sql-values.ts'

describe('pgTextArray', () => {
  it('quotes each text, escapes quotes and backslashes, and writes null unquoted', () => {
    expect(pgTextArray(['a', null, 'x"y\\z', '', 'NULL', '{"k": 1}', 'đ', '\\n', '\\\\"'])).toBe(
      '{"a",null,"x\\"y\\\\z","","NULL","{\\"k\\": 1}","đ","\\\\n","\\\\\\\\\\""}',
    )
    expect(pgTextArray([])).toBe('{}')
  })

  it('writes control characters as they are (JSON would escape them)', () => {
    expect(pgTextArray(['a\nb\t"', null, 'c\\'])).toBe('{"a\nb\t\\"",NULL,"c\\\\"}')
    expect(pgTextArray(['\\\n'])).toBe('{"\\\\\n"}')
  })
})
