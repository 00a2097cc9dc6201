import type { AudienceEntry, Catalog, LocalizedText } from '../../../framework/index.ts'
import type { GradeTarget } from '../../learners/grade-target.ts'
import type { NextActivity, PupilDomain, ShownActivity } from '../../learners/pupil-view.ts'
import { type Lang, translator } from '../i18n.ts'
import { href, type PageContext } from '../page-context.ts'
import { LevelBadge, levelName } from '../parts.tsx'

/** A pupil's view of one learners' table, as the profile page shows it. */
export interface PupilView {
  readonly table: AudienceEntry
  /** The pupil's grade (khối), when known. */
  readonly grade?: number
  /** The level the grade is expected to reach; absent without a grade. */
  readonly goal?: GradeTarget
  readonly domains: readonly PupilDomain[]
  readonly next: readonly NextActivity[]
  /** Whether some level's official text is not loaded (nothing is shown in its place). */
  readonly missingText: boolean
}

type Texts = Record<string, string | number>

/** A page text in the page's language, the other language under it, smaller. */
function Said({ ctx, k, v }: { ctx: Pick<PageContext, 'lang'>; k: string; v?: Texts }) {
  const other: Lang = ctx.lang === 'vi' ? 'en' : 'vi'
  return (
    <>
      <span lang={ctx.lang}>{translator(ctx.lang)(`pupilPages.${k}`, v)}</span>{' '}
      <span class="other-lang" lang={other}>
        {translator(other)(`pupilPages.${k}`, v)}
      </span>
    </>
  )
}

/** Framework text in the page's language (the circular's Vietnamese when untranslated), the other under. */
function Named({ ctx, text }: { ctx: Pick<PageContext, 'lang'>; text: LocalizedText }) {
  const main = ctx.lang === 'en' && text.en ? 'en' : 'vi'
  const other = main === 'vi' ? text.en : text.vi
  return (
    <>
      <span lang={main}>{text[main]}</span>{' '}
      {other && (
        <span class="other-lang" lang={main === 'vi' ? 'en' : 'vi'}>
          {other}
        </span>
      )}
    </>
  )
}

/** A level's name in both languages, as the pupils' texts say it. */
function bothNames(catalog: Catalog, frameworkId: string, code: string | null | undefined) {
  const vi = translator('vi')
  const en = translator('en')
  return {
    vi: code
      ? levelName({ lang: 'vi', t: vi }, catalog, frameworkId, code)
      : vi('pupilPages.noLevel'),
    en: code
      ? levelName({ lang: 'en', t: en }, catalog, frameworkId, code)
      : en('pupilPages.noLevel'),
  }
}

/** A text whose values differ by language (a level's name): each language its own values. */
function SaidWith(props: { ctx: Pick<PageContext, 'lang'>; k: string; v: (lang: Lang) => Texts }) {
  const { ctx } = props
  const other: Lang = ctx.lang === 'vi' ? 'en' : 'vi'
  return (
    <>
      <span lang={ctx.lang}>
        {translator(ctx.lang)(`pupilPages.${props.k}`, props.v(ctx.lang))}
      </span>{' '}
      <span class="other-lang" lang={other}>
        {translator(other)(`pupilPages.${props.k}`, props.v(other))}
      </span>
    </>
  )
}

/**
 * A pupil's table: the grade's goal, a big bar per domain toward it with the domain's level, each
 * component's level and the activities that showed it, and what to do next. Official descriptor
 * text is shown only where it is loaded; where it is not, the page says so.
 */
export function PupilTable(props: { ctx: PageContext; catalog: Catalog; view: PupilView }) {
  const { ctx, catalog, view } = props
  const fw = view.table.framework.id
  const name = (code: string | null | undefined) => bothNames(catalog, fw, code)
  const headingId = `table-${view.table.id}`
  return (
    <section aria-labelledby={headingId} data-table={view.table.id} data-pupil-view>
      <h2 id={headingId}>
        <Said ctx={ctx} k="title" />
      </h2>
      <p>
        <Said ctx={ctx} k="intro" />
      </p>
      {view.goal ? (
        <p data-goal={view.goal.level.code}>
          <strong>
            <SaidWith
              ctx={ctx}
              k="goal"
              v={(lang) => ({ grade: view.goal!.grade, level: name(view.goal!.level.code)[lang] })}
            />
          </strong>
          {view.goal.source === 'school' && <Said ctx={ctx} k="goalBySchool" />}
        </p>
      ) : (
        <p class="notice" data-no-grade>
          <Said ctx={ctx} k="noGrade" />
        </p>
      )}
      {view.missingText && (
        <div class="notice warning" data-missing-text>
          <p>
            <strong>
              <Said ctx={ctx} k="missingText" />
            </strong>
          </p>
          <p>
            <Said ctx={ctx} k="missingTextMore" />
          </p>
        </div>
      )}
      <p>
        <a href={href(ctx, '/app/self-assessment')}>
          <Said ctx={ctx} k="selfLink" />
        </a>
      </p>
      {view.domains.map((d) => (
        <DomainBar ctx={ctx} catalog={catalog} view={view} domain={d} />
      ))}
      <NextSteps ctx={ctx} catalog={catalog} view={view} />
    </section>
  )
}

