import { isWellFormedId, parseId } from './ids.ts'
import { loadFrameworks } from './load.ts'
import type { Framework } from './schema.ts'

const frameworks = loadFrameworks()
const tt18 = frameworks.find((f) => f.id === 'TT18') as Framework
const tt02 = frameworks.find((f) => f.id === 'TT02') as Framework

const descriptorsOf = (fw: Framework, audience: string) =>
  fw.audiences
    .find((a) => a.id === audience)
    ?.components.flatMap((c) => c.levels.flatMap((l) => l.descriptors)) ?? []

describe('Circular 18/2026 (TT18)', () => {
  it.each([
    ['MN', 6, 20, 126],
    ['PT', 6, 20, 140],
    ['QL', 5, 24, 174],
  ])(
    'audience %s has %i domains, %i components and %i descriptors',
    (id, domains, components, descriptors) => {
      const audience = tt18.audiences.find((a) => a.id === id)
      expect(audience?.domains).toHaveLength(domains)
      expect(audience?.components).toHaveLength(components)
      expect(descriptorsOf(tt18, id)).toHaveLength(descriptors)
    },
  )

  it('has the three cumulative levels Cơ bản, Thành thạo, Nâng cao with their definitions', () => {
    expect(tt18.cumulative).toBe(true)
    expect(tt18.levels.map((l) => [l.code, l.rank, l.name.vi])).toEqual([
      ['CB', 1, 'Cơ bản'],
      ['TT', 2, 'Thành thạo'],
      ['NC', 3, 'Nâng cao'],
    ])
    for (const l of tt18.levels) expect(l.definition?.vi).toMatch(/^Là mức độ/)
  })

  it('lists every level of every component, in order, with at least one descriptor', () => {
    for (const a of tt18.audiences) {
      for (const c of a.components) {
        expect(c.levels.map((l) => l.code)).toEqual(['CB', 'TT', 'NC'])
        for (const l of c.levels) {
          expect(l.status).toBe('official')
          expect(l.descriptors.length).toBeGreaterThan(0)
        }
      }
    }
  })

  it('gives every descriptor, component and domain an English translation', () => {
    for (const a of tt18.audiences) {
      for (const d of a.domains) expect(d.name.en).toBeTruthy()
      for (const c of a.components) {
        expect(c.name.en).toBeTruthy()
        if (c.definition) expect(c.definition.en).toBeTruthy()
        for (const l of c.levels) for (const d of l.descriptors) expect(d.text.en).toBeTruthy()
      }
    }
    for (const g of tt18.glossary) {
      expect(g.term.en).toBeTruthy()
      expect(g.text.en).toBeTruthy()
    }
  })

  it('keeps Part B definitions for the teacher tables only', () => {
    for (const a of tt18.audiences) {
      for (const c of a.components) expect(Boolean(c.definition)).toBe(a.id !== 'QL')
    }
    expect(tt18.audiences.find((a) => a.id === 'QL')?.buildsOn).toEqual(['MN', 'PT'])
  })

  it('has Part A’s twelve glossary terms', () => {
    expect(tt18.glossary.map((g) => g.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    for (const g of tt18.glossary) expect(g.text.vi.startsWith(`${g.term.vi} là `)).toBe(true)
  })
})

describe('IDs', () => {
  const all = frameworks.flatMap((fw) =>
    fw.audiences.flatMap((a) => [
      `${fw.id}.${a.id}`,
      ...a.domains.map((d) => d.id),
      ...a.components.flatMap((c) => [
        c.id,
        ...c.levels.flatMap((l) => [`${c.id}.${l.code}`, ...l.descriptors.map((d) => d.id)]),
      ]),
    ]),
  )

  it('are unique and well-formed', () => {
    expect(new Set(all).size).toBe(all.length)
    for (const id of all) expect(isWellFormedId(id)).toBe(true)
  })

  it('encode their place: TT18.PT.1.1.CB.2 is the second Cơ bản descriptor of PT component 1.1', () => {
    expect(parseId('TT18.PT.1.1.CB.2')).toEqual({
      kind: 'descriptor',
      framework: 'TT18',
      audience: 'PT',
      domain: '1',
      component: '1.1',
      level: 'CB',
      descriptor: '2',
    })
    const c = tt18.audiences.find((a) => a.id === 'PT')?.components.find((x) => x.number === '1.1')
    expect(c?.levels[0]?.descriptors[1]?.id).toBe('TT18.PT.1.1.CB.2')
  })

  it.each([
    'TT18.PT.1.1.CB.0',
    'tt18.PT',
    'TT18.PT.1',
    'TT18.PT.1.1.C.1',
    'TT18.PT.1.1.CB.2.3',
    '',
  ])('rejects malformed or accepts well-formed: %s', (id) => {
    expect(isWellFormedId(id)).toBe(id === 'TT18.PT.1')
  })
})

describe('Circular 02/2025 (TT02, learners)', () => {
  it('has 6 domains, 24 components and 8 sub-levels, CB1 … CS2', () => {
    const a = tt02.audiences[0]
    expect(a?.domains).toHaveLength(6)
    expect(a?.components).toHaveLength(24)
    expect(tt02.levels.map((l) => l.code)).toEqual([
      'CB1',
      'CB2',
      'TC1',
      'TC2',
      'NC1',
      'NC2',
      'CS1',
      'CS2',
    ])
    expect(tt02.levels.map((l) => l.targets?.vi ?? null)).toEqual([
      'Lớp 1–3',
      'Lớp 4–5',
      'Lớp 6–7',
      'Lớp 8–9',
      'Lớp 10–12',
      null,
      null,
      null,
    ])
    expect(tt02.levels.map((l) => l.grades ?? null)).toEqual([
      [1, 2, 3],
      [4, 5],
      [6, 7],
      [8, 9],
      [10, 11, 12],
      null,
      null,
      null,
    ])
  })

  it('marks every level’s descriptor text missing and invents none', () => {
    for (const c of tt02.audiences[0]?.components ?? []) {
      expect(c.levels).toHaveLength(8)
      for (const l of c.levels) {
        expect(l.status).toBe('missing')
        expect(l.descriptors).toEqual([])
      }
    }
  })
})
