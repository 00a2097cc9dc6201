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

  it('accepts exposure and whole domains of the learners’ table; refuses a domain it lacks', () => {
    const pupils = { kind: 'pupils', grades: [1, 2, 3] }
    const exposure = target({
      group: pupils,
      measure: 'exposure',
      components: undefined,
      domains: ['1', '6'],
      minLevel: 'CB1',
    })
    expect(checkPlan(plan(exposure), catalog)).toMatchObject({
      plan: { targets: [{ measure: 'exposure', domains: ['1', '6'], components: [] }] },
    })
    const unknown = target({
      group: pupils,
      components: undefined,
      domains: ['7'],
      minLevel: 'CB1',
    })
    expect(checkPlan(plan(unknown), catalog)).toEqual({
      problems: [
        {
          path: 'targets.0.domains.0',
          code: 'ERR_PLAN_DOMAIN_UNKNOWN',
          values: { domain: '7', table: 'TT02.NH' },
          message: 'table TT02.NH has no domain 7',
        },
      ],
    })
  })

  it('asks for components or domains, not both, and a known measure', () => {
    expect(checkPlan(plan(target({ components: undefined })), catalog)).toMatchObject({
      problems: [{ path: 'targets.0.components', code: 'ERR_PLAN_REQUIRED' }],
    })
    expect(checkPlan(plan(target({ domains: ['1'] })), catalog)).toMatchObject({
      problems: [
        {
          path: 'targets.0.domains',
          code: 'ERR_PLAN_INVALID',
          message: 'name components or domains, not both',
        },
      ],
    })
    expect(checkPlan(plan(target({ measure: 'reach' })), catalog)).toMatchObject({
      problems: [
        {
          path: 'targets.0.measure',
          code: 'ERR_PLAN_INVALID',
          message: 'must be attainment or exposure',
        },
      ],
    })
  })
})
