import { z } from 'zod'

const url = (name: string) =>
  z.url({
    protocol: /^https?$/,
    error: (issue) => `${name} must be an http(s) URL (got ${JSON.stringify(issue.input)})`,
  })

/** A platform registration as an administrator gives it (CLI or admin API). */
export const PlatformRegistration = z
  .object({
    issuer: url('issuer'),
    clientId: z.string().trim().min(1, 'clientId must not be empty'),
    authUrl: url('authUrl'),
    tokenUrl: url('tokenUrl'),
    jwksUrl: url('jwksUrl'),
    deploymentIds: z
      .array(z.string().trim().min(1, 'a deployment ID must not be empty'))
      .min(1, 'at least one deployment ID is required'),
    name: z.string().trim().min(1).optional(),
  })
  .transform((p) => ({ ...p, name: p.name ?? new URL(p.issuer).host }))

export type PlatformRegistration = z.output<typeof PlatformRegistration>
