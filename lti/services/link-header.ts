// The HTTP Link header (RFC 8288), read leniently: AGS 2.0 §3.2.4 and NRPS 2.0 announce the next
// page of a container with rel="next", and Moodle writes rel=“next” with typographic quotes,
// sent as raw UTF-8 bytes that fetch hands over as Latin-1 characters.

/** One link of a Link header: its target and its relation types (lower case). */
export interface Link {
  readonly url: string
  readonly rels: readonly string[]
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '”': '”', '‘': '’' }

/** The links of a Link header value, in order; what cannot be read is skipped. */
export function parseLinkHeader(value: string | null | undefined): Link[] {
  if (!value) return []
  const text = utf8FromLatin1(value)
  const links: Link[] = []
  // RFC 8288 §3: link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param ), comma-separated.
  // Targets are taken whole from <…>, so a comma inside a URL does not split it.
  const pattern = /<([^>]*)>([^<]*)/g
  for (const match of text.matchAll(pattern)) {
    const rel = param(match[2] ?? '', 'rel')
    if (rel === undefined) continue
    links.push({
      url: (match[1] ?? '').trim(),
      rels: rel.toLowerCase().split(/\s+/).filter(Boolean),
    })
  }
  return links
}

/** The absolute URL of the rel="next" link, resolved against the page's own URL (RFC 8288 §3.2). */
export function nextLink(value: string | null | undefined, base: string): string | undefined {
  const next = parseLinkHeader(value).find((link) => link.rels.includes('next'))
  if (!next) return undefined
  try {
    return new URL(next.url, base).href
  } catch {
    return undefined
  }
}

/** The value of the first parameter named `name` (RFC 8288 §3.3: later `rel`s are ignored). */
function param(params: string, name: string): string | undefined {
  for (const part of params.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0 || part.slice(0, eq).trim().toLowerCase() !== name) continue
    let raw = part.slice(eq + 1).trim()
    // Up to the end of this link-value: a comma ends it unless inside quotes.
    const close = QUOTES[raw[0] ?? '']
    if (close !== undefined) {
      const end = raw.indexOf(close, 1)
      // Moodle closes with ” or ", whichever; accept any closing quote mark.
      const anyEnd = end >= 0 ? end : raw.slice(1).search(/["”’']/) + 1
      raw = anyEnd > 0 ? raw.slice(1, anyEnd) : raw.slice(1)
    } else {
      raw = raw.split(',')[0] ?? ''
    }
    return raw.trim()
  }
  return undefined
}

/** Header values carrying raw UTF-8 bytes arrive as Latin-1 characters; decode them back. */
function utf8FromLatin1(value: string): string {
  const codes = Array.from(value, (c) => c.charCodeAt(0))
  if (!codes.some((c) => c >= 0x80) || codes.some((c) => c > 0xff)) return value
  const decoded = Buffer.from(value, 'latin1').toString('utf8')
  return decoded.includes('\uFFFD') ? value : decoded
}
