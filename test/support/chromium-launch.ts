// Headless Chromium from Debian (/usr/bin/chromium) through playwright-core, for the end-to-end
// tests and the page benchmark (so this module needs nothing of jest's).
import { type Browser, chromium } from 'playwright-core'

/** The flags that work on this project's machines (closed network, root, no GPU). */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
  })
}
