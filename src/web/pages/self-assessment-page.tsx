import type { AudienceEntry, Catalog } from '../../../framework/index.ts'
import type { ProfileModel } from '../../evaluation/profile.ts'
import { agreement } from '../../evaluation/self-assessment.ts'
import { hasGradeTargets } from '../../learners/grade-target.ts'
import { missingText } from '../../learners/pupil-view.ts'
import { Layout } from '../layout.tsx'
import type { PageContext } from '../page-context.ts'
import { Bilingual, LevelBadge, levelName, levelRank, TablesForm, Translation } from '../parts.tsx'

export interface SelfAssessmentPageProps {
  readonly ctx: PageContext
  readonly catalog: Catalog
  readonly tables: readonly AudienceEntry[]
  readonly profile: ProfileModel
  readonly notice?: string
}

/**
 * Self-assessment: each component's descriptors, level by level, as "I can…" statements to
 * tick; beside each component, the level the ticks give and how it stands to the inferred one.
 */
export function SelfAssessmentPage({
  ctx,
  catalog,
  tables,
  profile,
  notice,
}: SelfAssessmentPageProps) {
  const inferred = new Map(profile.components.map((c) => [c.componentId, c.level]))
  const latest = new Map(profile.selfAssessments.map((s) => [s.componentId, s]))
  return (
    <Layout ctx={ctx} title={ctx.t('self.title')} notice={notice}>
      {/* A pupil (only learners' tables) is spoken to as "em". */}
      {tables.every((t) => hasGradeTargets(t.framework)) ? (
        <p data-pupil-intro>{ctx.t('pupilPages.selfIntro')}</p>
      ) : (
        <p>{ctx.t('self.intro')}</p>
      )}
      {tables.some((t) => hasGradeTargets(t.framework) && missingText(t.audience)) && (
        <p class="notice warning" data-missing-text>
          <strong>{ctx.t('pupilPages.missingText')}</strong>
        </p>
      )}
      <TablesForm
        ctx={ctx}
        action="/app/self-assessment"
        tables={tables}
        save={ctx.t('self.save')}
        component={(component, table) => {
          const fw = table.framework.id
          // A pupil ticks only the circular's own words: a level without them has no box.
          const pupil = hasGradeTargets(table.framework)
          const mine = latest.get(component.id)
          const ticked = new Set(mine?.criteria ?? [])
          const own = inferred.get(component.id) ?? null
          const stance = mine
            ? agreement(levelRank(catalog, fw, mine.level), levelRank(catalog, fw, own))
            : undefined
          return (
            <details data-component={component.id}>
              <summary>
                <strong>{component.number}</strong>{' '}
                <Bilingual text={component.name} lang={ctx.lang} />
                <br />
                {ctx.t('profile.inferred')}:{' '}
                <LevelBadge ctx={ctx} catalog={catalog} frameworkId={fw} code={own} /> ·{' '}
                {ctx.t('profile.self')}:{' '}
                {mine ? (
                  <>
                    <LevelBadge ctx={ctx} catalog={catalog} frameworkId={fw} code={mine.level} />{' '}
                    <span class={stance === 'agree' ? 'ok' : 'miss'} data-agreement={stance}>
                      {ctx.t(`self.${stance}`)}
                    </span>
                  </>
                ) : (
                  <span class="muted">{ctx.t('self.notAssessed')}</span>
                )}
              </summary>
              <input type="hidden" name="shown" value={component.id} />
              <Translation
                ctx={ctx}
                text={[
                  component.name,
                  ...component.levels.flatMap((l) => l.descriptors.map((d) => d.text)),
                ]}
              />
              {component.levels.map((level) => (
                <fieldset>
                  <legend>
                    <LevelBadge ctx={ctx} catalog={catalog} frameworkId={fw} code={level.code} />{' '}
                    {ctx.t(pupil ? 'pupilPages.iCan' : 'self.iCan')}
                  </legend>
                  {pupil && level.descriptors.length === 0 && (
                    <p class="muted" data-no-text={level.code}>
                      {ctx.t('pupilPages.levelNoText', {
                        level: levelName(ctx, catalog, fw, level.code),
                      })}
                    </p>
                  )}
                  {!pupil && level.descriptors.length === 0 && (
                    // A level without descriptor text is its own criterion.
                    <label class="check">
                      <input
                        type="checkbox"
                        name="criteria"
                        value={`${component.id}.${level.code}`}
                        checked={ticked.has(`${component.id}.${level.code}`)}
                      />
                      <span>
                        {component.number} · {level.code}
                      </span>
                    </label>
                  )}
                  {level.descriptors.map((d) => (
                    <label class="check">
                      <input
                        type="checkbox"
                        name="criteria"
                        value={d.id}
                        checked={ticked.has(d.id)}
                      />
                      <span>
                        <Bilingual text={d.text} lang={ctx.lang} />
                      </span>
                    </label>
                  ))}
                </fieldset>
              ))}
            </details>
          )
        }}
      />
    </Layout>
  )
}
