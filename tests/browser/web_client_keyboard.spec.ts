import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import { resetDatabase } from '#tests/helpers/database'
import { attachGateway, serverUrl } from '#tests/helpers/sockets'
import {
  closeBrowser,
  launchBrowser,
  newPerson,
  restAs,
  screenshot,
  seriousA11yViolations,
} from '#tests/helpers/browser'
import { acme, arrive, box, messages, open } from '#tests/helpers/web_client'

/*
 * The keyboard as a chat user expects it, and axe-core on every screen:
 * no serious or critical accessibility violation. The contexts that run axe
 * bypass the Content-Security-Policy, since axe is injected inline.
 */

test.group('Web client keyboard and accessibility in Chromium', (group) => {
  let browser: Browser
  group.setup(() => attachGateway())
  group.setup(async () => {
    browser = await launchBrowser()
    return () => closeBrowser(browser)
  })
  group.each.setup(() => resetDatabase())

  test('Enter sends, Shift+Enter makes a new line, Up edits the last message, Escape cancels', async ({
    assert,
  }) => {
    const { alice, bob, asAlice } = await acme()
    await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/direct', { userId: bob.user.id })
    const { page: a } = await arrive(browser, alice.token)
    const { page: b } = await arrive(browser, bob.token)
    await open(a, 'Bob')
    await open(b, 'Alice')

    await box(a).pressSequentially('first line')
    await box(a).press('Shift+Enter')
    await box(a).pressSequentially('second line')
    assert.equal(await box(a).inputValue(), 'first line\nsecond line')
    await box(a).press('Enter')
    const sent = messages(b).locator('li .body', { hasText: 'first line' })
    await sent.waitFor()
    assert.equal(await sent.textContent(), 'first line\nsecond line')
    assert.equal(await box(a).inputValue(), '')

    // Up in an empty box edits the last message; Escape gives the box back.
    await box(a).press('ArrowUp')
    await a.getByText('Editing your message').waitFor()
    assert.equal(await box(a).inputValue(), 'first line\nsecond line')
    await box(a).press('Escape')
    assert.isFalse(await a.getByText('Editing your message').isVisible())
    assert.equal(await box(a).inputValue(), '')

    await box(a).press('ArrowUp')
    await box(a).fill('first line, edited')
    await box(a).press('Enter')
    await messages(b)
      .locator('li', { hasText: 'first line, edited' })
      .getByText('(edited)')
      .waitFor()
    assert.equal(await box(a).inputValue(), '')

    // Up with text in the box moves the caret, it does not start an edit.
    await box(a).fill('half written')
    await box(a).press('ArrowUp')
    assert.isFalse(await a.getByText('Editing your message').isVisible())
    assert.equal(await box(a).inputValue(), 'half written')

    // Escape also cancels a reply; the text stays.
    await messages(a).locator('li', { hasText: 'first line, edited' }).hover()
    await messages(a)
      .locator('li', { hasText: 'first line, edited' })
      .getByRole('button', { name: 'Reply' })
      .click()
    await a.getByText(/^Replying to You/).waitFor()
    await box(a).press('Escape')
    assert.isFalse(await a.getByText(/^Replying to You/).isVisible())
    assert.equal(await box(a).inputValue(), 'half written')
    await screenshot(a, 'keyboard-01-after-edit')
  })

  test('no serious accessibility violation on the login, chat, dialog and settings screens, light or dark', async ({
    assert,
  }) => {
    const { alice, bob, asAlice, asBob } = await acme()
    const dm = await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/direct', {
      userId: bob.user.id,
    })
    await restAs(serverUrl(), asBob, 'POST', '/chat/messages', {
      roomId: dm.id,
      content: 'Hello @alice, see https://example.com/docs',
    })

    const visitor = await newPerson(browser, undefined, { bypassCSP: true })
    await visitor.page.goto(serverUrl())
    await visitor.page.getByRole('button', { name: 'Log in' }).waitFor()
    assert.deepEqual(await seriousA11yViolations(visitor.page), [], 'login screen')
    await visitor.context.close()

    const backgrounds: Record<string, string> = {}
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page: a, context } = await arrive(browser, alice.token, {
        bypassCSP: true,
        colorScheme,
      })
      await open(a, 'Bob')
      await messages(a).getByText('Hello').waitFor()
      await box(a).fill('a draft')
      backgrounds[colorScheme] = await a.evaluate(
        () =>
          (globalThis as any).getComputedStyle((globalThis as any).document.documentElement)
            .backgroundColor
      )
      assert.deepEqual(await seriousA11yViolations(a), [], `chat screen, ${colorScheme}`)
      await screenshot(a, `a11y-chat-${colorScheme}`)
      await a.getByRole('button', { name: 'New', exact: true }).click()
      await a.getByRole('dialog').waitFor()
      assert.deepEqual(await seriousA11yViolations(a), [], `new conversation, ${colorScheme}`)
      await a.keyboard.press('Escape')
      await a.getByRole('button', { name: 'Conversation settings' }).click()
      await a.getByRole('dialog').waitFor()
      assert.deepEqual(await seriousA11yViolations(a), [], `conversation settings, ${colorScheme}`)
      await a.keyboard.press('Escape')
      await a.getByRole('button', { name: 'Profile and settings' }).click()
      await a.getByRole('dialog').waitFor()
      assert.deepEqual(await seriousA11yViolations(a), [], `profile, ${colorScheme}`)
      await a.keyboard.press('Escape')
      await a.getByRole('button', { name: 'Organization', exact: true }).click()
      await a.getByRole('dialog').getByText('Messages in the last 30 days').waitFor()
      assert.deepEqual(await seriousA11yViolations(a), [], `organization, ${colorScheme}`)
      await context.close()
    }
    // The theme follows the system setting.
    assert.deepEqual(backgrounds, { light: 'rgb(246, 247, 251)', dark: 'rgb(20, 21, 27)' })
  })
})
