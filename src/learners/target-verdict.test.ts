import { shippedCatalog } from '../../framework/index.ts'
import { reachesTarget, targetVerdict } from './target-verdict.ts'

const tt02 = shippedCatalog().frameworks.find((f) => f.id === 'TT02')!

describe('targetVerdict', () => {
  it('places a level below, at or above the target', () => {
    expect(targetVerdict(tt02, 'CB2', 'TC1')).toBe('below')
    expect(targetVerdict(tt02, 'TC1', 'TC1')).toBe('at')
    expect(targetVerdict(tt02, 'TC2', 'TC1')).toBe('above')
    expect(targetVerdict(tt02, 'CS2', 'CB1')).toBe('above')
  })

  it('says none without a level, whatever the target', () => {
    expect(targetVerdict(tt02, null, 'TC1')).toBe('none')
    expect(targetVerdict(tt02, undefined, undefined)).toBe('none')
  })

  it('says unknown for a level without a target, or a code the framework lacks', () => {
    expect(targetVerdict(tt02, 'TC1', undefined)).toBe('unknown')
    expect(targetVerdict(tt02, 'TT', 'TC1')).toBe('unknown')
    expect(targetVerdict(tt02, 'TC1', 'XX')).toBe('unknown')
  })
})

describe('reachesTarget', () => {
  it('counts at and above only', () => {
    const verdicts = ['none', 'unknown', 'below', 'at', 'above'] as const
    expect(verdicts.map(reachesTarget)).toEqual([false, false, false, true, true])
  })
})
