import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import { resetDatabase } from '#tests/helpers/database'
import { attachGateway, serverUrl } from '#tests/helpers/sockets'
import { createOrgWith, createUserWithToken } from '#tests/helpers/users'
import {
  closeBrowser,
  launchBrowser,
  restAs,
  screenshot,
  seriousA11yViolations,
} from '#tests/helpers/browser'
import { acme, arrive, box, messages, open } from '#tests/helpers/web_client'
import { threadsSettled } from '#listeners/thread_listener'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { previewMessage } from '#plugins/link-previews/previews'

/** A local page with Open Graph data, for the link-previews plugin to read. */
async function pageWithPreview() {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(`<!doctype html><html><head>
      <meta property="og:title" content="Release notes 2.0">
      <meta property="og:description" content="Everything that changed, &lt;b&gt;in one page&lt;/b&gt;">
      <meta property="og:site_name" content="Acme docs">
    </head><body>notes</body></html>`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/notes`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A message of the open room, by a piece of its text. */
const message = (page: Page, text: string) => messages(page).locator('li', { hasText: text })

/** A reaction toggle of a message, by its emoji and count. */
const reaction = (page: Page, text: string, shown: string) =>
  message(page, text).getByRole('group', { name: 'Reactions' }).getByText(shown, { exact: true })

/** Runs one of a message's hover actions. */
async function act(page: Page, text: string, action: string) {
  await message(page, text).hover()
  await message(page, text).getByRole('button', { name: action, exact: true }).click()
}

/*
 * Reactions, pins, threads and search, as two people in two browser
 * contexts see them: what one does shows at once for the other.
 */
test.group('Web client conversation features in Chromium', (group) => {
  let browser: Browser
  group.setup(() => attachGateway())
  group.setup(async () => {
    browser = await launchBrowser()
    return () => closeBrowser(browser)
  })
  group.each.setup(() => resetDatabase())

  test('reactions toggle and count live for both people; pins show, list and go away', async ({
    assert,
  }) => {
    const { alice, bob, asAlice, asBob } = await acme()
    const room = await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/group', {
      name: 'Launch',
      memberIds: [bob.user.id],
    })
    await restAs(serverUrl(), asBob, 'POST', '/chat/messages', {
      roomId: room.id,
      content: 'Ship it on Friday',
    })
    const { page: a } = await arrive(browser, alice.token)
    const { page: b } = await arrive(browser, bob.token)
    await open(a, 'Launch')
    await open(b, 'Launch')
    const text = 'Ship it on Friday'

    // Alice reacts; Bob sees the count, not pressed for him.
    await act(a, text, 'React')
    await a.getByRole('button', { name: 'React with 👍' }).click()
    await reaction(a, text, '👍 1').waitFor()
    assert.equal(await reaction(a, text, '👍 1').getAttribute('aria-pressed'), 'true')
    await reaction(b, text, '👍 1').waitFor()
    assert.equal(await reaction(b, text, '👍 1').getAttribute('aria-pressed'), 'false')

    // Bob joins in, Alice takes hers back.
    await reaction(b, text, '👍 1').click()
    await reaction(a, text, '👍 2').waitFor()
    await reaction(b, text, '👍 2').waitFor()
    assert.equal(await reaction(b, text, '👍 2').getAttribute('aria-pressed'), 'true')
    await reaction(a, text, '👍 2').click()
    await reaction(b, text, '👍 1').waitFor()
    await reaction(a, text, '👍 1').waitFor()
    assert.equal(await reaction(a, text, '👍 1').getAttribute('aria-pressed'), 'false')
    assert.equal(await reaction(b, text, '👍 1').getAttribute('aria-pressed'), 'true')

    // After a reload Bob's own reaction is still his.
    await b.reload()
    await b.getByText('Connected').waitFor()
    await open(b, 'Launch')
    assert.equal(await reaction(b, text, '👍 1').getAttribute('aria-pressed'), 'true')

    // Alice (who runs the room) pins it; Bob, a member, sees it pinned and cannot pin.
    await act(a, text, 'Pin')
    await message(b, text).getByText('📌 Pinned by Alice').waitFor()
    await message(b, text).hover()
    assert.equal(
      await message(b, text).getByRole('button', { name: 'Pin', exact: true }).count(),
      0
    )
    await b.getByRole('button', { name: 'Pinned', exact: true }).click()
    const pins = b.getByRole('list', { name: 'Pinned messages' })
    await pins.getByText(text).waitFor()
    await screenshot(b, 'conversation-01-pins')
    await b.getByRole('dialog').getByRole('button', { name: 'Show in conversation' }).click()
    await message(b, text).and(b.locator('.flash')).waitFor()
    await screenshot(a, 'conversation-01-reactions')

    await act(a, text, 'Unpin')
    await message(b, text).getByText('📌 Pinned by Alice').waitFor({ state: 'detached' })
    await b.getByRole('button', { name: 'Pinned', exact: true }).click()
    await b.getByText('Nothing is pinned here yet.').waitFor()
  })

  test('a thread opens in a side panel; replies show there and on the root for the other person', async ({
    assert,
  }) => {
    const { alice, bob, asAlice } = await acme()
    await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/direct', { userId: bob.user.id })
    const { page: a } = await arrive(browser, alice.token)
    const { page: b } = await arrive(browser, bob.token)
    await open(a, 'Bob')
    await open(b, 'Alice')
    await box(a).fill('Who takes the release notes?')
    await box(a).press('Enter')
    const root = 'Who takes the release notes?'
    await message(b, root).waitFor()

    // Bob answers in the thread.
    await act(b, root, 'Thread')
    const panel = b.getByRole('dialog')
    await panel.getByRole('list', { name: 'Thread start' }).getByText(root).waitFor()
    await panel.getByText('No replies yet.').waitFor()
    await panel.getByRole('textbox', { name: 'Reply in thread' }).fill('I will write them')
    await panel.getByRole('textbox', { name: 'Reply in thread' }).press('Enter')
    await panel.getByRole('list', { name: 'Replies' }).getByText('I will write them').waitFor()
    await threadsSettled()

    // Alice sees the reply count under her message, opens the thread, and sees the next reply live.
    await message(a, root).getByRole('button', { name: '1 reply' }).click()
    const alicePanel = a.getByRole('dialog')
    const replies = alicePanel.getByRole('list', { name: 'Replies' })
    await replies.getByText('I will write them').waitFor()
    await panel.getByRole('textbox', { name: 'Reply in thread' }).fill('Done, see the wiki')
    await panel.getByRole('textbox', { name: 'Reply in thread' }).press('Enter')
    await replies.getByText('Done, see the wiki').waitFor()
    assert.deepEqual(await replies.locator('.body').allTextContents(), [
      'I will write them',
      'Done, see the wiki',
    ])
    await screenshot(a, 'conversation-02-thread')
    await alicePanel.getByRole('button', { name: 'Close' }).click()
    await message(a, root).getByRole('button', { name: '2 replies' }).waitFor()
  })

  test('a thread reply stays in the thread unless "Also send to the room" is ticked', async ({
    assert,
  }) => {
    const { alice, bob, asAlice, asBob } = await acme()
    const room = await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/group', {
      name: 'Docs',
      memberIds: [bob.user.id],
    })
    const root = 'Who reviews the install guide?'
    await restAs(serverUrl(), asBob, 'POST', '/chat/messages', { roomId: room.id, content: root })
    const { page: a } = await arrive(browser, alice.token)
    const { page: b } = await arrive(browser, bob.token)
    await open(a, 'Docs')
    await open(b, 'Docs')
    await message(b, root).waitFor()

    // Bob keeps the thread open; Alice answers in it, the box left unticked.
    await act(b, root, 'Thread')
    const bobReplies = b.getByRole('dialog').getByRole('list', { name: 'Replies' })
    await b.getByRole('dialog').getByText('No replies yet.').waitFor()
    await act(a, root, 'Thread')
    const alicePanel = a.getByRole('dialog')
    const alsoToRoom = alicePanel.getByRole('checkbox', { name: 'Also send to the room' })
    assert.isFalse(await alsoToRoom.isChecked())
    const reply = alicePanel.getByRole('textbox', { name: 'Reply in thread' })
    await reply.fill('I will, in the thread')
    await reply.press('Enter')
    await alicePanel
      .getByRole('list', { name: 'Replies' })
      .getByText('I will, in the thread')
      .waitFor()
    await bobReplies.getByText('I will, in the thread').waitFor()

    // Ticked, the next reply goes to the room as well: Bob's timeline shows it, not the first.
    await alsoToRoom.check()
    await reply.fill('Done, and telling the room')
    await reply.press('Enter')
    await bobReplies.getByText('Done, and telling the room').waitFor()
    await message(b, 'Done, and telling the room').waitFor()
    await message(a, 'Done, and telling the room').waitFor()
    assert.equal(await message(b, 'I will, in the thread').count(), 0)
    assert.equal(await message(a, 'I will, in the thread').count(), 0)
    assert.deepEqual(await bobReplies.locator('.body').allTextContents(), [
      'I will, in the thread',
      'Done, and telling the room',
    ])
    await threadsSettled()
    await b.getByRole('dialog').getByRole('button', { name: 'Close' }).click()
    await message(b, root).getByRole('button', { name: '2 replies' }).waitFor()

    // After a reload the room's history still leaves the thread-only reply out.
    await b.reload()
    await b.getByText('Connected').waitFor()
    await open(b, 'Docs')
    await message(b, 'Done, and telling the room').waitFor()
    assert.equal(await message(b, 'I will, in the thread').count(), 0)
  })

  test('search finds words in my rooms only, marks them, and jumps to an older message', async ({
    assert,
  }) => {
    const { alice, bob, asAlice, asBob } = await acme()
    const dm = await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/direct', {
      userId: bob.user.id,
    })
    await restAs(serverUrl(), asBob, 'POST', '/chat/messages', {
      roomId: dm.id,
      content: 'The deployment of version two starts at nine',
    })
    for (let i = 1; i <= 60; i++) {
      await restAs(serverUrl(), asAlice, 'POST', '/chat/messages', {
        roomId: dm.id,
        content: `filler ${i}`,
      })
    }
    // Someone in another organization writes the same word: it must never show.
    const carol = await createUserWithToken({ username: 'carol', displayName: 'Carol' })
    const globex = await createOrgWith(carol.user, { name: 'Globex' })
    const dave = await createUserWithToken({ username: 'dave' })
    const { addMember } = await import('#tests/helpers/users')
    await addMember(globex, dave.user)
    const asCarol = { token: carol.token, organizationId: globex.id }
    const theirs = await restAs(serverUrl(), asCarol, 'POST', '/chat/rooms/direct', {
      userId: dave.user.id,
    })
    await restAs(serverUrl(), asCarol, 'POST', '/chat/messages', {
      roomId: theirs.id,
      content: 'Secret deployment plans of Globex',
    })
    // The search index is written in the send's own transaction: nothing to wait for.

    const { page: a } = await arrive(browser, alice.token)
    await a.getByRole('button', { name: 'Search', exact: true }).click()
    const panel = a.getByRole('dialog')
    await panel.getByRole('searchbox', { name: 'Search words' }).fill('deploy')
    await panel.getByRole('button', { name: 'Search', exact: true }).click()
    await panel.getByText('1 message found').waitFor()
    const hit = panel.getByRole('list', { name: 'Search results' }).locator('li')
    assert.equal(await hit.count(), 1)
    assert.equal(await hit.locator('mark').textContent(), 'deployment')
    assert.include(await hit.textContent(), 'The deployment of version two starts at nine')
    assert.notInclude(await panel.textContent(), 'Globex')
    await screenshot(a, 'conversation-03-search')

    // The hit is older than the first page: the client loads back to it and shows it.
    await hit.getByRole('button').click()
    await a.getByRole('heading', { name: 'Bob', exact: true }).waitFor()
    const found = message(a, 'The deployment of version two starts at nine')
    await found.and(a.locator('.flash')).waitFor()
    assert.isTrue(await found.isVisible())
    assert.isTrue(await found.evaluate((el) => el === (globalThis as any).document.activeElement))
  })

  test('a link preview from the link-previews plugin shows under the message, live and after a reload', async ({
    assert,
    cleanup,
  }) => {
    const { alice, bob, org, asAlice } = await acme()
    const dm = await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/direct', {
      userId: bob.user.id,
    })
    const site = await pageWithPreview()
    cleanup(() => site.close())
    const { page: a } = await arrive(browser, alice.token)
    const { page: b } = await arrive(browser, bob.token)
    await open(a, 'Bob')
    await open(b, 'Alice')
    await box(b).fill(`The notes are at ${site.url}`)
    await box(b).press('Enter')
    await message(a, 'The notes are at').waitFor()

    // The plugin's job, run here with the test-only allowance for 127.0.0.1.
    const [sent] = await restAs(serverUrl(), asAlice, 'GET', `/chat/rooms/${dm.id}/messages`)
    const attached = await previewMessage(
      { organizationId: org.id, roomId: dm.id, messageId: sent.id, content: sent.content },
      {
        maxBytes: 64 * 1024,
        timeoutMs: 2000,
        maxRedirects: 3,
        allowAddress: (address) => address === '127.0.0.1',
      }
    )
    assert.isTrue(attached)

    const card = (page: Page) =>
      message(page, 'The notes are at').getByRole('link', {
        name: 'Link preview: Release notes 2.0',
      })
    await card(a).waitFor()
    await card(b).waitFor()
    assert.equal(await card(a).getAttribute('href'), site.url)
    assert.equal(await card(a).getAttribute('rel'), 'noopener noreferrer nofollow')
    assert.include(await card(a).textContent(), 'Acme docs')
    assert.include(await card(a).textContent(), 'Everything that changed, <b>in one page</b>')
    assert.equal(await card(a).locator('b').count(), 0)
    await screenshot(a, 'conversation-04-link-preview')

    await a.reload()
    await a.getByText('Connected').waitFor()
    await open(a, 'Bob')
    await card(a).waitFor()
  })

  test('no serious accessibility violation with reactions and pins, in the thread, pins and search panels, light or dark', async ({
    assert,
  }) => {
    const { alice, bob, asAlice, asBob } = await acme()
    const room = await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/group', {
      name: 'Launch',
      memberIds: [bob.user.id],
    })
    const root = await restAs(serverUrl(), asBob, 'POST', '/chat/messages', {
      roomId: room.id,
      content: 'Ship the release on Friday',
    })
    await restAs(serverUrl(), asAlice, 'POST', `/chat/messages/${root.id}/reactions`, {
      emoji: '🎉',
    })
    await restAs(serverUrl(), asAlice, 'PUT', `/chat/messages/${root.id}/pin`)
    await restAs(serverUrl(), asAlice, 'POST', '/chat/messages', {
      roomId: room.id,
      content: 'Agreed, release notes follow',
      replyToId: root.id,
    })
    await threadsSettled()

    for (const colorScheme of ['light', 'dark'] as const) {
      const { page: a, context } = await arrive(browser, alice.token, {
        bypassCSP: true,
        colorScheme,
      })
      await open(a, 'Launch')
      await reaction(a, 'Ship the release', '🎉 1').waitFor()
      await message(a, 'Ship the release').getByRole('button', { name: '1 reply' }).waitFor()
      assert.deepEqual(await seriousA11yViolations(a), [], `reactions and pins, ${colorScheme}`)
      await message(a, 'Ship the release').getByRole('button', { name: '1 reply' }).click()
      await a.getByRole('dialog').getByText('Agreed, release notes follow').waitFor()
      assert.deepEqual(await seriousA11yViolations(a), [], `thread, ${colorScheme}`)
      await a.keyboard.press('Escape')
      await a.getByRole('button', { name: 'Pinned', exact: true }).click()
      await a.getByRole('list', { name: 'Pinned messages' }).getByText('Ship the release').waitFor()
      assert.deepEqual(await seriousA11yViolations(a), [], `pins, ${colorScheme}`)
      await a.keyboard.press('Escape')
      await a.getByRole('button', { name: 'Search', exact: true }).click()
      await a.getByRole('searchbox', { name: 'Search words' }).fill('release')
      await a.getByRole('searchbox', { name: 'Search words' }).press('Enter')
      await a.getByText('2 messages found').waitFor()
      assert.deepEqual(await seriousA11yViolations(a), [], `search, ${colorScheme}`)
      await screenshot(a, `conversation-05-a11y-search-${colorScheme}`)
      await context.close()
    }
  })
})
