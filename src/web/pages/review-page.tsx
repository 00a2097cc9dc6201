import type { Catalog } from '../../../framework/index.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { Bilingual, formatDate, LevelBadge, SessionField } from '../parts.tsx'

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

export interface ReviewPageProps {
  readonly ctx: PageContext
  readonly catalog: Catalog
  readonly items: readonly ReviewItem[]
  readonly notice?: string
}

/**
 * The review queue: levels inferred since a trainer last looked, newest first; each can be
 * confirmed (its criteria confirmed) or set to another level, always with a reason.
 */
export function ReviewPage({ ctx, catalog, items, notice }: ReviewPageProps) {
  return (
    <Layout ctx={ctx} title={ctx.t('review.title')} notice={notice}>
      <p>{ctx.t('review.intro')}</p>
      {items.length === 0 && <p data-empty>{ctx.t('review.empty')}</p>}
      {items.map((item, i) => {
        const entry = catalog.find(item.componentId)
        if (entry?.kind !== 'component') return null
        const fw = entry.framework.id
        const id = `review-${i}`
        return (
          <form
            method="post"
            action={href(ctx, '/app/review')}
            class="need"
            data-review={`${item.personId} ${item.componentId}`}
            aria-labelledby={`${id}-title`}
          >
            <SessionField ctx={ctx} />
            <input type="hidden" name="personId" value={item.personId} />
            <input type="hidden" name="componentId" value={item.componentId} />
            <h2 id={`${id}-title`}>
              <a href={href(ctx, `/app/people/${item.personId}`, {})}>{item.name}</a> —{' '}
              {entry.component.number} <Bilingual text={entry.component.name} lang={ctx.lang} />
            </h2>
            <p>
              {ctx.t('profile.inferred')}:{' '}
              <LevelBadge ctx={ctx} catalog={catalog} frameworkId={fw} code={item.level} />
              {item.changedAt && <> · {formatDate(ctx.lang, item.changedAt)}</>} ·{' '}
              {ctx.t('review.met', { count: item.metCount })}
            </p>
            <div class="grid2">
              <div>
                <label for={`${id}-decision`}>{ctx.t('review.decision')}</label>
                <select id={`${id}-decision`} name="decision">
                  <option value="confirm">{ctx.t('review.confirm')}</option>
                  <option value="none">{ctx.t('review.setNone')}</option>
                  {entry.component.levels
                    .filter((l) => l.code !== item.level)
                    .map((l) => (
                      <option value={l.code}>
                        {ctx.t('review.setTo', {
                          level:
                            entry.framework.levels.find((d) => d.code === l.code)?.name[ctx.lang] ??
                            l.code,
                        })}
                      </option>
                    ))}
                </select>
              </div>
              <div>
                <label for={`${id}-reason`}>{ctx.t('review.reason')}</label>
                <input type="text" id={`${id}-reason`} name="reason" required maxLength={500} />
              </div>
            </div>
            <p>
              <button type="submit">{ctx.t('review.save')}</button>
            </p>
          </form>
        )
      })}
    </Layout>
  )
}
