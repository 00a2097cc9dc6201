// The cells of a plan's CSV file as people write them: lists, grades, levels, shares and days.
// Pure.
import { readGrade } from '../accounts/roster-group-cells.ts'
import { cellKey } from '../csv/cell-key.ts'

const LIST = /\s*[+,;]\s*/

/** A cell's `+`-, `,`- or `;`-separated items; none for an empty cell. */
export function readList(cell: string | undefined): string[] {
  return cell === undefined ? [] : cell.split(LIST).filter((item) => item !== '')
}

/** Grades as `6+7+8+9`, `6,7`, `6-9` or a mix, in order; undefined: not grades 1–12. */
export function readGrades(cell: string): number[] | undefined {
  const grades = new Set<number>()
  for (const item of readList(cell)) {
    const range = /^([0-9]{1,2})\s*[-–]\s*([0-9]{1,2})$/.exec(item)
    const from = readGrade(range ? range[1]! : item)
    const to = range ? readGrade(range[2]!) : from
    if (from === undefined || to === undefined || to < from) return undefined
    for (let g = from; g <= to; g++) grades.add(g)
  }
  return grades.size > 0 ? [...grades].sort((a, b) => a - b) : undefined
}

/** Words as a key: lower case, no accents, đ as d, single spaces. */
const words = (cell: string) => cellKey(cell, ' ')

const LEVEL_WORDS: Readonly<Record<string, string>> = {
  'co ban': 'CB',
  'thanh thao': 'TT',
  'nang cao': 'NC',
  basic: 'CB',
  proficient: 'TT',
  advanced: 'NC',
}

/** A level code (CB, TT, NC, CB1…) or its Vietnamese name; undefined: neither. */
export function readLevel(cell: string): string | undefined {
  const named = LEVEL_WORDS[words(cell)]
  if (named) return named
  const code = cell.trim().toUpperCase()
  return /^[A-Z]{2}[0-9]?$/.test(code) ? code : undefined
}

/**
 * A share and how it compares: `30%`, `30`, `0,3`, `0.3` (a number above 1 is a percentage);
 * "trên 50%", "hơn 50%" or ">50%" is more than the share, anything else at least.
 */
export function readShare(
  cell: string,
): { share: number; comparison: 'at-least' | 'more-than' } | undefined {
  const text = words(cell)
  const more = /^(tren|hon|more than|over|>)\s*/.exec(text)
  const rest = (more ? text.slice(more[0].length) : text).replace(/^(>=|≥|it nhat|at least)\s*/, '')
  const m = /^([0-9]+(?:[.,][0-9]+)?)\s*(%?)$/.exec(rest)
  if (!m) return undefined
  const value = Number(m[1]!.replace(',', '.'))
  const share = m[2] || value > 1 ? value / 100 : value
  if (!(share > 0 && share <= 1)) return undefined
  return { share: Math.round(share * 10_000) / 10_000, comparison: more ? 'more-than' : 'at-least' }
}

/** A day as `31/12/2025` or `2025-12-31`, as YYYY-MM-DD; undefined: not a day of the calendar. */
export function readDate(cell: string): string | undefined {
  const text = cell.trim()
  const vn = /^([0-9]{1,2})\/([0-9]{1,2})\/([0-9]{4})$/.exec(text)
  const iso = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text)
  const [y, m, d] = vn
    ? [vn[3]!, vn[2]!, vn[1]!]
    : iso
      ? [iso[1]!, iso[2]!, iso[3]!]
      : [undefined, undefined, undefined]
  if (y === undefined) return undefined
  const day = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`
  const date = new Date(`${day}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day ? day : undefined
}

const MEASURE_WORDS: Readonly<Record<string, 'attainment' | 'exposure'>> = {
  attainment: 'attainment',
  dat: 'attainment',
  'dat muc': 'attainment',
  exposure: 'exposure',
  'tiep can': 'exposure',
  'ren luyen': 'exposure',
  'tiep can va ren luyen': 'exposure',
}

/** What a target counts: `đạt mức` / attainment, or `tiếp cận` / exposure; undefined: neither. */
export function readMeasure(cell: string): 'attainment' | 'exposure' | undefined {
  return MEASURE_WORDS[words(cell)]
}
