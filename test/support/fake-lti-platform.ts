// A fake Moodle 4.5 LTI 1.3 platform for end-to-end tests; see ./fake-lti-platform/index.ts.
export * from './fake-lti-platform/index.ts'
