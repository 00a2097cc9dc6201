// The framework data against the circular itself: every Vietnamese text of TT18 in
// framework/data must be the seed's text, verbatim (whitespace normalised), in the same cell,
// and nothing of the tables may be left out. The seeds sit beside the repository
// (../shared/seeds) on development and CI machines.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { loadFrameworks } from '../../framework/load.ts'
import { normalizeSpace, parseTt18Seed } from '../../scripts/tt18-seed.ts'

const seedFile = fileURLToPath(
  new URL('../../../shared/seeds/000_6b0a95e452620e7d.txt', import.meta.url),
)
const haveSeed = existsSync(seedFile)
const describeWithSeed = haveSeed ? describe : describe.skip
if (!haveSeed) console.warn(`seed not found at ${seedFile}: the verbatim check is skipped`)

describeWithSeed('TT18 data against the text of Circular 18/2026', () => {
  const raw = haveSeed ? readFileSync(seedFile, 'utf8') : ''
  const seed = haveSeed ? parseTt18Seed(raw) : undefined
  const tt18 = loadFrameworks().find((f) => f.id === 'TT18')!
  const flatSeed = normalizeSpace(raw)

  it('has the seed’s three tables with 126, 140 and 174 descriptors', () => {
    expect(seed!.tables.map((t) => t.rows.flatMap((r) => r.levels.flat()).length)).toEqual([
      126, 140, 174,
    ])
  })

  it.each(['MN', 'PT', 'QL'])(
    '%s: every domain, component and descriptor is the seed’s text, cell by cell',
    (id) => {
      const table = seed!.tables[['MN', 'PT', 'QL'].indexOf(id)]!
      const audience = tt18.audiences.find((a) => a.id === id)!
      expect(audience.components.map((c) => [c.number, c.name.vi])).toEqual(
        table.rows.map((r) => [r.componentNumber, r.componentName]),
      )
      expect(audience.domains.map((d) => d.name.vi)).toEqual(
        table.rows.flatMap((r) => (r.domainName ? [r.domainName] : [])),
      )
      audience.components.forEach((c, i) => {
        const row = table.rows[i]!
        expect(c.levels.map((l) => l.descriptors.map((d) => d.text.vi))).toEqual(
          row.levels.map((l) => [...l]),
        )
      })
      if (table.intro) expect(audience.note?.vi).toBe(table.intro)
    },
  )

  it('every Vietnamese text of the data occurs in the seed as written', () => {
    const texts: string[] = [
      ...tt18.glossary.map((g) => g.text.vi),
      ...tt18.levels.flatMap((l) => (l.definition ? [l.definition.vi] : [])),
      ...tt18.audiences.flatMap((a) => [
        ...a.domains.flatMap((d) => [d.name.vi, ...(d.description ? [d.description.vi] : [])]),
        ...a.components.flatMap((c) => [
          c.name.vi,
          ...(c.definition ? [c.definition.vi] : []),
          ...(c.structureName ? [c.structureName.vi] : []),
          ...c.levels.flatMap((l) => l.descriptors.map((d) => d.text.vi)),
        ]),
      ]),
    ]
    const absent = texts.filter((t) => !flatSeed.includes(t))
    expect(absent).toEqual([])
  })

  it('keeps Part B’s definitions and notes where Part B names a component differently', () => {
    const partB = seed!.partB.domains.flatMap((d) => d.components)
    for (const a of tt18.audiences.filter((x) => x.id !== 'QL')) {
      for (const c of a.components) {
        const b = partB.find((x) => x.number === c.number)!
        expect(c.definition?.vi).toBe(b.definition)
        expect(c.structureName?.vi ?? c.name.vi).toBe(b.name)
      }
    }
    // e.g. MN 5.2 reads "Hợp tác và phát triển chuyên môn" where Part B has "Hợp tác phát triển chuyên môn".
    const mn52 = tt18.audiences[0]!.components.find((c) => c.number === '5.2')!
    expect([mn52.name.vi, mn52.structureName?.vi]).toEqual([
      'Hợp tác và phát triển chuyên môn',
      'Hợp tác phát triển chuyên môn',
    ])
  })

  it('keeps the original spelling ("kĩ năng", "quản lí")', () => {
    expect(tt18.audiences[1]!.components.find((c) => c.number === '4.1')!.name.vi).toBe(
      'Kĩ năng thông tin và dữ liệu',
    )
    expect(tt18.audiences[1]!.components.find((c) => c.number === '5.3')!.name.vi).toContain(
      'quản lí',
    )
  })
})
