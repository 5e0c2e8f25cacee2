// Headless Debian Chromium for the page tests (admin page, HTML report), driven by playwright-core.
// The browser comes from the system (scripts/setup-system.sh installs Debian's chromium; npm test
// runs it as pretest): nothing is downloaded. The flags keep Chromium off the network it would
// otherwise call at start-up.
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium } from 'playwright-core'

export const CHROMIUM_PATH = process.env.VEOMOCK_CHROMIUM ?? '/usr/bin/chromium'

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Failed to start Chromium: ${CHROMIUM_PATH} is missing; run "bash scripts/setup-system.sh" (Debian's chromium) or set VEOMOCK_CHROMIUM`)
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true })
}

/** Where page tests save their screenshots for review (test-results/, not committed). */
export async function screenshotPath(name: string): Promise<string> {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test-results/screenshots')
  await mkdir(dir, { recursive: true })
  return path.join(dir, name)
}
