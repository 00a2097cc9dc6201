// ltiservice_memberships (NRPS 2.0): GET …/CourseSection/{course}/bindings/{type id}/memberships.
// Moodle answers with members of the course (get_enrolled_users, active only), pages with
// `limit`/`from`, and announces the next page in `Link: <…>; rel="next"`. Member roles come from
// lti_get_ims_role(…, islti2 = true), so they are the short names 'Instructor' and 'Learner'.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { bearerToken, sendJson, sendServiceError } from './http.ts'
import { SCOPE, type Site } from './site.ts'

const NRPS = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json'
const ROLE_PREFIX = 'http://purl.imsglobal.org/vocab/lis/v2/membership#'

/** GET the context memberships; `parts` are the path segments after services.php. */
export async function handleMemberships(
  site: Site,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  parts: string[],
): Promise<void> {
  const [, courseId = '', , typeId = ''] = parts
  if (!site.checkToken(bearerToken(req), typeId, [SCOPE.memberships])) {
    return sendServiceError(req, res, 401)
  }
  const course = site.courses.get(courseId)
  const tool = site.toolByTypeId(typeId)
  if (!course || !tool) {
    return sendServiceError(req, res, 404, `Not Found: Course ${courseId} doesn't exist`)
  }
  if (req.headers.accept === 'application/vnd.ims.lis.v2.membershipcontainer+json') {
    // Moodle answers this (LTI 2 era) media type with JSON-LD; the fake does not reproduce it.
    return sendServiceError(req, res, 400, 'The fake only answers the NRPS 2.0 media type')
  }

  const query = url.searchParams
  let role = query.get('role') ?? ''
  if (role && !role.startsWith('http://') && !role.startsWith('https://')) role = ROLE_PREFIX + role
  let limit = Number.parseInt(query.get('limit') ?? '0', 10) || 0
  let from = Number.parseInt(query.get('from') ?? '0', 10) || 0
  if (limit <= 0) [limit, from] = [course.pageSize ?? 0, 0]

  let users = [...course.teachers, ...course.students.filter((id) => !course.teachers.includes(id))]
  users.sort((a, b) => Number(a) - Number(b))
  if (role === `${ROLE_PREFIX}Instructor`)
    users = users.filter((id) => course.teachers.includes(id))
  if (role === `${ROLE_PREFIX}Learner`) users = users.filter((id) => !course.teachers.includes(id))

  const page = limit > 0 ? users.slice(from, from + limit) : users
  const members = page.map((id) => {
    const user = site.user(id)
    const member: Record<string, unknown> = {
      status: 'Active',
      roles: [course.teachers.includes(id) ? 'Instructor' : 'Learner'],
      user_id: id,
      lis_person_sourcedid: '',
    }
    if (user && tool.shareName) {
      member.name = `${user.firstname} ${user.lastname}`
      member.given_name = user.firstname
      member.family_name = user.lastname
    }
    if (user && tool.shareEmail) member.email = user.email
    return member
  })
  const endpoint = `${site.issuer}/mod/lti/services.php/CourseSection/${courseId}/bindings/${typeId}/memberships`
  const headers: Record<string, string> = {}
  if (limit > 0 && from + limit < users.length) {
    headers.Link = `<${endpoint}?limit=${limit}&from=${from + limit}>; rel="next"`
  }
  sendJson(
    res,
    200,
    {
      id: endpoint,
      context: { id: course.id, label: course.shortname, title: course.fullname },
      members,
    },
    `${NRPS}; charset=utf-8`,
    headers,
  )
}
