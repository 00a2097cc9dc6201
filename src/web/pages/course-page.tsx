import type { Catalog } from '../../../framework/index.ts'
import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { Scroll, SessionField } from '../parts.tsx'
import { UploadForm } from '../upload-form.tsx'
import { CourseTableForm, type CourseTableFormProps } from './course-table-form.tsx'

/** An activity of the course as the trainer sees it, with where NLS learnt of it. */
export interface CourseActivity {
  /** NLS's activity id (absent for one seen only in statements). */
  readonly activityId?: string
  readonly iri?: string
  readonly name?: string
  /** An LTI link of the LMS, named in recent statements, or only kept by NLS (tagged before). */
  readonly source: 'link' | 'statements' | 'kept'
  /** How many statements about it were seen lately (statement-seen activities). */
  readonly statements?: number
  readonly tags: readonly CourseTag[]
}

/** A tag as the course page lists it; `editable`: the viewer may change it (a link to do so). */
export interface CourseTag {
  readonly id: string
  readonly competencyIds: readonly string[]
  readonly editable: boolean
}

export interface CoursePageProps {
  readonly ctx: PageContext
  readonly catalog: Catalog
  /** The course's title; absent: the page shows the school's activities, not a course's. */
  readonly courseTitle?: string
  /** The course's table form (a course's page only). */
  readonly courseTable?: Omit<CourseTableFormProps, 'ctx'>
  readonly activities: readonly CourseActivity[]
  /** Tags on IRI prefixes (they cover activities of any course). */
  readonly prefixTags: readonly (CourseTag & { readonly prefix: string })[]
  readonly notice?: string
  /** The outcome of a tag file just uploaded. */
  readonly upload?: {
    readonly imported: boolean
    readonly stored: number
    readonly refused: number
    readonly messages: readonly string[]
  }
  /** The upload form as it was sent: its choice of valid rows, and why it was refused. */
  readonly uploadForm?: { readonly problem?: string; readonly validOnly: boolean }
}

/**
 * The course's activities (linked from the LMS, or seen in its statements) with their tags;
 * a tag editor for each, and the tags as a CSV file to download.
 */
export function CoursePage(props: CoursePageProps) {
  const { ctx, courseTitle, activities, prefixTags, upload } = props
  const notice = upload?.imported
    ? ctx.t('course.imported', { count: upload.stored, refused: upload.refused })
    : props.notice
  return (
    <Layout ctx={ctx} title={ctx.t('course.title')} notice={notice}>
      {upload && upload.messages.length > 0 && (
        <div class={upload.imported ? 'notice' : 'error'} role="alert" data-problems>
          {!upload.imported && <p>{ctx.t('course.nothingImported')}</p>}
          <ul>
            {upload.messages.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        </div>
      )}
      {courseTitle && <p data-course>{courseTitle}</p>}
      <p>{ctx.t(courseTitle === undefined ? 'course.schoolIntro' : 'course.intro')}</p>
      <p>
        <a class="button secondary" href={href(ctx, '/app/course/tags.csv')} data-export>
          {ctx.t('course.export')}
        </a>
      </p>
      <Scroll label={ctx.t('course.title')}>
        <table data-activities>
          <thead>
            <tr>
              <th scope="col">{ctx.t('course.activity')}</th>
              <th scope="col">{ctx.t('course.tags')}</th>
              <th scope="col">{ctx.t('course.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {activities.map((a) => {
              const editParams = a.activityId
                ? { activityId: a.activityId }
                : { activityIri: a.iri }
              return (
                <tr data-activity={a.iri ?? a.activityId}>
                  <th scope="row">
                    {a.name ?? a.iri ?? a.activityId}
                    <br />
                    <small class="muted">
                      {a.source === 'link'
                        ? ctx.t('course.fromLink')
                        : a.source === 'statements'
                          ? ctx.t('course.fromStatements', { count: a.statements ?? 0 })
                          : ctx.t('course.kept')}
                    </small>
                  </th>
                  <td>
                    {a.tags.length === 0 && <span class="muted">{ctx.t('course.untagged')}</span>}
                    {a.tags.map((tag) => (
                      <div data-tag={tag.id}>
                        {tag.competencyIds.map((id) => (
                          <span class="tag">{id}</span>
                        ))}{' '}
                        {tag.editable && (
                          <a href={href(ctx, `/app/tags/${tag.id}`)}>{ctx.t('course.edit')}</a>
                        )}
                      </div>
                    ))}
                  </td>
                  <td>
                    <a href={href(ctx, '/app/tags/new', editParams)}>{ctx.t('course.addTag')}</a>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </Scroll>
      {props.courseTable && <CourseTableForm ctx={ctx} {...props.courseTable} />}
      <h2>{ctx.t('course.importTitle')}</h2>
      <p>{ctx.t('course.importIntro')}</p>
      <UploadForm ctx={ctx} action="/app/course/tags" {...props.uploadForm} />
      {prefixTags.length > 0 && (
        <>
          <h2>{ctx.t('course.prefixTags')}</h2>
          <ul>
            {prefixTags.map((t) => (
              <li data-tag={t.id}>
                <code>{t.prefix}*</code>{' '}
                {t.competencyIds.map((id) => (
                  <span class="tag">{id}</span>
                ))}{' '}
                {t.editable && <a href={href(ctx, `/app/tags/${t.id}`)}>{ctx.t('course.edit')}</a>}
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  )
}

/** A form that removes a tag (a button, with the session). */
export function RemoveTag({ ctx, tagId }: { ctx: PageContext; tagId: string }) {
  return (
    <form method="post" action={href(ctx, `/app/tags/${tagId}/delete`)} class="inline">
      <SessionField ctx={ctx} />
      <button type="submit" class="secondary">
        {ctx.t('tagEditor.remove')}
      </button>
    </form>
  )
}
