import type { Catalog } from '../../../framework/index.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { Bilingual, formatDate, LevelBadge, SessionField } from '../parts.tsx'
import { FieldProblems, type FormProblem, invalidField, ProblemSummary } from '../form-problems.tsx'
import type { WaitingStatements } from '../../evaluation/waiting-statements.ts'
import { Waiting } from './waiting-section.tsx'

/** A level inferred and not yet reviewed by a trainer. */
export interface ReviewItem {
  readonly personId: string
  readonly name: string
  readonly componentId: string
  readonly level: string
  readonly changedAt?: Date
  /** How many criteria are met now (a confirmation confirms them). */
  readonly metCount: number
}

/** What a refused bulk confirmation kept: the ticked levels, the reason, and what is wrong. */
export interface BulkState {
  /** `<person id> <component id>` of each ticked level. */
  readonly ticked: readonly string[]
  readonly reason: string
  readonly problems: { readonly item?: string; readonly reason?: string }
}

/** What a refused verdict on one level kept: which level, the decision, the reason, the problems. */
export interface VerdictState {
  /** `<person id> <component id>` of the level. */
  readonly key: string
  readonly decision: string
  readonly reason: string
  /** At the fields `decision` and `reason` of the level's form. */
  readonly problems: readonly FormProblem[]
}

export interface ReviewPageProps {
  readonly ctx: PageContext
  readonly catalog: Catalog
  readonly items: readonly ReviewItem[]
  /** Which page of the queue this is, and how many levels wait in all. */
  readonly paging: { readonly page: number; readonly pageSize: number; readonly total: number }
  readonly bulk?: BulkState
  readonly verdict?: VerdictState
  readonly notice?: string
  /** Statements kept for people nobody knows yet; shown to those who act for the school. */
  readonly waiting?: WaitingStatements
}

const BULK_FORM = 'review-bulk'

/**
 * The review queue, a page at a time: levels inferred since a trainer last looked, newest change
 * first; each can be confirmed (its criteria confirmed) or set to another level, always with a
 * reason; the ticked ones can be confirmed together with one reason.
 */