function DomainBar(props: {
  ctx: PageContext
  catalog: Catalog
  view: PupilView
  domain: PupilDomain
}) {
  const { ctx, catalog, view, domain } = props
  const fw = view.table.framework.id
  const name = (code: string | null | undefined) => bothNames(catalog, fw, code)
  const id = `domain-${domain.domain.id}`
  const goal = view.goal?.level.code
  return (
    <section
      class="pupil-domain"
      aria-labelledby={id}
      data-domain={domain.domain.id}
      data-level={domain.level ?? 'none'}
    >
      <h3 id={id}>
        {domain.domain.number}. <Named ctx={ctx} text={domain.domain.name} />
      </h3>
      <div
        class="pupil-bar"
        role="img"
        aria-label={translator(ctx.lang)(
          goal ? 'pupilPages.barLabel' : 'pupilPages.barLabelNoGoal',
          {
            number: domain.domain.number,
            level: name(domain.level)[ctx.lang],
            ...(goal && { goal: name(goal)[ctx.lang] }),
          },
        )}
        data-fill={domain.fill.toFixed(2)}
      >
        <span style={`width:${Math.round(domain.fill * 100)}%`} />
      </div>
      <p>
        <SaidWith ctx={ctx} k="domainAt" v={(lang) => ({ level: name(domain.level)[lang] })} />
        {goal && <Said ctx={ctx} k={domain.reached ? 'reached' : 'notReached'} />}
      </p>
      {/* Folded, so that the six bars fit a phone's screen; opened one domain at a time. */}
      <details class="pupil-parts-fold" data-parts={domain.domain.id}>
        <summary>
          <Said ctx={ctx} k="parts" />
        </summary>
        <ul class="pupil-parts">
          {domain.components.map((c) => {
            const next = nextLevelOf(view, c.component.id, c.level)
            return (
              <li data-component={c.component.id} data-level={c.level ?? 'none'}>
                <strong>{c.component.number}</strong> <Named ctx={ctx} text={c.component.name} />
                <br />
                <LevelBadge ctx={ctx} catalog={catalog} frameworkId={fw} code={c.level} />
                {c.activities.length > 0 ? (
                  <>
                    <p>
                      <Said ctx={ctx} k="shownBy" />
                    </p>
                    <ul data-shown-by>
                      {c.activities.map((a) => (
                        <ActivityLink activity={a} />
                      ))}
                    </ul>
                  </>
                ) : (
                  <p class="muted">
                    <Said ctx={ctx} k="noActivity" />
                  </p>
                )}
                {next && next.descriptors.length > 0 && (
                  <div data-next-text={next.code}>
                    <p>
                      <SaidWith
                        ctx={ctx}
                        k="toReach"
                        v={(lang) => ({ level: name(next.code)[lang] })}
                      />
                    </p>
                    <ul>
                      {next.descriptors.map((d) => (
                        <li data-descriptor={d.id}>
                          <Named ctx={ctx} text={d.text} />
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </li>
            )
          })}
        </ul>
      </details>
    </section>
  )
}

/** The level just above `level` of a component, with its official text (none when missing). */
function nextLevelOf(view: PupilView, componentId: string, level: string | null) {
  const component = view.table.audience.components.find((c) => c.id === componentId)
  if (!component) return undefined
  const at = level === null ? -1 : component.levels.findIndex((l) => l.code === level)
  const next = component.levels[at + 1]
  return next && next.status !== 'missing' ? next : undefined
}

function NextSteps(props: { ctx: PageContext; catalog: Catalog; view: PupilView }) {
  const { ctx, catalog, view } = props
  const fw = view.table.framework.id
  const id = `next-${view.table.id}`
  return (
    <section aria-labelledby={id} class="pupil-next" data-next-steps>
      <h3 id={id}>
        <Said ctx={ctx} k="nextTitle" />
      </h3>
      {view.next.length === 0 ? (
        <p>
          <Said ctx={ctx} k="noNext" />
        </p>
      ) : (
        <>
          <p>
            <Said ctx={ctx} k="nextIntro" />
          </p>
          <ol>
            {view.next.map((n) => {
              const number = view.table.audience.components.find(
                (c) => c.id === n.componentId,
              )?.number
              return (
                <li data-next-activity={n.key} data-next-level={n.level}>
                  <ActivityName activity={n} />{' '}
                  <SaidWith
                    ctx={ctx}
                    k="nextItem"
                    v={(lang) => ({
                      level: bothNames(catalog, fw, n.level)[lang],
                      number: number ?? n.componentId,
                    })}
                  />
                </li>
              )
            })}
          </ol>
        </>
      )}
    </section>
  )
}

function ActivityLink({ activity }: { activity: ShownActivity }) {
  return (
    <li data-activity={activity.key}>
      <ActivityName activity={activity} />
    </li>
  )
}

function ActivityName({ activity }: { activity: ShownActivity }) {
  return activity.url ? (
    <a href={activity.url} target="_blank" rel="noopener">
      {activity.name}
    </a>
  ) : (
    <span>{activity.name}</span>
  )
}
