import { z } from 'zod'
import { isDuration, isIri, isUuid } from './formats.ts'
import { unrecognizedKeyMessage } from './issue-messages.ts'
import { isLanguageTag } from './language-tag.ts'
import { isTimestamp } from './timestamp.ts'

// The value types of xAPI 1.0.3 Data §4 as zod schemas, built once at module load.

/** Data 2.2.s3.b1: "Values requiring IRIs MUST be sent with valid IRIs". */
export const Iri = z
  .string()
  .refine(
    isIri,
    'must be an IRI with a scheme: "Values requiring IRIs MUST be sent with valid IRIs" and the LRS MUST reject "IRL or IRI values without a scheme" (xAPI Data 2.2)',
  )

export const IRL_MESSAGE =
  'must be an IRL with a scheme: the LRS MUST reject "IRL or IRI values without a scheme" (xAPI Data 2.2.s4.b1)'

/** An IRL: an IRI meant to be resolvable; checked like an IRI (Data 2.2.s4.b6 "best-effort"). */
export const Irl = z.string().refine(isIri, IRL_MESSAGE)

/** Data 4.4: "UUIDs MUST be in the standard string form". */
export const Uuid = z
  .string()
  .refine(
    isUuid,
    'must be a UUID: "UUIDs MUST be in the standard string form" (xAPI Data 4.4), e.g. "e05aa883-acaf-40ad-bf54-02c8ce485fb0"',
  )

/** Data 4.5: ISO 8601, and we require the time zone (see timestamp.ts). */
export const Timestamp = z
  .string()
  .refine(
    isTimestamp,
    'must be an ISO 8601 timestamp with a time zone, e.g. "2024-05-06T09:15:32+07:00": "A Timestamp MUST be formatted according to ISO 8601" (xAPI Data 4.5)',
  )

/** Data 4.6: "A Duration MUST be expressed using the format for Duration in ISO 8601:2004(E) section 4.4.3.2". */
export const Duration = z
  .string()
  .refine(
    isDuration,
    'must be an ISO 8601 duration such as "PT1H30M5.25S": "A Duration MUST be expressed using the format for Duration in ISO 8601:2004(E) section 4.4.3.2" (xAPI Data 4.6)',
  )

/** RFC 5646 language tag (Data 2.4.6 "language"). */
export const LanguageTag = z
  .string()
  .refine(
    isLanguageTag,
    'must be an RFC 5646 language tag such as "vi" or "en-US" (xAPI Data 2.4.6, RFC 5646)',
  )

const LANGUAGE_KEY =
  'is not an RFC 5646 language tag: "Keys of language maps MUST be sent with valid RFC 5646 language tags" (xAPI Data 2.2.s3.b2)'
const EXTENSION_KEY = 'is not an IRI: "The keys of an extensions map MUST be IRIs" (xAPI Data 4.1)'

// A JSON object used as a map. zod leaves a "__proto__" key out of a record without a word (it
// could replace the result's prototype); such a key is neither a language tag nor an IRI, so we
// report it like any other bad key.
function map<V extends z.ZodType>(isKey: (key: string) => boolean, keyMessage: string, value: V) {
  return z.preprocess(
    (input, ctx) => {
      if (typeof input === 'object' && input !== null && Object.hasOwn(input, '__proto__')) {
        ctx.addIssue({ code: 'custom', input, path: ['__proto__'], message: keyMessage })
      }
      return input
    },
    z.record(z.string().refine(isKey, keyMessage), value),
  )
}

/** Data 4.2: a map from RFC 5646 language tags to strings. */
export const LanguageMap = map(isLanguageTag, LANGUAGE_KEY, z.string())

/** Data 4.1: "The keys of an extensions map MUST be IRIs"; any JSON value, null included. */
export const Extensions = map(isIri, EXTENSION_KEY, z.unknown())

/** A JSON object that refuses properties the spec does not define for it (Data 2.2.s4.b1). */
export function strictObject<const T extends z.core.$ZodLooseShape>(
  shape: T,
  what: string,
  hint?: (keys: readonly string[]) => string | undefined,
) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined
      const extra = hint?.(issue.keys)
      return unrecognizedKeyMessage(what) + (extra ? ` ${extra}` : '')
    },
  })
}

/** Runs a cross-property check even when some property already failed, so every problem is reported. */
export const ALWAYS = {
  when: (payload: { value: unknown }) =>
    typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
}
