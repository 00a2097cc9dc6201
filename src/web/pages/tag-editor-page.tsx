import type { Catalog } from '../../../framework/index.ts'
import type { SearchHit } from '../../tagging/framework-search.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { Bilingual, SessionField } from '../parts.tsx'
import { RemoveTag } from './course-page.tsx'

export interface TagEditorProps {
  readonly ctx: PageContext
  readonly catalog: Catalog
  /** What is tagged, as the page names it. */
  readonly targetName: string
  /** The hidden fields that say what is tagged (activityId or activityIri). */
  readonly target: Readonly<Record<string, string>>
  /** The tag being changed; absent for a new one. */
  readonly tagId?: string
  readonly query: string
  readonly hits: readonly SearchHit[]
  /** How many hits there were before the page's limit. */
  readonly totalHits: number
  readonly selected: readonly string[]
  readonly rule: {
    readonly minScore?: number
    readonly requireSuccess: boolean
    readonly objectOnly: boolean
    readonly count: number
    readonly weight: number
  }
}

/**
 * The tag editor: a framework browser searched without accents ("ky nang" finds "kĩ năng"),
 * the competencies chosen (kept across searches), and the rule; one form, two buttons.
 */
export function TagEditorPage(props: TagEditorProps) {
  const { ctx, catalog, hits, selected } = props
  const chosen = new Set(selected)
  const path = props.tagId ? `/app/tags/${props.tagId}` : '/app/tags/new'
  const hidden = Object.entries(props.target)
  return (
    <Layout ctx={ctx} title={ctx.t(props.tagId ? 'tagEditor.editTitle' : 'tagEditor.newTitle')}>
      <p data-target>{props.targetName}</p>
      <form method="get" action={href(ctx, path)}>
        <SessionField ctx={ctx} />
        {hidden.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <label for="q">{ctx.t('tagEditor.search')}</label>
        <div class="inline">
          <input type="search" id="q" name="q" value={props.query} />{' '}
          <button type="submit" class="secondary">
            {ctx.t('common.search')}
          </button>
        </div>
        <fieldset data-selected>
          <legend>{ctx.t('tagEditor.chosen', { count: selected.length })}</legend>
          {selected.map((id) => (
            <label class="check">
              <input type="checkbox" name="competency" value={id} checked />
              <span>
                <code>{id}</code> <Describe catalog={catalog} id={id} lang={ctx.lang} />
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset data-hits>
          <legend>
            {ctx.t('tagEditor.results', { count: props.totalHits })}
            {props.totalHits > hits.length &&
              ` — ${ctx.t('tagEditor.narrow', { count: hits.length })}`}
          </legend>
          {hits
            .filter((h) => !chosen.has(h.id))
            .map((hit) => (
              <label class="check" data-hit={hit.id}>
                <input type="checkbox" name="competency" value={hit.id} />
                <span>
                  <code>{hit.id}</code> {hit.componentNumber}{' '}
                  {hit.kind === 'level' ? (
                    <strong>
                      {ctx.t('tagEditor.wholeLevel')}: <Bilingual text={hit.text} lang={ctx.lang} />
                    </strong>
                  ) : (
                    <Bilingual text={hit.text} lang={ctx.lang} />
                  )}
                </span>
              </label>
            ))}
        </fieldset>
        <fieldset>
          <legend>{ctx.t('tagEditor.rule')}</legend>
          <RuleField
            name="minScore"
            label={ctx.t('tagEditor.minScore')}
            inputMode="decimal"
            value={
              props.rule.minScore === undefined ? '' : String(Math.round(props.rule.minScore * 100))
            }
          />
          <label class="check">
            <input
              type="checkbox"
              name="requireSuccess"
              value="yes"
              checked={props.rule.requireSuccess}
            />
            <span>{ctx.t('tagEditor.requireSuccess')}</span>
          </label>
          <label class="check">
            <input type="checkbox" name="objectOnly" value="yes" checked={props.rule.objectOnly} />
            <span>{ctx.t('tagEditor.objectOnly')}</span>
          </label>
          <RuleField
            name="count"
            label={ctx.t('tagEditor.count')}
            inputMode="numeric"
            value={String(props.rule.count)}
          />
          <RuleField
            name="weight"
            label={ctx.t('tagEditor.weight')}
            inputMode="decimal"
            value={String(props.rule.weight)}
          />
        </fieldset>
        <p>
          <button type="submit" formmethod="post" formaction={href(ctx, path)}>
            {ctx.t('tagEditor.save')}
          </button>
        </p>
      </form>
      {props.tagId && <RemoveTag ctx={ctx} tagId={props.tagId} />}
    </Layout>
  )
}

/** A number of the rule, typed (a comma or a per cent sign is fine), with its label. */
function RuleField(props: {
  name: string
  label: string
  inputMode: 'decimal' | 'numeric'
  value: string
}) {
  return (
    <>
      <label for={props.name}>{props.label}</label>
      <input
        type="text"
        inputMode={props.inputMode}
        id={props.name}
        name={props.name}
        value={props.value}
      />
    </>
  )
}

function Describe({
  catalog,
  id,
  lang,
}: {
  catalog: Catalog
  id: string
  lang: PageContext['lang']
}) {
  const entry = catalog.find(id)
  if (entry?.kind === 'descriptor') return <Bilingual text={entry.descriptor.text} lang={lang} />
  if (entry?.kind === 'level') {
    return (
      <>
        {entry.component.number} <Bilingual text={entry.definition.name} lang={lang} />
      </>
    )
  }
  return null
}
