// Reads the Vietnamese original of Circular 18/2026/TT-BGDĐT (the seed text) into plain
// structures: Part A's glossary, Part B's domains and components, the level definitions, and
// the three detail tables of Part C, cell by cell. Used to build framework/data/tt18-2026.json
// and, in the tests, to prove that file carries the circular verbatim.

export interface SeedRow {
  readonly domainName: string | null
  readonly componentNumber: string
  readonly componentName: string
  /** Descriptors of Cơ bản, Thành thạo, Nâng cao, in the order the cell lists them. */
  readonly levels: readonly [readonly string[], readonly string[], readonly string[]]
}

export interface SeedTable {
  readonly heading: string
  readonly intro: string | null
  readonly rows: readonly SeedRow[]
}

export interface SeedPartB {
  readonly intro: string
  readonly domains: readonly {
    number: string
    name: string
    description: string
    components: readonly { number: string; name: string; definition: string }[]
  }[]
}

export interface Tt18Seed {
  readonly glossary: readonly { number: number; text: string }[]
  readonly partB: SeedPartB
  readonly levelsIntro: string
  readonly levels: readonly { name: string; definition: string }[]
  readonly tables: readonly SeedTable[]
}

/** Whitespace normalised: runs of spaces, tabs and line breaks become one space; ends trimmed. */
export const normalizeSpace = (s: string): string => s.replace(/\s+/g, ' ').trim()

const TABLE_HEADING = /^[123]\. BẢNG MÔ TẢ CHI TIẾT/

/** Parses the seed text of Circular 18/2026. Throws if the text is not shaped as expected. */
export function parseTt18Seed(text: string): Tt18Seed {
  const lines = text.split(/\r?\n/)
  const at = (re: RegExp): number => {
    const i = lines.findIndex((l) => re.test(l))
    if (i < 0) throw new Error(`seed: no line matches ${re}`)
    return i
  }
  const partA = at(/^A\. GIẢI THÍCH TỪ NGỮ/)
  const partB = at(/^B\. CẤU TRÚC KHUNG NĂNG LỰC SỐ/)
  const partC = at(/^C\. BẢNG MÔ TẢ CHI TIẾT/)

  const glossary = lines
    .slice(partA + 1, partB)
    .map((l) => /^(\d+)\. (.+)$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ number: Number(m[1]), text: normalizeSpace(m[2] ?? '') }))

  let intro = ''
  const domains: {
    number: string
    name: string
    description: string
    components: { number: string; name: string; definition: string }[]
  }[] = []
  for (const raw of lines.slice(partB + 1, partC)) {
    const l = normalizeSpace(raw)
    if (!l) continue
    const domain = /^(\d)\. MIỀN \d: (.+)$/.exec(l)
    const component = /^(\d\.\d)\. ([^:]+): (.+)$/.exec(l)
    const current = domains[domains.length - 1]
    if (domain) {
      domains.push({
        number: domain[1] ?? '',
        name: domain[2] ?? '',
        description: '',
        components: [],
      })
    } else if (component && current) {
      current.components.push({
        number: component[1] ?? '',
        name: component[2] ?? '',
        definition: component[3] ?? '',
      })
    } else if (current) {
      current.description = l
    } else {
      intro = l
    }
  }

  const tableStarts = lines.flatMap((l, i) => (TABLE_HEADING.test(l) ? [i] : []))
  let levelsIntro = ''
  const levels: { name: string; definition: string }[] = []
  for (const raw of lines.slice(partC + 1, tableStarts[0])) {
    const l = normalizeSpace(raw)
    const level = /^- ([^:]+): (.+)$/.exec(l)
    if (level) levels.push({ name: level[1] ?? '', definition: level[2] ?? '' })
    else if (l) levelsIntro = l
  }

  const tables = tableStarts.map((start, t) =>
    parseTable(lines.slice(start, tableStarts[t + 1] ?? lines.length)),
  )
  return { glossary, partB: { intro, domains }, levelsIntro, levels, tables }
}

/**
 * A table in the seed is a run of cells; a line that starts with a tab opens a cell, other
 * lines continue it. Each row is five cells: domain (empty after a domain's first row),
 * component, then the Cơ bản, Thành thạo and Nâng cao descriptors, one per non-empty line.
 */
function parseTable(lines: readonly string[]): SeedTable {
  const heading = normalizeSpace(lines[0] ?? '')
  const cells: string[][] = []
  const preamble: string[] = []
  for (const l of lines.slice(1)) {
    if (l.startsWith('\t')) cells.push([l.slice(1)])
    else if (cells.length > 0) cells[cells.length - 1]?.push(l)
    else if (l.trim()) preamble.push(l)
  }
  const headerEnd = cells.findIndex((c) => normalizeSpace(c.join(' ')) === 'Nâng cao')
  if (headerEnd < 0) throw new Error(`seed: table "${heading}" has no level header`)
  const body = cells.slice(headerEnd + 1)
  if (body.length % 5 !== 0) throw new Error(`seed: table "${heading}" is not five cells a row`)
  const rows: SeedRow[] = []
  for (let i = 0; i < body.length; i += 5) {
    const [domain, component, cb, tt, nc] = body.slice(i, i + 5).map((c) => c ?? [])
    const name = normalizeSpace((component ?? []).join(' '))
    const m = /^(\d+\.\d+)\. (.+)$/.exec(name)
    if (!m) throw new Error(`seed: "${name}" is not a numbered component`)
    const descriptors = (cell: readonly string[] | undefined): string[] =>
      (cell ?? [])
        .map((l) => normalizeSpace(l))
        .filter((l) => l.length > 0)
        .map((l) => (l.startsWith('- ') ? l.slice(2) : l))
    const domainName = normalizeSpace((domain ?? []).join(' '))
    rows.push({
      domainName: domainName || null,
      componentNumber: m[1] ?? '',
      componentName: m[2] ?? '',
      levels: [descriptors(cb), descriptors(tt), descriptors(nc)],
    })
  }
  return { heading, intro: preamble.length ? normalizeSpace(preamble.join(' ')) : null, rows }
}
