import type { z } from 'zod'
import { FrameworkInvalid, type FrameworkProblem } from '../errors.ts'
import { Framework, FrameworkSet } from '../schema.ts'
import { validateFrameworks } from '../validate.ts'
import { CasePackageInput, frameworkFromCase } from './from-case.ts'

export type FrameworkFileFormat = 'json' | 'case'

export interface ParsedFrameworkFile {
  readonly format: FrameworkFileFormat
  readonly frameworks: readonly Framework[]
}

const problemsOf = (
  error: z.ZodError,
  prefix: readonly (string | number)[] = [],
): FrameworkProblem[] =>
  error.issues.map((i) => ({
    path: [...prefix, ...i.path.map((k) => (typeof k === 'symbol' ? String(k) : k))],
    message: i.message,
  }))

/**
 * Reads a framework file: canonical JSON (`{"frameworks":[…]}` or one framework object) or a
 * CASE 1.1 package. Every problem is collected; on any problem nothing is returned (the whole
 * file is refused, never half-read). Throws FrameworkInvalid listing each path and reason.
 */
export function parseFrameworkFile(text: string, name = 'framework file'): ParsedFrameworkFile {
  let raw: unknown
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (err) {
    throw new FrameworkInvalid([{ path: [], message: `not JSON: ${(err as Error).message}` }], name)
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new FrameworkInvalid(
      [
        {
          path: [],
          message: 'expected a JSON object: {"frameworks":[…]}, a framework, or a CASE CFPackage',
        },
      ],
      name,
    )
  }

  if ('CFDocument' in raw) {
    const pkg = CasePackageInput.safeParse(raw)
    if (!pkg.success) throw new FrameworkInvalid(problemsOf(pkg.error), name)
    const read = frameworkFromCase(pkg.data)
    if (read.problems.length) throw new FrameworkInvalid(read.problems, name)
    const fw = Framework.safeParse(read.framework)
    if (!fw.success)
      throw new FrameworkInvalid(problemsOf(fw.error, ['(framework read from CASE)']), name)
    const partial = Boolean(pkg.data.CFDocument.extensions?.nls?.audience)
    return {
      format: 'case',
      frameworks: checked([fw.data], name, ['(framework read from CASE)'], partial),
    }
  }

  if ('frameworks' in raw) {
    const set = FrameworkSet.safeParse(raw)
    if (!set.success) throw new FrameworkInvalid(problemsOf(set.error), name)
    return { format: 'json', frameworks: checked(set.data.frameworks, name, ['frameworks']) }
  }

  const one = Framework.safeParse(raw)
  if (!one.success) throw new FrameworkInvalid(problemsOf(one.error), name)
  return { format: 'json', frameworks: checked([one.data], name, []) }
}

function checked(
  frameworks: Framework[],
  name: string,
  root: readonly (string | number)[],
  partial = false,
): Framework[] {
  const problems = validateFrameworks(frameworks, root, { partial }).map((p) =>
    root.length === 0 ? { ...p, path: p.path.slice(1) } : p,
  )
  if (problems.length) throw new FrameworkInvalid(problems, name)
  return frameworks
}
