import { writeFile } from 'node:fs/promises'
import { Command } from 'commander'
import { z } from 'zod'
import type { Catalog } from '../../framework/index.ts'
import { loadFrameworksInForce } from '../evaluation/frameworks-in-force.ts'
import { createStores, type Stores } from '../store/index.ts'
import { planTagImport, storeTagRows, TagRowFailed } from '../tagging/tag-import.ts'
import { formatTagsCsv } from '../tagging/tag-csv-export.ts'
import { CommandFailed, localPath, readInputFile, UsageError, type Io } from './io.ts'
import { withDatabase } from './with-database.ts'
import { bilingual, cliMessages } from './messages.ts'
import { problemLine } from './problem-line.ts'

const Tenant = z.uuid({
  error: (issue) => cliMessages.tenantIdExpected('--tenant', String(issue.input)),
})
const ImportOptions = z.object({ tenant: Tenant, validOnly: z.boolean().default(false) })
const ExportOptions = z.object({
  tenant: Tenant,
  out: z
    .string()
    .min(1, bilingual('--out phải là tên một tệp', '--out must name a file'))
    .optional(),
})

const IMPORT_HELP = `
Columns (a header row names them, in any order and any case; none other):
  activity_iri | activity_prefix | resource_link_id   exactly one per row
  activity_name      the activity's name (not for a prefix)
  competency_ids     e.g. "TT18.PT.1.1.CB TT18.PT.2.1.CB.2" (spaces, commas or semicolons)
  verbs              verb IRIs separated by spaces; empty for completed, passed, scored…
  min_score          empty, a share (0.8, 0,8) or a percentage (80%)
  require_success    true/false, yes/no, 1/0, có/không; empty is false
  weight             more than 0, at most 1; empty is 1
  count              attempts needed, 1 to 1000; empty is 1
  gradebook          for a graded LTI link: level (0–3 of 3, the default) or share
  object_only        true: only statements whose object is the activity (not its attempts,
                     questions or parts); empty is false
`

/** Rows of a tag file were refused: bad data, not bad usage, so exit code 1. */
class ImportRefused extends CommandFailed {}

/** `nls tags …`: the tenant's tags as CSV, for trainers who keep them in a spreadsheet. */
export function tagsCommand(io: Io): Command {
  const cmd = new Command('tags').description(
    'tags (activities → competency IDs) as CSV files, for spreadsheets',
  )

  cmd
    .command('import')
    .summary('add the tags of a CSV file, every row checked first, in one transaction')
    .description(
      'Add the tags of a CSV file, one row per tag, in one transaction. Every row is checked ' +
        'first, and each bad one reported as "row <n> (line <l>): <column>: <problem>". Without ' +
        '--valid-only a bad row means nothing is stored; with it the valid rows are stored. Either ' +
        'way the exit code is 1 when a row was refused. A row with the same target, competencies ' +
        'and rule as a tag already there (or an earlier row) is skipped as already tagged.',
    )
    .argument('<file>', 'a CSV file (UTF-8, with or without BOM; comma or semicolon)')
    .addHelpText('after', IMPORT_HELP)
    .requiredOption('--tenant <id>', "the tenant's id (nls tenant list shows every tenant)")
    .option('--valid-only', 'store the valid rows even when others are refused')
    .action(async (file: string, opts: Record<string, unknown>) => {
      const { tenant, validOnly } = parseOptions(ImportOptions, opts)
      const text = await readInputFile(io, file)
      await withDatabase(io, { migrated: true }, async (database) => {
        const stores = createStores(database.db)
        await requireTenant(stores, tenant)
        const { catalog } = await loadFrameworksInForce(stores)
        await importTags(io, stores, catalog, tenant, text, validOnly)
      })
    })

  cmd
    .command('export')
    .summary("write the tenant's tags as CSV, to stdout or a file")
    .description(
      "Write the tenant's tags as CSV (UTF-8 with a BOM, for Excel) that tags import reads back; " +
        'a tag whose activity has neither IRI nor resource link is left out, and named on stderr',
    )
    .requiredOption('--tenant <id>', "the tenant's id (nls tenant list shows every tenant)")
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (opts: Record<string, unknown>) => {
      const { tenant, out } = parseOptions(ExportOptions, opts)
      const tags = await withDatabase(io, { migrated: true }, async (database) => {
        const stores = createStores(database.db)
        await requireTenant(stores, tenant)
        return stores.tags.listTags(tenant)
      })
      const { text, written, skipped } = formatTagsCsv(tags)
      for (const { tag, reason } of skipped) {
        io.err(`tag ${tag.id} left out: ${reason}\n`)
      }
      if (out === undefined) {
        io.out(text)
        return
      }
      try {
        await writeFile(localPath(io, out), text, 'utf8')
      } catch (err) {
        throw new UsageError(
          cliMessages.cannotWrite(
            '--out',
            out,
            (err as NodeJS.ErrnoException).code ?? (err as Error).message,
          ),
        )
      }
      io.out(`exported ${plural(written, 'tag')} to ${out}\n`)
    })

  return cmd
}

