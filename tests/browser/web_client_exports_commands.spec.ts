import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import type { Browser, Locator, Page } from 'playwright-core'
import { outbound } from '#domain/webhooks/outbound'
import { resetDatabase } from '#tests/helpers/database'
import { attachGateway, serverUrl } from '#tests/helpers/sockets'
import { LOOPBACK_ONLY, startEndpoint } from '#tests/helpers/http_endpoint'
import { createMemberWithToken } from '#tests/helpers/users'
import {
  closeBrowser,
  launchBrowser,
  restAs,
  screenshot,
  seriousA11yViolations,
} from '#tests/helpers/browser'
import { acme, arrive, box, open } from '#tests/helpers/web_client'
import { startWorkers } from '#tests/functional/governance/export_fixtures'

/*
 * Exports and slash commands in Chromium, against this process's server with
 * the job workers running (exports are built by jobs): an owner exports the
 * organization and downloads the zip, a user downloads their own data, an
 * admin registers a slash command to a local endpoint, runs it, deletes it.
 */

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])

/** Accepts every confirm() the page asks (deleting). */
const acceptConfirms = (page: Page) => page.on('dialog', (dialog) => void dialog.accept())

/** Opens an admin page from the header's Organization button. */
async function adminPage(page: Page, label: string) {
  await page.getByRole('button', { name: 'Organization', exact: true }).click()
  await page
    .getByRole('navigation', { name: 'Administration' })
    .getByRole('button', { name: label, exact: true })
    .click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('heading', { name: `Acme: ${label}` }).waitFor()
  return dialog
}

/** Clicks the Download link and answers the downloaded bytes. */
async function downloadFrom(page: Page, link: Locator) {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
  return readFile((await download.path())!)
}

/** Collects the page's Content-Security-Policy violations (console errors). */
function cspViolations(page: Page) {
  const seen: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(message.text())
  })
  return seen
}

