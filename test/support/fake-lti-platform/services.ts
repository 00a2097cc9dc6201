// mod/lti/services.php and the gradebookservices resources (AGS 2.0): line items, line item,
// scores. Routing is Moodle's: a resource answers only when the path matches its template exactly
// and, for GET, the Accept header is empty, contains */*, or is one of its formats verbatim; for
// other methods the Content-Type (without parameters) must be one of its formats. Nothing matching
// is a 400 "No handler found", so posting to `…/lineitem?type_id=1/scores` (scores appended after
// the query) reaches no resource and fails with 400.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { bearerToken, mediaType, readBody, send, sendJson, sendServiceError } from './http.ts'
import { handleMemberships } from './memberships.ts'
import { SCOPE, type Site } from './site.ts'
import type { FakeLineItem } from './types.ts'

const LINEITEM = 'application/vnd.ims.lis.v2.lineitem+json'
const CONTAINER = 'application/vnd.ims.lis.v2.lineitemcontainer+json'
const SCORE = 'application/vnd.ims.lis.v1.score+json'
const SCORES = 'application/vnd.ims.lis.v1.scorecontainer+json'

interface Resource {
  template: RegExp
  formats: string[]
  methods: string[]
  execute: (ctx: Context) => Promise<void>
}

interface Context {
  site: Site
  req: IncomingMessage
  res: ServerResponse
  url: URL
  parts: string[]
  /** The request's Accept (GET) or Content-Type (other methods). */
  contentType: string
}

const Numeric = z.union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/)]).transform(Number)
const LineItemBody = z.looseObject({
  label: z.string().min(1),
  scoreMaximum: Numeric,
  resourceId: z.string().optional(),
  resourceLinkId: z.union([z.string(), z.number()]).optional(),
  ltiLinkId: z.union([z.string(), z.number()]).optional(),
  tag: z.string().optional(),
})
const ScoreBody = z.looseObject({
  userId: z.union([z.string(), z.number()]).transform(String),
  timestamp: z.string(),
  activityProgress: z.string(),
  gradingProgress: z.string(),
  scoreGiven: Numeric.optional(),
  scoreMaximum: Numeric.optional(),
  comment: z.string().optional(),
})
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** gradebookservices::item_for_json */
function itemJson(item: FakeLineItem): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: item.url,
    label: item.label,
    scoreMaximum: item.scoreMaximum,
    resourceId: item.resourceId,
    tag: item.tag,
  }
  if (item.resourceLinkId !== undefined) {
    json.resourceLinkId = item.resourceLinkId
    json.ltiLinkId = item.resourceLinkId
  }
  return json
}

/** check_tool with the request's ?type_id, then the course; returns the type id or answers. */
function authorize(ctx: Context, scopes: string[]): string | undefined {
  const typeId = ctx.url.searchParams.get('type_id')
  if (!ctx.site.checkToken(bearerToken(ctx.req), typeId, scopes)) {
    sendServiceError(ctx.req, ctx.res, 401)
    return undefined
  }
  const courseId = ctx.parts[0] ?? ''
  if (!ctx.site.courses.has(courseId)) {
    sendServiceError(ctx.req, ctx.res, 404, `Not Found: Course ${courseId} doesn't exist`)
    return undefined
  }
  return typeId ?? ctx.site.tokens.get(bearerToken(ctx.req) ?? '')?.typeId
}

/** The line item at parts[2] if it exists in the course and belongs to the tool type. */
function lineItem(ctx: Context, typeId: string): FakeLineItem | undefined {
  const item = ctx.site.lineItems.get(ctx.parts[2] ?? '')
  if (!item || item.courseId !== ctx.parts[0] || item.typeId !== typeId) {
    sendServiceError(ctx.req, ctx.res, 404, 'Line item does not exist')
    return undefined
  }
  return item
}

