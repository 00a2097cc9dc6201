import { TenantSettings } from '../../evaluation/settings.ts'
import { settingsChanges, settingsValues, typedValues } from './settings-form.ts'

describe('the settings form', () => {
  it('shows saved settings as text and reads them back unchanged', () => {
    const saved = TenantSettings.parse({
      requiredShare: 0.75,
      statementRetentionDays: 365,
      accountHomePage: 'https://k12online.vn',
      targets: { 'TT18.PT': 'CB', 'TT18.PT.1.1': 'TT' },
      gradeTargets: { '10': 'NC2', '7': 'TC2' },
    })
    const values = settingsValues(saved)
    expect(values).toMatchObject({
      requiredShare: '0.75',
      statementRetentionDays: '365',
      targets: 'TT18.PT=CB\nTT18.PT.1.1=TT',
      gradeTargets: '7=TC2\n10=NC2',
    })
    expect(TenantSettings.parse(settingsChanges(values).changes)).toEqual(saved)
  })

  it('reads a decimal comma, empty for none or forever, and targets in any case', () => {
    const values = typedValues({
      requiredShare: '0,5',
      identityRule: 'email',
      writeDescriptors: 'on',
      audience: ' TT18.MN ',
      minGroupSize: '3',
      statementRetentionDays: ' ',
      accountHomePage: '',
      targets: 'tt18.mn = cb\r\n\r\n',
      gradeTargets: ' 7 = tc2 \n',
    })
    expect(settingsChanges(values)).toEqual({
      changes: {
        requiredShare: 0.5,
        identityRule: 'email',
        writeDescriptors: true,
        audience: 'TT18.MN',
        minGroupSize: 3,
        statementRetentionDays: null,
        accountHomePage: null,
        targets: { 'TT18.MN': 'CB' },
        gradeTargets: { '7': 'TC2' },
      },
    })
  })

  it('names the first target line that is not ID=LEVEL, and leaves empty numbers for zod', () => {
    const values = typedValues({ targets: 'TT18.PT=CB\nTT18.PT\nx y', gradeTargets: '7 TC2' })
    const { changes, badTargetLine, badGradeTargetLine } = settingsChanges(values)
    expect(badTargetLine).toBe('TT18.PT')
    expect(badGradeTargetLine).toBe('7 TC2')
    expect(changes.requiredShare).toBeNaN()
    expect(changes.writeDescriptors).toBe(false)
  })
})
