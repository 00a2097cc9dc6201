import { Command } from 'commander'
import { z } from 'zod'
import { loadFrameworksInForce } from '../evaluation/frameworks-in-force.ts'
import { recomputeTenant } from '../evaluation/recompute.ts'
import { checkSettingsChange, saveTenantSettings } from '../evaluation/change-tenant-settings.ts'
import { TenantSettings, tenantSettings } from '../evaluation/settings.ts'
import { loadConfig } from '../config/config.ts'
import { publicUrl } from '../config/public-url.ts'
import { createStores, type Stores } from '../store/index.ts'
import { installationProfileIri } from '../evaluation/profile-iri.ts'
import { UsageError, type Io } from './io.ts'
import { progressBar } from './progress.ts'
import { tenantMoveCommand } from './tenant-move-command.ts'
import { withDatabase } from './with-database.ts'
import { bilingual, cliMessages } from './messages.ts'

const TenantOption = z.uuid(cliMessages.tenantIdExpected('--tenant'))

/** `nls recompute`: works every person's evidence and levels out again. */
export function recomputeCommand(io: Io): Command {
  return new Command('recompute')
    .description(
      "work out every person's evidence and levels again (all tenants, or one), with a progress bar",
    )
    .option('--tenant <id>', 'only this tenant')
    .option(
      '--from-evidence',
      'levels only, from the evidence kept (fast; after a settings change)',
      false,
    )
    .action((opts: { tenant?: string; fromEvidence: boolean }) => {
      const tenant = opts.tenant === undefined ? undefined : TenantOption.safeParse(opts.tenant)
      if (tenant && !tenant.success) throw new UsageError(tenant.error.issues[0]!.message)
      return withDatabase(io, { migrated: true }, async (database) => {
        const stores = createStores(database.db)
        const { model, catalog } = await loadFrameworksInForce(stores)
        const writeBack = { profileIri: await profileIri(io, stores), catalog }
        const tenants = tenant
          ? [await stores.tenants.getTenant(tenant.data!)]
          : await stores.tenants.listTenants()
        if (tenants[0] === undefined)
          throw new UsageError(cliMessages.noTenant(String(opts.tenant)))
        for (const t of tenants) {
          if (!t) continue
          const bar = progressBar(io, t.name)
          const started = performance.now()
          try {
            const result = await recomputeTenant(stores, model, t.id, {
              fromEvidence: opts.fromEvidence,
              writeBack,
              onProgress: (done, total) => bar.update(done, total),
            })
            bar.stop()
            const seconds = ((performance.now() - started) / 1000).toFixed(1)
            io.out(
              `${t.id}  ${t.name}: ${result.people} people, ${result.levelsSaved} levels saved in ${seconds} s\n`,
            )
          } finally {
            bar.stop()
          }
        }
      })
    })
}

/** How many set-aside people `nls inference status` lists. */
const SET_ASIDE_LISTED = 20

/** `nls inference …`: the queue of people to work out, and those set aside after failures. */
export function inferenceCommand(io: Io): Command {
  const cmd = new Command('inference').description(
    'the queue of people whose evidence and levels wait to be worked out',
  )
  cmd
    .command('status')
    .description('people due, and those set aside after a failed evaluation (the first few)')
    .action(() =>
      withDatabase(io, { migrated: true }, async (database) => {
        const stores = createStores(database.db)
        const { count, oldest, setAside } = await stores.inference.queueDepth()
        const age = oldest
          ? `, the oldest queued ${Math.round((Date.now() - oldest.getTime()) / 1000)} s ago`
          : ''
        io.out(`${count} ${count === 1 ? 'person' : 'people'} due${age}\n`)
        io.out(
          `${setAside} set aside after a failed evaluation${setAside > 0 ? ' (nls inference retry makes them due now):' : ''}\n`,
        )
        for (const p of await stores.inference.listSetAside(SET_ASIDE_LISTED)) {
          io.out(
            `  tenant ${p.tenantId}  person ${p.personId}  attempts ${p.attempts}  retry at ${p.retryAt.toISOString()}  ${p.lastError ?? ''}\n`,
          )
        }
        if (setAside > SET_ASIDE_LISTED) io.out(`  … and ${setAside - SET_ASIDE_LISTED} more\n`)
      }),
    )
  cmd
    .command('retry')
    .description('make every set-aside person due now (after fixing what failed)')
    .action(() =>
      withDatabase(io, { migrated: true }, async (database) => {
        const count = await createStores(database.db).inference.retrySetAside()
        io.out(`${count} ${count === 1 ? 'person' : 'people'} due again\n`)
      }),
    )
  return cmd
}

