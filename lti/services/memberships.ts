// NRPS 2.0, the context membership service: a course's roster, every page of it.
// https://www.imsglobal.org/spec/lti-nrps/v2p0
import { z } from 'zod'
import { ServiceResponseInvalid } from '../errors.ts'
import { fetchPages } from './fetch-pages.ts'
import { MEDIA_TYPE, SCOPE } from './scopes.ts'
import type { ServiceContext } from './service-request.ts'

/** A member of a context as NRPS describes them; name and email only when the platform shares them. */
export interface Member {
  readonly userId: string
  readonly roles: readonly string[]
  readonly status: 'Active' | 'Inactive' | 'Deleted'
  readonly name?: string
  readonly givenName?: string
  readonly familyName?: string
  readonly email?: string
}

// Personal data is optional: the platform shares it only when its privacy settings allow.
const Text = z
  .string()
  .nullish()
  .transform((v) => v || undefined)

const MemberJson = z.looseObject({
  user_id: z.union([z.string().min(1), z.number()]).transform(String),
  roles: z.array(z.string()),
  // NRPS 2.0: status is optional and defaults to Active.
  status: z.enum(['Active', 'Inactive', 'Deleted']).default('Active'),
  name: Text,
  given_name: Text,
  family_name: Text,
  email: Text,
})

const MembershipContainer = z.looseObject({ members: z.array(MemberJson) })

/** Every member of the context at `contextMembershipsUrl` (the NRPS claim), across all pages. */
export async function fetchRoster(
  ctx: ServiceContext,
  contextMembershipsUrl: string,
): Promise<Member[]> {
  const members: Member[] = []
  const pages = fetchPages(ctx, contextMembershipsUrl, {
    accept: MEDIA_TYPE.membershipContainer,
    scopes: [SCOPE.contextMembershipReadonly],
  })
  for await (const page of pages) {
    const parsed = MembershipContainer.safeParse(page)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new ServiceResponseInvalid(
        `${ctx.platform.name}: GET ${contextMembershipsUrl} answered a membership container that is not NRPS 2.0 (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'})`,
        contextMembershipsUrl,
      )
    }
    members.push(...parsed.data.members.map(toMember))
  }
  return members
}

function toMember(json: z.infer<typeof MemberJson>): Member {
  return {
    userId: json.user_id,
    roles: json.roles,
    status: json.status,
    ...(json.name === undefined ? {} : { name: json.name }),
    ...(json.given_name === undefined ? {} : { givenName: json.given_name }),
    ...(json.family_name === undefined ? {} : { familyName: json.family_name }),
    ...(json.email === undefined ? {} : { email: json.email }),
  }
}