/** GET and POST …/{course}/lineitems */
async function lineItems(ctx: Context): Promise<void> {
  const post = ctx.req.method === 'POST'
  const typeId = authorize(ctx, post ? [SCOPE.lineItem] : [SCOPE.lineItem, SCOPE.lineItemReadonly])
  if (typeId === undefined) return
  const container = ctx.contentType === '' || ctx.contentType === CONTAINER
  if (container === post)
    return sendServiceError(ctx.req, ctx.res, 400, 'No context or unsupported content type')
  const courseId = ctx.parts[0] ?? ''
  if (post) {
    const body = LineItemBody.safeParse(parseJson(await readBody(ctx.req)))
    if (!body.success) return sendServiceError(ctx.req, ctx.res, 400, 'No label or Score Maximum')
    const linkId = body.data.resourceLinkId ?? body.data.ltiLinkId
    if (linkId !== undefined && !ctx.site.links.has(`${courseId}:${linkId}`)) {
      return sendServiceError(ctx.req, ctx.res, 403)
    }
    const item = ctx.site.addLineItem(courseId, typeId, {
      label: body.data.label,
      scoreMaximum: body.data.scoreMaximum,
      resourceId: body.data.resourceId ?? '',
      tag: body.data.tag ?? '',
      resourceLinkId: linkId === undefined ? undefined : String(linkId),
    })
    return sendJson(ctx.res, 201, { ...body.data, id: item.url }, `${LINEITEM}; charset=utf-8`)
  }
  const query = ctx.url.searchParams
  const linkId = query.get('resource_link_id') ?? query.get('lti_link_id')
  const items = [...ctx.site.lineItems.values()].filter(
    (item) =>
      item.courseId === courseId &&
      item.typeId === typeId &&
      (query.get('resource_id') === null || item.resourceId === query.get('resource_id')) &&
      (query.get('tag') === null || item.tag === query.get('tag')) &&
      (linkId === null || item.resourceLinkId === linkId),
  )
  const limit = Number.parseInt(query.get('limit') ?? '0', 10) || 0
  const from = Number.parseInt(query.get('from') ?? '0', 10) || 0
  const page = limit > 0 ? items.slice(from, from + limit) : items
  const headers: Record<string, string> = {}
  if (limit > 0) {
    // Moodle writes these rel values with typographic quotes (rel=“next”), in UTF-8 bytes.
    const base = new URL(`${ctx.site.lineItemsUrl(courseId)}?type_id=${typeId}&limit=${limit}`)
    const at = (n: number): string => `<${base.href}&from=${n}>`
    const links = [`${at(0)}; rel=“first”`]
    if (from > 0 && from < items.length) links.push(`${at(Math.max(0, from - limit))}; rel=“prev”`)
    links.push(`${at(from)}; rel=“canonical”`)
    if (from + limit <= items.length - 1) links.push(`${at(from + limit)}; rel=“next”`)
    links.push(`${at(Math.max(0, items.length - limit + 1))}; rel=“last”`)
    headers.Link = Buffer.from(links.join(', '), 'utf8').toString('latin1')
  }
  sendJson(ctx.res, 200, page.map(itemJson), `${CONTAINER}; charset=utf-8`, headers)
}

/** GET, PUT and DELETE …/{course}/lineitems/{item}/lineitem */
async function lineItemResource(ctx: Context): Promise<void> {
  const get = ctx.req.method === 'GET'
  const typeId = authorize(ctx, get ? [SCOPE.lineItem, SCOPE.lineItemReadonly] : [SCOPE.lineItem])
  if (typeId === undefined) return
  const item = lineItem(ctx, typeId)
  if (!item) return
  if (get) return sendJson(ctx.res, 200, itemJson(item), `${LINEITEM}; charset=utf-8`)
  if (ctx.req.method === 'DELETE') {
    // A grade item coupled to an activity is not the tool's to delete.
    if (
      item.resourceLinkId &&
      ctx.site.links.get(`${item.courseId}:${item.resourceLinkId}`)?.gradeItemId === item.id
    ) {
      return sendServiceError(ctx.req, ctx.res, 403)
    }
    ctx.site.lineItems.delete(item.id)
    return send(ctx.res, 204, '')
  }
  const body = LineItemBody.safeParse(parseJson(await readBody(ctx.req)))
  if (!body.success) return sendServiceError(ctx.req, ctx.res, 400)
  item.label = body.data.label
  item.scoreMaximum = body.data.scoreMaximum
  item.resourceId = body.data.resourceId ?? ''
  if (body.data.tag !== undefined) item.tag = body.data.tag
  sendJson(ctx.res, 200, { ...body.data, id: item.url }, `${LINEITEM}; charset=utf-8`)
}

