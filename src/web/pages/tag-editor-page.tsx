import type { Catalog } from '../../../framework/index.ts'
import type { SearchHit } from '../../tagging/framework-search.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { Bilingual, SessionField } from '../parts.tsx'
import { FieldProblems, type FormProblem, invalidField, ProblemSummary } from '../form-problems.tsx'
import type { TagForm } from '../../tagging/tag-form.ts'
import { listedVerbs } from '../../tagging/tag-verbs.ts'
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
  /** The fields as the tag has them, or as the trainer left them. */
  readonly form: TagForm
  /** Why the form was not saved, at its fields. */
  readonly problems?: readonly FormProblem[]
}

/**
 * The tag editor: a framework browser searched without accents ("ky nang" finds "kĩ năng"),
 * the competencies chosen (kept across searches), and the rule with the verbs that count; one
 * form, two buttons. A refused save comes back with every field as typed and each problem at
 * its field.
 */
export function TagEditorPage(props: TagEditorProps) {
  const { ctx, catalog, hits, form } = props
  const problems = props.problems ?? []
  const selected = form.competency
  const chosen = new Set(selected)
  const path = props.tagId ? `/app/tags/${props.tagId}` : '/app/tags/new'
  const hidden = Object.entries(props.target)
  const ticked = new Set(form.verb)
  return (
    <Layout ctx={ctx} title={ctx.t(props.tagId ? 'tagEditor.editTitle' : 'tagEditor.newTitle')}>
      <ProblemSummary ctx={ctx} problems={problems} />
      <p data-target id="activity">
        {props.targetName}
      </p>
      <FieldProblems problems={problems} field="activity" />
      <form method="get" action={href(ctx, path)}>
        <SessionField ctx={ctx} />
        {/* The fields below are the trainer's from here on, unticked boxes too. */}
        <input type="hidden" name="edited" value="yes" />
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
        <fieldset data-selected id="competency" {...invalidField(problems, 'competency')}>
          <legend>{ctx.t('tagEditor.chosen', { count: selected.length })}</legend>
          <FieldProblems problems={problems} field="competency" />
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
            value={form.minScore}
            problems={problems}
          />
          <label class="check">
            <input
              type="checkbox"
              name="requireSuccess"
              value="yes"
              checked={form.requireSuccess}
            />
            <span>{ctx.t('tagEditor.requireSuccess')}</span>
          </label>
          <label class="check">
            <input type="checkbox" name="objectOnly" value="yes" checked={form.objectOnly} />
            <span>{ctx.t('tagEditor.objectOnly')}</span>
          </label>
          <RuleField
            name="count"
            label={ctx.t('tagEditor.count')}
            inputMode="numeric"
            value={form.count}
            problems={problems}
          />
          <RuleField
            name="weight"
            label={ctx.t('tagEditor.weight')}
            inputMode="decimal"
            value={form.weight}
            problems={problems}
          />
        </fieldset>
        <fieldset data-verbs id="verb" {...invalidField(problems, 'verb')}>
          <legend>{ctx.t('tagVerbs.legend')}</legend>
          <p class="muted">{ctx.t('tagVerbs.hint')}</p>
          <FieldProblems problems={problems} field="verb" />
          {listedVerbs(form.verb).map((verb) => (
            <label class="check" data-verb={verb.id}>
              <input type="checkbox" name="verb" value={verb.id} checked={ticked.has(verb.id)} />
              {verb.key === 'other' ? (
                <span>
                  {ctx.t('tagVerbs.other')}: <code>{verb.id}</code>
                </span>
              ) : (
                <span title={verb.id}>{ctx.t(`tagVerbs.${verb.key}`)}</span>
              )}
            </label>
          ))}
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

/** A number of the rule as typed (a comma or a per cent sign is fine), its label and problem. */
function RuleField(props: {
  name: 'minScore' | 'count' | 'weight'
  label: string
  inputMode: 'decimal' | 'numeric'
  value: string
  problems: readonly FormProblem[]
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
        {...invalidField(props.problems, props.name)}
      />
      <FieldProblems problems={props.problems} field={props.name} />
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
