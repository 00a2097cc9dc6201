import { describe, expect, it } from '@jest/globals'
import { shippedCatalog, type Framework } from '../../framework/index.ts'
import { frameworkGrades, gradeTarget, hasGradeTargets } from './grade-target.ts'

const catalog = shippedCatalog()
const tt02 = catalog.frameworks.find((f) => f.id === 'TT02') as Framework
const tt18 = catalog.frameworks.find((f) => f.id === 'TT18') as Framework

describe('gradeTarget', () => {
  it("is the framework's sub-level for each grade: CB1 1–3, CB2 4–5, TC1 6–7, TC2 8–9, NC1 10–12", () => {
    const byGrade = Array.from({ length: 12 }, (_, i) => gradeTarget(tt02, i + 1)?.level.code)
    expect(byGrade).toEqual([
      'CB1',
      'CB1',
      'CB1',
      'CB2',
      'CB2',
      'TC1',
      'TC1',
      'TC2',
      'TC2',
      'NC1',
      'NC1',
      'NC1',
    ])
    expect(gradeTarget(tt02, 7)).toMatchObject({ grade: 7, source: 'framework' })
  })

  it("takes the school's own target for a grade, when the framework has that level", () => {
    expect(gradeTarget(tt02, 7, { '7': 'TC2' })).toMatchObject({
      level: { code: 'TC2' },
      source: 'school',
    })
    expect(gradeTarget(tt02, 7, { '7': 'XX9' })?.level.code).toBe('TC1')
    expect(gradeTarget(tt02, 8, { '7': 'TC2' })?.level.code).toBe('TC2')
  })

  it('has none without a grade, for a grade no level lists, or in the teachers’ framework', () => {
    expect(gradeTarget(tt02, undefined)).toBeUndefined()
    expect(gradeTarget(tt02, 13)).toBeUndefined()
    expect(gradeTarget(tt02, 6.5)).toBeUndefined()
    expect(gradeTarget(tt18, 7)).toBeUndefined()
    expect(hasGradeTargets(tt02)).toBe(true)
    expect(hasGradeTargets(tt18)).toBe(false)
    expect(frameworkGrades(tt02)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
  })
})