/** POST …/{course}/lineitems/{item}/lineitem/scores (scores.php, get_json_for_post_request). */
async function scores(ctx: Context): Promise<void> {
  const typeId = authorize(ctx, [SCOPE.score])
  if (typeId === undefined) return
  if (ctx.contentType !== SCORE)
    return sendServiceError(ctx.req, ctx.res, 400, 'No context or unsupported content type')
  const item = lineItem(ctx, typeId)
  if (!item) return
  const text = await readBody(ctx.req)
  // Errors from here on keep Moodle's initial body '[]' and put the message in the status line.
  const refuse = (status: number, reason: string): void =>
    send(ctx.res, status, '[]', { 'Content-Type': `${SCORE}; charset=utf-8` }, reason)
  const parsed = ScoreBody.safeParse(parseJson(text))
  const score = parsed.success ? parsed.data : undefined
  if (
    !score ||
    !ISO_8601.test(score.timestamp) ||
    Number.isNaN(Date.parse(score.timestamp)) ||
    (score.scoreGiven !== undefined && score.scoreMaximum === undefined) ||
    !ctx.site.isGradable(item.courseId, score.userId)
  ) {
    return refuse(400, `Incorrect score received${text}`)
  }
  // strtotime(): whole seconds. "Refusing score with an earlier timestamp" when not newer.
  const seconds = Math.floor(Date.parse(score.timestamp) / 1000)
  const key = `${item.id}:${score.userId}`
  const last = ctx.site.lastScoreAt.get(key)
  if (last !== undefined && last >= seconds) {
    return refuse(
      409,
      `Refusing score with an earlier timestamp for item ${item.id} and user ${score.userId}`,
    )
  }
  ctx.site.lastScoreAt.set(key, seconds)
  ctx.site.scores.push({
    lineItemId: item.id,
    lineItemUrl: item.url,
    userId: score.userId,
    timestamp: score.timestamp,
    activityProgress: score.activityProgress,
    gradingProgress: score.gradingProgress,
    // scoreGiven is dropped unless the grading is final.
    scoreGiven: score.gradingProgress === 'FullyGraded' ? (score.scoreGiven ?? null) : null,
    scoreMaximum: score.scoreMaximum ?? 1,
    ...(score.comment === undefined ? {} : { comment: score.comment }),
  })
  send(ctx.res, 200, '', { 'Content-Type': `${SCORE}; charset=utf-8` })
}

const RESOURCES: Resource[] = [
  {
    template: /^\/[^/]+\/lineitems\/[^/]+\/lineitem$/,
    formats: [LINEITEM],
    methods: ['GET', 'PUT', 'DELETE'],
    execute: lineItemResource,
  },
  {
    template: /^\/[^/]+\/lineitems$/,
    formats: [CONTAINER, LINEITEM],
    methods: ['GET', 'POST'],
    execute: lineItems,
  },
  {
    template: /^\/[^/]+\/lineitems\/[^/]+\/lineitem\/scores$/,
    formats: [SCORES, SCORE],
    methods: ['POST'],
    execute: scores,
  },
  {
    template: /^\/[^/]+\/[^/]+\/bindings\/[^/]+\/memberships$/,
    formats: [
      'application/vnd.ims.lis.v2.membershipcontainer+json',
      'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
    ],
    methods: ['GET'],
    execute: (ctx) => handleMemberships(ctx.site, ctx.req, ctx.res, ctx.url, ctx.parts),
  },
]

/** /mod/lti/services.php/… */
export async function handleServices(
  site: Site,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const path = url.pathname.slice('/mod/lti/services.php'.length)
  const get = req.method === 'GET'
  const accept = get ? (req.headers.accept ?? '') : ''
  const contentType = get
    ? accept
    : req.method === 'DELETE'
      ? ''
      : mediaType(req.headers['content-type'])
  const resource = RESOURCES.find(
    (r) =>
      r.template.test(path) &&
      (get
        ? accept === '' || accept.includes('*/*') || r.formats.includes(accept)
        : req.method === 'DELETE' || r.formats.includes(contentType)),
  )
  if (!resource) {
    return sendServiceError(req, res, 400, `No handler found for ${path} ${accept} ${contentType}`)
  }
  if (!resource.methods.includes(req.method ?? '')) return sendServiceError(req, res, 405)
  const parts = path.split('/').slice(1).map(decodeURIComponent)
  await resource.execute({ site, req, res, url, parts, contentType })
}
