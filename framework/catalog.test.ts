import { Catalog } from './catalog.ts'
import { FrameworkIdMalformed, FrameworkIdUnknown, FrameworkInvalid } from './errors.ts'
import { loadFrameworks, shippedCatalog } from './load.ts'

const catalog = shippedCatalog()

describe('Catalog lookup', () => {
  it('finds each kind of entry by ID with its context', () => {
    const d = catalog.getOf('TT18.PT.1.1.CB.2', 'descriptor')
    expect(d.descriptor.text.vi).toBe(
      'Sử dụng được các công cụ hỗ trợ dạy học trực tuyến để triển khai các phiên học trực tuyến, cung cấp tài liệu học tập và tổ chức các hoạt động dạy học đơn giản',
    )
    expect(d.component.id).toBe('TT18.PT.1.1')
    expect(d.definition.name.vi).toBe('Cơ bản')
    expect(catalog.get('TT18').kind).toBe('framework')
    expect(catalog.get('TT18.QL').kind).toBe('audience')
    expect(catalog.getOf('TT18.MN.6', 'domain').components.map((c) => c.number)).toEqual([
      '6.1',
      '6.2',
      '6.3',
      '6.4',
    ])
    expect(catalog.get('TT18.QL.2.5.NC').kind).toBe('level')
    expect(catalog.get('TT02.NH.6.3.CS2').kind).toBe('level')
  })

  it('refuses an unknown ID and suggests the nearest valid ones', () => {
    expect(() => catalog.get('TT18.PT.1.1.CB.9')).toThrow(FrameworkIdUnknown)
    try {
      catalog.get('TT18.PT.1.1.CB.9')
    } catch (err) {
      const e = err as FrameworkIdUnknown
      expect(e.code).toBe('ERR_FRAMEWORK_ID_UNKNOWN')
      expect(e.suggestions.slice(0, 2)).toEqual(['TT18.PT.1.1.CB.1', 'TT18.PT.1.1.CB.2'])
      expect(e.message).toBe(
        'no framework entry has the ID "TT18.PT.1.1.CB.9"; did you mean "TT18.PT.1.1.CB.1", "TT18.PT.1.1.CB.2", "TT18.PT.1.1.CB"?',
      )
    }
  })

  it('refuses a malformed ID, naming the expected form, and still suggests', () => {
    try {
      catalog.get('tt18.pt.6.2.nc.1')
      throw new Error('expected a throw')
    } catch (err) {
      expect(err).toBeInstanceOf(FrameworkIdMalformed)
      const e = err as FrameworkIdMalformed
      expect(e.code).toBe('ERR_FRAMEWORK_ID_MALFORMED')
      expect(e.suggestions[0]).toBe('TT18.PT.6.2.NC.1')
      expect(e.message).toMatch(
        /^"tt18\.pt\.6\.2\.nc\.1" is not a framework ID: expected a form such as TT18/,
      )
    }
  })

  it('getOf refuses an entry of another kind', () => {
    expect(() => catalog.getOf('TT18.PT.1.1', 'descriptor')).toThrow(FrameworkIdUnknown)
  })

  it('lists audiences and components in the circular’s order', () => {
    expect(catalog.audiences().map((a) => a.id)).toEqual([
      'TT18.MN',
      'TT18.PT',
      'TT18.QL',
      'TT02.NH',
    ])
    expect(catalog.components('TT18.PT').map((c) => c.number)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '2.1',
      '2.2',
      '2.3',
      '3.1',
      '3.2',
      '3.3',
      '4.1',
      '4.2',
      '4.3',
      '5.1',
      '5.2',
      '5.3',
      '6.1',
      '6.2',
      '6.3',
      '6.4',
    ])
  })

  it('requires the descriptors of every lower level (levels are cumulative)', () => {
    const ids = (level: string) =>
      catalog.requiredDescriptors('TT18.PT.1.1', level).map((d) => d.id)
    expect(ids('CB')).toEqual(['TT18.PT.1.1.CB.1', 'TT18.PT.1.1.CB.2'])
    expect(ids('TT')).toEqual([
      ...ids('CB'),
      'TT18.PT.1.1.TT.1',
      'TT18.PT.1.1.TT.2',
      'TT18.PT.1.1.TT.3',
      'TT18.PT.1.1.TT.4',
    ])
    expect(ids('NC')).toEqual([...ids('TT'), 'TT18.PT.1.1.NC.1', 'TT18.PT.1.1.NC.2'])
  })

  it('will not build over data that breaks a rule', () => {
    const [tt18] = loadFrameworks()
    const broken = structuredClone(tt18!)
    const level = broken.audiences[0]!.components[0]!.levels[0]!
    level.descriptors[1] = { ...level.descriptors[1]!, id: level.descriptors[0]!.id }
    expect(() => new Catalog([broken])).toThrow(FrameworkInvalid)
  })
})
