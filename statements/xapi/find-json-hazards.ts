import { MAX_DEPTH } from './limits.ts'
import { named, type Problem } from './problems.ts'

// What must be refused before a statement reaches zod, JSON.stringify or PostgreSQL: nesting deep
// enough to overflow the stack of any recursive step (zod, JSON.stringify, canonical reads), and
// text PostgreSQL cannot store. Checked with an explicit stack, so the check itself cannot overflow.

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

/**
 * Nesting deeper than MAX_DEPTH and strings (values or property names) holding U+0000 or an
 * unpaired surrogate, each with its JSON path after `prefix`; empty when there are none.
 */
export function findJsonHazards(value: unknown, prefix: readonly (string | number)[]): Problem[] {
  return hasHazard(value) ? locateHazards(value, prefix) : []
}

// Every statement takes this walk, so it allocates no frame and builds no path.
function hasHazard(value: unknown): boolean {
  const values: unknown[] = [value]
  const depths: number[] = [1]
  while (values.length > 0) {
    const node = values.pop()
    const depth = depths.pop()!
    if (typeof node === 'string') {
      if (BAD_TEXT.test(node)) return true
      continue
    }
    if (typeof node !== 'object' || node === null) continue
    if (depth > MAX_DEPTH) return true
    if (Array.isArray(node)) {
      for (const child of node as unknown[]) {
        values.push(child)
        depths.push(depth + 1)
      }
      continue
    }
    for (const key of Object.keys(node)) {
      if (BAD_TEXT.test(key)) return true
      values.push((node as Record<string, unknown>)[key])
      depths.push(depth + 1)
    }
  }
  return false
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
