import { z } from 'zod'

// Claim names of LTI 1.3 Core (§5), Deep Linking 2.0 (§4.4), AGS 2.0 (§3.1) and NRPS 2.0 (§3.6.1).
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/'
export const CLAIM = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  resourceLink: `${LTI}resource_link`,
  roles: `${LTI}roles`,
  context: `${LTI}context`,
  toolPlatform: `${LTI}tool_platform`,
  launchPresentation: `${LTI}launch_presentation`,
  custom: `${LTI}custom`,
  lis: `${LTI}lis`,
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  ags: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
} as const

export const MESSAGE_TYPES = ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'] as const

const nonEmpty = z.string().min(1, 'must not be empty')

/** LTI 1.3 Core §5.2.3.1: the resource link of a resource link launch. */
const ResourceLink = z.object({
  id: nonEmpty.max(255),
  title: z.string().optional(),
  description: z.string().optional(),
})

/** LTI 1.3 Core §5.4.1. */
const Context = z.object({
  id: nonEmpty.max(255),
  label: z.string().optional(),
  title: z.string().optional(),
  type: z.array(z.string()).optional(),
})

/** Deep Linking 2.0 §4.4.1. */
const DeepLinkingSettings = z.object({
  deep_link_return_url: z.url(),
  accept_types: z.array(z.string()).min(1),
  accept_presentation_document_targets: z.array(z.string()).min(1),
  accept_media_types: z.string().optional(),
  accept_multiple: z.boolean().optional(),
  accept_lineitem: z.boolean().optional(),
  auto_create: z.boolean().optional(),
  title: z.string().optional(),
  text: z.string().optional(),
  data: z.string().optional(),
})

/** AGS 2.0 §3.1: where the tool reads and writes line items and scores. */
const AgsEndpoint = z.object({
  scope: z.array(z.string()),
  lineitems: z.url().optional(),
  lineitem: z.url().optional(),
})

/** NRPS 2.0 §3.6.1. */
const NrpsEndpoint = z.object({
  context_memberships_url: z.url(),
  service_versions: z.array(z.string()).optional(),
})

/** The claims of an LTI 1.3 launch id_token after its signature and registered claims checked out. */
export const LaunchClaims = z
  .object({
    sub: nonEmpty.max(255, 'at most 255 characters (LTI 1.3 Core §5.3.6)'),
    name: z.string().optional(),
    given_name: z.string().optional(),
    family_name: z.string().optional(),
    email: z.string().optional(),
    locale: z.string().optional(),
    [CLAIM.messageType]: z.enum(MESSAGE_TYPES, {
      error: (issue) =>
        `unsupported message type ${JSON.stringify(issue.input)}; expected ${MESSAGE_TYPES.join(' or ')}`,
    }),
    [CLAIM.version]: z.literal('1.3.0', { error: 'must be "1.3.0"' }),
    [CLAIM.deploymentId]: nonEmpty.max(255),
    [CLAIM.targetLinkUri]: z.url().optional(),
    [CLAIM.roles]: z.array(z.string()),
    [CLAIM.resourceLink]: ResourceLink.optional(),
    [CLAIM.context]: Context.optional(),
    [CLAIM.launchPresentation]: z
      .object({
        document_target: z.string().optional(),
        return_url: z.string().optional(),
        locale: z.string().optional(),
      })
      .optional(),
    [CLAIM.custom]: z.record(z.string(), z.unknown()).optional(),
    [CLAIM.deepLinkingSettings]: DeepLinkingSettings.optional(),
    [CLAIM.ags]: AgsEndpoint.optional(),
    [CLAIM.nrps]: NrpsEndpoint.optional(),
    /** LTI 1.3 Core §5.4.5: the SIS ids of the person and course, when the platform shares them. */
    [CLAIM.lis]: z
      .object({
        person_sourcedid: z.string().optional(),
        course_section_sourcedid: z.string().optional(),
      })
      .optional(),
  })
  .superRefine((claims, ctx) => {
    const type = claims[CLAIM.messageType]
    // Core §5.3.5: resource link launches carry the resource link; DL §4.4: deep linking settings.
    if (type === 'LtiResourceLinkRequest' && !claims[CLAIM.resourceLink]) {
      ctx.addIssue({
        code: 'custom',
        path: [CLAIM.resourceLink],
        message: 'required in an LtiResourceLinkRequest',
      })
    }
    if (type === 'LtiDeepLinkingRequest' && !claims[CLAIM.deepLinkingSettings]) {
      ctx.addIssue({
        code: 'custom',
        path: [CLAIM.deepLinkingSettings],
        message: 'required in an LtiDeepLinkingRequest',
      })
    }
  })

export type LaunchClaims = z.infer<typeof LaunchClaims>

/** What a launch asks NLS to show: chosen from the LIS roles, strongest first. */
export type LaunchRole = 'administrator' | 'instructor' | 'learner'

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/'

/** Institution and system roles (LTI 1.3 Core §A.2.1, §A.2.2): they act school-wide. */
export const ADMINISTRATOR_ROLES: readonly string[] = [
  `${LIS}institution/person#Administrator`,
  `${LIS}system/person#Administrator`,
  `${LIS}system/person#SysAdmin`,
]

/**
 * Context roles (§A.2.3) that teach or administer one course: they have an Instructor's course
 * powers. Core §A.2.3.1: the deprecated simple names are still seen.
 */
export const TEACHING_ROLES: readonly string[] = [
  `${LIS}membership#Administrator`,
  'Administrator',
  `${LIS}membership#Instructor`,
  `${LIS}membership#ContentDeveloper`,
  `${LIS}membership/Instructor#TeachingAssistant`,
  'Instructor',
  'ContentDeveloper',
  'TeachingAssistant',
]

/** The Learner context role (§A.2.3), its simple name (§A.2.3.1), and its sub-roles' prefix. */
export const LEARNER_ROLES: readonly string[] = [`${LIS}membership#Learner`, 'Learner']
export const LEARNER_SUB_ROLE_PREFIX = `${LIS}membership/Learner#`

/** The NLS view a set of LIS role URIs (LTI 1.3 Core §5.3.7, A.2) leads to. */
export function launchRole(roles: readonly string[]): LaunchRole {
  const has = (uris: readonly string[]) => roles.some((r) => uris.includes(r))
  if (has(ADMINISTRATOR_ROLES)) return 'administrator'
  // A context role administers one course, not the school: it has the course powers of an
  // Instructor. Only the institution and system roles act school-wide.
  if (has(TEACHING_ROLES)) return 'instructor'
  return 'learner'
}
