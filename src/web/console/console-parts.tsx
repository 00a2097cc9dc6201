import type { ComponentChildren } from 'preact'
import type { ConsoleContext } from '../../server/console/console-context.ts'
import { isDistrict } from '../../server/console/tenant-tree.ts'
import type { Tenant } from '../../store/tenant-store.ts'

/** What a tenant is, in words: a district, a school (under a district), an LMS. */
export function tenantKind(ctx: Pick<ConsoleContext, 't'>, tenant: Tenant): string {
  if (tenant.kind === 'platform') return ctx.t('console.kind.platform')
  if (isDistrict(tenant)) return ctx.t('console.kind.district')
  return ctx.t('console.kind.school')
}

/** A tenant's name indented by its depth under a district (for a select's options). */
export function indented(name: string, depth: number): string {
  return `${'\u00a0\u00a0\u00a0'.repeat(depth)}${name}`
}

/** A field's problem, next to it (the field names it with aria-describedby). */
export function FieldProblem({ id, problem }: { id: string; problem: string | undefined }) {
  if (!problem) return null
  return (
    <p class="error" id={`${id}-problem`} role="alert" data-problem={id}>
      {problem}
    </p>
  )
}

/** The attributes that tie a field to its problem. */
export function invalidProps(id: string, problem: string | undefined) {
  return problem ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-problem` } : {}
}

/** A date and time as people of the page's language read it (Vietnam's time). */
export function when(ctx: Pick<ConsoleContext, 'lang'>, at: Date | undefined): string {
  if (!at) return '—'
  return at.toLocaleString(ctx.lang === 'en' ? 'en-GB' : 'vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'short',
    timeStyle: 'short',
  })
}

/** A table's column headings, in order. */
export function ColumnHeads({ labels }: { labels: readonly string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label) => (
          <th scope="col" key={label}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  )
}

/** A value shown this once (a secret, a one-time URL), marked `data-<mark>` to be copied. */
export function ShownOnce({ mark, value }: { mark: string; value: string }) {
  return <code {...{ [`data-${mark}`]: true }}>{value}</code>
}

/** The notice of secrets just made, shown once: what they are, then the values. */
export function SecretNotice(props: { message: string; children: ComponentChildren }) {
  return (
    <div class="notice" data-secret>
      <p>{props.message}</p>
      {props.children}
    </div>
  )
}
