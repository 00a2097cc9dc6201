import { z } from 'zod'
import { isIri, isMediaType, isSha2Hex } from './formats.ts'
import { Iri, IRL_MESSAGE, LanguageMap, strictObject } from './primitives.ts'

// Attachment metadata (xAPI 1.0.3 Data 2.4.11). The attachment data itself travels either in a
// multipart/mixed request (Communication 1.5.2) or at "fileUrl"; that one of them carries it is
// checked against the request (statements/attachments).

/** Data 2.4.11: the Attachment Object. */
export const Attachment = strictObject(
  {
    usageType: Iri,
    display: LanguageMap,
    description: LanguageMap.optional(),
    contentType: z
      .string()
      .refine(
        isMediaType,
        'must be an Internet Media Type such as "application/pdf" (xAPI Data 2.4.11, RFC 2046)',
      ),
    length: z
      .number()
      .int('must be an integer: "The length of the Attachment data in octets" (xAPI Data 2.4.11)')
      .min(
        0,
        'must not be negative: "The length of the Attachment data in octets" (xAPI Data 2.4.11)',
      ),
    sha2: z
      .string()
      .refine(
        isSha2Hex,
        'must be "The SHA-2 hash of the Attachment data" in hexadecimal (xAPI Data 2.4.11)',
      ),
    fileUrl: z.string().refine(isIri, IRL_MESSAGE).optional(),
  },
  'an Attachment',
)

export type Attachment = z.infer<typeof Attachment>

/**
 * A statement's attachments, then its SubStatement object's (Data 2.4.4.3: a SubStatement may
 * carry its own), each with its path in the statement.
 */
export function attachmentsOf<T>(statement: {
  readonly attachments?: readonly T[]
  readonly object?: unknown
}): { readonly attachment: T; readonly path: readonly (string | number)[] }[] {
  const object = statement.object as { objectType?: unknown; attachments?: unknown } | undefined
  const sub =
    object?.objectType === 'SubStatement' && Array.isArray(object.attachments)
      ? (object.attachments as T[])
      : []
  return [
    ...(Array.isArray(statement.attachments) ? statement.attachments : []).map((attachment, j) => ({
      attachment,
      path: ['attachments', j],
    })),
    ...sub.map((attachment, j) => ({ attachment, path: ['object', 'attachments', j] })),
  ]
}

/** The SHA-2s of the attachments statements name, their SubStatements' too (each once). */
export function attachmentHashes(statements: readonly unknown[]): string[] {
  const hashes = new Set<string>()
  for (const s of statements) {
    for (const { attachment } of attachmentsOf(s as { attachments?: unknown[] })) {
      const sha2 = (attachment as { sha2?: unknown }).sha2
      if (typeof sha2 === 'string') hashes.add(sha2.toLowerCase())
    }
  }
  return [...hashes]
}
