import { readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { loadFrameworks } from '../load.ts'
import { parseFrameworkFile } from '../import/parse-framework-file.ts'
import { canonicalJson } from './canonical-json.ts'
import { casePackage } from './case.ts'
import { MOODLE_CSV_HEADER, moodleCompetencyRows } from './moodle-csv.ts'

const frameworks = loadFrameworks()
const tt18 = frameworks[0]!
const tt02 = frameworks[1]!

const caseSchema = JSON.parse(
  readFileSync(
    new URL('../../test/fixtures/case-v1p1-required.schema.json', import.meta.url),
    'utf8',
  ),
) as object
const ajv = new Ajv2020({ allErrors: true, strict: false })
;(addFormats as unknown as (a: Ajv2020) => void)(ajv)
const validateCase = ajv.compile(caseSchema)

describe('canonical JSON', () => {
  it('has the contract shape', () => {
    const json = JSON.parse(canonicalJson(frameworks)) as {
      frameworks: {
        id: string
        audiences: {
          id: string
          components: {
            id: string
            number: string
            domain: object
            name: object
            levels: { code: string; descriptors: { id: string; text: object }[] }[]
          }[]
        }[]
      }[]
    }
    const pt = json.frameworks[0]!.audiences[1]!
    const c = pt.components[0]!
    expect(json.frameworks.map((f) => f.id)).toEqual(['TT18', 'TT02'])
    expect(pt.id).toBe('PT')
    expect(c).toMatchObject({
      id: 'TT18.PT.1.1',
      number: '1.1',
      domain: { id: 'TT18.PT.1', number: '1' },
    })
    expect(c.levels[0]!.code).toBe('CB')
    expect(c.levels[0]!.descriptors[0]).toEqual({
      id: 'TT18.PT.1.1.CB.1',
      text: {
        vi: 'Sử dụng được các chức năng và công cụ cơ bản của nền tảng quản lí học tập (LMS)',
        en: 'Can use the basic functions and tools of the learning management system (LMS)',
      },
    })
  })

  it('export → import gives back equal data', () => {
    const back = parseFrameworkFile(canonicalJson(frameworks))
    expect(back.format).toBe('json')
    expect(back.frameworks).toEqual(frameworks)
  })

  it('reads a single framework object too', () => {
    expect(parseFrameworkFile(JSON.stringify(tt02)).frameworks).toEqual([tt02])
  })
})

describe('CASE 1.1 package', () => {
  it.each([
    ['TT18', () => casePackage(tt18)],
    ['TT18 QL only', () => casePackage(tt18, { audience: 'QL' })],
    ['TT02', () => casePackage(tt02)],
  ])('%s passes the schema of CASE 1.1’s required fields', (_name, make) => {
    const pkg = make()
    const ok = validateCase(pkg)
    expect(validateCase.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  it('has items for domains, components and descriptors, isChildOf associations and a rubric per component', () => {
    const pkg = casePackage(tt18)
    const types = pkg.CFItems.map((i) => i.CFItemType)
    const count = (t: string) => types.filter((x) => x === t).length
    expect([count('Audience'), count('Domain'), count('Component'), count('Descriptor')]).toEqual([
      3, 17, 64, 440,
    ])
    expect(pkg.CFAssociations).toHaveLength(pkg.CFItems.length)
    expect(new Set(pkg.CFAssociations.map((a) => a.associationType))).toEqual(
      new Set(['isChildOf']),
    )
    expect(pkg.CFRubrics).toHaveLength(64)
    const rubric = pkg.CFRubrics.find((r) => r.title.startsWith('1.1. Dạy học'))!
    const levels = rubric.CFRubricCriteria[0]!.CFRubricCriterionLevels
    expect(levels.map((l) => [l.quality, l.position, l.score])).toEqual([
      ['Cơ bản', 1, 1],
      ['Thành thạo', 2, 2],
      ['Nâng cao', 3, 3],
    ])
    const identifiers = [pkg.CFDocument, ...pkg.CFItems, ...pkg.CFAssociations].map(
      (x) => x.identifier,
    )
    expect(new Set(identifiers).size).toBe(identifiers.length)
  })

  it('is the same package every time (identifiers are UUID v5 of the IRIs)', () => {
    expect(JSON.stringify(casePackage(tt18))).toBe(JSON.stringify(casePackage(tt18)))
    expect(casePackage(tt18).CFDocument.identifier).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
  })

  it.each([
    ['TT18', tt18],
    ['TT02', tt02],
  ])('%s: export → import gives back equal data', (_name, fw) => {
    const back = parseFrameworkFile(JSON.stringify(casePackage(fw)))
    expect(back.format).toBe('case')
    expect(back.frameworks).toEqual([fw])
  })

  it('one audience: export → import gives back that audience', () => {
    const back = parseFrameworkFile(JSON.stringify(casePackage(tt18, { audience: 'QL' })))
    expect(back.frameworks[0]!.audiences).toEqual([tt18.audiences[2]])
  })
})

describe('Moodle competency framework CSV', () => {
  const csvOf = (audience: string) =>
    stringify(
      moodleCompetencyRows(
        tt18,
        tt18.audiences.find((a) => a.id === audience)!,
      ),
      { quoted: true },
    )

  it.each(['MN', 'PT', 'QL'])(
    '%s parses back with the exact header row and every parent resolves',
    (audience) => {
      const rows = parse(csvOf(audience), { relax_column_count: false }) as string[][]
      expect(rows[0]).toEqual([...MOODLE_CSV_HEADER])
      const body = rows.slice(1)
      const frameworkRows = body.filter((r) => r[12] === '1')
      expect(frameworkRows).toHaveLength(1)
      expect(frameworkRows[0]![5]).toBe('Chưa đạt,Cơ bản,Thành thạo,Nâng cao')
      const config = JSON.parse(frameworkRows[0]![6]!) as {
        scaleid?: string
        id?: number
        scaledefault?: number
        proficient?: number
      }[]
      expect(config[0]).toEqual({ scaleid: '1' })
      expect(config.slice(1)).toEqual([
        { id: 2, scaledefault: 1, proficient: 1 },
        { id: 3, scaledefault: 0, proficient: 1 },
        { id: 4, scaledefault: 0, proficient: 1 },
      ])
      const ids = new Set(body.map((r) => r[1]))
      expect(ids.size).toBe(body.length)
      for (const r of body.filter((x) => x[12] !== '1')) {
        if (r[0]) expect(ids.has(r[0])).toBe(true)
        expect([...r[2]!].length).toBeLessThanOrEqual(100)
        expect([...r[1]!].length).toBeLessThanOrEqual(100)
      }
      const descriptors = body.filter((r) => /\.\d+\.\d+\.[A-Z]{2}\.\d+$/.exec(r[1]!))
      const a = tt18.audiences.find((x) => x.id === audience)!
      expect(descriptors).toHaveLength(
        a.components.flatMap((c) => c.levels.flatMap((l) => l.descriptors)).length,
      )
      // The full Vietnamese text is the description's first paragraph, verbatim.
      const first = a.components[0]!.levels[0]!.descriptors[0]!
      expect(body.find((r) => r[1] === first.id)![3]!.split('\n\n')[0]).toBe(first.text.vi)
    },
  )
})
