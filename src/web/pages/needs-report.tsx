import type { Catalog, LocalizedText } from '../../../framework/index.ts'
import {
  activityLabel,
  type AreaToImprove,
  type DomainReport,
  type PlanItem,
  type Strength,
} from '../../evaluation/training-needs.ts'
import type { PageContext } from '../page-context.ts'
import { Bilingual, LevelBadge, levelName } from '../parts.tsx'

interface ReportProps {
  readonly ctx: PageContext
  readonly catalog: Catalog
  readonly report: readonly DomainReport[]
  /** The printable version: everything unfolded. */
  readonly print: boolean
}

/**
 * A training-needs report after SELFIE for Teachers: an overview of the levels per domain, then
 * per domain the strengths, the areas to improve, the learning plan and the self-assessments that
 * differ from the evidence.
 */
export function NeedsReport({ ctx, catalog, report, print }: ReportProps) {
  // Where nobody set a target, the table's first level stands: said once, above the report.
  const byDefault = report.flatMap((d) => d.components).find((c) => c.source === 'default')
  return (
    <div class="needs-report" data-needs-report>
      <section aria-labelledby="needs-overview">
        <h2 id="needs-overview">{ctx.t('needsReport.overview')}</h2>
        {byDefault?.target && (
          <p data-default-target={byDefault.target}>
            {ctx.t('needsReport.defaultTarget', {
              level: levelName(
                ctx,
                catalog,
                frameworkOf(catalog, byDefault.componentId),
                byDefault.target,
              ),
            })}
          </p>
        )}
        {report.map((d) => (
          <Overview ctx={ctx} catalog={catalog} domain={d} />
        ))}
      </section>
      {report.map((d) => (
        <DomainSection ctx={ctx} catalog={catalog} domain={d} print={print} />
      ))}
    </div>
  )
}

function Overview(props: { ctx: PageContext; catalog: Catalog; domain: DomainReport }) {
  const { ctx, catalog, domain } = props
  const fw = frameworkOf(catalog, domain.domainId)
  return (
    <div data-overview={domain.domainId}>
      <h3>
        <DomainName ctx={ctx} catalog={catalog} domainId={domain.domainId} />
      </h3>
      <ul class="needs-chips" aria-label={ctx.t('needsReport.components')}>
        {domain.components.map((c) => (
          <li data-overview-component={c.componentId} data-level={c.level ?? 'none'}>
            {componentOf(catalog, c.componentId)?.number ?? c.componentId}{' '}
            <LevelBadge ctx={ctx} catalog={catalog} frameworkId={fw} code={c.level} />
          </li>
        ))}
      </ul>
      <p class="muted" data-mix>
        {ctx.t('needsReport.mix')}:{' '}
        {domain.mix
          .filter((m) => m.count > 0)
          .map((m) => `${levelName(ctx, catalog, fw, m.code)} ${m.count}`)
          .join(' · ')}
      </p>
    </div>
  )
}

