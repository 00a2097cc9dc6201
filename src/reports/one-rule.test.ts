import { partRule, reportRule } from './one-rule.ts'

const a = { tenantId: 'a', name: 'Trường A', requiredShare: 1 }
const b = { tenantId: 'b', name: 'Trường B', requiredShare: 0.6 }
const c = { tenantId: 'c', name: 'Trường C', requiredShare: 1 }

describe('reportRule', () => {
  it('marks a school that lowered the share, and says the rules are mixed', () => {
    const rule = reportRule([c, b, a])
    expect(rule.schools.map((s) => s.name)).toEqual(['Trường A', 'Trường B', 'Trường C'])
    expect(rule.lowered).toEqual([b])
    expect(rule.mixed).toBe(true)
  })

  it('is one rule when every school requires every criterion', () => {
    const rule = reportRule([a, c])
    expect(rule.lowered).toEqual([])
    expect(rule.mixed).toBe(false)
  })

  it('is one rule, though lowered, when every school lowered it alike', () => {
    const rule = reportRule([b, { ...a, requiredShare: 0.6 }])
    expect(rule.lowered).toHaveLength(2)
    expect(rule.mixed).toBe(false)
  })

  it('narrows to a part of the report', () => {
    const rule = reportRule([a, b, c])
    expect(partRule(rule, ['a', 'c']).mixed).toBe(false)
    expect(partRule(rule, ['a', 'b']).lowered).toEqual([b])
  })
})
