// The id_token claims of a Moodle 4.5 launch, built the way mod/lti does it: lti_build_request and
// lti_build_standard_message make LTI 1.1-style parameters, the services add theirs
// (gradebookservices, memberships), and lti_sign_jwt maps them onto claims with
// lti_get_jwt_claim_mapping (array values split on ',' and sorted; roles mapped to LIS v2 URIs).
import { createHash, randomInt } from 'node:crypto'
import type { ResourceLink, Site, ToolConfig } from './site.ts'
import type { LaunchOptions } from './types.ts'

const LTI = 'https://purl.imsglobal.org/spec/lti/claim'
const ROLE = 'http://purl.imsglobal.org/vocab/lis/v2'
/** $CFG->version of Moodle 4.5 (tool_consumer_info_version is strval($CFG->version)). */
export const MOODLE_VERSION = '2024100700'
/** $CFG->release, which openid-configuration.php reports. */
export const MOODLE_RELEASE = '4.5 (Build: 20241007)'

const DEFAULT_USER = { Administrator: '2', Instructor: '3', Learner: '4' } as const
/** LTI_LAUNCH_CONTAINER_*: embed without blocks 3, replace Moodle window 4, new window 5. */
const CONTAINER = { iframe: 3, frame: 4, window: 5 } as const

/** lti_get_ims_role then lti_sign_jwt's mapping, sorted as lti_sign_jwt sorts array claims. */
function roles(role: LaunchOptions['role']): string[] {
  switch (role) {
    case 'Learner':
      return [`${ROLE}/membership#Learner`]
    case 'Instructor':
      return [`${ROLE}/membership#Instructor`]
    case 'Administrator':
      // 'Instructor' (admins manage every activity), then urn:lti:sysrole and urn:lti:instrole
      // Administrator; Learner is removed for admins.
      return [
        `${ROLE}/institution/person#Administrator`,
        `${ROLE}/membership#Instructor`,
        `${ROLE}/system/person#Administrator`,
      ].sort()
  }
}

/** The lis_result_sourcedid Moodle's lti_build_sourcedid makes (sent in the basic outcome claim). */
function sourcedId(link: ResourceLink, userId: string, typeId: string): string {
  const data = { instanceid: link.id, userid: userId, typeid: typeId, launchid: randomInt(2 ** 31) }
  const hash = createHash('sha256')
    .update(JSON.stringify(data) + 'servicesalt')
    .digest('hex')
  return JSON.stringify({ data, hash })
}

/** The claims Moodle signs for `options`, issued at `now` (seconds). */
export function buildLaunchClaims(
  site: Site,
  tool: ToolConfig,
  options: LaunchOptions & { nonce: string },
  now: number,
): Record<string, unknown> {
  const courseId = options.courseId ?? '2'
  const course = site.course(courseId)
  const userId = options.userId ?? DEFAULT_USER[options.role]
  const user = site.ensureUser(userId, options.role, courseId)
  const deepLinking = options.messageType === 'LtiDeepLinkingRequest'
  const link = deepLinking ? undefined : site.link(courseId, options.resourceLinkId ?? '1')
  const shareName = options.shareName ?? tool.shareName
  const shareEmail = options.shareEmail ?? tool.shareEmail

  const claims: Record<string, unknown> = {
    nonce: options.nonce,
    iat: now,
    exp: now + 60,
    iss: site.issuer,
    aud: tool.clientId,
    [`${LTI}/deployment_id`]: tool.typeId,
    [`${LTI}/target_link_uri`]: deepLinking
      ? (tool.deepLinkingUrl ?? tool.targetLinkUri)
      : tool.targetLinkUri,
    sub: user.id,
    [`${LTI}/lis`]: { person_sourcedid: '', course_section_sourcedid: '' },
    [`${LTI}/roles`]: roles(options.role),
    [`${LTI}/context`]: {
      id: course.id,
      label: course.shortname,
      title: course.fullname,
      type: ['CourseSection'],
    },
    [`${LTI}/message_type`]: options.messageType ?? 'LtiResourceLinkRequest',
    [`${LTI}/version`]: '1.3.0',
    [`${LTI}/tool_platform`]: {
      product_family_code: 'moodle',
      version: MOODLE_VERSION,
      guid: tool.guid,
      name: site.shortname,
      description: site.fullname,
    },
  }
  if (link) {
    claims[`${LTI}/resource_link`] = {
      title: link.title,
      description: link.description,
      id: link.id,
    }
  }
  if (shareName) {
    claims.given_name = user.firstname
    claims.family_name = user.lastname
    claims.name = `${user.firstname} ${user.lastname}`
  }
  if (shareEmail) claims.email = user.email
  claims[`${LTI}/ext`] = shareName
    ? { user_username: user.username, lms: 'moodle-2' }
    : { lms: 'moodle-2' }
  const custom = { ...link?.custom, ...options.custom }
  if (Object.keys(custom).length > 0) claims[`${LTI}/custom`] = custom

  // launch_presentation: content item requests drop return_url and carry no document_target.
  const target = options.documentTarget ?? 'iframe'
  claims[`${LTI}/launch_presentation`] = link
    ? {
        locale: 'vi',
        document_target: target,
        return_url: `${site.issuer}/mod/lti/return.php?course=${courseId}&launch_container=${CONTAINER[target]}&instanceid=${link.id}&sesskey=${site.sesskey}`,
      }
    : { locale: 'vi' }

  if (tool.gradeSync > 0) {
    const endpoint: Record<string, unknown> = {
      scope: site
        .permittedScopes(tool)
        .filter((scope) => scope.includes('/lti-ags/'))
        .sort(),
      lineitems: `${site.lineItemsUrl(courseId)}?type_id=${tool.typeId}`,
    }
    if (link && options.graded) endpoint.lineitem = site.gradeItemOf(link, tool).url
    claims['https://purl.imsglobal.org/spec/lti-ags/claim/endpoint'] = endpoint
  }
  if (link && options.graded) {
    claims['https://purl.imsglobal.org/spec/lti-bos/claim/basicoutcomesservice'] = {
      lis_result_sourcedid: sourcedId(link, user.id, tool.typeId),
      lis_outcome_service_url: `${site.issuer}/mod/lti/service.php`,
    }
  }
  if (tool.memberships) {
    claims['https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice'] = {
      context_memberships_url: `${site.issuer}/mod/lti/services.php/CourseSection/${courseId}/bindings/${tool.typeId}/memberships`,
      service_versions: ['1.0', '2.0'],
    }
  }
  if (deepLinking) {
    const settings: Record<string, unknown> = {
      accept_types: ['ltiResourceLink'],
      accept_presentation_document_targets: ['frame', 'iframe', 'window'],
      accept_copy_advice: false,
      accept_multiple: true,
      accept_unsigned: false,
      auto_create: false,
      can_confirm: false,
      deep_link_return_url: `${site.issuer}/mod/lti/contentitem_return.php?course=${courseId}&id=${tool.typeId}&sesskey=${site.sesskey}`,
      // auth.php passes the title and text from the session; an empty title becomes the tool name.
      title: tool.name,
      text: '',
    }
    if (options.deepLinkingData !== undefined) settings.data = options.deepLinkingData
    claims['https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings'] = settings
  }
  return claims
}
