import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import { resetDatabase } from '#tests/helpers/database'
import { attachGateway, serverUrl } from '#tests/helpers/sockets'
import {
  closeBrowser,
  launchBrowser,
  restAs,
  screenshot,
  signedInPerson,
} from '#tests/helpers/browser'
import { acme, box, conversation, messages, open } from '#tests/helpers/web_client'
import { eventually } from '#tests/helpers/processes'

/*
 * Answers that arrive out of order. The network decides when a response
 * lands; the client must not let an older answer undo what a newer one
 * brought. Here the browser holds the first room list answer back on purpose
 * (Playwright's request routing) and lets it through after a newer one.
 */
test.group('Web client out-of-order answers in Chromium', (group) => {
  let browser: Browser
  group.setup(() => attachGateway())
  group.setup(async () => {
    browser = await launchBrowser()
    return () => closeBrowser(browser)
  })
  group.each.setup(() => resetDatabase())

  test('a late room list from before a new conversation does not drop it or its messages', async ({
    assert,
  }) => {
    const { bob, asAlice } = await acme()
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let first = true
    const person = await signedInPerson(browser, bob.token)
    await person.context.route(/\/chat\/rooms$/, async (route) => {
      if (!first || route.request().method() !== 'GET') return route.continue()
      first = false
      const stale = await route.fetch()
      await held
      await route.fulfill({ response: stale })
    })
    const page = person.page
    await page.goto(serverUrl())
    await page.getByText('Connected').waitFor()

    // Alice opens a DM with Bob and writes while Bob's first room list is still on its way.
    const dm = await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/direct', {
      userId: bob.user.id,
    })
    await restAs(serverUrl(), asAlice, 'POST', '/chat/messages', {
      roomId: dm.id,
      content: 'first',
    })
    await open(page, 'Alice')
    await messages(page).getByText('first').waitFor()

    // The old, empty list lands now; then Alice writes again.
    const landed = page.waitForResponse((r) => /\/chat\/rooms$/.test(r.url()))
    release()
    await landed
    await restAs(serverUrl(), asAlice, 'POST', '/chat/messages', {
      roomId: dm.id,
      content: 'second',
    })
    await messages(page).getByText('second').waitFor()
    assert.equal(await conversation(page, 'Alice').count(), 1)
    assert.deepEqual(await messages(page).locator('li .body').allTextContents(), [
      'first',
      'second',
    ])
    await screenshot(page, 'races-01-late-room-list')
  })

  test('a message sent while the room’s first page is on its way stays after the older page lands', async ({
    assert,
  }) => {
    const { alice, asAlice } = await acme()
    const room = await restAs<{ id: string }>(serverUrl(), asAlice, 'POST', '/chat/rooms/group', {
      name: 'Launch',
      memberIds: [],
    })
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let served!: () => void
    const pageServed = new Promise<void>((resolve) => (served = resolve))
    const person = await signedInPerson(browser, alice.token)
    // The room's first page is read now (empty) and handed to the client later.
    await person.context.route(/\/chat\/rooms\/[^/]+\/messages\?limit=50$/, async (route) => {
      const stale = await route.fetch()
      served()
      await held
      await route.fulfill({ response: stale })
    })
    const page = person.page
    await page.goto(serverUrl())
    await page.getByText('Connected').waitFor()
    await open(page, 'Launch')
    await pageServed

    await box(page).fill('written while loading')
    await box(page).press('Enter')
    // Stored, and acknowledged in the client (its outbox is empty again)…
    await eventually(
      async () => {
        const stored = await restAs<{ content: string | null }[]>(
          serverUrl(),
          asAlice,
          'GET',
          `/chat/rooms/${room.id}/messages`
        )
        return stored.some((message) => message.content === 'written while loading')
      },
      15_000,
      () => 'the send was never stored'
    )
    await page.waitForFunction(
      (key) => localStorage.getItem(key) === null,
      `parley.outbox.${alice.user.id}`
    )
    // …before the page read earlier, without it, lands.
    const landed = page.waitForResponse((r) => /\/messages\?limit=50$/.test(r.url()))
    release()
    await landed
    await messages(page).getByText('written while loading').waitFor()
    assert.equal(await conversation(page, 'Launch').count(), 1)
  })

  test('a new conversation can be written in while its first page is on its way', async ({
    assert,
    cleanup,
  }) => {
    const { alice, asAlice } = await acme()
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const person = await signedInPerson(browser, alice.token)
    await person.context.route(/\/chat\/rooms\/[^/]+\/messages\?limit=50$/, async (route) => {
      await held
      await route.continue()
    })
    cleanup(() => release())
    const page = person.page
    await page.goto(serverUrl())
    await page.getByText('Connected').waitFor()

    // The group is created; its first page is held. The modal must already be
    // gone: while it is open the page behind it is inert and typing goes nowhere.
    await page.getByRole('button', { name: 'New', exact: true }).click()
    const form = page.getByRole('form', { name: 'Group room' })
    await form.getByLabel('Name').fill('Launch')
    await form.getByRole('button', { name: 'Create group' }).click()
    await page.getByRole('heading', { name: 'Launch' }).waitFor()
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 5000 })
    await box(page).fill('written before the first page')
    await box(page).press('Enter')
    await eventually(
      async () => {
        const rooms = await restAs<{ id: string; name: string }[]>(
          serverUrl(),
          asAlice,
          'GET',
          '/chat/rooms'
        )
        const launch = rooms.find((room) => room.name === 'Launch')
        if (!launch) return false
        const stored = await restAs<{ content: string | null }[]>(
          serverUrl(),
          asAlice,
          'GET',
          `/chat/rooms/${launch.id}/messages`
        )
        return stored.some((message) => message.content === 'written before the first page')
      },
      15_000,
      () => 'the message typed in the new conversation was never stored'
    )
    release()
    await messages(page).getByText('written before the first page').waitFor()
    assert.equal(await conversation(page, 'Launch').count(), 1)
  })

  test('a click on a conversation is not lost when a message redraws the list under the pointer', async ({
    assert,
  }) => {
    const { bob, asAlice } = await acme()
    const dm = await restAs<{ id: string }>(serverUrl(), asAlice, 'POST', '/chat/rooms/direct', {
      userId: bob.user.id,
    })
    const { page } = await signedInPerson(browser, bob.token)
    await page.goto(serverUrl())
    await page.getByText('Connected').waitFor()
    const item = conversation(page, 'Alice')
    await item.getByText('No messages yet').waitFor()
    const before = await item.elementHandle()

    // The pointer goes down on the conversation; a message arrives and the
    // list is updated (preview, unread badge) before the pointer comes up.
    const bounds = (await item.boundingBox())!
    await page.mouse.move(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2)
    await page.mouse.down()
    await restAs(serverUrl(), asAlice, 'POST', '/chat/messages', {
      roomId: dm.id,
      content: 'arrives mid-click',
    })
    await item.getByText('Alice: arrives mid-click').waitFor()
    await item.getByLabel('1 unread').waitFor()
    await page.mouse.up()

    await page.getByRole('heading', { name: 'Alice', exact: true }).waitFor()
    await messages(page).getByText('arrives mid-click').waitFor()
    assert.isTrue(
      await before!.evaluate((node) => node.isConnected && node.classList.contains('current')),
      'the same button, now the current conversation'
    )

    // Keyboard focus stays on a conversation while messages arrive.
    await item.focus()
    await restAs(serverUrl(), asAlice, 'POST', '/chat/messages', { roomId: dm.id, content: 'more' })
    await item.getByText('Alice: more').waitFor()
    assert.equal(await page.evaluate('document.activeElement?.getAttribute("data-room-id")'), dm.id)
  })
})
