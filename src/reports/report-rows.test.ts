import { describe, expect, it } from '@jest/globals'
import { reportFigures } from './aggregate.ts'
import { type RowLabels, reportRows } from './report-rows.ts'

const labels: RowLabels = {
  unit: 'Unit',
  component: 'Component',
  componentName: 'Name',
  staff: 'Staff',
  levels: [{ code: 'CB', name: 'Basic' }],
  none: 'None',
  atLeastFirst: 'At least Basic',
  total: 'Total',
  noUnit: '(no unit)',
  hidden: 'Hidden',
  everyComponent: 'Every component',
  empty: 'Nobody is in this table',
}
const components = [{ id: 'C1', number: '1.1', name: 'One' }]
const figures = (staff: number, held: number) =>
  reportFigures({
    componentIds: ['C1'],
    levels: ['CB'],
    minGroupSize: 5,
    staff: staff === 0 ? [] : [{ unit: '', staff, everyComponent: held }],
    tallies: held === 0 ? [] : [{ unit: '', componentId: 'C1', level: 'CB', count: held }],
  })

describe('reportRows', () => {
  it('gives a school its rows: 20 of 30 staff at Basic is 66.7 %', () => {
    expect(reportRows(figures(30, 20), components, labels)).toEqual([
      ['Unit', 'Component', 'Name', 'Staff', 'None', 'Basic', 'At least Basic (%)'],
      ['(no unit)', '1.1', 'One', 30, 10, 20, 66.7],
      ['(no unit)', '', 'Every component', 30, 10, '', 66.7],
    ])
  })

  it('says a table nobody is in is empty, not hidden', () => {
    expect(reportRows(figures(0, 0), components, labels)).toEqual([
      ['Unit', 'Component', 'Name', 'Staff', 'None', 'Basic', 'At least Basic (%)'],
      ['Nobody is in this table'],
    ])
  })
})
