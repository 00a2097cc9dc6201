// Builds framework/data/tt18-2026.json from the Vietnamese original of Circular 18/2026.
//
//   node bin/run-ts.js scripts/build-tt18.ts <000_….txt> [translations-dir]
//
// Vietnamese comes from the seed text only. English comes from the current data file (by ID),
// or for new entries from <translations-dir>/en-{MN,PT,QL,common}.json. Nothing else is kept by
// hand in the data file, so rerunning after a correction of the seed reproduces it exactly.
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseTt18Seed, type SeedTable, type Tt18Seed } from './tt18-seed.ts'
import { Framework, type LocalizedText } from '../framework/schema.ts'
import { canonicalFrameworkJson } from '../framework/export/canonical-json.ts'

const OUT = new URL('../framework/data/tt18-2026.json', import.meta.url)
const [seedFile, translationsDir] = process.argv.slice(2)
if (!seedFile) throw new TypeError('usage: build-tt18.ts <seed.txt> [translations-dir]')

const seed: Tt18Seed = parseTt18Seed(readFileSync(seedFile, 'utf8'))

// English by key: what the data file already has, then the translation files.
const english = new Map<string, string>()
if (translationsDir) {
  for (const name of ['en-MN.json', 'en-PT.json', 'en-QL.json', 'en-common.json']) {
    const file = join(translationsDir, name)
    if (!existsSync(file)) continue
    for (const [k, v] of Object.entries(JSON.parse(readFileSync(file, 'utf8')) as object)) {
      english.set(k, String(v))
    }
  }
}
if (existsSync(OUT)) collectEnglish(JSON.parse(readFileSync(OUT, 'utf8')) as unknown, english)

const missing: string[] = []
const text = (vi: string, key: string, fallback?: string): LocalizedText => {
  const en = english.get(key) ?? fallback
  if (!en) missing.push(key)
  return en ? { vi, en } : { vi }
}

const AUDIENCES = [
  { id: 'MN', en: 'Preschool teachers', vi: 'Giáo viên mầm non', heading: 'CHO GIÁO VIÊN MẦM NON' },
  {
    id: 'PT',
    en: 'General-education and continuing-education teachers',
    vi: 'Giáo viên phổ thông và giáo dục thường xuyên',
    heading: 'CHO GIÁO VIÊN PHỔ THÔNG',
  },
  {
    id: 'QL',
    en: 'Managers of preschool, general-education and continuing-education institutions',
    vi: 'Cán bộ quản lý cơ sở giáo dục mầm non, giáo dục phổ thông và giáo dục thường xuyên',
    heading: 'CHO CÁN BỘ QUẢN LÝ',
  },
] as const

const GLOSSARY_TERMS_EN = [
  'Digital technology',
  'Teaching and education in the digital environment',
  'Digital data in education',
  'Technology solution',
  'Social network',
  'Digital environment',
  'Digital competency',
  'Digital content',
  'Digital pedagogy',
  'Digital device',
  'Artificial intelligence',
  'Generative artificial intelligence',
]

const LEVELS = [
  { code: 'CB', en: 'Basic' },
  { code: 'TT', en: 'Proficient' },
  { code: 'NC', en: 'Advanced' },
] as const

function audience(table: SeedTable, a: (typeof AUDIENCES)[number]) {
  if (!table.heading.includes(a.heading)) {
    throw new Error(`table "${table.heading}" is not the ${a.id} table`)
  }
  const teacherTable = a.id !== 'QL'
  const domains: ReturnType<typeof domainOf>[] = []
  function domainOf(number: string, name: string) {
    const partB = teacherTable ? seed.partB.domains.find((d) => d.number === number) : undefined
    const id = `TT18.${a.id}.${number}`
    return {
      id,
      number,
      name: text(name, id),
      ...(partB
        ? { description: text(partB.description, `partB.domain.${number}.description`) }
        : {}),
      ...(partB && partB.name !== name
        ? { structureName: text(partB.name, `partB.domain.${number}.name`) }
        : {}),
    }
  }
  let current: ReturnType<typeof domainOf> | undefined
  const components = table.rows.map((row) => {
    const number = row.componentNumber
    const domainNumber = number.split('.')[0] ?? ''
    if (row.domainName) {
      current = domainOf(domainNumber, row.domainName)
      domains.push(current)
    }
    if (!current || current.number !== domainNumber) {
      throw new Error(`component ${number} sits outside its domain`)
    }
    const id = `TT18.${a.id}.${number}`
    const partB = teacherTable
      ? seed.partB.domains.flatMap((d) => d.components).find((c) => c.number === number)
      : undefined
    return {
      id,
      number,
      domain: { id: current.id, number: current.number, name: current.name },
      name: text(row.componentName, id),
      ...(partB
        ? { definition: text(partB.definition, `partB.component.${number}.definition`) }
        : {}),
      ...(partB && partB.name !== row.componentName
        ? { structureName: text(partB.name, `partB.component.${number}.name`) }
        : {}),
      levels: LEVELS.map((level, i) => ({
        code: level.code,
        descriptors: (row.levels[i] ?? []).map((vi, n) => {
          const did = `${id}.${level.code}.${n + 1}`
          return { id: did, text: text(vi, did) }
        }),
      })),
    }
  })
  return {
    id: a.id,
    name: { vi: a.vi, en: a.en },
    ...(table.intro ? { note: text(table.intro, `TT18.${a.id}.note`, QL_NOTE_EN) } : {}),
    buildsOn: a.id === 'QL' ? ['MN', 'PT'] : [],
    domains,
    components,
  }
}

