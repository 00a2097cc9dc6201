// The database schema. Migrations under ../migrations are generated from it (npm run db:generate)
// and, once released, never edited.
export * from './tenants.ts'
export * from './people.ts'
export * from './learning.ts'
export * from './statements.ts'
export * from './progress.ts'
export * from './operations.ts'
export * from './lti.ts'
export * from './xapi.ts'
export * from './frameworks.ts'
export * from './plans.ts'
export * from './report-counts.ts'
export * from './learner-counts.ts'
