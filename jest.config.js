// Tests run as native ES modules (jose 6 and other dependencies are ESM-only), via
// `node --experimental-vm-modules`; ts-jest transpiles TypeScript without type-checking
// (`npm run typecheck` does that once for the whole tree).
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  // Tests that open a database or start the server need more than the default 5 s.
  testTimeout: 30_000,
  // Two test files at a time, also on a two-core machine (where jest's default is one): much of a
  // test's time is spent waiting on a server, a database or a browser, not on the processor.
  maxWorkers: 2,
  testMatch: ['<rootDir>/**/*.test.ts', '<rootDir>/**/*.test.tsx'],
  // The real LRS of the write-back tests lives in test/lrs, outside the product's dependencies.
  globalSetup: '<rootDir>/test/lrs/global-setup.mjs',
  // On a PostgreSQL server, only the tests that reach a database run again; browser tests run
  // once, on the embedded database.
  ...(process.env.TEST_DATABASE_URL ? { filter: '<rootDir>/test/support/database-tests.cjs' } : {}),
  testPathIgnorePatterns: [
    '/node_modules/',
    '/data/',
    ...(process.env.TEST_DATABASE_URL ? ['/test/e2e/'] : []),
  ],
  modulePathIgnorePatterns: ['<rootDir>/data/'],
}