function DomainSection(props: {
  ctx: PageContext
  catalog: Catalog
  domain: DomainReport
  print: boolean
}) {
  const { ctx, catalog, domain, print } = props
  const fw = frameworkOf(catalog, domain.domainId)
  const targeted = domain.components.some((c) => c.target !== null)
  const id = `needs-${domain.domainId}`
  return (
    <section class="needs-domain" data-domain={domain.domainId} aria-labelledby={id}>
      <h2 id={id}>
        <DomainName ctx={ctx} catalog={catalog} domainId={domain.domainId} />
      </h2>
      <h3>{ctx.t('needsReport.strengths')}</h3>
      {domain.strengths.length === 0 ? (
        <p class="muted">{ctx.t('needsReport.noStrengths')}</p>
      ) : (
        <ul data-strengths>
          {domain.strengths.map((s) => (
            <StrengthItem ctx={ctx} catalog={catalog} fw={fw} strength={s} print={print} />
          ))}
        </ul>
      )}
      <h3>{ctx.t('needsReport.areas')}</h3>
      {domain.areas.length === 0 ? (
        <p class="muted">{ctx.t(targeted ? 'needsReport.atTarget' : 'needsReport.noTarget')}</p>
      ) : (
        <ul data-areas>
          {domain.areas.map((a) => (
            <AreaItem ctx={ctx} catalog={catalog} fw={fw} area={a} />
          ))}
        </ul>
      )}
      {domain.areas.length > 0 && (
        <>
          <h3>{ctx.t('needsReport.plan')}</h3>
          {domain.plan.length === 0 ? (
            <p class="muted">{ctx.t('needsReport.noPlan')}</p>
          ) : (
            <>
              <p class="muted">{ctx.t('needsReport.planIntro')}</p>
              <ol data-plan>
                {domain.plan.map((p) => (
                  <PlanEntry ctx={ctx} item={p} />
                ))}
              </ol>
            </>
          )}
        </>
      )}
      {domain.selfDiffers.length > 0 && (
        <>
          <h3>{ctx.t('needsReport.self')}</h3>
          <ul data-self-differs>
            {domain.selfDiffers.map((c) => (
              <li data-self={c.componentId} data-agreement={c.self.agreement}>
                <ComponentName ctx={ctx} catalog={catalog} componentId={c.componentId} />:{' '}
                {ctx.t('needsReport.selfLevel')}{' '}
                <LevelBadge ctx={ctx} catalog={catalog} frameworkId={fw} code={c.self.level} />,{' '}
                {ctx.t('needsReport.inferred')}{' '}
                <LevelBadge ctx={ctx} catalog={catalog} frameworkId={fw} code={c.level} />.{' '}
                <span class="miss">{ctx.t(`needsReport.${c.self.agreement}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

function StrengthItem(props: {
  ctx: PageContext
  catalog: Catalog
  fw: string
  strength: Strength
  print: boolean
}) {
  const { ctx, catalog, fw, strength: s } = props
  return (
    <li data-strength={s.componentId}>
      <ComponentName ctx={ctx} catalog={catalog} componentId={s.componentId} />{' '}
      <LevelBadge ctx={ctx} catalog={catalog} frameworkId={fw} code={s.level} />{' '}
      <span class="muted">· {ctx.t('needsReport.evidenceCount', { count: s.evidence })}</span>
      <details open={props.print}>
        <summary>
          {ctx.t('needsReport.criteriaHeld')}: {s.criteria.length}
        </summary>
        <ul class="crit">
          {s.criteria.map((c) => (
            <li data-held={c.id}>
              <CriterionText catalog={catalog} ctx={ctx} id={c.id} />{' '}
              <span class="muted">
                ({ctx.t('needsReport.evidenceCount', { count: c.evidence })})
              </span>
            </li>
          ))}
        </ul>
      </details>
    </li>
  )
}

function AreaItem(props: { ctx: PageContext; catalog: Catalog; fw: string; area: AreaToImprove }) {
  const { ctx, catalog, fw, area: a } = props
  const level = levelName(ctx, catalog, fw, a.next)
  return (
    <li data-area={a.componentId} data-next={a.next}>
      <ComponentName ctx={ctx} catalog={catalog} componentId={a.componentId} />{' '}
      <LevelBadge ctx={ctx} catalog={catalog} frameworkId={fw} code={a.level} /> →{' '}
      <LevelBadge ctx={ctx} catalog={catalog} frameworkId={fw} code={a.next} />{' '}
      <span class="muted">
        ({ctx.t('needs.target')}: {levelName(ctx, catalog, fw, a.target)},{' '}
        {ctx.t(`needs.targetBy.${a.source}`)})
      </span>
      {a.unmet.length === 0 ? (
        <p class="muted">{ctx.t('needsReport.nextHeld', { level })}</p>
      ) : (
        <>
          <p>
            {a.moreNeeded === a.unmet.length
              ? ctx.t('needsReport.nextAll', { count: a.unmet.length, level })
              : ctx.t('needsReport.nextSome', {
                  count: a.moreNeeded,
                  total: a.unmet.length,
                  level,
                })}
          </p>
          <ul class="crit">
            {a.unmet.map((id) => (
              <li data-unmet={id}>
                <CriterionText catalog={catalog} ctx={ctx} id={id} />
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  )
}

function PlanEntry({ ctx, item }: { ctx: PageContext; item: PlanItem }) {
  const { activity, criteria } = item
  const label = activityLabel(activity)
  const link = activity.iri && /^https?:\/\//.test(activity.iri) ? activity.iri : undefined
  return (
    <li data-plan-activity={activity.tagId}>
      {link ? (
        <a href={link} target="_blank" rel="noopener">
          {label}
        </a>
      ) : (
        label
      )}{' '}
      <span class="muted">
        · {ctx.t('needsReport.covers', { count: criteria.length })}: {criteria.join(', ')}
      </span>
    </li>
  )
}

/** A criterion: its ID and the circular's text (a level without descriptor text: its name). */
function CriterionText(props: { ctx: PageContext; catalog: Catalog; id: string }) {
  const entry = props.catalog.find(props.id)
  const text: LocalizedText | undefined =
    entry?.kind === 'descriptor'
      ? entry.descriptor.text
      : entry?.kind === 'level'
        ? entry.definition.name
        : undefined
  return (
    <>
      <code>{props.id}</code> {text && <Bilingual text={text} lang={props.ctx.lang} />}
    </>
  )
}

function DomainName(props: { ctx: PageContext; catalog: Catalog; domainId: string }) {
  const entry = props.catalog.find(props.domainId)
  if (entry?.kind !== 'domain') return <>{props.domainId}</>
  return (
    <>
      {props.ctx.t('needsReport.domain', { number: entry.domain.number })}.{' '}
      <Bilingual text={entry.domain.name} lang={props.ctx.lang} />
    </>
  )
}

function ComponentName(props: { ctx: PageContext; catalog: Catalog; componentId: string }) {
  const component = componentOf(props.catalog, props.componentId)
  if (!component) return <strong>{props.componentId}</strong>
  return (
    <strong>
      {component.number} <Bilingual text={component.name} lang={props.ctx.lang} />
    </strong>
  )
}

function componentOf(catalog: Catalog, componentId: string) {
  const entry = catalog.find(componentId)
  return entry?.kind === 'component' ? entry.component : undefined
}

function frameworkOf(catalog: Catalog, domainId: string): string {
  return catalog.find(domainId)?.framework.id ?? ''
}