function parseOptions<T extends z.ZodType>(schema: T, opts: unknown): z.infer<T> {
  const parsed = schema.safeParse(opts)
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '))
  return parsed.data
}

async function requireTenant(stores: Stores, tenantId: string): Promise<void> {
  if (!(await stores.tenants.getTenant(tenantId))) {
    throw new CommandFailed(
      bilingual(`đơn vị ${tenantId} không tồn tại`, `tenant ${tenantId} does not exist`),
    )
  }
}

/** Checks every row, reports the bad ones, and stores the rest in one transaction (or none). */
async function importTags(
  io: Io,
  stores: Stores,
  catalog: Catalog,
  tenantId: string,
  text: string,
  validOnly: boolean,
): Promise<void> {
  const plan = planTagImport(text, catalog, await stores.tags.listTags(tenantId))
  for (const problem of plan.problems) io.err(`${problemLine(problem)}\n`)
  if (plan.fileRefused) {
    throw new ImportRefused(
      bilingual(
        'chưa nhập gì: không đọc được tệp này như một tệp thẻ',
        'nothing imported: the file cannot be read as a tag file',
      ),
    )
  }
  if (plan.refused > 0 && !validOnly) {
    throw new ImportRefused(
      bilingual(
        `chưa nhập gì: ${plan.refused} dòng bị từ chối; hãy sửa, hoặc nhập các dòng còn lại với --valid-only`,
        `nothing imported: ${plural(plan.refused, 'row')} refused; correct ${plan.refused > 1 ? 'them' : 'it'}, or import the others with --valid-only`,
      ),
    )
  }
  const { rows, skipped, notes } = plan
  for (const s of [...skipped, ...notes].sort((a, b) => a.row - b.row)) {
    io.err(`${problemLine({ ...s, skipped: skipped.includes(s) })}\n`)
  }
  try {
    await storeTagRows(stores, catalog, tenantId, rows, { actor: 'cli' })
  } catch (err) {
    // The transaction is rolled back: say which row failed, then fail as the error would.
    if (err instanceof TagRowFailed) io.err(`${err.message}\nnothing imported\n`)
    throw err instanceof TagRowFailed ? err.cause : err
  }
  const already = skipped.length > 0 ? `, ${skipped.length} skipped as already tagged` : ''
  io.out(
    `imported ${plural(rows.length, 'tag')} (${plural(plan.refused, 'row')} refused${already})\n`,
  )
  if (plan.refused > 0) {
    throw new ImportRefused(
      bilingual(
        `${plan.refused} dòng bị từ chối (xem ở trên); các dòng hợp lệ đã được nhập`,
        `${plural(plan.refused, 'row')} refused (see above); the valid rows were imported`,
      ),
    )
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
