import { href, type PageContext } from './page-context.ts'

/**
 * A CSV upload: the file, "import the valid rows only", and a button. With script, the upload
 * shows its progress and the page the server answers replaces this one; without, the form posts
 * as it is. The session rides in the multipart body (read before the page session).
 */
export function UploadForm(props: { ctx: PageContext; action: string }) {
  const { ctx } = props
  const labels = {
    file: ctx.t('upload.file'),
    validOnly: ctx.t('upload.validOnly'),
    upload: ctx.t('upload.upload'),
    progress: ctx.t('upload.progress'),
  }
  return (
    <>
      <form
        method="post"
        action={href(ctx, props.action)}
        enctype="multipart/form-data"
        data-upload
      >
        <input type="hidden" name="session" value={ctx.token} />
        <label for="file">{labels.file}</label>
        <input type="file" id="file" name="file" accept=".csv,text/csv" required />
        <label class="check">
          <input type="checkbox" name="validOnly" value="yes" />
          <span>{labels.validOnly}</span>
        </label>
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
