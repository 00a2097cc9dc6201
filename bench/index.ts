// npm run bench: every benchmark, one after the other (each prints a JSON report).
await import('./launch.ts')
await import('./statements.ts')
await import('./inference.ts')
await import('./pages.ts')
await import('./roster.ts')
await import('./plans.ts')
await import('./learners.ts')
