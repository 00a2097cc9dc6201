import type { WaitingStatements } from '../../evaluation/waiting-statements.ts'
import type { ConsoleContext } from '../../server/console/console-context.ts'
import type { Tenant } from '../../store/index.ts'
import { RosterProblems } from '../pages/roster-problems.tsx'
import { Waiting } from '../pages/waiting-section.tsx'
import { CsvUploadForm } from '../upload-form.tsx'
import { ConsoleLayout, consoleHref } from './console-layout.tsx'
import { TenantPicker } from './tenant-picker.tsx'

export interface RosterSectionProps {
  readonly ctx: ConsoleContext
  /** The tenant chosen; none yet shows only the picker. */
  readonly tenant?: Tenant
  /** Statements kept for actors nobody is known by yet (the chosen tenant's). */
  readonly waiting?: WaitingStatements
  /** The outcome of an import just made. */
  readonly result?: {
    readonly added: number
    readonly updated: number
    /** Each problem in the page's language, by row. */
    readonly problems: readonly string[]
    readonly imported: boolean
  }
  /** Accounts just made from the roster: how many, their first passwords as a CSV (once). */
  readonly accounts?: {
    readonly made: number
    readonly csv: string
    readonly skipped: readonly string[]
  }
  /** The upload form as it was sent: its choices, and why it was refused before its rows. */
  readonly upload?: {
    readonly problem?: string
    readonly validOnly: boolean
    readonly accounts: boolean
  }
}

/**
 * A tenant's staff roster from a CSV file (as /app/roster and `nls roster import`), each problem
 * named by row in the page's language, optionally with teachers' sign-in accounts; and the
 * statements waiting for people nobody is known by yet.
 */
export function RosterSection(props: RosterSectionProps) {
  const { ctx, tenant, result } = props
  const notice =
    result?.imported && tenant
      ? ctx.t('consoleRoster.imported', {
          tenant: tenant.name,
          added: result.added,
          updated: result.updated,
        })
      : undefined
  return (
    <ConsoleLayout ctx={ctx} title={ctx.t('consoleRoster.title')} notice={notice}>
      <TenantPicker ctx={ctx} selected={tenant?.id} />
      {!tenant ? (
        <p class="muted">{ctx.t('consoleRoster.chooseTenant')}</p>
      ) : (
        <>
          <h2>{tenant.name}</h2>
          {result && <RosterProblems ctx={ctx} result={result} />}
          {props.accounts && <MadeAccounts ctx={ctx} {...props.accounts} />}
          <p>{ctx.t('consoleRoster.intro')}</p>
          <p>
            <a href={consoleHref(ctx, '/admin/roster/template.csv')} data-template>
              {ctx.t('consoleRoster.template')}
            </a>
          </p>
          <CsvUploadForm
            t={ctx.t}
            action={consoleHref(ctx, '/admin/roster')}
            hidden={{ form: ctx.formToken, tenant: tenant.id }}
            problem={props.upload?.problem}
            validOnly={props.upload?.validOnly}
          >
            <label class="check">
              <input
                type="checkbox"
                name="accounts"
                value="yes"
                checked={props.upload?.accounts === true}
              />
              <span>{ctx.t('consoleRoster.accounts')}</span>
            </label>
          </CsvUploadForm>
          {props.waiting && <Waiting ctx={ctx} waiting={props.waiting} />}
        </>
      )}
    </ConsoleLayout>
  )
}

/** The accounts just made: their first passwords as a file to save now, never shown again. */
function MadeAccounts(props: {
  ctx: ConsoleContext
  made: number
  csv: string
  skipped: readonly string[]
}) {
  const { ctx } = props
  return (
    <div class="notice" data-accounts-made={props.made}>
      <p>{ctx.t('consoleRoster.accountsMade', { count: props.made })}</p>
      {props.made > 0 && (
        <p>
          <a
            class="button"
            download="nls-mat-khau-dau-tien.csv"
            href={`data:text/csv;charset=utf-8;base64,${Buffer.from(props.csv, 'utf8').toString('base64')}`}
            data-passwords
          >
            {ctx.t('consoleRoster.download')}
          </a>
        </p>
      )}
      {props.skipped.length > 0 && (
        <>
          <p>{ctx.t('consoleRoster.accountsSkipped', { count: props.skipped.length })}</p>
          <ul>
            {props.skipped.map((s) => (
              <li>{s}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
