import { Layout } from '../layout.tsx'
import { href, type PageContext } from '../page-context.ts'
import { Scroll } from '../parts.tsx'

export interface RosterPageProps {
  readonly ctx: PageContext
  /** Staff per unit ('' for none). */
  readonly units: readonly { readonly unit: string; readonly staff: number }[]
  /** The outcome of an import just made. */
  readonly result?: {
    readonly added: number
    readonly updated: number
    readonly problems: readonly string[]
    readonly imported: boolean
  }
}

/**
 * The staff roster of a school without an LMS roster: who is on it by unit, and a CSV import
 * (email, name, unit, table) with each problem named by row and column. With script, the upload
 * shows its progress; without, the form posts as it is.
 */
export function RosterPage({ ctx, units, result }: RosterPageProps) {
  return (
    <Layout
      ctx={ctx}
      title={ctx.t('roster.title')}
      notice={
        result?.imported
          ? ctx.t('roster.imported', { added: result.added, updated: result.updated })
          : undefined
      }
    >
      {result && result.problems.length > 0 && (
        <div class="error" role="alert" data-problems>
          <p>
            {result.imported
              ? ctx.t('roster.someLeftOut', { count: result.problems.length })
              : ctx.t('roster.nothingImported', { count: result.problems.length })}
          </p>
          <ul>
            {result.problems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <p>{ctx.t('roster.intro')}</p>
      <p>
        <a href={href(ctx, '/app/roster/template.csv')} data-template>
          {ctx.t('roster.template')}
        </a>
      </p>
      <form
        method="post"
        action={href(ctx, '/app/roster')}
        enctype="multipart/form-data"
        data-upload
      >
        <input type="hidden" name="session" value={ctx.token} />
        <label for="file">{ctx.t('roster.file')}</label>
        <input type="file" id="file" name="file" accept=".csv,text/csv" required />
        <label class="check">
          <input type="checkbox" name="validOnly" value="yes" />
          <span>{ctx.t('roster.validOnly')}</span>
        </label>
        <p>
          <button type="submit">{ctx.t('roster.upload')}</button>
        </p>
        <progress max={100} value={0} hidden aria-label={ctx.t('roster.progress')} />
      </form>
      <script dangerouslySetInnerHTML={{ __html: UPLOAD_SCRIPT }} />
      <h2>{ctx.t('roster.byUnit')}</h2>
      <Scroll label={ctx.t('roster.byUnit')}>
        <table data-roster-units>
          <thead>
            <tr>
              <th scope="col">{ctx.t('reports.unit')}</th>
              <th scope="col">{ctx.t('reports.staff')}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr data-unit={u.unit}>
                <th scope="row">{u.unit || ctx.t('reports.noUnit')}</th>
                <td>{u.staff}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </Layout>
  )
}

/**
 * Progressive enhancement of the upload: send with XMLHttpRequest to show the progress, then
 * show the page the server answers (the same page a plain post would give).
 */
const UPLOAD_SCRIPT = `
document.querySelectorAll('form[data-upload]').forEach(function (form) {
  form.addEventListener('submit', function (event) {
    if (!window.FormData || !window.XMLHttpRequest) return;
    event.preventDefault();
    var bar = form.querySelector('progress');
    bar.hidden = false;
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.onprogress = function (e) { if (e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total); };
    xhr.onload = function () { document.open(); document.write(xhr.responseText); document.close(); };
    xhr.onerror = function () { bar.hidden = true; form.submit(); };
    xhr.send(new FormData(form));
  });
});
`
