import { Framework, FrameworkSet, type FrameworkInput } from '../schema.ts'

/**
 * The canonical JSON of one framework: parsed through the schema (so key order and defaults
 * are always the same), two-space indented, with a final newline.
 */
export function canonicalFrameworkJson(framework: FrameworkInput): string {
  return `${JSON.stringify(Framework.parse(framework), null, 2)}\n`
}

/** The canonical JSON of a set of frameworks: `{"frameworks":[…]}`. */
export function canonicalJson(frameworks: readonly FrameworkInput[]): string {
  return `${JSON.stringify(FrameworkSet.parse({ frameworks }), null, 2)}\n`
}
