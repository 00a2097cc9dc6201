// GETs a paged container (AGS 2.0 §3.2.4 line items, NRPS 2.0 memberships) page by page,
// following rel="next" links as they are given (the tool "must use the 'next' URL as is").
import { ServiceResponseInvalid } from '../errors.ts'
import { parseJson } from './http-text.ts'
import { nextLink } from './link-header.ts'
import { type ServiceContext, serviceRequest } from './service-request.ts'

/** More pages than this is a platform sending us in circles. */
export const MAX_PAGES = 1_000

/** The JSON body of each page of the container at `url`, first page first. */
export async function* fetchPages(
  ctx: ServiceContext,
  url: string,
  options: { readonly accept: string; readonly scopes: readonly string[] },
): AsyncGenerator<unknown, void, undefined> {
  const origin = new URL(url).origin
  const seen = new Set<string>()
  let next: string | undefined = url
  while (next !== undefined) {
    if (seen.has(next) || seen.size >= MAX_PAGES) {
      throw new ServiceResponseInvalid(
        `${ctx.platform.name}: the pages of ${url} do not end (${next} again or over ${MAX_PAGES})`,
        url,
      )
    }
    seen.add(next)
    const response = await serviceRequest(ctx, {
      method: 'GET',
      url: next,
      scopes: options.scopes,
      accept: options.accept,
      idempotent: true,
    })
    const body = parseJson(await response.text())
    if (body === undefined) {
      throw new ServiceResponseInvalid(`${ctx.platform.name}: GET ${next} answered no JSON`, next)
    }
    yield body
    const following = nextLink(response.headers.get('link'), next)
    // Our bearer token goes with every page: never to another origin than the first page's.
    if (following !== undefined && new URL(following).origin !== origin) {
      throw new ServiceResponseInvalid(
        `${ctx.platform.name}: the next page of ${url} is on another site (${following})`,
        url,
      )
    }
    next = following
  }
}
