import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core'
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
export async function newPerson(
  browser: Browser,
  viewport = { width: 1100, height: 720 },
  options: BrowserContextOptions = {}
) {
  const context = await browser.newContext({ viewport, ...options })
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

/** A person already signed in: their token is in the page's storage before any script runs. */
export async function signedInPerson(
  browser: Browser,
  token: string,
  viewport = { width: 1100, height: 720 },
  options: BrowserContextOptions = {}
) {
  const person = await newPerson(browser, viewport, options)
  await person.context.addInitScript((value) => {
    if (!sessionStorage.getItem('parley.test.signed-in')) {
      localStorage.setItem('parley.token', value)
      sessionStorage.setItem('parley.test.signed-in', '1')
    }
  }, token)
  return person
}

/**
 * One REST call to the test server with a person's token (fixtures that are
 * not what a test is about: rooms, earlier messages, files, invites).
 */
export async function restAs<T = any>(
  baseUrl: string,
  auth: { token: string; organizationId?: string },
  method: string,
  path: string,
  body?: unknown
): Promise<T> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${auth.token}`,
    accept: 'application/json',
  }
  if (auth.organizationId) headers['x-organization-id'] = auth.organizationId
  const isForm = body instanceof FormData
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json'
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`)
  return text ? JSON.parse(text).data : (undefined as T)
}

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url))

/**
 * Runs axe-core on the page as it is now and returns its serious and
 * critical violations, one line each. The page's context must bypass the
 * Content-Security-Policy (axe is injected as an inline script).
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE })
  const violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] =
    await page.evaluate(async () => {
      const result = await (globalThis as any).axe.run((globalThis as any).document, {
        resultTypes: ['violations'],
      })
      return result.violations
    })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}
