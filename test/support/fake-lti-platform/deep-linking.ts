// POST /mod/lti/contentitem_return.php as Moodle 4.5 handles an LtiDeepLinkingResponse
// (lti_convert_from_jwt, lti_tool_configuration_from_content_item): the JWT must be signed by a
// key of the tool's key set, iss = the tool's client id, aud = the platform; each ltiResourceLink
// becomes an activity (as when the teacher saves the form), with its custom parameters and, for a
// lineItem, a grade item with its maximum, resourceId and tag.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose'
import { z } from 'zod'
import { readBody, sendText } from './http.ts'
import type { Site } from './site.ts'
import type { FakeDeepLinkReturn } from './types.ts'

const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/'
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/'

const ContentItem = z.looseObject({
  type: z.string(),
  title: z.string().optional(),
  url: z.string().optional(),
  custom: z.record(z.string(), z.string()).optional(),
  lineItem: z
    .object({
      scoreMaximum: z.number().positive(),
      label: z.string().optional(),
      resourceId: z.string().optional(),
      tag: z.string().optional(),
    })
    .optional(),
})

const Response = z.looseObject({
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
  nonce: z.string().min(1),
  [`${LTI}message_type`]: z.literal('LtiDeepLinkingResponse'),
  [`${LTI}version`]: z.literal('1.3.0'),
  [`${LTI}deployment_id`]: z.string(),
  [`${DL}content_items`]: z.array(ContentItem).optional(),
  [`${DL}data`]: z.string().optional(),
})

/** POST /mod/lti/contentitem_return.php?course=…&id=<typeid>&sesskey=… */
export async function handleDeepLinkReturn(
  site: Site,
  returns: FakeDeepLinkReturn[],
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const courseId = url.searchParams.get('course') ?? ''
  const typeId = url.searchParams.get('id') ?? ''
  if (req.method !== 'POST' || url.searchParams.get('sesskey') !== site.sesskey) {
    return sendText(res, 400, 'invalidsesskey')
  }
  const jwt = new URLSearchParams(await readBody(req)).get('JWT')
  const tool = [...site.tools.values()].find((t) => t.typeId === typeId)
  if (!jwt || !tool?.jwksUrl) return sendText(res, 400, 'missingparam')
  let payload: z.infer<typeof Response>
  try {
    const keySet = createLocalJWKSet((await (await fetch(tool.jwksUrl)).json()) as JSONWebKeySet)
    const verified = await jwtVerify(jwt, keySet, {
      algorithms: ['RS256'],
      issuer: tool.clientId,
      audience: site.issuer,
    })
    payload = Response.parse(verified.payload)
  } catch (err) {
    return sendText(res, 400, `invalid JWT: ${(err as Error).message}`)
  }
  if (payload[`${LTI}deployment_id`] !== tool.typeId) return sendText(res, 400, 'wrong deployment')
  const items = payload[`${DL}content_items`] ?? []
  const created: { resourceLinkId: string; title: string; custom: Record<string, string> }[] = []
  for (const item of items.filter((i) => i.type === 'ltiResourceLink')) {
    const link = site.addLink(courseId, item.title ?? tool.name, item.custom)
    if (item.lineItem) {
      const lineItem = site.addLineItem(courseId, tool.typeId, {
        label: item.lineItem.label ?? link.title,
        scoreMaximum: item.lineItem.scoreMaximum,
        resourceId: item.lineItem.resourceId ?? '',
        tag: item.lineItem.tag ?? '',
        resourceLinkId: link.id,
      })
      link.gradeItemId = lineItem.id
    }
    created.push({ resourceLinkId: link.id, title: link.title, custom: item.custom ?? {} })
  }
  returns.push({ courseId, items, data: payload[`${DL}data`], links: created })
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
  res.end('<!doctype html><p>Content selected</p>')
}
