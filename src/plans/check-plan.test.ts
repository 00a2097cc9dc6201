import { describe, expect, it } from '@jest/globals'
import { shippedCatalog } from '../../framework/index.ts'
import { checkPlan } from './check-plan.ts'

const catalog = shippedCatalog()

const target = (more: Record<string, unknown> = {}) => ({
  id: 'hoc-lieu-so',
  title: { vi: 'Giáo viên được bồi dưỡng phát triển học liệu số.' },
  group: { kind: 'staff', positions: ['GV'] },
  components: ['4.2', '5.3'],
  minLevel: 'CB',
  share: 0.5,
  comparison: 'more-than',
  deadline: '2025-12-31',
  ...more,
})
const plan = (...targets: unknown[]) => ({
  code: '484/KH-UBND',
  name: { vi: 'Kế hoạch trường học số' },
  calendar: [{ period: 'semester-1', due: '12-25' }],
  targets,
})

describe('checkPlan', () => {
  it('accepts a plan whose components are on its tables, with the comparison defaulted', () => {
    const { comparison: _, ...atLeast } = target({ id: 'b', components: ['TT18.QL.4.5'] })
    const checked = checkPlan(plan(target(), atLeast), catalog)
    expect(checked).toEqual({
      plan: expect.objectContaining({
        targets: [
          expect.objectContaining({ id: 'hoc-lieu-so', comparison: 'more-than' }),
          expect.objectContaining({ id: 'b', comparison: 'at-least' }),
        ],
      }),
    })
  })

  it('accepts pupils’ targets on the learners’ table at its levels', () => {
    const pupils = target({ group: { kind: 'pupils', grades: [6, 7] }, minLevel: 'CB2' })
    expect(checkPlan(plan(pupils), catalog)).toHaveProperty('plan')
  })

  it('names each schema problem by its path, a missing field as required', () => {
    const { deadline: _, ...noDeadline } = target()
    const checked = checkPlan(plan(noDeadline, target({ id: 'b', share: 1.5 })), catalog)
    expect(checked).toEqual({
      problems: [
        { path: 'targets.0.deadline', code: 'ERR_PLAN_REQUIRED', values: {}, message: 'required' },
        {
          path: 'targets.1.share',
          code: 'ERR_PLAN_INVALID',
          values: { detail: 'must be at most 1 (100%)' },
          message: 'must be at most 1 (100%)',
        },
      ],
    })
  })

  it('refuses a component missing from one of its tables, naming the table', () => {
    // TT18.QL has no domain 6; TT18.PT and TT18.MN do.
    const checked = checkPlan(
      plan(target({ components: ['6.3'], tables: ['TT18.PT', 'TT18.QL'] })),
      catalog,
    )
    expect(checked).toEqual({
      problems: [
        {
          path: 'targets.0.components.0',
          code: 'ERR_PLAN_COMPONENT_UNKNOWN',
          values: { component: '6.3', table: 'TT18.QL' },
          message: 'table TT18.QL has no component 6.3',
        },
      ],
    })
  })

  it('refuses a table that is not one, and a level its framework lacks', () => {
    const checked = checkPlan(
      plan(target({ tables: ['TT18.XX'] }), target({ id: 'b', minLevel: 'CB1' })),
      catalog,
    )
    expect(checked).toEqual({
      problems: [
        {
          path: 'targets.0.tables.0',
          code: 'ERR_PLAN_TABLE_UNKNOWN',
          values: { table: 'TT18.XX' },
          message:
            'no competency table TT18.XX; tables are such as TT18.PT, TT18.MN, TT18.QL, TT02.NH',
        },
        {
          path: 'targets.1.minLevel',
          code: 'ERR_PLAN_LEVEL_UNKNOWN',
          values: { level: 'CB1', framework: 'TT18', levels: 'CB, TT, NC' },
          message: 'TT18 has no level CB1; its levels are CB, TT, NC',
        },
      ],
    })
  })

  it('refuses a component ID that names no component', () => {
    const checked = checkPlan(plan(target({ components: ['TT18.QL.9.9'] })), catalog)
    expect(checked).toMatchObject({
      problems: [{ path: 'targets.0.components.0', code: 'ERR_PLAN_COMPONENT_UNKNOWN' }],
    })
  })
})
