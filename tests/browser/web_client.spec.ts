import { test } from '@japa/runner'
import sharp from 'sharp'
import type { Browser, Page } from 'playwright-core'
import { resetDatabase } from '#tests/helpers/database'
import { attachGateway, serverUrl } from '#tests/helpers/sockets'
import { closeBrowser, launchBrowser, newPerson, screenshot } from '#tests/helpers/browser'

/** Registers through the form (the page must show it). */
async function register(page: Page, who: { email: string; username: string; name: string }) {
  await page.getByRole('button', { name: 'New here? Create an account' }).click()
  await page.getByLabel('Email', { exact: true }).fill(who.email)
  await page.getByLabel('Username').fill(who.username)
  await page.getByLabel('Display name').fill(who.name)
  await page.getByLabel('Password').fill('correct horse battery')
  await page.getByRole('button', { name: 'Register' }).click()
}

/** The message box of the open room. */
const box = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true })

/** The message list of the open room. */
const messages = (page: Page) => page.getByRole('log')

test.group('Web client in Chromium', (group) => {
  let browser: Browser
  group.setup(() => attachGateway())
  group.setup(async () => {
    browser = await launchBrowser()
    return () => closeBrowser(browser)
  })
  group.each.setup(() => resetDatabase())

  test('two people chat live: messages, typing, receipts, mentions, images, offline catch-up', async ({
    assert,
  }) => {
    const alice = await newPerson(browser)
    const bob = await newPerson(browser)
    const a = alice.page
    const b = bob.page

    // Alice registers, creates an organization and invites Bob by email.
    await a.goto(serverUrl())
    await screenshot(a, '01-login')
    await register(a, { email: 'alice@example.com', username: 'alice', name: 'Alice' })
    await a.getByLabel('Organization name').fill('Acme')
    await a.getByRole('button', { name: 'Create organization' }).click()
    await a.getByText('Connected').waitFor()
    await a.getByRole('button', { name: 'Invite' }).click()
    await a.getByLabel('Email', { exact: true }).fill('bob@example.com')
    await a.getByRole('button', { name: 'Create invite' }).click()
    const link = await a.getByLabel('Invite link').inputValue()
    assert.match(link, /\/invites\/[^/]+$/)
    await screenshot(a, '02-invite')
    await a.getByRole('button', { name: 'Close' }).click()

    // Bob opens the link, registers with that email and lands in Acme.
    await b.goto(serverUrl() + new URL(link).pathname)
    await register(b, { email: 'bob@example.com', username: 'bob', name: 'Bob' })
    await b.getByText('You joined Acme').waitFor()
    await b.getByText('Connected').waitFor()

    // Alice opens a direct room with Bob (his presence shows) and sends.
    await a.reload()
    await a.getByText('Connected').waitFor()
    await a.getByRole('button', { name: 'New', exact: true }).click()
    await a.getByLabel('Person').selectOption({ label: 'Bob' })
    await a.getByRole('button', { name: 'Open' }).click()
    await a.getByRole('heading', { name: 'Bob' }).waitFor()
    await b.reload()
    await b.getByText('Connected').waitFor()
    await a.locator('.room-status', { hasText: 'online' }).waitFor()
    await box(a).fill('Hello Bob')
    await box(a).press('Enter')

    // Bob sees it live with an unread badge, opens it; Alice sees the receipt.
    const badge = b.getByRole('button', { name: /Alice/ }).getByLabel('1 unread')
    await badge.waitFor()
    await b.getByRole('button', { name: /Alice/ }).click()
    await messages(b).getByText('Hello Bob').waitFor()
    await messages(a).getByText('Seen by Bob').waitFor()
    assert.equal(await badge.count(), 0)

    // Typing shows on the other side.
    await box(b).pressSequentially('Hi Al', { delay: 20 })
    await a.getByText('Bob is typing…').waitFor()
    await screenshot(a, '03-typing-and-seen')
    await box(b).fill('')

    // A mention through autocomplete, a reply, an edit and a delete.
    await box(a).pressSequentially('Look @bo')
    await a.getByRole('option', { name: /Bob @bob/ }).click()
    await box(a).press('Enter')
    await messages(b).locator('.mention', { hasText: '@bob' }).waitFor()
    await messages(b).locator('li', { hasText: 'Hello Bob' }).hover()
    await messages(b)
      .locator('li', { hasText: 'Hello Bob' })
      .getByRole('button', { name: 'Reply' })
      .click()
    await box(b).fill('Hello to you')
    await box(b).press('Enter')
    await messages(a)
      .locator('li', { hasText: 'Hello to you' })
      .locator('.reply-to', { hasText: 'You: Hello Bob' })
      .waitFor()
    await box(b).press('ArrowUp')
    await box(b).fill('Hello to you, Alice')
    await box(b).press('Enter')
    await messages(a)
      .locator('li', { hasText: 'Hello to you, Alice' })
      .getByText('(edited)')
      .waitFor()
    a.once('dialog', (dialog) => void dialog.accept())
    await messages(a).locator('li', { hasText: 'Look' }).hover()
    await messages(a)
      .locator('li', { hasText: 'Look' })
      .getByRole('button', { name: 'Delete' })
      .click()
    await messages(b).getByText('This message was deleted.').waitFor()
    assert.equal(await messages(b).getByText('Look @bob').count(), 0)

    // An image: Bob sees its thumbnail.
    const png = await sharp({
      create: { width: 640, height: 400, channels: 3, background: '#4f46e5' },
    })
      .png()
      .toBuffer()
    await a
      .locator('#attach')
      .setInputFiles({ name: 'diagram.png', mimeType: 'image/png', buffer: png })
    const thumb = messages(b).getByRole('img', { name: 'diagram.png' })
    await thumb.waitFor()
    const width = await thumb.evaluate((img: any) =>
      img.complete && img.naturalWidth
        ? img.naturalWidth
        : new Promise((resolve) => img.addEventListener('load', () => resolve(img.naturalWidth)))
    )
    assert.equal(width, 320)
    await screenshot(b, '04-image-thumbnail')

    // Bob drops off the network; Alice sees him offline and writes meanwhile.
    await bob.context.setOffline(true)
    await b.getByText('Offline, reconnecting…').waitFor()
    await a.locator('.room-status', { hasText: 'offline' }).waitFor()
    await box(a).fill('Sent while you were away')
    await box(a).press('Enter')
    await messages(a).getByText('Sent while you were away').waitFor()
    assert.equal(await messages(b).getByText('Sent while you were away').count(), 0)
    await screenshot(b, '05-offline')

    // Back online: Bob catches up through sync, Alice sees him online again.
    await bob.context.setOffline(false)
    await messages(b).getByText('Sent while you were away').waitFor()
    await a.locator('.room-status', { hasText: 'online' }).waitFor()
    await messages(a)
      .locator('li', { hasText: 'Sent while you were away' })
      .getByText('Seen by Bob')
      .waitFor()
    await screenshot(a, '06-desktop-chat')

    // A phone-sized screen: the list, then the room with a back button.
    const phone = await newPerson(browser, { width: 390, height: 780 })
    await phone.context.addInitScript(
      (token) => {
        localStorage.setItem('parley.token', token)
      },
      await b.evaluate(() => localStorage.getItem('parley.token')!)
    )
    await phone.page.goto(serverUrl())
    await phone.page.getByRole('button', { name: /Alice/ }).waitFor()
    await screenshot(phone.page, '07-phone-list')
    await phone.page.getByRole('button', { name: /Alice/ }).click()
    await messages(phone.page).getByText('Sent while you were away').waitFor()
    await messages(phone.page).getByRole('img', { name: 'diagram.png' }).waitFor()
    assert.isTrue(
      await phone.page.getByRole('button', { name: 'Back to conversations' }).isVisible()
    )
    assert.isFalse(await phone.page.getByRole('navigation', { name: 'Conversations' }).isVisible())
    await screenshot(phone.page, '08-phone-room')
    await phone.context.close()
    await alice.context.close()
    await bob.context.close()
  })

  test('the client and /docs run under their Content-Security-Policy, with no violation', async ({
    assert,
  }) => {
    const { context, page } = await newPerson(browser)
    const violations: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
    })
    const client = await page.goto(serverUrl())
    assert.include(client!.headers()['content-security-policy'], "script-src 'self'")
    await page.getByRole('button', { name: 'New here? Create an account' }).waitFor()

    // Swagger UI runs from this server's own assets and renders the operations.
    const docs = await page.goto(`${serverUrl()}/docs`)
    assert.include(docs!.headers()['content-security-policy'], "default-src 'none'")
    await page.locator('.swagger-ui .opblock').first().waitFor()
    // The realtime reference's inline stylesheet is allowed by its hash: the page is styled.
    const realtime = await page.goto(`${serverUrl()}/docs/realtime`)
    assert.include(realtime!.headers()['content-security-policy'], "default-src 'none'")
    const background = await page.evaluate('getComputedStyle(document.body).backgroundColor')
    assert.equal(background, 'rgb(246, 247, 249)')
    assert.deepEqual(violations, [])
    await context.close()
  })
})