/** `nls tenant settings`: show or change a tenant's inference settings. */
export function tenantCommand(io: Io): Command {
  const cmd = new Command('tenant').description('tenants (schools, districts) and their settings')
  cmd
    .command('add')
    .description(
      'add a school without an LMS registration, or a district (--organisation) whose schools report together; prints its id',
    )
    .requiredOption('--name <name>', 'its name, as reports show it')
    .option('--organisation', 'a district (or other organisation) over schools')
    .option('--parent <id>', 'the district this school belongs to')
    .action((opts: { name: string; organisation?: boolean; parent?: string }) => {
      if (opts.parent !== undefined && !TenantOption.safeParse(opts.parent).success) {
        throw new UsageError(cliMessages.tenantIdExpected('--parent', opts.parent))
      }
      return withDatabase(io, { migrated: true }, async (database) => {
        const stores = createStores(database.db)
        if (opts.parent !== undefined) {
          const parent = await stores.tenants.getTenant(opts.parent)
          if (parent?.kind !== 'organisation' || parent.parentId !== undefined) {
            throw new UsageError(
              bilingual(
                `--parent ${opts.parent} không phải một phòng GD&ĐT (đơn vị tổ chức)`,
                `--parent ${opts.parent} is not a district (organisation) tenant`,
              ),
            )
          }
        }
        const tenant = await stores.tenants.createTenant({
          kind: 'organisation',
          name: opts.name.trim(),
          ...(opts.parent !== undefined && { parentId: opts.parent }),
        })
        io.out(`${tenant.id}\n`)
      })
    })
  cmd
    .command('list')
    .description('every tenant: id, kind, name, and the district it belongs to')
    .action(() =>
      withDatabase(io, { migrated: true }, async (database) => {
        const tenants = await createStores(database.db).tenants.listTenants()
        for (const t of tenants) {
          const parent = t.parentId ? `  in ${t.parentId}` : ''
          io.out(`${t.id}  ${t.kind}  ${t.name}${parent}\n`)
        }
      }),
    )
  cmd
    .command('settings')
    .description(
      "show a tenant's settings, or change them (levels are then worked out again from the evidence)",
    )
    .requiredOption('--tenant <id>', 'the tenant')
    .option(
      '--required-share <share>',
      "the share of a level's descriptors needed to hold it, from 0 (exclusive) to 1 (all)",
    )
    .option(
      '--identity-rule <rule>',
      'how statement actors match people: account, email, sourcedid',
    )
    .option(
      '--write-descriptors <yes|no>',
      'write a statement also when a person reaches a descriptor (not only a level)',
    )
    .option(
      '--audience <id>',
      "the teachers' competency table: TT18.PT, or TT18.MN for a preschool",
    )
    .option('--min-group-size <n>', 'reports hide groups smaller than this (default 5)')
    .option(
      '--statement-retention-days <days|forever>',
      'delete statements stored longer ago than this (at least 30; evidence is kept); forever keeps them',
    )
    .option(
      '--account-home-page <url|none>',
      "the LMS home page of the roster's accounts (tai_khoan), as statements name it; none removes it",
    )
    .option(
      '--target <id=level...>',
      "the school's target level of a component or of a whole table (TT18.PT=CB); ID= removes it",
    )
    .option(
      '--grade-target <grade=level...>',
      "the school's expected level of its pupils of a grade (7=TC2), where it differs from TT02's; 7= removes it",
    )
    .action(
      (opts: {
        tenant: string
        requiredShare?: string
        identityRule?: string
        writeDescriptors?: string
        audience?: string
        minGroupSize?: string
        statementRetentionDays?: string
        accountHomePage?: string
        target?: string[]
        gradeTarget?: string[]
      }) => {
        const tenant = TenantOption.safeParse(opts.tenant)
        if (!tenant.success) throw new UsageError(tenant.error.issues[0]!.message)
        return withDatabase(io, { migrated: true }, async (database) => {
          const stores = createStores(database.db)
          const found = await stores.tenants.getTenant(tenant.data)
          if (!found) throw new UsageError(cliMessages.noTenant(tenant.data))
          const changes = {
            ...(opts.requiredShare !== undefined && {
              requiredShare: Number(opts.requiredShare.replace(',', '.')),
            }),
            ...(opts.identityRule !== undefined && { identityRule: opts.identityRule }),
            ...(opts.writeDescriptors !== undefined && {
              writeDescriptors: yesNo(opts.writeDescriptors),
            }),
            ...(opts.audience !== undefined && { audience: opts.audience }),
            ...(opts.minGroupSize !== undefined && { minGroupSize: Number(opts.minGroupSize) }),
            ...(opts.statementRetentionDays !== undefined && {
              statementRetentionDays: /^(forever|mãi mãi|null)$/i.test(
                opts.statementRetentionDays.trim(),
              )
                ? null
                : Number(opts.statementRetentionDays),
            }),
            ...(opts.accountHomePage !== undefined && {
              accountHomePage: /^(none|không)$/i.test(opts.accountHomePage.trim())
                ? null
                : opts.accountHomePage.trim(),
            }),
            ...(opts.target !== undefined && {
              targets: withTargets(tenantSettings(found.settings).targets, opts.target),
            }),
            ...(opts.gradeTarget !== undefined && {
              gradeTargets: withTargets(
                tenantSettings(found.settings).gradeTargets,
                opts.gradeTarget,
                { name: '--grade-target', vi: 'KHỐI=MỨC', en: 'GRADE=LEVEL' },
              ),
            }),
          }
          if (Object.keys(changes).length === 0) {
            io.out(`${JSON.stringify(TenantSettings.parse(found.settings), null, 2)}\n`)
            return
          }
          const checked = await checkSettingsChange(
            found.settings,
            changes,
            async () => (await loadFrameworksInForce(stores)).catalog,
          )
          if (checked.problems) {
            throw new UsageError(
              checked.problems
                .map((p) => {
                  // The settings `targets` and `gradeTargets` are given one option a time.
                  const option =
                    p.field === 'targets'
                      ? '--target'
                      : p.field === 'gradeTargets'
                        ? '--grade-target'
                        : `--${p.field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
                  return p.source === 'frameworks'
                    ? bilingual(
                        `${option}: không có trong các khung năng lực đang áp dụng`,
                        p.message,
                      )
                    : cliMessages.optionInvalid(option, p.message)
                })
                .join('; '),
            )
          }
          // Levels are worked out again below: first know that their statements can be written.
          const iri = changes.requiredShare === undefined ? undefined : await profileIri(io, stores)
          await saveTenantSettings(stores, found, checked.settings, 'cli')
          io.out(`${JSON.stringify(checked.settings, null, 2)}\n`)
          if (iri !== undefined) {
            const bar = progressBar(io, found.name)
            const { model, catalog } = await loadFrameworksInForce(stores)
            const result = await recomputeTenant(stores, model, found.id, {
              fromEvidence: true,
              writeBack: { profileIri: iri, catalog },
              onProgress: (done, total) => bar.update(done, total),
            })
            bar.stop()
            io.out(
              `levels worked out again: ${result.people} people, ${result.levelsSaved} levels saved\n`,
            )
          }
        })
      },
    )
  cmd.addCommand(tenantMoveCommand(io))
  return cmd
}

/**
 * The installation's xAPI Profile IRI, which the server's progress statements name too: the one
 * kept, else made from NLS_PUBLIC_URL and kept. Never from the CLI's guess of an address.
 */
async function profileIri(io: Io, stores: Pick<Stores, 'installationSettings'>): Promise<string> {
  const found = await installationProfileIri(
    stores.installationSettings,
    publicUrl(loadConfig(io.env)),
  )
  if (found.iri === undefined) {
    throw new UsageError(
      bilingual(
        'bản ghi tiến độ ghi IRI hồ sơ xAPI của bản cài đặt này, mà nó chưa có: đặt NLS_PUBLIC_URL là địa chỉ người dùng và LMS truy cập NLS (như với nls serve), ví dụ NLS_PUBLIC_URL=https://nls.example.edu.vn',
        'progress statements name the xAPI Profile IRI of this installation, which it does not have yet: set NLS_PUBLIC_URL to the address people and LMSs reach NLS at (as for nls serve), e.g. NLS_PUBLIC_URL=https://nls.example.edu.vn',
      ),
    )
  }
  if (found.ignored !== undefined) {
    io.err(
      `nls: ${bilingual(
        `cảnh báo: NLS_PUBLIC_URL sẽ tạo IRI hồ sơ ${found.ignored}; bản ghi tiến độ vẫn ghi ${found.iri}, IRI bản cài đặt này giữ từ đầu`,
        `warning: NLS_PUBLIC_URL would make the profile IRI ${found.ignored}; progress statements keep naming ${found.iri}, the one this installation first kept`,
      )}\n`,
    )
  }
  return found.iri
}

/** yes/no (true/false, có/không) as a boolean; anything else stays as given, for zod to refuse. */
function yesNo(value: string): boolean | string {
  const v = value.trim().toLowerCase()
  if (['yes', 'true', '1', 'có', 'co'].includes(v)) return true
  if (['no', 'false', '0', 'không', 'khong'].includes(v)) return false
  return value
}

/** The school's targets after `ID=LEVEL` (set) and `ID=` (remove) entries. */
function withTargets(
  targets: Readonly<Record<string, string>>,
  entries: readonly string[],
  option: { readonly name: string; readonly vi: string; readonly en: string } = {
    name: '--target',
    vi: 'MÃ=MỨC',
    en: 'ID=LEVEL',
  },
) {
  const next = { ...targets }
  for (const entry of entries) {
    const [id, level] = entry.split('=')
    if (!id || level === undefined) {
      throw new UsageError(
        bilingual(
          `${option.name} ${entry}: phải có dạng ${option.vi}`,
          `${option.name} ${entry}: must be ${option.en}`,
        ),
      )
    }
    if (level === '') delete next[id]
    else next[id] = level.toUpperCase()
  }
  return next
}
