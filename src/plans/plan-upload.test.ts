import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { shippedCatalog } from '../../framework/index.ts'
import { checkPlan } from './check-plan.ts'
import { PLAN_EXAMPLES } from './plan-examples.ts'
import { readPlanUpload } from './plan-upload.ts'

const catalog = shippedCatalog()
const examples = new URL('../../plans/examples/', import.meta.url)
const example = (file: string) => readFileSync(new URL(file, examples), 'utf8')

/** The fields a CSV upload of an example gives: its JSON twin's code, name and calendar. */
function fieldsOf(json: string) {
  const plan = JSON.parse(json) as {
    code: string
    name: { vi: string; en?: string }
    calendar: { period: string; due: string }[]
  }
  return {
    code: plan.code,
    name: plan.name.vi,
    ...(plan.name.en && { nameEn: plan.name.en }),
    calendar: plan.calendar.map((c) => c.period),
    ...Object.fromEntries(plan.calendar.map((c) => [`due-${c.period}`, c.due])),
  }
}

describe('the shipped example plans', () => {
  it('lists every file of plans/examples', () => {
    expect([...PLAN_EXAMPLES].sort()).toEqual(readdirSync(examples).sort())
  })

  it.each(PLAN_EXAMPLES.filter((f) => f.endsWith('.json')))('%s passes checkPlan', (file) => {
    const checked = checkPlan(JSON.parse(example(file)), catalog)
    expect(checked).not.toHaveProperty('problems')
  })

  it.each(PLAN_EXAMPLES.filter((f) => f.endsWith('.csv')))(
    '%s imports as the same plan as its JSON twin',
    (file) => {
      const json = example(file.replace(/\.csv$/, '.json'))
      const fromCsv = readPlanUpload(
        { fileName: file, text: example(file), fields: fieldsOf(json) },
        catalog,
      )
      expect(fromCsv).toEqual(checkPlan(JSON.parse(json), catalog))
    },
  )

  it('holds District 6’s two targets and the city’s twelve', () => {
    const d6 = checkPlan(JSON.parse(example('484-KH-UBND-quan-6.json')), catalog)
    const city = checkPlan(JSON.parse(example('de-an-hcm-2022-2025.json')), catalog)
    if (!('plan' in d6) || !('plan' in city)) throw new Error('examples must pass')
    expect(d6.plan.targets.map((t) => [t.id, t.share, t.comparison])).toEqual([
      ['nang-cao-nls', 0.5, 'more-than'],
      ['hoc-lieu-so', 0.5, 'more-than'],
    ])
    expect(d6.plan.calendar).toEqual([
      { period: 'semester-1', due: '12-25' },
      { period: 'semester-2', due: '05-10' },
    ])
    expect(city.plan.targets).toHaveLength(12)
    expect(city.plan.targets.find((t) => t.id === 'hoc-lieu-so-gv')).toMatchObject({
      group: { kind: 'staff', positions: ['GV'], schoolLevels: ['THCS', 'THPT'] },
      share: 0.3,
    })
  })
})

describe('readPlanUpload', () => {
  const csv =
    'ma,muc_tieu,chuc_vu,thanh_phan,bang,muc_toi_thieu,ty_le,han\n' +
    'a,Một,GV,4.2,,CB,30%,31/12/2025\n' +
    'b,Hai,CBQL,6.3,QL,CB,30%,31/12/2025\n'

  it('names a CSV plan’s catalog problem by row and column, and the form’s by field', () => {
    const read = readPlanUpload(
      { fileName: 'ke-hoach.csv', text: csv, fields: { code: ' ', name: 'Kế hoạch' } },
      catalog,
    )
    expect(read).toEqual({
      problems: [
        { field: 'code', code: 'ERR_PLAN_REQUIRED', values: {}, message: 'required' },
        { field: 'calendar', code: 'ERR_PLAN_REQUIRED', values: {}, message: 'required' },
      ],
    })
    const fields = { code: 'KH-1', name: 'Kế hoạch', calendar: 'year', 'due-year': '' }
    expect(readPlanUpload({ fileName: 'ke-hoach.csv', text: csv, fields }, catalog)).toEqual({
      problems: [
        {
          row: 2,
          line: 3,
          column: 'thanh_phan',
          path: 'targets.1.components.0',
          code: 'ERR_PLAN_COMPONENT_UNKNOWN',
          values: { component: '6.3', table: 'TT18.QL' },
          message: 'table TT18.QL has no component 6.3',
        },
      ],
    })
  })

  it('takes the calendar’s default day when none is typed, and a JSON plan whole', () => {
    const fields = { code: 'KH-1', name: 'Kế hoạch', calendar: ['semester-1'] }
    const read = readPlanUpload(
      { fileName: 'k.csv', text: csv.split('\n').slice(0, 2).join('\n'), fields },
      catalog,
    )
    expect(read).toMatchObject({ plan: { calendar: [{ period: 'semester-1', due: '12-25' }] } })
    expect(
      readPlanUpload({ fileName: 'plan.txt', text: '{ "code": ', fields: {} }, catalog),
    ).toMatchObject({ problems: [{ field: 'file', code: 'ERR_PLAN_NOT_JSON' }] })
  })
})
