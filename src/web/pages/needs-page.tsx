import type { AudienceEntry, Catalog } from '../../../framework/index.ts'
import type { ComponentNeed, DomainReport } from '../../evaluation/training-needs.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { Bilingual, formatDate, LevelBadge, levelName, TablesForm } from '../parts.tsx'
import { NeedsReport } from './needs-report.tsx'

export interface NeedsPageProps {
  readonly ctx: PageContext
  readonly catalog: Catalog
  readonly tables: readonly AudienceEntry[]
  readonly needs: readonly ComponentNeed[]
  /** The report per domain: levels, strengths, areas to improve, learning plan. */
  readonly report: readonly DomainReport[]
  /** The printable version (the report alone, unfolded, without the targets form), and its date. */
  readonly print?: { readonly at: Date }
  /** The school's target of each component, to show beside the person's own choice. */
  readonly schoolTargets: ReadonlyMap<string, string>
  readonly notice?: string
}

/**
 * Training needs: the report from evidence (overview, strengths, areas to improve, learning plan),
 * printable, then a target per component with the gap and the activities that would close it.
 */
export function NeedsPage(props: NeedsPageProps) {
  const { ctx, catalog, report, notice } = props
  const print = props.print !== undefined
  return (
    <Layout ctx={ctx} title={ctx.t('needs.title')} notice={notice}>
      <p>{ctx.t('needsReport.intro')}</p>
      {props.print && (
        <p data-printed-for>
          {ctx.t('needsReport.printedFor', {
            name: ctx.userName,
            date: formatDate(ctx.lang, props.print.at),
          })}
        </p>
      )}
      {print ? (
        <p class="no-print">
          {ctx.t('needsReport.printHint')}{' '}
          <a href={href(ctx, '/app/needs')} data-back>
            {ctx.t('needsReport.back')}
          </a>
        </p>
      ) : (
        <p class="no-print">
          <a class="button secondary" href={href(ctx, '/app/needs', { print: '1' })} data-print>
            {ctx.t('needsReport.print')}
          </a>
        </p>
      )}
      <NeedsReport ctx={ctx} catalog={catalog} report={report} print={print} />
      {!print && <TargetsForm {...props} />}
    </Layout>
  )
}

/** The targets form: per component the target (own, else the school's), the gap and its help. */
function TargetsForm({ ctx, catalog, tables, needs, schoolTargets }: NeedsPageProps) {
  const byId = new Map(needs.map((n) => [n.componentId, n]))
  return (
    <section class="no-print" aria-labelledby="needs-targets">
      <h2 id="needs-targets">{ctx.t('needsReport.targets')}</h2>
      <p>{ctx.t('needs.intro')}</p>
      <TablesForm
        ctx={ctx}
        action="/app/needs"
        tables={tables}
        save={ctx.t('needs.save')}
        component={(component, table) => {
          const fw = table.framework.id
          const need = byId.get(component.id)
          if (!need) return null
          const school = schoolTargets.get(component.id)
          const selectId = `target-${component.id}`
          return (
            <div class="need" data-component={component.id} data-gap={need.gap}>
              <h3>
                {component.number} <Bilingual text={component.name} lang={ctx.lang} />
              </h3>
              <p>
                {ctx.t('profile.level')}:{' '}
                <LevelBadge ctx={ctx} catalog={catalog} frameworkId={fw} code={need.level} /> ·{' '}
                {ctx.t('needs.target')}:{' '}
                {need.target ? (
                  <LevelBadge ctx={ctx} catalog={catalog} frameworkId={fw} code={need.target} />
                ) : (
                  '—'
                )}{' '}
                <span class="muted" data-source={need.source}>
                  ({ctx.t(`needs.targetBy.${need.source}`)})
                </span>{' '}
                ·{' '}
                {need.target === null ? null : need.gap > 0 ? (
                  <span class="miss" data-gap-text>
                    {ctx.t('needs.gapCount', { count: need.gap })}
                  </span>
                ) : (
                  <span class="ok">{ctx.t('needs.reached')}</span>
                )}
              </p>
              <input type="hidden" name="shown" value={component.id} />
              <label for={selectId}>{ctx.t('needs.setTarget')}</label>
              <select id={selectId} name={`target.${component.id}`}>
                <option value="" selected={need.source !== 'me'}>
                  {school
                    ? `${ctx.t('needs.schoolTarget')}: ${levelName(ctx, catalog, fw, school)}`
                    : component.levels[0]
                      ? `${ctx.t('needs.defaultTarget')}: ${levelName(ctx, catalog, fw, component.levels[0].code)}`
                      : '—'}
                </option>
                {component.levels.map((l) => (
                  <option value={l.code} selected={need.source === 'me' && need.target === l.code}>
                    {levelName(ctx, catalog, fw, l.code)}
                  </option>
                ))}
              </select>
              {need.missing.length > 0 && (
                <details>
                  <summary>
                    {ctx.t('profile.missing')}: {need.missing.length} · {ctx.t('needs.activities')}:{' '}
                    {need.activities.length}
                  </summary>
                  <ul class="crit">
                    {need.missing.map((id) => {
                      const entry = catalog.find(id)
                      return (
                        <li data-missing={id}>
                          <code>{id}</code>{' '}
                          {entry?.kind === 'descriptor' && (
                            <Bilingual text={entry.descriptor.text} lang={ctx.lang} />
                          )}
                        </li>
                      )
                    })}
                  </ul>
                  {need.activities.length === 0 ? (
                    <p class="muted">{ctx.t('needs.noActivities')}</p>
                  ) : (
                    <ul data-activities>
                      {need.activities.map(({ activity, criteria }) => (
                        <li data-activity={activity.tagId}>
                          {activity.iri && /^https?:\/\//.test(activity.iri) ? (
                            <a href={activity.iri} target="_blank" rel="noopener">
                              {activity.name ?? activity.iri}
                            </a>
                          ) : (
                            (activity.name ?? activity.iri ?? activity.prefix)
                          )}{' '}
                          <span class="muted">({criteria.join(', ')})</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </details>
              )}
            </div>
          )
        }}
      />
    </section>
  )
}