export function ReviewPage(props: ReviewPageProps) {
  const { ctx, catalog, items, paging, bulk, notice, waiting } = props
  const ticked = new Set(bulk?.ticked ?? [])
  const problems = bulk?.problems ?? {}
  const pages = Math.max(1, Math.ceil(paging.total / paging.pageSize))
  return (
    <Layout ctx={ctx} title={ctx.t('review.title')} notice={notice}>
      <p>{ctx.t('review.intro')}</p>
      <ProblemSummary ctx={ctx} problems={verdictProblems(props.verdict, items)} />
      <p data-count={paging.total}>
        {ctx.t('review.count', { count: paging.total, page: paging.page, pages })}
      </p>
      {paging.total === 0 && <p data-empty>{ctx.t('review.empty')}</p>}
      {items.length > 0 && (
        <form
          method="post"
          action={href(ctx, '/app/review/bulk')}
          id={BULK_FORM}
          class="need"
          aria-labelledby={`${BULK_FORM}-title`}
        >
          <SessionField ctx={ctx} />
          <input type="hidden" name="page" value={String(paging.page)} />
          <h2 id={`${BULK_FORM}-title`}>{ctx.t('review.bulkTitle')}</h2>
          <p class="muted">{ctx.t('review.bulkIntro')}</p>
          {problems.item && (
            <p class="error" role="alert" data-problem="item">
              {problems.item}
            </p>
          )}
          <label for={`${BULK_FORM}-reason`}>{ctx.t('review.reason')}</label>
          <input
            type="text"
            id={`${BULK_FORM}-reason`}
            name="reason"
            maxLength={500}
            value={bulk?.reason ?? ''}
            aria-invalid={problems.reason ? 'true' : undefined}
            aria-describedby={problems.reason ? `${BULK_FORM}-problem` : undefined}
          />
          {problems.reason && (
            <p class="error" id={`${BULK_FORM}-problem`} data-problem="reason">
              {problems.reason}
            </p>
          )}
          <p>
            <button type="submit">{ctx.t('review.bulkConfirm')}</button>
          </p>
        </form>
      )}
      {items.map((item, i) => {
        const entry = catalog.find(item.componentId)
        if (entry?.kind !== 'component') return null
        const fw = entry.framework.id
        const id = `review-${i}`
        const key = `${item.personId} ${item.componentId}`
        // A refused verdict on this level comes back as it was typed, its problems at its fields.
        const kept = props.verdict?.key === key ? props.verdict : undefined
        const problems = (kept?.problems ?? []).map((p) => ({ ...p, field: `${id}-${p.field}` }))
        return (
          <form
            method="post"
            action={href(ctx, '/app/review')}
            class="need"
            data-review={key}
            aria-labelledby={`${id}-title`}
          >
            <SessionField ctx={ctx} />
            <input type="hidden" name="personId" value={item.personId} />
            <input type="hidden" name="componentId" value={item.componentId} />
            <input type="hidden" name="page" value={String(paging.page)} />
            <h2 id={`${id}-title`}>
              <a href={href(ctx, `/app/people/${item.personId}`, {})}>{item.name}</a> —{' '}
              {entry.component.number} <Bilingual text={entry.component.name} lang={ctx.lang} />
            </h2>
            <p>
              <input
                type="checkbox"
                id={`${id}-tick`}
                name="item"
                value={key}
                form={BULK_FORM}
                checked={ticked.has(key)}
              />{' '}
              <label for={`${id}-tick`}>{ctx.t('review.tick')}</label>
            </p>
            <p>
              {ctx.t('profile.inferred')}:{' '}
              <LevelBadge ctx={ctx} catalog={catalog} frameworkId={fw} code={item.level} />
              {item.changedAt && <> · {formatDate(ctx.lang, item.changedAt)}</>} ·{' '}
              {ctx.t('review.met', { count: item.metCount })}
            </p>
            <div class="grid2">
              <div>
                <label for={`${id}-decision`}>{ctx.t('review.decision')}</label>
                <select
                  id={`${id}-decision`}
                  name="decision"
                  {...invalidField(problems, `${id}-decision`)}
                >
                  <option value="confirm">{ctx.t('review.confirm')}</option>
                  <option value="none" selected={kept?.decision === 'none'}>
                    {ctx.t('review.setNone')}
                  </option>
                  {entry.component.levels
                    .filter((l) => l.code !== item.level)
                    .map((l) => (
                      <option value={l.code} selected={kept?.decision === l.code}>
                        {ctx.t('review.setTo', {
                          level:
                            entry.framework.levels.find((d) => d.code === l.code)?.name[ctx.lang] ??
                            l.code,
                        })}
                      </option>
                    ))}
                </select>
                <FieldProblems problems={problems} field={`${id}-decision`} />
              </div>
              <div>
                <label for={`${id}-reason`}>{ctx.t('review.reason')}</label>
                <input
                  type="text"
                  id={`${id}-reason`}
                  name="reason"
                  required
                  maxLength={500}
                  value={kept?.reason ?? ''}
                  {...invalidField(problems, `${id}-reason`)}
                />
                <FieldProblems problems={problems} field={`${id}-reason`} />
              </div>
            </div>
            <p>
              <button type="submit">{ctx.t('review.save')}</button>
            </p>
          </form>
        )
      })}
      <Paging ctx={ctx} {...paging} />
      {waiting && <Waiting ctx={ctx} waiting={waiting} />}
    </Layout>
  )
}

/** A refused verdict's problems at the fields of its level's form on this page. */
function verdictProblems(
  verdict: VerdictState | undefined,
  items: readonly ReviewItem[],
): FormProblem[] {
  if (!verdict) return []
  const at = items.findIndex((item) => `${item.personId} ${item.componentId}` === verdict.key)
  return verdict.problems.map((p) => (at < 0 ? p : { ...p, field: `review-${at}-${p.field}` }))
}

/** Links to the pages of the queue before and after this one. */
function Paging({ ctx, page, pageSize, total }: { ctx: PageContext } & ReviewPageProps['paging']) {
  if (total <= pageSize && page === 1) return null
  return (
    <nav aria-label={ctx.t('review.pages')} data-paging>
      <p>
        {page > 1 && (
          <a href={href(ctx, '/app/review', { page: String(page - 1) })} rel="prev">
            {ctx.t('class.previous')}
          </a>
        )}{' '}
        {page * pageSize < total && (
          <a href={href(ctx, '/app/review', { page: String(page + 1) })} rel="next">
            {ctx.t('class.next')}
          </a>
        )}
      </p>
    </nav>
  )
}
