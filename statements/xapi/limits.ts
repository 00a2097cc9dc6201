// Limits and versions of the statement validator, shared by the endpoint.

/** The xAPI versions a request may declare (X-Experience-API-Version), as the validator knows them. */
export const XAPI_VERSIONS = ['1.0.3', '2.0.0'] as const
export type XapiVersion = (typeof XAPI_VERSIONS)[number]

/**
 * The largest statement we accept, as UTF-8 JSON: 64 KiB. IEEE 9274.1.1 §4.2.4.1: "An LRS may
 * reject a Statement if the overall size is too large". Moodle's statements are 1–3 KiB.
 */
export const MAX_STATEMENT_BYTES = 64 * 1024

/** The most statements one request may carry (Moodle sends batches of about 30). */
export const MAX_BATCH_STATEMENTS = 1000

/**
 * The deepest nesting of objects and arrays a statement may have, the statement itself being level
 * 1. Moodle's deepest path (context.contextActivities.parent[0].definition.extensions) is 7
 * levels; unbounded nesting would exhaust the stack of every recursive step after validation.
 */
export const MAX_DEPTH = 64
