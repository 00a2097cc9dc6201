#!/usr/bin/env node
// The `nls` command: loads the TypeScript sources through tsx, so a fresh clone runs after `npm ci`.
import { register } from 'tsx/esm/api'

register()
// A reader that stops early (`nls framework list | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0)
  throw err
})
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
