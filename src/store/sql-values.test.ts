import { pgTextArray } from './sql-values.ts'

describe('pgTextArray', () => {
  it('quotes each text, escapes quotes and backslashes, and writes null as NULL', () => {
    expect(pgTextArray(['a', null, 'x"y\\z', '', 'NULL', '{"k": 1}'])).toBe(
      '{"a",NULL,"x\\"y\\\\z","","NULL","{\\"k\\": 1}"}',
    )
    expect(pgTextArray([])).toBe('{}')
  })
})
