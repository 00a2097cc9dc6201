import { timestamp } from 'drizzle-orm/pg-core'

/** When a row was written. */
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow()
