import { MAX_STATEMENT_BYTES } from './limits.ts'
import { named, type Problem } from './problems.ts'

// IEEE 9274.1.1 §4.2.4.1: "An LRS may reject a Statement if the overall size is too large". The
// sender needs to know which part to shrink, so the problem names the member that makes the size.

/** Deep enough for context.contextActivities.parent[0].definition.extensions[iri]. */
const MAX_DESCENT = 8

/**
 * The problem of a statement over MAX_STATEMENT_BYTES of UTF-8 JSON, at the path of the member
 * that makes it large; undefined when it fits. Call only on values no deeper than MAX_DEPTH
 * (JSON.stringify recurses).
 */
export function oversizeProblem(
  statement: unknown,
  prefix: readonly (string | number)[],
): Problem | undefined {
  const json = JSON.stringify(statement) ?? ''
  // A UTF-16 code unit makes at most 3 UTF-8 bytes, so short JSON needs no byte count.
  if (json.length * 3 <= MAX_STATEMENT_BYTES) return undefined
  const bytes = Buffer.byteLength(json, 'utf8')
  if (bytes <= MAX_STATEMENT_BYTES) return undefined
  const limit = `a statement may be at most ${MAX_STATEMENT_BYTES} bytes (64 KiB): "An LRS may reject a Statement if the overall size is too large" (IEEE 9274.1.1 §4.2.4.1)`

  // Down to the largest member, then on while one member alone holds more than half the limit;
  // at most MAX_DESCENT levels, as each level serializes its members again.
  const path: (string | number)[] = []
  let node: unknown = statement
  let nodeBytes = bytes
  while (path.length < MAX_DESCENT) {
    const largest = largestMember(node)
    if (largest === undefined) break
    if (path.length > 0 && largest.bytes * 2 <= MAX_STATEMENT_BYTES) break
    path.push(largest.key)
    node = largest.value
    nodeBytes = largest.bytes
  }
  if (path.length === 0) {
    return { path: [...prefix], message: `is ${bytes} bytes of JSON; ${limit}` }
  }
  return named(
    [...prefix, ...path],
    `is ${nodeBytes} bytes of JSON, which makes the statement ${bytes} bytes; ${limit}`,
  )
}

/** The member of an object or array with the most bytes of JSON, undefined for other values. */
function largestMember(
  node: unknown,
): { key: string | number; value: unknown; bytes: number } | undefined {
  if (typeof node !== 'object' || node === null) return undefined
  const entries: [string | number, unknown][] = Array.isArray(node)
    ? node.map((value: unknown, index) => [index, value])
    : Object.entries(node)
  let largest: { key: string | number; value: unknown; bytes: number } | undefined
  for (const [key, value] of entries) {
    const bytes = Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8')
    if (largest === undefined || bytes > largest.bytes) largest = { key, value, bytes }
  }
  return largest
}
