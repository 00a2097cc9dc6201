import { normaliseUsername } from './username.ts'

describe('normaliseUsername', () => {
  it.each([
    [' taphuan.a', 'taphuan.a'],
    ['TAPHUAN.A', 'taphuan.a'],
    [' TapHuan.A \t', 'taphuan.a'],
    ['\u00a0taphuan.a\u00a0', 'taphuan.a'],
    // "Đức" typed decomposed (D with stroke is one code point; u + combining acute is NFD).
    ['ĐU\u0301C', 'đúc'],
    ['Đúc', 'đúc'],
  ])('%j is kept as %j', (typed, kept) => {
    expect(normaliseUsername(typed)).toBe(kept)
  })
})