const QL_NOTE_EN =
  'In addition to the competencies required of teachers at the corresponding level of education, managers of educational institutions need the following competencies:'

if (seed.tables.length !== 3) throw new Error(`expected 3 tables, found ${seed.tables.length}`)
const framework = Framework.parse({
  id: 'TT18',
  version: '2026-03-27',
  title: {
    vi: 'Khung năng lực số đối với giáo viên, cán bộ quản lý cơ sở giáo dục mầm non, phổ thông và giáo dục thường xuyên',
    en: 'Digital Competency Framework for teachers and managers of preschool, general-education and continuing-education institutions',
  },
  source: {
    document: 'Thông tư số 18/2026/TT-BGDĐT',
    issuer: { vi: 'Bộ Giáo dục và Đào tạo', en: 'Ministry of Education and Training' },
    issued: '2026-03-27',
    effective: '2026-05-12',
    provenance: {
      vi: 'Văn bản tiếng Việt của Thông tư (bản gốc), chỉ chuẩn hóa khoảng trắng; bản dịch tiếng Anh chỉ để tham khảo.',
      en: 'The Vietnamese text of the Circular (original), with whitespace normalised only; the English translation is for convenience.',
    },
  },
  cumulative: true,
  levels: LEVELS.map((level, i) => {
    const def = seed.levels[i]
    if (!def) throw new Error(`level ${level.code} has no definition in the seed`)
    return {
      code: level.code,
      rank: i + 1,
      name: { vi: def.name, en: level.en },
      definition: text(def.definition, `level.${def.name}`),
    }
  }),
  glossary: seed.glossary.map((g) => {
    const term = g.text.split(' là ')[0] ?? g.text
    return {
      number: g.number,
      term: { vi: term, en: GLOSSARY_TERMS_EN[g.number - 1] ?? '' },
      text: text(g.text, `glossary.${g.number}`),
    }
  }),
  audiences: AUDIENCES.map((a, i) => audience(seed.tables[i] as SeedTable, a)),
})

if (missing.length) {
  console.error(
    `English missing for ${missing.length} entries: ${missing.slice(0, 10).join(', ')}…`,
  )
  process.exitCode = 1
}
writeFileSync(OUT, canonicalFrameworkJson(framework))
console.log(`wrote ${OUT.pathname}`)

/** Every English text of an existing data file, under the key the build uses for it. */
function collectEnglish(data: unknown, into: Map<string, string>): void {
  const old = Framework.safeParse(data)
  if (!old.success) return
  const put = (key: string, t: LocalizedText | undefined) => {
    if (t?.en && !into.has(key)) into.set(key, t.en)
  }
  for (const l of old.data.levels) put(`level.${l.name.vi}`, l.definition)
  for (const g of old.data.glossary) put(`glossary.${g.number}`, g.text)
  for (const a of old.data.audiences) {
    put(`TT18.${a.id}.note`, a.note)
    for (const d of a.domains) {
      put(d.id, d.name)
      put(`partB.domain.${d.number}.description`, d.description)
      put(`partB.domain.${d.number}.name`, d.structureName)
    }
    for (const c of a.components) {
      put(c.id, c.name)
      put(`partB.component.${c.number}.definition`, c.definition)
      put(`partB.component.${c.number}.name`, c.structureName)
      for (const l of c.levels) for (const d of l.descriptors) put(d.id, d.text)
    }
  }
}
