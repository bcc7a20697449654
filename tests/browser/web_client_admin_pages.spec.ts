import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { Browser, Locator, Page } from 'playwright-core'
import jobs from '#services/jobs'
import { jobsConnection } from '#providers/jobs_provider'
import { outbound } from '#domain/webhooks/outbound'
import { resetDatabase } from '#tests/helpers/database'
import { attachGateway, serverUrl } from '#tests/helpers/sockets'
import { startEndpoint, LOOPBACK_ONLY } from '#tests/helpers/http_endpoint'
import { createUserWithToken, addMember } from '#tests/helpers/users'
import {
  closeBrowser,
  launchBrowser,
  restAs,
  screenshot,
  seriousA11yViolations,
} from '#tests/helpers/browser'
import { acme, arrive, box, messages, open } from '#tests/helpers/web_client'

/*
 * The organization's admin pages in Chromium, against this process's
 * server with the job queue running (webhook deliveries are jobs): bots
 * and API keys, outgoing and incoming webhooks, the audit log, moderation
 * and retention. Each page is reached the way an admin would: the
 * Organization button, then the Administration navigation.
 */

/** Accepts every confirm() the page asks (deleting, revoking, banning). */
const acceptConfirms = (page: Page) => page.on('dialog', (dialog) => void dialog.accept())

/** Opens an admin page from the header as an owner or admin; answers its dialog. */
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

/** The value of the secret box (shown once) labelled `label`. */
const secretOf = (dialog: Locator, label: string) =>
  dialog.getByRole('textbox', { name: label, exact: true }).inputValue()

/** A group room made through the API, owned by `owner`. */
function groupRoom(
  auth: { token: string; organizationId: string },
  name: string,
  memberIds: string[]
) {
  return restAs(serverUrl(), auth, 'POST', '/chat/rooms/group', { name, memberIds })
}

