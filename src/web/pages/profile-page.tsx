import type { ComponentChildren } from 'preact'
import type { AudienceEntry, Catalog } from '../../../framework/index.ts'
import type { ComponentView, ProfileModel } from '../../evaluation/profile.ts'
import { activityKey } from '../../inference/index.ts'
import { levelRadar } from '../charts.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { PupilTable, type PupilView } from './pupil-profile.tsx'
import {
  Bilingual,
  formatDate,
  formatShare,
  LevelBadge,
  levelName,
  levelRank,
  SessionField,
  Scroll,
  Translation,
} from '../parts.tsx'

export interface ProfilePageProps {
  readonly ctx: PageContext
  readonly catalog: Catalog
  readonly profile: ProfileModel
  /** The tables shown (the person's audiences). */
  readonly tables: readonly AudienceEntry[]
  /** Whether the page is the viewer's own profile (then the table can be changed). */
  readonly own: boolean
  /** The tables a person may choose from, with the value the choice form sends. */
  readonly tableChoices: readonly { readonly value: string; readonly label: string }[]
  readonly chosenTable: string
  readonly notice?: string
  /** The pupils' view of a learners' table (TT02.NH), by table ID, shown in place of the radar. */
  readonly pupilViews?: ReadonlyMap<string, PupilView>
}