test.group('Web client exports and slash commands in Chromium', (group) => {
  let browser: Browser
  group.setup(() => attachGateway())
  group.setup(async () => {
    browser = await launchBrowser()
    return () => closeBrowser(browser)
  })
  group.setup(() => startWorkers())
  group.each.setup(() => resetDatabase())
  group.each.setup(() => {
    outbound.allowAddress = LOOPBACK_ONLY
    return () => {
      outbound.allowAddress = undefined
    }
  })

  test('an owner exports the organization and downloads the zip; admins and members have no Exports page', async ({
    assert,
  }) => {
    const { alice, bob, org, asAlice } = await acme()
    await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/group', {
      name: 'General',
      memberIds: [bob.user.id],
    })
    const { page: a } = await arrive(browser, alice.token, { bypassCSP: true })
    const dialog = await adminPage(a, 'Exports')
    await dialog.getByText('No organization exports yet.').waitFor()
    await dialog.getByRole('button', { name: 'Start a new organization export' }).click()
    await dialog.getByRole('status').getByText('The organization export has started').waitFor()

    const exportsTable = dialog.getByRole('table', { name: 'Past organization exports' })
    const link = exportsTable.getByRole('link', { name: /^Download organization export of / })
    await link.waitFor({ timeout: 60_000 })
    assert.deepEqual(await seriousA11yViolations(a), [], 'exports page')
    await screenshot(a, 'exports-01-organization')
    const bytes = await downloadFrom(a, link)
    assert.isTrue(bytes.subarray(0, 4).equals(ZIP_MAGIC), 'the download is a zip')

    const listed = await restAs(serverUrl(), asAlice, 'GET', `/organizations/${org.id}/exports`)
    assert.deepEqual(
      listed.map((e: { status: string }) => e.status),
      ['ready']
    )

    // An admin has the other admin pages, not Exports; a member has no admin pages at all.
    const admin = await createMemberWithToken(org, 'admin')
    const { page: ad } = await arrive(browser, admin.token, { bypassCSP: true })
    await ad.getByRole('button', { name: 'Organization', exact: true }).click()
    const nav = ad.getByRole('navigation', { name: 'Administration' })
    await nav.getByRole('button', { name: 'Slash commands', exact: true }).waitFor()
    assert.equal(await nav.getByRole('button', { name: 'Exports', exact: true }).count(), 0)

    const { page: b } = await arrive(browser, bob.token, { bypassCSP: true })
    assert.equal(await b.getByRole('button', { name: 'Organization', exact: true }).count(), 0)
    assert.equal(await b.getByRole('button', { name: 'Exports', exact: true }).count(), 0)
  }).timeout(120_000)

  test('a user downloads their own data from the Security dialog, under the real CSP', async ({
    assert,
  }) => {
    const { bob } = await acme()
    const { page: b } = await arrive(browser, bob.token)
    const violations = cspViolations(b)
    await b.getByRole('button', { name: 'Security' }).click()
    const mine = b.getByRole('region', { name: 'Download my data' })
    await mine.getByText('No data exports yet.').waitFor()
    await mine.getByRole('button', { name: 'Start a new data export' }).click()
    const link = mine.getByRole('link', { name: /^Download data export of / })
    await link.waitFor({ timeout: 60_000 })
    await screenshot(b, 'exports-02-my-data')
    const bytes = await downloadFrom(b, link)
    assert.isTrue(bytes.subarray(0, 4).equals(ZIP_MAGIC), 'the download is a zip')
    assert.deepEqual(violations, [])
  }).timeout(120_000)

  test('an admin registers a slash command to a local endpoint, runs it from the composer, deletes it', async ({
    assert,
    cleanup,
  }) => {
    const calls: string[] = []
    const endpoint = await startEndpoint((_n, request) => {
      const { command, args } = JSON.parse(request.body)
      calls.push(`${command} ${args}`)
      return { status: 200, json: { text: `Pong ${args}` } }
    })
    cleanup(() => endpoint.close())
    const { org, asAlice } = await acme()
    await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/group', { name: 'Ops', memberIds: [] })
    await restAs(serverUrl(), asAlice, 'POST', `/organizations/${org.id}/bots`, {
      username: 'pingbot',
      displayName: 'Ping Bot',
    })
    const admin = await createMemberWithToken(org, 'admin')
    const ops = await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/group', {
      name: 'Ops team',
      memberIds: [admin.user.id],
    })

    const { page: a } = await arrive(browser, admin.token, { bypassCSP: true })
    acceptConfirms(a)
    const dialog = await adminPage(a, 'Slash commands')
    await dialog.getByText('No slash commands yet.').waitFor()
    const form = dialog.getByRole('form', { name: 'New slash command' })
    await form.getByLabel('Name (without the slash)').fill('ping')
    await form.getByLabel('Endpoint URL').fill(endpoint.url)
    await form.getByLabel('Description (optional)').fill('Answers pong')
    await form.getByLabel('Usage hint (optional)').fill('<word>')
    await form.getByLabel('Answers as bot').selectOption({ label: 'Ping Bot' })
    await form.getByRole('checkbox', { name: 'Ops team' }).check()
    await form.getByRole('button', { name: 'Register slash command' }).click()

    const secret = await dialog
      .getByRole('textbox', { name: 'Signing secret of /ping', exact: true })
      .inputValue()
    assert.match(secret, /^whsec_/)
    await dialog.getByRole('button', { name: 'Copy Signing secret of /ping' }).waitFor()
    const commands = dialog.getByRole('table', { name: 'Slash commands' })
    await commands.getByRole('row', { name: /\/ping <word>.*Ping Bot.*Ops team/ }).waitFor()
    const [registered] = await restAs(
      serverUrl(),
      asAlice,
      'GET',
      `/organizations/${org.id}/commands`
    )
    assert.deepEqual(registered.roomIds, [ops.id])
    assert.deepEqual(await seriousA11yViolations(a), [], 'slash commands page')
    await screenshot(a, 'exports-03-slash-commands')

    // Taking the name again is refused with the server's words; the secret is not shown again.
    await form.getByLabel('Name (without the slash)').fill('ping')
    await form.getByLabel('Endpoint URL').fill(endpoint.url)
    await form.getByRole('button', { name: 'Register slash command' }).click()
    await dialog
      .getByRole('alert')
      .getByText(/exists|taken/i)
      .waitFor()

    await dialog.getByRole('button', { name: 'Close' }).first().click()
    await open(a, 'Ops team')
    await box(a).fill('/ping hello')
    await box(a).press('Enter')
    await a.locator('#toast').getByText('/ping: Pong hello').waitFor()
    assert.deepEqual(calls, ['ping hello'])

    const again = await adminPage(a, 'Slash commands')
    await again.getByRole('button', { name: 'Delete slash command /ping' }).click()
    await again.getByText('No slash commands yet.').waitFor()
    assert.equal(await again.getByRole('textbox', { name: 'Signing secret of /ping' }).count(), 0)
    await again.getByRole('button', { name: 'Close' }).first().click()
    await box(a).fill('/ping again')
    await box(a).press('Enter')
    await a.locator('#toast').getByText('There is no /ping command in this room').waitFor()
    assert.deepEqual(calls, ['ping hello'])
  }).timeout(120_000)
})
