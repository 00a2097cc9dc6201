import { shippedCatalog } from '../../framework/index.ts'
import { checkSettingsChange } from './change-tenant-settings.ts'

const catalog = async () => shippedCatalog()

describe('checkSettingsChange', () => {
  it('merges changes over the saved settings, with defaults', async () => {
    const checked = await checkSettingsChange({ minGroupSize: 3 }, { requiredShare: 0.5 }, catalog)
    expect(checked.settings).toMatchObject({
      minGroupSize: 3,
      requiredShare: 0.5,
      audience: 'TT18.PT',
    })
  })

  it('names each bad value by its setting', async () => {
    const checked = await checkSettingsChange({}, { requiredShare: 2, minGroupSize: 0 }, catalog)
    expect(checked.problems).toEqual([
      {
        field: 'requiredShare',
        message: 'must be at most 1 (every descriptor of the level)',
        source: 'value',
      },
      { field: 'minGroupSize', message: 'must be at least 1', source: 'value' },
    ])
  })

  it('checks a changed table and changed targets against the frameworks, not saved ones', async () => {
    const saved = { targets: { 'TT18.XX': 'CB' } }
    let asked = 0
    const counting = async () => {
      asked += 1
      return shippedCatalog()
    }
    // Nothing named changes: the frameworks are not even read.
    expect((await checkSettingsChange(saved, { minGroupSize: 4 }, counting)).settings).toBeDefined()
    expect(asked).toBe(0)
    const checked = await checkSettingsChange(
      saved,
      { audience: 'TT18.ZZ', targets: { 'TT18.XX': 'CB', 'TT18.PT': 'QQ' } },
      counting,
    )
    expect(checked.problems?.map((p) => [p.field, p.source])).toEqual([
      ['audience', 'frameworks'],
      ['targets', 'frameworks'],
    ])
    expect(checked.problems?.[1]?.message).toContain('TT18.PT=QQ')
  })

  it("checks grade targets against the pupils' levels, and the grade itself", async () => {
    const good = await checkSettingsChange({}, { gradeTargets: { '7': 'TC2' } }, catalog)
    expect(good.settings?.gradeTargets).toEqual({ '7': 'TC2' })
    const teachers = await checkSettingsChange({}, { gradeTargets: { '7': 'TT' } }, catalog)
    expect(teachers.problems).toEqual([
      {
        field: 'gradeTargets',
        message:
          "--grade-target 7=TT: no pupils' level TT; accepted: CB1, CB2, TC1, TC2, NC1, NC2, CS1, CS2",
        source: 'frameworks',
      },
    ])
    const grade = await checkSettingsChange({}, { gradeTargets: { '13': 'TC2' } }, catalog)
    expect(grade.problems).toEqual([
      expect.objectContaining({
        field: 'gradeTargets',
        message: '13: must be a grade from 1 to 12',
      }),
    ])
  })
})
