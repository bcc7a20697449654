import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import app from '@adonisjs/core/services/app'

/*
 * Debian's Chromium driven by playwright-core (no browser download). The
 * flags keep it off the network: this machine has none beyond loopback.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Starts Chromium; Playwright gives it a fresh, empty profile folder and removes it on close. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS })
}

export async function closeBrowser(browser: Browser | undefined) {
  await browser?.close()
}

/** A context per person (own storage, own network switch), with short waits. */
export async function newPerson(browser: Browser, viewport = { width: 1100, height: 720 }) {
  const context = await browser.newContext({ viewport })
  context.setDefaultTimeout(15_000)
  const page = await context.newPage()
  return { context, page }
}

export type Person = { context: BrowserContext; page: Page }

/** Saves a screenshot to tests/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string) {
  const dir = app.makePath('tests', 'screenshots')
  mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: join(dir, `${name}.png`) })
}
