import { MAX_DEPTH } from './limits.ts'
import { named, type Problem } from './problems.ts'

// What must be refused before a statement reaches zod, JSON.stringify or PostgreSQL: nesting deep
// enough to overflow the stack of any recursive step (zod, JSON.stringify, canonical reads), and
// text PostgreSQL cannot store. Checked with an explicit stack, so the check itself cannot overflow.
// The same walk bounds the size of the statement's JSON, so that only a statement that may be over
// the size limit is serialized to measure it.

/** Reported per statement at most: one bad value repeated a million times needs no million lines. */
const MAX_HAZARDS = 20

// U+0000, or a UTF-16 surrogate that is not half of a pair. No `u` flag: the pattern must see the
// code units themselves.
// eslint-disable-next-line no-control-regex -- U+0000 is what this looks for
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const NUL_MESSAGE =
  'contains the character U+0000 (NUL), which this LRS cannot store: PostgreSQL text and jsonb hold no NUL'
const SURROGATE_MESSAGE =
  'contains an unpaired UTF-16 surrogate, which is no Unicode character and has no UTF-8 form: JSON "MUST be encoded using UTF-8" (RFC 8259 §8.1; §8.2)'
const DEPTH_MESSAGE = `nests objects and arrays deeper than ${MAX_DEPTH} levels; a statement may nest at most ${MAX_DEPTH} levels deep`

interface Frame {
  readonly value: unknown
  /** 1 for the statement itself. */
  readonly depth: number
  readonly parent: Frame | undefined
  readonly key: string | number | undefined
}

/** What one walk of a value (as JSON.parse makes them) finds. */
export interface JsonSurvey {
  /**
   * Nesting deeper than MAX_DEPTH and strings (values or property names) holding U+0000 or an
   * unpaired surrogate, each with its JSON path; empty when there are none.
   */
  readonly hazards: Problem[]
  /** When there are no hazards, no fewer bytes than the value's JSON has in UTF-8. */
  readonly jsonBytesAtMost: number
}

/** The hazards of a value, with paths after `prefix`, and a bound on the size of its JSON. */
export function surveyJson(value: unknown, prefix: readonly (string | number)[]): JsonSurvey {
  const jsonBytesAtMost = boundJson(value)
  return jsonBytesAtMost < 0
    ? { hazards: locateHazards(value, prefix), jsonBytesAtMost: Infinity }
    : { hazards: [], jsonBytesAtMost }
}

/**
 * The UTF-8 bytes a character of a JSON string takes at most: 6 for an escaped one (\u001f), at
 * most 3 for any other UTF-16 code unit (a surrogate pair, two units, takes 4).
 */
const BYTES_PER_CHARACTER = 6
/** The longest number JSON.stringify writes: -0.0000012345678901234567 (17 digits, in decimals). */
const NUMBER_BYTES = 25

// Every statement takes this walk, so it allocates no frame and builds no path. -1 when the value
// has a hazard; otherwise no fewer bytes than its UTF-8 JSON: each string and property name, its
// quotes and each character at its longest, each number at the longest, and the brackets, colons
// and commas.
function boundJson(value: unknown): number {
  const values: unknown[] = [value]
  const depths: number[] = [1]
  let bytes = 0
  while (values.length > 0) {
    const node = values.pop()
    const depth = depths.pop()!
    if (typeof node === 'string') {
      if (BAD_TEXT.test(node)) return -1
      bytes += 2 + BYTES_PER_CHARACTER * node.length
      continue
    }
    if (typeof node === 'number') {
      bytes += NUMBER_BYTES
      continue
    }
    if (typeof node !== 'object' || node === null) {
      bytes += 5 // false
      continue
    }
    if (depth > MAX_DEPTH) return -1
    if (Array.isArray(node)) {
      bytes += 2 + node.length
      for (const child of node as unknown[]) {
        values.push(child)
        depths.push(depth + 1)
      }
      continue
    }
    const keys = Object.keys(node)
    bytes += 2 + keys.length
    for (const key of keys) {
      if (BAD_TEXT.test(key)) return -1
      bytes += 3 + BYTES_PER_CHARACTER * key.length
      values.push((node as Record<string, unknown>)[key])
      depths.push(depth + 1)
    }
  }
  return bytes
}

// The walk again for a statement that has hazards, this time with the path of each.
function locateHazards(value: unknown, prefix: readonly (string | number)[]): Problem[] {
  const problems: Problem[] = []
  const report = (frame: Frame, message: string) => {
    const path: (string | number)[] = []
    for (let f: Frame | undefined = frame; f?.key !== undefined; f = f.parent) path.push(f.key)
    problems.push(named([...prefix, ...path.reverse()], message))
  }
  const stack: Frame[] = [{ value, depth: 1, parent: undefined, key: undefined }]
  while (stack.length > 0 && problems.length < MAX_HAZARDS) {
    const frame = stack.pop()!
    if (typeof frame.key === 'string') {
      const bad = textHazard(frame.key)
      if (bad !== undefined) report(frame, `is a property name that ${bad}`)
    }
    const node = frame.value
    if (typeof node === 'string') {
      const bad = textHazard(node)
      if (bad !== undefined) report(frame, bad)
      continue
    }
    if (typeof node !== 'object' || node === null) continue
    if (frame.depth > MAX_DEPTH) {
      report(frame, DEPTH_MESSAGE)
      continue
    }
    const children: Frame[] = []
    if (Array.isArray(node)) {
      node.forEach((child: unknown, index) =>
        children.push({ value: child, depth: frame.depth + 1, parent: frame, key: index }),
      )
    } else {
      for (const [key, child] of Object.entries(node)) {
        children.push({ value: child, depth: frame.depth + 1, parent: frame, key })
      }
    }
    // Reversed, so that problems come out in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
  }
  return problems.slice(0, MAX_HAZARDS)
}

/** Why a string cannot be stored (U+0000, an unpaired surrogate), or undefined when it can. */
export function textHazard(text: string): string | undefined {
  const found = BAD_TEXT.exec(text)
  if (found === null) return undefined
  return found[0] === '\u0000' ? NUL_MESSAGE : SURROGATE_MESSAGE
}
