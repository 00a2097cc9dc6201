import type { ReportRule } from '../../reports/one-rule.ts'
import type { PageContext } from '../page-context.ts'
import { formatShare } from '../parts.tsx'

/**
 * What a report says of the rules of the schools it adds up: the schools that lowered the share
 * of criteria a level needs (Circular 18 asks every school for the same rule), and that the
 * figures mix rules when they do. Nothing when every school keeps the full rule.
 */
export function RuleNotice({
  ctx,
  rule,
}: {
  readonly ctx: PageContext
  readonly rule: ReportRule
}) {
  if (rule.lowered.length === 0) return null
  return (
    <div class="notice warning" role="note" data-rule-notice={rule.mixed ? 'mixed' : 'lowered'}>
      <p>
        <strong>{ctx.t(rule.mixed ? 'oneRule.mixed' : 'oneRule.lowered')}</strong>
      </p>
      <ul>
        {rule.lowered.map((s) => (
          <li key={s.tenantId} data-lowered-school={s.name}>
            {ctx.t('oneRule.school', {
              name: s.name,
              share: formatShare(ctx.lang, s.requiredShare),
            })}
          </li>
        ))}
      </ul>
    </div>
  )
}
