import type { ComponentChildren } from 'preact'
import { href, type PageContext } from './page-context.ts'
import { FieldProblems, invalidField } from './form-problems.tsx'

/**
 * A CSV upload: the file, "import the valid rows only", and a button. With script, the upload
 * shows its progress and the page the server answers replaces this one; without, the form posts
 * as it is. The session rides in the multipart body (read before the page session). A refused
 * upload comes back with its choice of the valid rows kept and its problem at the file field.
 */
export function UploadForm(props: {
  ctx: PageContext
  action: string
  /** Why the upload was refused before its rows were read (no file chosen). */
  problem?: string
  validOnly?: boolean
}) {
  const { ctx, action, ...rest } = props
  return (
    <CsvUploadForm t={ctx.t} action={href(ctx, action)} hidden={{ session: ctx.token }} {...rest} />
  )
}

/**
 * The CSV upload form itself, for any page: its hidden fields (what proves the form is the
 * page's own) and any more choices (`children`) above the button.
 */
export function CsvUploadForm(props: {
  t: PageContext['t']
  /** The form's address, ready to use. */
  action: string
  hidden: Readonly<Record<string, string>>
  problem?: string | undefined
  validOnly?: boolean | undefined
  children?: ComponentChildren
}) {
  const { t } = props
  const problems = props.problem ? [{ field: 'file', message: props.problem }] : []
  const labels = {
    file: t('upload.file'),
    validOnly: t('upload.validOnly'),
    upload: t('upload.upload'),
    progress: t('upload.progress'),
  }
  return (
    <>
      <form method="post" action={props.action} enctype="multipart/form-data" data-upload>
        {Object.entries(props.hidden).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <label for="file">{labels.file}</label>
        <input
          type="file"
          id="file"
          name="file"
          accept=".csv,text/csv"
          required
          {...invalidField(problems, 'file')}
        />
        <FieldProblems problems={problems} field="file" />
        <label class="check">
          <input type="checkbox" name="validOnly" value="yes" checked={props.validOnly === true} />
          <span>{labels.validOnly}</span>
        </label>
        {props.children}
        <p>
          <button type="submit">{labels.upload}</button>
        </p>
        <progress max={100} value={0} hidden aria-label={labels.progress} />
      </form>
      <script dangerouslySetInnerHTML={{ __html: UPLOAD_SCRIPT }} />
    </>
  )
}

/** The upload form's script, inline (the CSP allows it by its hash: src/server/security-headers.ts). */
export const UPLOAD_SCRIPT = `
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
