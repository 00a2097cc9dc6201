import { Command, Option } from 'commander'
import { stringify } from 'csv-stringify/sync'
import {
  canonicalJson,
  casePackage,
  moodleCompetencyRows,
  parseFrameworkFile,
  shippedCatalog,
} from '../../framework/index.ts'
import { frameworksFrom, loadFrameworksInForce } from '../evaluation/frameworks-in-force.ts'
import { createStores } from '../store/index.ts'
import { formatEntry, formatList, type Lang } from './framework-format.ts'
import { readInputFile, UsageError, type Io } from './io.ts'
import { withDatabase } from './with-database.ts'
import { bilingual } from './messages.ts'

const langOption = () =>
  new Option('--lang <lang>', 'language of the output').choices(['vi', 'en']).default('vi')

/** `nls framework …`: list, show, export and import the competency frameworks. */
export function frameworkCommand(io: Io): Command {
  const cmd = new Command('framework').description(
    'the competency frameworks (Circular 18/2026 for teachers and managers, Circular 02/2025 for learners)',
  )

  cmd
    .command('list')
    .description('frameworks, audiences and components with descriptor counts per level')
    .addOption(langOption())
    .option('--audience <id>', 'only this audience, e.g. PT or TT18.PT')
    .action((opts: { lang: Lang; audience?: string }) => {
      const catalog = shippedCatalog()
      if (
        opts.audience &&
        !catalog.audiences().some((a) => a.id === opts.audience || a.audience.id === opts.audience)
      ) {
        const accepted = catalog
          .audiences()
          .map((a) => a.id)
          .join(', ')
        throw new UsageError(
          bilingual(
            `--audience: không có đối tượng "${opts.audience}"; chọn một trong ${accepted}`,
            `--audience: no audience "${opts.audience}"; expected one of ${accepted}`,
          ),
        )
      }
      io.out(formatList(catalog, opts.lang, opts.audience))
    })

  cmd
    .command('show')
    .description('one entry by ID (framework, audience, domain, component, level or descriptor)')
    .argument('<id>', 'e.g. TT18.PT.1.1.CB.2')
    .addOption(langOption())
    .action((id: string, opts: { lang: Lang }) => {
      io.out(formatEntry(shippedCatalog().get(id), opts.lang))
    })

  cmd
    .command('export')
    .description('print the frameworks to stdout in a machine format')
    .addOption(
      new Option(
        '--format <format>',
        'json: canonical JSON; case: CASE 1.1 package; moodle-csv: Moodle competency framework CSV',
      )
        .choices(['json', 'case', 'moodle-csv'])
        .default('json'),
    )
    .option('--framework <id>', 'framework for case and moodle-csv (default TT18)')
    .option('--audience <id>', 'audience, e.g. PT (required for moodle-csv)')
    .action(
      (opts: { format: 'json' | 'case' | 'moodle-csv'; framework?: string; audience?: string }) => {
        const catalog = shippedCatalog()
        if (opts.format === 'json') {
          const frameworks = catalog.frameworks.filter(
            (f) => !opts.framework || f.id === opts.framework,
          )
          if (frameworks.length === 0)
            throw new UsageError(
              bilingual(
                `--framework: không có khung "${opts.framework}"`,
                `--framework: no framework "${opts.framework}"`,
              ),
            )
          io.out(canonicalJson(frameworks))
          return
        }
        // --audience may carry its framework (TT02.NH); otherwise --framework, by default TT18.
        const [qualifier, audienceId] = opts.audience?.includes('.')
          ? opts.audience.split('.')
          : [undefined, opts.audience]
        const frameworkId = opts.framework ?? qualifier ?? 'TT18'
        const framework = catalog.frameworks.find((f) => f.id === frameworkId)
        if (!framework) {
          const accepted = catalog.frameworks.map((f) => f.id).join(', ')
          throw new UsageError(
            bilingual(
              `--framework: không có khung "${frameworkId}"; chọn một trong ${accepted}`,
              `--framework: no framework "${frameworkId}"; expected one of ${accepted}`,
            ),
          )
        }
        const audience = audienceId
          ? framework.audiences.find((a) => a.id === audienceId)
          : undefined
        if (audienceId && !audience) {
          const accepted = framework.audiences.map((a) => a.id).join(', ')
          throw new UsageError(
            bilingual(
              `--audience: ${framework.id} không có đối tượng "${audienceId}"; chọn một trong ${accepted}`,
              `--audience: ${framework.id} has no audience "${audienceId}"; expected one of ${accepted}`,
            ),
          )
        }
        if (opts.format === 'case') {
          io.out(
            `${JSON.stringify(casePackage(framework, audience ? { audience: audience.id } : {}), null, 2)}\n`,
          )
          return
        }
        if (!audience) {
          const accepted = framework.audiences.map((a) => a.id).join(', ')
          throw new UsageError(
            bilingual(
              `moodle-csv cần --audience (mỗi đối tượng một khung): một trong ${accepted}`,
              `--audience is required for moodle-csv (one framework per audience): one of ${accepted}`,
            ),
          )
        }
        io.out(
          stringify(moodleCompetencyRows(framework, audience), {
            quoted: true,
            record_delimiter: '\n',
          }),
        )
      },
    )

  cmd
    .command('import')
    .description(
      'import a framework file (canonical JSON or CASE 1.1 JSON): validate it, then keep it in force in place of the shipped framework of the same ID',
    )
    .argument('<file>', 'path of the file')
    .option('--check', 'only validate and report; store nothing', false)
    .action(async (file: string, opts: { check: boolean }) => {
      const text = await readInputFile(io, file)
      const parsed = parseFrameworkFile(text, file)
      for (const fw of parsed.frameworks) {
        const descriptors = fw.audiences
          .flatMap((a) => a.components)
          .flatMap((c) => c.levels)
          .flatMap((l) => l.descriptors)
        const missing = fw.audiences
          .flatMap((a) => a.components)
          .flatMap((c) => c.levels)
          .filter((l) => l.status === 'missing')
        io.out(
          `valid (${parsed.format}): ${fw.id} ${fw.version} — ${fw.audiences.length} audience(s), ${fw.audiences.reduce((n, a) => n + a.components.length, 0)} components, ${descriptors.length} descriptors${missing.length ? `, ${missing.length} levels without official text` : ''}\n`,
        )
      }
      if (opts.check) {
        io.out('checked only: nothing stored\n')
        return
      }
      await withDatabase(io, { migrated: true }, async (database) => {
        const stores = createStores(database.db)
        // With what is in force already, the frameworks must still make one valid catalog.
        const current = await loadFrameworksInForce(stores)
        const replaced = new Set(parsed.frameworks.map((f) => f.id))
        frameworksFrom([
          ...current.catalog.frameworks.filter((f) => !replaced.has(f.id)),
          ...parsed.frameworks,
        ])
        for (const fw of parsed.frameworks) {
          await stores.frameworks.saveFramework(
            { id: fw.id, version: fw.version, document: fw },
            'cli',
          )
        }
        // Criteria may have changed (a level's text now has descriptors): work everyone out again.
        let queued = 0
        for (const tenant of await stores.tenants.listTenants()) {
          queued += await stores.inference.enqueueTenant(tenant.id)
        }
        io.out(
          `stored: ${parsed.frameworks.map((f) => `${f.id} ${f.version}`).join(', ')} (a running server reads it within 30 s); ${queued} people queued to be worked out again\n`,
        )
      })
    })

  return cmd
}
