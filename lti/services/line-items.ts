// AGS 2.0 §3.2, the line item service: list a context's line items and find or create one.
// https://www.imsglobal.org/spec/lti-ags/v2p0/#line-item-service-scope-and-allowed-http-methods
import { z } from 'zod'
import { ServiceResponseInvalid } from '../errors.ts'
import { fetchPages } from './fetch-pages.ts'
import { parseJson } from './http-text.ts'
import { MEDIA_TYPE, SCOPE } from './scopes.ts'
import { type ServiceContext, serviceRequest } from './service-request.ts'

/** A line item (a gradebook column) as the platform describes it (§3.2.3–§3.2.11). */
export interface LineItem {
  /** Its URL (§3.2.3), the base of its scores URL. */
  readonly id: string
  readonly label: string
  readonly scoreMaximum: number
  readonly resourceId?: string
  readonly resourceLinkId?: string
  readonly tag?: string
}

/** The container filters of §3.2.4. */
export interface LineItemFilter {
  readonly resourceLinkId?: string
  readonly resourceId?: string
  readonly tag?: string
}

export interface LineItemInput extends LineItemFilter {
  /** The `lineitems` URL of the AGS claim (§3.1). */
  readonly lineItemsUrl: string
  readonly label: string
  readonly scoreMaximum: number
}

// §3.2.10, §3.2.11: an unset resourceId or tag may be absent, blank or null.
const OptionalText = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : String(v)))

const LineItemJson = z.looseObject({
  id: z.url(),
  label: z.string(),
  scoreMaximum: z.coerce.number(),
  resourceId: OptionalText,
  resourceLinkId: OptionalText,
  tag: OptionalText,
})
const LineItemContainer = z.array(LineItemJson)

/** The line items of the container at `lineItemsUrl` that match `filter`, every page. */
export async function listLineItems(
  ctx: ServiceContext,
  lineItemsUrl: string,
  filter: LineItemFilter = {},
): Promise<LineItem[]> {
  const url = new URL(lineItemsUrl)
  // §3.2.4: the platform MUST support these filters. Moodle's next-page links drop them, so
  // every page is filtered here as well.
  if (filter.resourceLinkId !== undefined)
    url.searchParams.set('resource_link_id', filter.resourceLinkId)
  if (filter.resourceId !== undefined) url.searchParams.set('resource_id', filter.resourceId)
  if (filter.tag !== undefined) url.searchParams.set('tag', filter.tag)
  const items: LineItem[] = []
  const pages = fetchPages(ctx, url.href, {
    accept: MEDIA_TYPE.lineItemContainer,
    scopes: [SCOPE.lineItem],
  })
  for await (const page of pages) {
    const parsed = LineItemContainer.safeParse(page)
    if (!parsed.success) throw invalid(ctx, 'GET', url.href, parsed.error)
    items.push(...parsed.data.map(toLineItem).filter((item) => matches(item, filter)))
  }
  return items
}

/** The line item bound to the filter's resource link, resource or tag; created if none is. */
export async function findOrCreateLineItem(
  ctx: ServiceContext,
  input: LineItemInput,
): Promise<LineItem> {
  const filter: LineItemFilter = {
    ...(input.resourceLinkId === undefined ? {} : { resourceLinkId: input.resourceLinkId }),
    ...(input.resourceId === undefined ? {} : { resourceId: input.resourceId }),
    ...(input.tag === undefined ? {} : { tag: input.tag }),
  }
  if (Object.keys(filter).length === 0) {
    // §3.2.15: line items are found again by resourceLinkId, resourceId and/or tag.
    throw new TypeError('findOrCreateLineItem needs a resourceLinkId, resourceId or tag')
  }
  // §3.2.7: the label MUST NOT be blank; §3.2.8: scoreMaximum MUST be greater than 0.
  if (!input.label.trim()) throw new TypeError('a line item label must not be blank')
  if (!(input.scoreMaximum > 0)) throw new TypeError('scoreMaximum must be greater than 0')

  const [found] = await listLineItems(ctx, input.lineItemsUrl, filter)
  if (found) return found

  // §3.2.5: POST a line item to the container; the answer is the new item with its id.
  const response = await serviceRequest(ctx, {
    method: 'POST',
    url: input.lineItemsUrl,
    scopes: [SCOPE.lineItem],
    accept: MEDIA_TYPE.lineItem,
    contentType: MEDIA_TYPE.lineItem,
    body: JSON.stringify({ label: input.label, scoreMaximum: input.scoreMaximum, ...filter }),
    // A lost answer may hide a created line item: not repeated (the next call finds it).
    idempotent: false,
  })
  const created = LineItemJson.safeParse(parseJson(await response.text()))
  if (!created.success) throw invalid(ctx, 'POST', input.lineItemsUrl, created.error)
  return toLineItem(created.data)
}

function toLineItem(json: z.infer<typeof LineItemJson>): LineItem {
  return {
    id: json.id,
    label: json.label,
    scoreMaximum: json.scoreMaximum,
    ...(json.resourceId === undefined ? {} : { resourceId: json.resourceId }),
    ...(json.resourceLinkId === undefined ? {} : { resourceLinkId: json.resourceLinkId }),
    ...(json.tag === undefined ? {} : { tag: json.tag }),
  }
}

/** §3.2.4: with several filters, an item must match them all. */
function matches(item: LineItem, filter: LineItemFilter): boolean {
  return (
    (filter.resourceLinkId === undefined || item.resourceLinkId === filter.resourceLinkId) &&
    (filter.resourceId === undefined || item.resourceId === filter.resourceId) &&
    (filter.tag === undefined || item.tag === filter.tag)
  )
}

function invalid(
  ctx: ServiceContext,
  method: string,
  url: string,
  error: z.ZodError,
): ServiceResponseInvalid {
  const issue = error.issues[0]
  const path = issue?.path.join('.') || 'body'
  return new ServiceResponseInvalid(
    `${ctx.platform.name}: ${method} ${url} answered a line item that is not AGS 2.0 §3.2 (${path}: ${issue?.message ?? 'invalid'})`,
    url,
  )
}
