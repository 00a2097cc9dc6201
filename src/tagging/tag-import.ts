import type { Catalog } from '../../framework/index.ts'
import type { Stores, Tag } from '../store/index.ts'
import { parseTagCsv, type TagCsvProblem, type TagCsvRow } from './tag-csv.ts'
import type { TagCsvCourse } from './tag-csv-course.ts'
import { skipRepeats, type TagCsvNote } from './tag-repeats.ts'
import { createTag, type TagActor, type TagPlace } from './tag-service.ts'

/** What importing a tag file would do: its problems, and the rows to store or skip. */
export interface TagImportPlan {
  readonly problems: readonly TagCsvProblem[]
  /** The file itself cannot be read as a tag file (nothing in it can be imported). */
  readonly fileRefused: boolean
  /** Rows with problems. */
  readonly refused: number
  readonly rows: readonly TagCsvRow[]
  /** Rows left out as repeating a tag, and rows kept with a remark. */
  readonly skipped: readonly TagCsvNote[]
  readonly notes: readonly TagCsvNote[]
  /** The course's table and grade the file gives. */
  readonly course: TagCsvCourse
}

/** Reads a tag file against the frameworks and the tags already there (pure). */
export function planTagImport(
  text: string,
  catalog: Catalog,
  existing: readonly Tag[],
): TagImportPlan {
  const parsed = parseTagCsv(text, catalog)
  const fileRefused = parsed.problems.some((p) => p.row === undefined)
  const repeats = fileRefused
    ? { rows: [], skipped: [], notes: [] }
    : skipRepeats(parsed.rows, existing)
  return {
    problems: parsed.problems,
    refused: parsed.refused,
    fileRefused,
    course: parsed.course ?? {},
    ...repeats,
  }
}

/** A row the database refused while storing (the whole import is then rolled back). */
export class TagRowFailed extends Error {
  readonly code = 'ERR_TAG_INVALID'
  constructor(
    readonly row: TagCsvRow,
    cause: unknown,
  ) {
    // drizzle wraps the driver's error, whose message says what the database refused.
    const reason = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause
    super(`row ${row.row} (line ${row.line}): cannot be stored: ${(reason as Error).message}`, {
      cause,
    })
  }
}

/**
 * Stores the rows' tags in one transaction, or none (TagRowFailed names the row). Uploaded on a
 * course's page (`place.contextId`), the activities they make are the course's.
 */
export async function storeTagRows(
  stores: Stores,
  catalog: Catalog,
  tenantId: string,
  rows: readonly TagCsvRow[],
  who: TagActor,
  place: TagPlace = {},
): Promise<void> {
  let current: TagCsvRow | undefined
  try {
    await stores.transaction(async (tx) => {
      for (const row of rows) {
        current = row
        await createTag(tx, catalog, tenantId, row.tag, who, place)
      }
    })
  } catch (err) {
    if (current) throw new TagRowFailed(current, err)
    throw err
  }
}