test.group('Web client admin pages in Chromium', (group) => {
  let browser: Browser
  group.setup(() => attachGateway())
  group.setup(async () => {
    browser = await launchBrowser()
    return () => closeBrowser(browser)
  })
  group.each.setup(() => resetDatabase())
  group.each.setup(async () => {
    await jobs.start(await jobsConnection(app))
    outbound.allowAddress = LOOPBACK_ONLY
    return async () => {
      outbound.allowAddress = undefined
      await jobs.stop()
    }
  })

  test('bots and API keys: create a bot and a key shown once, see it used, revoke it, delete the bot', async ({
    assert,
  }) => {
    const { alice, org } = await acme()
    const { page: a } = await arrive(browser, alice.token, { bypassCSP: true })
    acceptConfirms(a)
    const dialog = await adminPage(a, 'Bots & API keys')

    // A taken username: the server's refusal is shown.
    const newBot = dialog.getByRole('form', { name: 'New bot' })
    await newBot.getByLabel('Bot username').fill('alice')
    await newBot.getByRole('button', { name: 'Create bot' }).click()
    await dialog
      .getByRole('alert')
      .getByText(/taken|already/i)
      .waitFor()

    await newBot.getByLabel('Bot username').fill('deploybot')
    await newBot.getByLabel('Display name (optional)').fill('Deploy Bot')
    await newBot.getByRole('button', { name: 'Create bot' }).click()
    await dialog.getByRole('list', { name: 'Bots' }).getByText('Deploy Bot (@deploybot)').waitFor()
    assert.equal(await dialog.getByRole('alert').textContent(), '')

    const keyForm = dialog.getByRole('form', { name: 'New API key for Deploy Bot (@deploybot)' })
    await keyForm.getByLabel('Key name').fill('ci')
    await keyForm.getByRole('button', { name: 'Create key' }).click()
    const secret = await secretOf(dialog, 'API key ci')
    assert.isAbove(secret.length, 20)
    await dialog.getByText('Copy this key now: it is shown only once.', { exact: false }).waitFor()
    const keys = dialog.getByRole('table', { name: 'API keys of Deploy Bot (@deploybot)' })
    await keys.getByRole('row', { name: /ci .* never/ }).waitFor()
    assert.deepEqual(await seriousA11yViolations(a), [], 'bots page')
    await screenshot(a, 'admin-pages-01-bots')

    // The key works; once used, its last use is listed. The secret is not shown again.
    const asBot = await fetch(`${serverUrl()}/users/me`, {
      headers: { authorization: `Bearer ${secret}`, accept: 'application/json' },
    })
    assert.equal(asBot.status, 200)
    await dialog.getByRole('button', { name: 'API keys of Deploy Bot (@deploybot)' }).click()
    await keys.getByRole('row', { name: /^ci / }).waitFor()
    await keys.getByRole('row', { name: /never/ }).waitFor({ state: 'detached' })
    assert.equal(await dialog.getByRole('textbox', { name: 'API key ci' }).count(), 0)

    // Revoked: the key is refused at once and leaves the list.
    await dialog.getByRole('button', { name: 'Revoke key ci' }).click()
    await dialog.getByText('No API keys yet', { exact: false }).waitFor()
    const refused = await fetch(`${serverUrl()}/users/me`, {
      headers: { authorization: `Bearer ${secret}`, accept: 'application/json' },
    })
    assert.equal(refused.status, 401)

    await dialog.getByRole('button', { name: 'Delete bot Deploy Bot (@deploybot)' }).click()
    await dialog.getByText('No bots yet.').waitFor()
    const bots = await restAs(
      serverUrl(),
      { token: alice.token },
      'GET',
      `/organizations/${org.id}/bots`
    )
    assert.deepEqual(bots, [])
  }).timeout(60_000)

  test('outgoing webhooks: create one to a local endpoint, see its delivery; a failing one is disabled with its reason and re-enabled', async ({
    assert,
    cleanup,
  }) => {
    const { alice, bob, org, asAlice } = await acme()
    const good = await startEndpoint()
    cleanup(() => good.close())
    const bad = await startEndpoint(() => ({ status: 500 }))
    cleanup(() => bad.close())
    const room = await groupRoom(asAlice, 'General', [bob.user.id])
    const { page: a } = await arrive(browser, alice.token, { bypassCSP: true })
    acceptConfirms(a)
    const dialog = await adminPage(a, 'Outgoing webhooks')

    const form = dialog.getByRole('form', { name: 'New webhook' })
    await form.getByLabel('Payload URL').fill(good.url)
    await form.getByRole('checkbox', { name: 'General' }).check()
    await form.getByRole('button', { name: 'Create webhook' }).click()
    assert.match(await secretOf(dialog, 'Signing secret'), /\S{16,}/)
    const hooks = dialog.getByRole('list', { name: 'Webhooks' })
    const goodItem = hooks.locator('li', { hasText: good.url })
    await goodItem.getByText('Events: message.created').waitFor()
    await goodItem.getByText('Rooms: General').waitFor()

    await restAs(serverUrl(), asAlice, 'POST', '/chat/messages', {
      roomId: room.id,
      content: 'ping',
    })
    await dialog.getByRole('button', { name: `Deliveries of ${good.url}` }).click()
    const deliveries = dialog.getByRole('table', { name: `Deliveries to ${good.url}` })
    for (let tries = 0; tries < 30; tries++) {
      if (
        await deliveries.getByRole('row', { name: /message\.created succeeded 1 HTTP 200/ }).count()
      )
        break
      await a.waitForTimeout(500)
      await dialog.getByRole('button', { name: 'Refresh deliveries' }).click()
    }
    await deliveries.getByRole('row', { name: /message\.created succeeded 1 HTTP 200/ }).waitFor()
    assert.lengthOf(good.received, 1)
    assert.deepEqual(await seriousA11yViolations(a), [], 'webhooks page')
    await screenshot(a, 'admin-pages-02-webhook-delivery')

    // Edit: more events; the list says so.
    await dialog.getByRole('button', { name: `Edit ${good.url}` }).click()
    const edit = dialog.getByRole('form', { name: 'Edit webhook' })
    await edit.getByRole('checkbox', { name: 'reaction.added' }).check()
    await edit.getByRole('button', { name: 'Save webhook' }).click()
    await goodItem.getByText('Events: message.created, reaction.added').waitFor()

    // A receiver that answers 500: retried, then disabled with the reason shown.
    await form.getByLabel('Payload URL').fill(bad.url)
    await form.getByRole('button', { name: 'Create webhook' }).click()
    const badItem = hooks.locator('li', { hasText: bad.url })
    await badItem.getByText('Enabled', { exact: true }).waitFor()
    await restAs(serverUrl(), asAlice, 'POST', '/chat/messages', {
      roomId: room.id,
      content: 'boom',
    })
    for (let tries = 0; tries < 40; tries++) {
      if ((await badItem.getAttribute('data-enabled')) === 'false') break
      await a.waitForTimeout(500)
      await dialog
        .getByRole('navigation', { name: 'Administration' })
        .getByRole('button', { name: 'Outgoing webhooks' })
        .click()
    }
    await badItem.getByText(/^Disabled since .+: .+/).waitFor()
    await dialog.getByRole('button', { name: `Deliveries of ${bad.url}` }).click()
    await dialog
      .getByRole('table', { name: `Deliveries to ${bad.url}` })
      .getByRole('row', { name: /failed 3 HTTP 500/ })
      .waitFor()
    await screenshot(a, 'admin-pages-03-webhook-disabled')

    await dialog.getByRole('button', { name: `Re-enable ${bad.url}` }).click()
    await badItem.getByText('Enabled', { exact: true }).waitFor()
    const stored = await restAs(serverUrl(), asAlice, 'GET', `/organizations/${org.id}/webhooks`)
    assert.isTrue(stored.find((hook: any) => hook.url === bad.url).enabled)

    await dialog.getByRole('button', { name: `Delete ${bad.url}` }).click()
    await badItem.waitFor({ state: 'detached' })
  }).timeout(90_000)

  test('incoming webhooks: the URL is shown once, and a post to it appears in the room as the bot', async ({
    assert,
  }) => {
    const { alice, bob, org, asAlice } = await acme()
    await groupRoom(asAlice, 'Deploys', [bob.user.id])
    await restAs(serverUrl(), asAlice, 'POST', `/organizations/${org.id}/bots`, {
      username: 'shipit',
      displayName: 'Ship It',
    })
    const { page: a } = await arrive(browser, alice.token, { bypassCSP: true })
    acceptConfirms(a)
    const dialog = await adminPage(a, 'Incoming webhooks')
    const form = dialog.getByRole('form', { name: 'New incoming webhook' })
    await form.getByLabel('Name').fill('CI')
    await form.getByLabel('Room').selectOption({ label: 'Deploys' })
    await form.getByLabel('Post as bot').selectOption({ label: 'Ship It' })
    await form.getByRole('button', { name: 'Create incoming webhook' }).click()
    const url = await secretOf(dialog, 'URL of CI')
    assert.match(url, /\/hooks\/incoming\/\S+$/)
    const table = dialog.getByRole('table', { name: 'Incoming webhooks' })
    await table.getByRole('row', { name: /CI Deploys Ship It never/ }).waitFor()
    assert.deepEqual(await seriousA11yViolations(a), [], 'incoming webhooks page')

    const posted = await fetch(`${serverUrl()}${new URL(url).pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Build 42 is live' }),
    })
    assert.equal(posted.status, 201)
    await dialog.getByRole('button', { name: 'Close' }).click()
    await open(a, 'Deploys')
    await messages(a).locator('li', { hasText: 'Build 42 is live' }).getByText('Ship It').waitFor()

    await adminPage(a, 'Incoming webhooks')
    assert.equal(await dialog.getByRole('textbox', { name: 'URL of CI' }).count(), 0)
    await dialog.getByRole('button', { name: 'Delete incoming webhook CI' }).click()
    await dialog.getByText('No incoming webhooks yet.').waitFor()
    const refused = await fetch(`${serverUrl()}${new URL(url).pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'again' }),
    })
    assert.equal(refused.status, 404)
  }).timeout(60_000)

  test('audit log: an action just taken is listed, filters narrow it, pages page', async ({
    assert,
  }) => {
    const { alice, bob, org, asAlice } = await acme()
    const { page: a } = await arrive(browser, alice.token, { bypassCSP: true })
    acceptConfirms(a)

    // An action taken in the UI: Bob becomes a moderator.
    await a.getByRole('button', { name: 'Organization', exact: true }).click()
    await a.getByRole('dialog').getByLabel('Role of Bob').selectOption('moderator')
    await a.getByText('Bob is now moderator').waitFor()

    const nav = a.getByRole('dialog').getByRole('navigation', { name: 'Administration' })
    await nav.getByRole('button', { name: 'Audit log' }).click()
    const dialog = a.getByRole('dialog')
    const entries = dialog.getByRole('table', { name: 'Audit log entries' })
    const roleChange = entries.getByRole('row', { name: /org\.member_role_changed You Bob/ })
    await roleChange.waitFor()
    assert.include(await roleChange.textContent(), 'role: moderator')
    assert.deepEqual(await seriousA11yViolations(a), [], 'audit page')
    await screenshot(a, 'admin-pages-04-audit')

    // 30 moderation entries made through the API: two pages of 25.
    for (let n = 0; n < 15; n++) {
      await restAs(
        serverUrl(),
        asAlice,
        'POST',
        `/organizations/${org.id}/members/${bob.user.id}/mute`,
        {
          minutes: 5,
        }
      )
      await restAs(
        serverUrl(),
        asAlice,
        'DELETE',
        `/organizations/${org.id}/members/${bob.user.id}/mute`
      )
    }
    const filters = dialog.getByRole('form', { name: 'Audit log filters' })
    await filters.getByLabel('Action', { exact: true }).fill('moderation.*')
    await filters.getByRole('button', { name: 'Apply filters' }).click()
    const pages = dialog.getByRole('navigation', { name: 'Audit log pages' })
    await pages.getByText('Page 1 of 2 (30 in all)').waitFor()
    assert.equal(await entries.locator('tbody tr').count(), 25)
    await pages.getByRole('button', { name: 'Next page' }).click()
    await pages.getByText('Page 2 of 2 (30 in all)').waitFor()
    assert.equal(await entries.locator('tbody tr').count(), 5)

    // By actor: nothing by Bob; a date range before today: nothing at all.
    await filters.getByLabel('Action', { exact: true }).fill('')
    await filters
      .getByRole('combobox', { name: 'Actor', exact: true })
      .selectOption({ label: 'Bob' })
    await filters.getByRole('button', { name: 'Apply filters' }).click()
    await dialog.getByText('No entries match these filters.').waitFor()
    await filters
      .getByRole('combobox', { name: 'Actor', exact: true })
      .selectOption({ label: 'Anyone' })
    await filters.getByLabel('From', { exact: true }).fill('2020-01-01')
    await filters.getByLabel('To', { exact: true }).fill('2020-01-31')
    await filters.getByRole('button', { name: 'Apply filters' }).click()
    await dialog.getByText('No entries match these filters.').waitFor()
    await filters.getByLabel('To', { exact: true }).fill('')
    await filters.getByLabel('Action', { exact: true }).fill('org.*')
    await filters.getByRole('button', { name: 'Apply filters' }).click()
    await roleChange.waitFor()

    // A malformed action filter is refused by the server, and said so.
    await filters.evaluate((form) => form.setAttribute('novalidate', ''))
    await filters.getByLabel('Action', { exact: true }).fill('Not An Action')
    await filters.getByRole('button', { name: 'Apply filters' }).click()
    await dialog
      .getByRole('alert')
      .getByText(/action/i)
      .waitFor()
  }).timeout(60_000)

  test('moderation: a member reports a message, a moderator jumps to it and resolves it, mutes the member whose send is refused, and unmutes', async ({
    assert,
  }) => {
    const { bob, org, asAlice } = await acme()
    const carol = await createUserWithToken({
      email: 'carol@example.com',
      username: 'carol',
      displayName: 'Carol',
    })
    await addMember(org, carol.user, 'moderator')
    const room = await groupRoom(asAlice, 'General', [bob.user.id, carol.user.id])
    await restAs(serverUrl(), asAlice, 'POST', '/chat/messages', {
      roomId: room.id,
      content: 'Buy cheap watches',
    })

    // Bob reports Alice's message from the room.
    const { page: b } = await arrive(browser, bob.token, { bypassCSP: true })
    assert.equal(await b.getByRole('button', { name: 'Organization', exact: true }).count(), 0)
    assert.equal(await b.getByRole('button', { name: 'Moderation', exact: true }).count(), 0)
    await open(b, 'General')
    const spam = messages(b).locator('li', { hasText: 'Buy cheap watches' })
    await spam.hover()
    await spam.getByRole('button', { name: 'Report' }).click()
    const reporting = b.getByRole('dialog')
    await reporting.getByLabel('Why should moderators look at it?').fill('Spam')
    await reporting.getByRole('button', { name: 'Send report' }).click()
    await b.getByText('Reported: the moderators will look at it').waitFor()

    // Carol, a moderator, has the Moderation page only (no Organization page).
    const { page: c } = await arrive(browser, carol.token, { bypassCSP: true })
    assert.equal(await c.getByRole('button', { name: 'Organization', exact: true }).count(), 0)
    await c.getByRole('button', { name: 'Moderation', exact: true }).click()
    const dialog = c.getByRole('dialog')
    const queue = dialog.getByRole('list', { name: 'Reports' })
    const report = queue.locator('li', { hasText: 'Alice: Buy cheap watches' })
    await report.getByText('Reported by Bob in General').waitFor()
    assert.equal(await dialog.getByRole('heading', { name: 'Bans' }).count(), 0)
    assert.deepEqual(await seriousA11yViolations(c), [], 'moderation page')
    await screenshot(c, 'admin-pages-05-moderation')

    await report.getByRole('button', { name: 'Go to message' }).click()
    await c.getByRole('heading', { name: 'General', exact: true }).waitFor()
    const focused = c.locator('[role="log"] li.flash', { hasText: 'Buy cheap watches' })
    await focused.waitFor()

    await c.getByRole('button', { name: 'Moderation', exact: true }).click()
    await report.getByRole('button', { name: /^Resolve: / }).click()
    await queue.getByText('No open reports.').waitFor()
    await dialog.getByLabel('Show reports').selectOption('resolved')
    await queue.getByText('actioned by You', { exact: false }).waitFor()

    // Mute Bob for 10 minutes: his next message is refused in his window.
    const mute = dialog.getByRole('form', { name: 'Mute a member' })
    await mute.getByLabel('Member').selectOption({ label: 'Bob' })
    await mute.getByLabel('For').selectOption({ label: '10 minutes' })
    await mute.getByLabel('Reason (optional)').fill('Cool down')
    await mute.getByRole('button', { name: 'Mute' }).click()
    const muted = dialog.getByRole('table', { name: 'Muted members' })
    await muted.getByRole('row', { name: /Bob/ }).waitFor()

    await b.keyboard.press('Escape')
    await box(b).fill('Why was that reported?')
    await box(b).press('Enter')
    await messages(b)
      .getByText(/You are muted in this organization until/)
      .waitFor()
    await screenshot(b, 'admin-pages-06-muted-send')

    await dialog.getByRole('button', { name: 'Unmute Bob' }).click()
    await dialog.getByText('Nobody is muted.').waitFor()
    await b.getByRole('button', { name: 'Retry' }).click()
    await messages(b).locator('li:not(.pending)', { hasText: 'Why was that reported?' }).waitFor()
  }).timeout(90_000)

  test('bans: an owner bans a member, who leaves the organization, and lifts the ban', async ({
    assert,
  }) => {
    const { alice, bob, org } = await acme()
    const { page: a } = await arrive(browser, alice.token, { bypassCSP: true })
    acceptConfirms(a)
    const dialog = await adminPage(a, 'Moderation')
    const ban = dialog.getByRole('form', { name: 'Ban a member' })
    await ban.getByLabel('Member to ban').selectOption({ label: 'Bob' })
    await ban.getByLabel('Reason (optional)').fill('Harassment')
    await ban.getByRole('button', { name: 'Ban' }).click()
    const banned = dialog.getByRole('table', { name: 'Banned people' })
    await banned.getByRole('row', { name: /Bob .* You Harassment/ }).waitFor()
    const members = await restAs(
      serverUrl(),
      { token: alice.token },
      'GET',
      `/organizations/${org.id}/members`
    )
    assert.notInclude(
      members.map((m: any) => m.userId),
      bob.user.id
    )

    await dialog.getByRole('button', { name: 'Unban bob' }).click()
    await dialog.getByText('Nobody is banned.').waitFor()
  }).timeout(60_000)

  test('slow mode is set in a room’s settings: a member’s second message within the interval is refused', async ({
    assert,
  }) => {
    const { alice, bob, asAlice, asBob } = await acme()
    const room = await groupRoom(asAlice, 'General', [bob.user.id])
    const { page: a } = await arrive(browser, alice.token, { bypassCSP: true })
    await open(a, 'General')
    await a.getByRole('button', { name: 'Conversation settings' }).click()
    const slow = a.getByRole('dialog').getByRole('form', { name: 'Slow mode' })
    await slow.getByLabel('Slow mode: one message per').selectOption({ label: '1 minute' })
    await slow.getByRole('button', { name: 'Set slow mode' }).click()
    await a.getByText('Slow mode: one message per 1 minute').waitFor()
    assert.deepEqual(await seriousA11yViolations(a), [], 'room settings')

    const send = (content: string) =>
      fetch(`${serverUrl()}/chat/messages`, {
        method: 'POST',
        headers: {
          'authorization': `Bearer ${asBob.token}`,
          'x-organization-id': asBob.organizationId,
          'content-type': 'application/json',
          'accept': 'application/json',
        },
        body: JSON.stringify({ roomId: room.id, content }),
      })
    const first = await send('one')
    assert.equal(first.status, 201)
    const refused = await send('two')
    assert.equal(refused.status, 429)
    const body = (await refused.json()) as { errors: { code: string }[] }
    assert.equal(body.errors[0].code, 'E_SLOW_MODE')

    // Bob sees the interval on the room, and a send within it says why it is not sent.
    const { page: b } = await arrive(browser, bob.token)
    await open(b, 'General')
    const notice = 'Slow mode is on: members send one message per 1 minute; moderators are exempt.'
    await b.getByText(notice).waitFor()
    await b.getByRole('textbox', { name: 'Message' }).fill('too soon')
    await b.getByRole('textbox', { name: 'Message' }).press('Enter')
    await b
      .locator('li.failed', { hasText: 'too soon' })
      .getByText(/^Not sent: slow mode\. You can send again in \d+ s\.$/)
      .waitFor()
    // The settings start on the room's interval.
    await a.getByRole('dialog').getByRole('button', { name: 'Close' }).click()
    await a.getByRole('button', { name: 'Conversation settings' }).click()
    const reopened = a.getByRole('dialog').getByRole('form', { name: 'Slow mode' })
    assert.equal(await reopened.getByLabel('Slow mode: one message per').inputValue(), '60')

    await reopened.getByLabel('Slow mode: one message per').selectOption({ label: 'Off' })
    await reopened.getByRole('button', { name: 'Set slow mode' }).click()
    await a.getByText('Slow mode is off').waitFor()
    await b.getByText(notice).waitFor({ state: 'hidden' })
    const third = await send('three')
    assert.equal(third.status, 201)
  }).timeout(60_000)

  test('retention: days for the organization and a room, and a dry run counting what would go', async ({
    assert,
  }) => {
    const { alice, bob, org, asAlice } = await acme()
    const room = await groupRoom(asAlice, 'General', [bob.user.id])
    const old = await restAs(serverUrl(), asAlice, 'POST', '/chat/messages', {
      roomId: room.id,
      content: 'ancient',
    })
    await restAs(serverUrl(), asAlice, 'POST', '/chat/messages', {
      roomId: room.id,
      content: 'fresh',
    })
    await db
      .from('messages')
      .where('id', old.id)
      .update({ created_at: new Date(Date.now() - 40 * 86_400_000) })

    const { page: a } = await arrive(browser, alice.token, { bypassCSP: true })
    acceptConfirms(a)
    const dialog = await adminPage(a, 'Retention')
    const orgForm = dialog.getByRole('form', { name: 'Organization retention' })
    const days = orgForm.getByLabel('Keep messages and files for (days; empty keeps them forever)')
    await days.fill('30')
    await orgForm.getByRole('button', { name: 'Save retention' }).click()
    await a.getByText('Messages are kept for 30 days').waitFor()
    const policy = await restAs(serverUrl(), asAlice, 'GET', `/organizations/${org.id}/retention`)
    assert.equal(policy.days, 30)

    await dialog.getByRole('button', { name: 'Preview the next run' }).click()
    await dialog.getByText('The next run would delete 1 messages and 0 files in 1 rooms.').waitFor()
    assert.lengthOf(
      await db.from('messages').where('id', old.id).whereNull('deleted_at'),
      1,
      'nothing deleted'
    )

    const roomForm = dialog.getByRole('form', { name: 'Room retention' })
    await roomForm.getByLabel('Room').selectOption({ label: 'General' })
    await roomForm.getByLabel('Days (empty: the organization’s)').fill('60')
    await roomForm.getByRole('button', { name: 'Set room retention' }).click()
    const rooms = dialog.getByRole('table', { name: 'Rooms with their own retention' })
    await rooms.getByRole('row', { name: /General 60/ }).waitFor()
    await dialog.getByRole('button', { name: 'Preview the next run' }).click()
    await dialog.getByText('The next run would delete 0 messages and 0 files in 0 rooms.').waitFor()
    assert.deepEqual(await seriousA11yViolations(a), [], 'retention page')
    await screenshot(a, 'admin-pages-07-retention')

    // Out of range: the server's refusal is shown (the field's own limit is lifted to reach it).
    await days.evaluate((input) => input.removeAttribute('max'))
    await days.fill('99999')
    await orgForm.getByRole('button', { name: 'Save retention' }).click()
    await dialog
      .getByRole('alert')
      .getByText(/36500|days/i)
      .waitFor()

    await dialog.getByRole('button', { name: 'Remove override of General' }).click()
    await dialog.getByText('Every room follows the organization.').waitFor()
    await days.fill('')
    await orgForm.getByRole('button', { name: 'Save retention' }).click()
    await a.getByText('Messages are kept forever').waitFor()
    const cleared = await restAs(serverUrl(), asAlice, 'GET', `/organizations/${org.id}/retention`)
    assert.deepEqual({ days: cleared.days, rooms: cleared.rooms }, { days: null, rooms: [] })
  }).timeout(60_000)

  test('the admin pages work from the keyboard, and every page passes axe in dark mode', async ({
    assert,
  }) => {
    const { alice, bob, asAlice } = await acme()
    await groupRoom(asAlice, 'General', [bob.user.id])
    const { page: a } = await arrive(browser, alice.token, { bypassCSP: true, colorScheme: 'dark' })
    const focused = () =>
      a.evaluate(() => (globalThis as any).document.activeElement?.textContent ?? '')
    const tabTo = async (text: string) => {
      for (let n = 0; n < 30 && (await focused()) !== text; n++) await a.keyboard.press('Tab')
      assert.equal(await focused(), text)
    }

    await a.getByRole('button', { name: 'Organization', exact: true }).focus()
    await a.keyboard.press('Enter')
    await tabTo('Bots & API keys')
    await a.keyboard.press('Enter')
    const dialog = a.getByRole('dialog')
    await dialog.getByRole('heading', { name: 'Acme: Bots & API keys' }).waitFor()
    await dialog.getByLabel('Bot username').waitFor()
    for (let n = 0; n < 30; n++) {
      const name = await a.evaluate(() => (globalThis as any).document.activeElement?.name)
      if (name === 'username') break
      await a.keyboard.press('Tab')
    }
    await a.keyboard.type('keyboardbot')
    await a.keyboard.press('Enter')
    await dialog.getByRole('list', { name: 'Bots' }).getByText('@keyboardbot').waitFor()
    await a.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })

    for (const label of [
      'Bots & API keys',
      'Outgoing webhooks',
      'Incoming webhooks',
      'Audit log',
      'Moderation',
      'Retention',
    ]) {
      await adminPage(a, label)
      await dialog.getByRole('alert').waitFor({ state: 'attached' })
      assert.deepEqual(await seriousA11yViolations(a), [], `${label}, dark`)
      await a.keyboard.press('Escape')
      await dialog.waitFor({ state: 'detached' })
    }
  }).timeout(60_000)

  test('members see no admin pages, and the server refuses them the admin routes', async ({
    assert,
  }) => {
    const { bob, org, asBob } = await acme()
    const { page: b } = await arrive(browser, bob.token)
    for (const name of ['Organization', 'Moderation']) {
      assert.equal(await b.getByRole('button', { name, exact: true }).count(), 0, name)
    }
    assert.equal(await b.getByRole('navigation', { name: 'Administration' }).count(), 0)
    for (const path of [
      'bots',
      'webhooks',
      'incoming-webhooks',
      'audit',
      'reports',
      'mutes',
      'bans',
      'retention',
    ]) {
      const answer = await fetch(`${serverUrl()}/organizations/${org.id}/${path}`, {
        headers: { authorization: `Bearer ${asBob.token}`, accept: 'application/json' },
      })
      assert.equal(answer.status, 403, path)
    }
  })
})
