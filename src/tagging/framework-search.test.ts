import { describe, expect, it } from '@jest/globals'
import { shippedCatalog } from '../../framework/index.ts'
import { foldVietnamese, searchFramework } from './framework-search.ts'

const catalog = shippedCatalog()
const pt = [catalog.getOf('TT18.PT', 'audience')]

describe('foldVietnamese', () => {
  it('drops tones and vowel marks, đ as d, ĩ and ỹ alike', () => {
    expect(foldVietnamese('Kĩ năng THÔNG TIN')).toBe('ky nang thong tin')
    expect(foldVietnamese('kỹ năng')).toBe('ky nang')
    expect(foldVietnamese('Đạo đức AI')).toBe('dao duc ai')
    expect(foldVietnamese('  học   tập ')).toBe('hoc tap')
  })
})

describe('searchFramework', () => {
  it('finds "kĩ năng" from "ky nang", and every word must match', () => {
    const hits = searchFramework(pt, 'ky nang thong tin')
    expect(hits.length).toBeGreaterThan(0)
    expect(hits.every((h) => h.componentId === 'TT18.PT.4.1')).toBe(true)
    expect(hits.map((h) => h.id)).toContain('TT18.PT.4.1.CB')
  })

  it('finds by English text, by ID and by component number', () => {
    expect(searchFramework(pt, 'blended learning').map((h) => h.id)).toContain('TT18.PT.1.1.TT.2')
    expect(searchFramework(pt, 'TT18.PT.1.1.CB.2').map((h) => h.id)).toEqual(['TT18.PT.1.1.CB.2'])
    expect(new Set(searchFramework(pt, '6.2').map((h) => h.componentId))).toEqual(
      new Set(['TT18.PT.6.2']),
    )
  })

  it('offers every level and descriptor for an empty query, and nothing for nonsense', () => {
    const all = searchFramework(pt, '')
    expect(all.filter((h) => h.kind === 'level')).toHaveLength(60)
    expect(searchFramework(pt, 'xyzzy')).toEqual([])
  })
})
