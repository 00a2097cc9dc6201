#!/usr/bin/env node
// The `nls` command: runs the program built from the TypeScript sources (bin/program.js), so a
// fresh clone runs after `npm ci`.
import { programUrl } from './program.js'

// A reader that stops early (`nls framework list | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0)
  throw err
})
const { main } = await import(await programUrl())
process.exitCode = await main(process.argv.slice(2))