/** A person's profile: a radar per table, each component's level, criteria and evidence. */
export function ProfilePage(props: ProfilePageProps) {
  const { ctx, profile } = props
  const name = personName(profile.person)
  const title = props.own
    ? ctx.t('profile.title')
    : `${ctx.t('profile.title')} ${ctx.t('profile.of', { name })}`
  return (
    <Layout ctx={ctx} title={title} notice={props.notice}>
      {props.own && !props.tables.every((t) => props.pupilViews?.has(t.id)) && (
        <form method="post" action={href(ctx, '/app/profile/table')} class="inline">
          <SessionField ctx={ctx} />
          <div>
            <label for="table">{ctx.t('profile.table')}</label>
            <select id="table" name="table">
              {props.tableChoices.map((c) => (
                <option value={c.value} selected={c.value === props.chosenTable}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="secondary">
            {ctx.t('profile.chooseTable')}
          </button>
        </form>
      )}
      {props.tables.map((table) => {
        const pupil = props.pupilViews?.get(table.id)
        return pupil ? (
          <PupilTable ctx={ctx} catalog={props.catalog} view={pupil} />
        ) : (
          <TableSection {...props} table={table} />
        )
      })}
    </Layout>
  )
}

function TableSection(props: ProfilePageProps & { table: AudienceEntry }) {
  const { ctx, catalog, profile, table } = props
  const fw = table.framework.id
  const byId = new Map(profile.components.map((c) => [c.componentId, c]))
  const selfById = new Map(profile.selfAssessments.map((s) => [s.componentId, s]))
  const components = table.audience.components
  const inferred = components.map((c) => levelRank(catalog, fw, byId.get(c.id)?.level))
  const selfValues = components.map((c) => levelRank(catalog, fw, selfById.get(c.id)?.level))
  const hasSelf = components.some((c) => selfById.has(c.id))
  const svg = levelRadar(
    components.map((c) => c.number),
    [
      { name: ctx.t('profile.inferred'), values: inferred, color: '#0b57a4' },
      ...(hasSelf
        ? [{ name: ctx.t('profile.self'), values: selfValues, color: '#b35900', dashed: true }]
        : []),
    ],
    table.framework.levels.map((l) => levelName(ctx, catalog, fw, l.code)),
  )
  const headingId = `table-${table.id}`
  return (
    <section aria-labelledby={headingId} data-table={table.id}>
      <h2 id={headingId}>
        <Bilingual text={table.audience.name} lang={ctx.lang} />
      </h2>
      <figure
        class="chart radar"
        role="img"
        aria-label={`${ctx.t('profile.radarLabel')}: ${components
          .map(
            (c) =>
              `${c.number} ${levelName(ctx, catalog, fw, byId.get(c.id)?.level)}${hasSelf ? ` / ${levelName(ctx, catalog, fw, selfById.get(c.id)?.level)}` : ''}`,
          )
          .join('; ')}`}
        data-radar
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <h3 id={`${headingId}-components`}>{ctx.t('look.components')}</h3>
      <p class="muted">{ctx.t('look.componentsHint')}</p>
      {/* One list: each component's level at a glance, its criteria and evidence folded inside. */}
      <ol class="comps" aria-labelledby={`${headingId}-components`}>
        {components.map((c) => {
          const view = byId.get(c.id)
          const row = (
            <span class="comp-row">
              <span class="num">{c.number}</span>
              <span class="name">
                <Bilingual text={c.name} lang={ctx.lang} />
              </span>
              <span class="chips">
                <LevelBadge ctx={ctx} catalog={catalog} frameworkId={fw} code={view?.level} />
                {selfById.has(c.id) && (
                  <SelfChip ctx={ctx} catalog={catalog} fw={fw} code={selfById.get(c.id)?.level} />
                )}
                {view?.override && (
                  <span class="tag" title={view.override.reason}>
                    {ctx.t('profile.override')}
                  </span>
                )}
              </span>
            </span>
          )
          return (
            <li data-component={c.id}>
              {view ? (
                <ComponentDetails {...props} view={view} fw={fw} row={row} />
              ) : (
                <div class="comp">{row}</div>
              )}
            </li>
          )
        })}
      </ol>
    </section>
  )
}

/** A self-assessed level, told apart from the inferred one in words and by a dashed border. */
function SelfChip(props: {
  ctx: PageContext
  catalog: Catalog
  fw: string
  code: string | null | undefined
}) {
  const { ctx } = props
  return (
    <span class="lv self" data-level={props.code ?? 'none'} data-self>
      <abbr title={ctx.t('profile.self')}>{ctx.t('look.selfShort')}</abbr>:{' '}
      {levelName(ctx, props.catalog, props.fw, props.code)}
    </span>
  )
}

function ComponentDetails(
  props: ProfilePageProps & { view: ComponentView; fw: string; row: ComponentChildren },
) {
  const { ctx, catalog, view, fw } = props
  const component = catalog.find(view.componentId)
  if (component?.kind !== 'component') return null
  return (
    <details id={view.componentId} data-component-details={view.componentId}>
      <summary>{props.row}</summary>
      <div class="body">
        <Translation ctx={ctx} text={component.component.name} />
        {view.override && (
          <p class="tag" data-override>
            {ctx.t('profile.override')}
            {view.override.by !== undefined && (
              <OverrideBy ctx={ctx} name={view.override.by} />
            )}: {levelName(ctx, catalog, fw, view.override.level)} ({ctx.t('profile.inferred')}:{' '}
            {levelName(ctx, catalog, fw, view.inferredLevel)}).{' '}
            {ctx.t('profile.overrideReason', { reason: view.override.reason })}
          </p>
        )}
        <p>
          {view.next
            ? ctx.t('profile.nextLevel', {
                level: levelName(ctx, catalog, fw, view.next.level),
                count: view.next.moreNeeded,
              })
            : ctx.t('profile.topLevel')}
        </p>
        {view.levels.map((level) => (
          <div data-level-block={level.code}>
            <h4>
              {levelName(ctx, catalog, fw, level.code)} — {level.metCount}/{level.criteria.length}
            </h4>
            <ul class="crit">
              {level.criteria.map((criterion) => (
                <li data-criterion={criterion.id} data-met={String(criterion.met)}>
                  {criterion.met ? (
                    <span class="ok">✓ {ctx.t('profile.met')}</span>
                  ) : (
                    <span class="miss">✗ {ctx.t('profile.missing')}</span>
                  )}{' '}
                  <code>{criterion.id}</code>{' '}
                  {criterion.text && <Bilingual text={criterion.text} lang={ctx.lang} />}
                  {criterion.text && <Translation ctx={ctx} text={criterion.text} />}
                  {criterion.override && (
                    <div class="tag" data-override>
                      {ctx.t('profile.override')} (
                      {criterion.override.verdict === 'confirm'
                        ? ctx.t('profile.confirmed')
                        : ctx.t('profile.rejected')}
                      )
                      {criterion.override.by !== undefined && (
                        <OverrideBy ctx={ctx} name={criterion.override.by} />
                      )}
                      : {criterion.override.reason}
                    </div>
                  )}
                  <Evidence {...props} sources={criterion.sources} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </details>
  )
}

function Evidence(
  props: ProfilePageProps & {
    sources: ComponentView['levels'][number]['criteria'][number]['sources']
  },
) {
  const { ctx, profile } = props
  const rows = props.sources.flatMap((source) =>
    source.statements.map((s) => ({
      source,
      statement: profile.statements[s.id],
      at: s.observedAt,
    })),
  )
  if (rows.length === 0) return <div class="muted">{ctx.t('profile.noEvidence')}</div>
  return (
    <Scroll label={ctx.t('profile.evidence')}>
      <table data-evidence class="stack">
        <thead>
          <tr>
            <th scope="col">{ctx.t('profile.activity')}</th>
            <th scope="col">{ctx.t('profile.date')}</th>
            <th scope="col">{ctx.t('profile.score')}</th>
            <th scope="col">{ctx.t('profile.credit')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ source, statement, at }) => {
            const tag = profile.tags[source.tagId]
            const iri = statement?.activityIri
            // A statement under the tagged activity (a quiz's attempt) is named within it.
            const under =
              tag?.activityName !== undefined &&
              tag.activityIri !== undefined &&
              iri !== undefined &&
              activityKey(iri) !== activityKey(tag.activityIri)
            const own = statement?.activityName ?? tag?.activityName ?? iri ?? source.tagId
            const name = under ? `${tag.activityName} › ${statement?.activityName ?? iri}` : own
            return (
              <tr>
                <td>
                  {iri && /^https?:\/\//.test(iri) ? (
                    <a href={iri} target="_blank" rel="noopener">
                      {name}
                    </a>
                  ) : (
                    name
                  )}
                </td>
                <td data-label={ctx.t('profile.date')}>
                  {formatDate(ctx.lang, statement?.timestamp ?? at)}
                </td>
                <td data-label={ctx.t('profile.score')}>
                  {statement?.score !== undefined ? formatShare(ctx.lang, statement.score) : '—'}
                </td>
                <td data-label={ctx.t('profile.credit')}>{formatShare(ctx.lang, source.credit)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </Scroll>
  )
}

/** How a person is named on a page: the name, else the family and given names, else unnamed. */
/** Who gave a trainer's verdict: their name (or the recorded actor when no name is known). */
function OverrideBy({ ctx, name }: { ctx: PageContext; name: string }) {
  return (
    <>
      {' '}
      <span data-override-by>{ctx.t('profile.overrideBy', { name })}</span>
    </>
  )
}

export function personName(person: {
  readonly name?: string
  readonly givenName?: string
  readonly familyName?: string
  readonly email?: string
  readonly id: string
}): string {
  const joined = [person.familyName, person.givenName].filter(Boolean).join(' ')
  return person.name ?? (joined || (person.email ?? `#${person.id.slice(0, 8)}`))
}
