import type { ComponentChildren } from 'preact'
import type { AudienceEntry, Catalog, LocalizedText } from '../../framework/index.ts'
import { href, type PageContext } from './page-context.ts'

/**
 * Framework text in the page's language, one language at a time. The circular's Vietnamese is
 * law, so it is always there verbatim: alone in the Vietnamese view (the translation is one
 * click away in `Translation`), and beside the English, smaller, in the English view.
 */
export function Bilingual({ text, lang }: { text: LocalizedText; lang: PageContext['lang'] }) {
  if (lang !== 'en' || !text.en) return <span lang="vi">{text.vi}</span>
  return (
    <>
      <span lang="en">{text.en}</span>{' '}
      <span class="vi" lang="vi">
        {text.vi}
      </span>
    </>
  )
}

/**
 * The English translation of framework text in the Vietnamese view, folded away so the page is
 * not doubled (nothing in the English view, where `Bilingual` shows both). Several texts (a
 * component's descriptors) fold together, one per line.
 */
export function Translation({
  ctx,
  text,
}: {
  ctx: Pick<PageContext, 'lang' | 't'>
  text: LocalizedText | readonly LocalizedText[]
}) {
  const english = [text]
    .flat()
    .map((t) => t.en)
    .filter((en): en is string => Boolean(en))
  if (ctx.lang === 'en' || english.length === 0) return null
  return (
    <details class="tr">
      <summary>{ctx.t('look.translation')}</summary>
      {english.length === 1 ? (
        <span lang="en">{english[0]}</span>
      ) : (
        <ul lang="en">
          {english.map((en) => (
            <li>{en}</li>
          ))}
        </ul>
      )}
    </details>
  )
}

/** The name of a level of a framework in the page's language ("Chưa đạt" for none). */
export function levelName(
  ctx: Pick<PageContext, 'lang' | 't'>,
  catalog: Catalog,
  frameworkId: string,
  code: string | null | undefined,
): string {
  if (!code) return ctx.t('levels.none')
  const level = catalog.find(frameworkId)?.framework.levels.find((l) => l.code === code)
  return level ? (level.name[ctx.lang] ?? level.name.vi) : code
}

/** The rank of a level in its framework (0 for none), for charts and comparisons. */
export function levelRank(catalog: Catalog, frameworkId: string, code: string | null | undefined) {
  if (!code) return 0
  return catalog.find(frameworkId)?.framework.levels.find((l) => l.code === code)?.rank ?? 0
}

/** A level as a coloured badge, with its name in words (colour is never the only signal). */
export function LevelBadge(props: {
  ctx: Pick<PageContext, 'lang' | 't'>
  catalog: Catalog
  frameworkId: string
  code: string | null | undefined
}) {
  const code = props.code ?? 'none'
  const cls = ['CB', 'TT', 'NC'].includes(code) ? code : props.code ? 'TT' : 'none'
  return (
    <span class={`lv lv-${cls}`} data-level={code}>
      {levelName(props.ctx, props.catalog, props.frameworkId, props.code)}
    </span>
  )
}

/** The session as a hidden form field: a POST without it is refused (no cross-site forms). */
export function SessionField({ ctx }: { ctx: Pick<PageContext, 'token'> }) {
  return <input type="hidden" name="session" value={ctx.token} />
}

/**
 * What a GET form must carry itself (a browser drops its action's query): the session where
 * links carry it, and the language when not Vietnamese.
 */
export function QueryFields({
  ctx,
}: {
  ctx: Pick<PageContext, 'token' | 'carrySession' | 'lang'>
}) {
  return (
    <>
      {ctx.carrySession && <input type="hidden" name="session" value={ctx.token} />}
      {ctx.lang !== 'vi' && <input type="hidden" name="lang" value={ctx.lang} />}
    </>
  )
}

/** The choice of a unit (a district's school, or a school's group), "all units" first. */
export function UnitSelect(props: {
  ctx: Pick<PageContext, 't'>
  units: readonly string[]
  unit: string | undefined
}) {
  return (
    <div>
      <label for="unit">{props.ctx.t('reports.unit')}</label>
      <select id="unit" name="unit">
        <option value="">{props.ctx.t('reports.allUnits')}</option>
        {props.units.map((u) => (
          <option value={u} selected={u === props.unit}>
            {u}
          </option>
        ))}
      </select>
    </div>
  )
}

/** The chooser of a competency table (audience), named by `label`. */
export function TableSelect(props: {
  ctx: Pick<PageContext, 'lang'>
  label: string
  audiences: readonly AudienceEntry[]
  audience: AudienceEntry
}) {
  const { ctx, audiences, audience } = props
  return (
    <div>
      <label for="audience">{props.label}</label>
      <select id="audience" name="audience">
        {audiences.map((a) => (
          <option value={a.id} selected={a.id === audience.id}>
            {a.audience.name[ctx.lang] ?? a.audience.name.vi}
          </option>
        ))}
      </select>
    </div>
  )
}

/** A date as the page's language writes it (22/11/2026 in Vietnamese). */
export function formatDate(lang: PageContext['lang'], date: Date | string): string {
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(date))
}

/** A share (0–1) as a percentage, e.g. 80 %. */
export function formatShare(lang: PageContext['lang'], share: number): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share)
}

/**
 * A box that scrolls sideways on a small screen (a wide table), reachable and scrollable from the
 * keyboard, named for screen readers.
 */
export function Scroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  )
}

/**
 * A form over a person's tables (saved to `action`): a section per table headed by its name, each
 * component of it drawn by `component` (nothing for null), and the save button.
 */
export function TablesForm(props: {
  ctx: PageContext
  action: string
  tables: readonly AudienceEntry[]
  component: (
    component: AudienceEntry['audience']['components'][number],
    table: AudienceEntry,
  ) => ComponentChildren
  save: string
}) {
  const { ctx } = props
  return (
    <form method="post" action={href(ctx, props.action)}>
      <SessionField ctx={ctx} />
      {props.tables.map((table) => (
        <section data-table={table.id}>
          <h2>
            <Bilingual text={table.audience.name} lang={ctx.lang} />
          </h2>
          {table.audience.components.map((c) => props.component(c, table))}
        </section>
      ))}
      <p>
        <button type="submit">{props.save}</button>
      </p>
    </form>
  )
}
