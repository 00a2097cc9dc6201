// Reading and posting the /app pages in tests: an element of a page's HTML, a form posted with
// the session token its page carries, and a reporting day that is always due soon.

/** The HTML of the first element with this attribute, its nested elements included. */
export function element(page: string, attribute: string): string {
  const at = page.indexOf(attribute)
  if (at < 0) return ''
  const start = page.lastIndexOf('<', at)
  const name = /^<(\w+)/.exec(page.slice(start))![1]!
  const tags = new RegExp(`<(/?)${name}[\\s>]`, 'g')
  tags.lastIndex = start + 1
  for (let depth = 1, m = tags.exec(page); m; m = tags.exec(page)) {
    depth += m[1] ? -1 : 1
    if (depth === 0) return page.slice(start, page.indexOf('>', m.index) + 1)
  }
  return page.slice(start)
}

/**
 * Posts a form of /app at `url` + `path` with a signed-in browser's `cookie`, carrying the
 * session token that the page at `from` (a path) gives its forms.
 */
export async function postAppForm(
  url: string,
  cookie: string,
  path: string,
  fields: Record<string, string>,
  from: string,
): Promise<Response> {
  const html = await (await fetch(`${url}${from}`, { headers: { cookie } })).text()
  const session = /name="session" value="([^"]+)"/.exec(html)?.[1]
  if (!session) throw new Error(`no session field in ${from}`)
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { cookie },
    body: new URLSearchParams({ session, ...fields }),
    redirect: 'manual',
  })
}

/** A day (MM-DD) 20 days from now in Vietnam: a report due then is one to file today. */
export const dueSoon = () =>
  new Date(Date.now() + 20 * 86_400_000 + 7 * 3_600_000).toISOString().slice(5, 10)
