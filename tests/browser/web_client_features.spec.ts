import { test } from '@japa/runner'
import type { Browser, Page } from 'playwright-core'
import { resetDatabase } from '#tests/helpers/database'
import { attachGateway, serverUrl } from '#tests/helpers/sockets'
import { addMember, createUserWithToken, TEST_PASSWORD } from '#tests/helpers/users'
import { closeBrowser, launchBrowser, restAs, screenshot } from '#tests/helpers/browser'
import { acme, arrive, box, conversation, messages, open } from '#tests/helpers/web_client'

/*
 * What people expect of a chat client beyond the bugs: Markdown that is
 * safe, group room management, desktop notifications with a title badge,
 * and a profile page. Two (or three) people, each in their own context.
 */

/**
 * Replaces the Notification API with a recorder (headless Chromium shows
 * nothing): permission starts as `permission` and becomes granted when asked.
 */
function recordNotifications(page: Page, permission: 'default' | 'granted') {
  return page.addInitScript((initial) => {
    const w = globalThis as any
    w.__notifications = []
    w.__permissionAsked = 0
    class Recorder {
      static permission = initial
      static async requestPermission() {
        w.__permissionAsked++
        Recorder.permission = 'granted'
        return 'granted'
      }
      constructor(title: string, options: { body?: string; tag?: string } = {}) {
        w.__notifications.push({ title, body: options.body, tag: options.tag })
      }
      addEventListener() {}
      close() {}
    }
    w.Notification = Recorder
  }, permission)
}

const notifications = (page: Page) =>
  page.evaluate(() => (globalThis as any).__notifications as { title: string; body: string }[])

test.group('Web client features in Chromium', (group) => {
  let browser: Browser
  group.setup(() => attachGateway())
  group.setup(async () => {
    browser = await launchBrowser()
    return () => closeBrowser(browser)
  })
  group.each.setup(() => resetDatabase())

  test('messages render safe Markdown: emphasis, code blocks, links, and no HTML from the text', async ({
    assert,
  }) => {
    const { alice, bob, asAlice } = await acme()
    await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/direct', { userId: bob.user.id })
    const { page: a } = await arrive(browser, alice.token)
    const { page: b } = await arrive(browser, bob.token)
    await open(a, 'Bob')
    await open(b, 'Alice')

    await box(b).fill(
      [
        '**Release** is _today_ ~~maybe~~ :tada: run `npm test` first',
        'Docs: https://example.com/guide?step=2 and [the notes](https://example.com/notes)',
        'Not a link: [click](javascript:alert(1)) <img src=x onerror="window.__owned=1"> <b>raw</b>',
        '```ts',
        'const ok = 1 < 2 && "<b>"',
        '```',
        '> quoted line',
        '- first point',
        '- second point',
      ].join('\n')
    )
    await box(b).press('Enter')
    const body = messages(a).locator('li .body', { hasText: 'Release' })
    await body.waitFor()

    assert.equal(await body.locator('strong').textContent(), 'Release')
    assert.equal(await body.locator('em').textContent(), 'today')
    assert.equal(await body.locator('s').textContent(), 'maybe')
    assert.include(await body.textContent(), '🎉')
    assert.equal(await body.locator('p code').textContent(), 'npm test')
    assert.equal(await body.locator('pre code').textContent(), 'const ok = 1 < 2 && "<b>"')
    assert.equal(await body.locator('blockquote').textContent(), 'quoted line')
    assert.deepEqual(await body.locator('ul li').allTextContents(), ['first point', 'second point'])

    const links = await body.locator('a').evaluateAll((anchors) =>
      anchors.map((el: any) => ({
        href: el.getAttribute('href'),
        text: el.textContent,
        rel: el.rel,
      }))
    )
    assert.deepEqual(links, [
      {
        href: 'https://example.com/guide?step=2',
        text: 'https://example.com/guide?step=2',
        rel: 'noopener noreferrer nofollow',
      },
      {
        href: 'https://example.com/notes',
        text: 'the notes',
        rel: 'noopener noreferrer nofollow',
      },
    ])
    assert.equal(await body.locator('img, b').count(), 0)
    assert.include(await body.textContent(), '<img src=x onerror="window.__owned=1"> <b>raw</b>')
    assert.include(await body.textContent(), '[click](javascript:alert(1))')
    assert.isUndefined(await a.evaluate(() => (globalThis as any).__owned))
    await screenshot(a, 'features-01-markdown')
  })

  test('group rooms: create with members, describe, rename, add and remove, leave, archive', async ({
    assert,
  }) => {
    const { alice, bob, org } = await acme()
    const carol = await createUserWithToken({ username: 'carol', displayName: 'Carol' })
    await addMember(org, carol.user)
    const { page: a } = await arrive(browser, alice.token)
    const { page: b } = await arrive(browser, bob.token)
    const { page: c } = await arrive(browser, carol.token)

    // Alice creates a group with Bob and a description.
    await a.getByRole('button', { name: 'New', exact: true }).click()
    const groupForm = a.getByRole('form', { name: 'Group room' })
    await groupForm.getByLabel('Name').fill('Launch')
    await groupForm.getByLabel('Description').fill('Everything about the launch')
    await groupForm.getByLabel('Bob').check()
    await groupForm.getByRole('button', { name: 'Create group' }).click()
    await a.getByRole('heading', { name: 'Launch' }).waitFor()
    await a.getByText('Everything about the launch').waitFor()
    await box(a).fill('Welcome to the launch room')
    await box(a).press('Enter')
    await open(b, 'Launch')
    await messages(b).getByText('Welcome to the launch room').waitFor()
    assert.equal(await conversation(c, 'Launch').count(), 0)

    // Rename and describe: Bob sees it live.
    await a.getByRole('button', { name: 'Conversation settings' }).click()
    const settings = a.getByRole('dialog')
    await settings.getByLabel('Room name').fill('Launch team')
    await settings.getByLabel('Description').fill('Ship it on Friday')
    await settings.getByRole('button', { name: 'Save' }).click()
    await b.getByRole('heading', { name: 'Launch team' }).waitFor()
    await b.getByText('Ship it on Friday').waitFor()

    // Add Carol, remove Bob.
    await settings.getByLabel('Carol').check()
    await settings.getByRole('button', { name: 'Add to room' }).click()
    await settings.getByRole('button', { name: 'Remove Carol' }).waitFor()
    await open(c, 'Launch team')
    await messages(c).getByText('Welcome to the launch room').waitFor()
    await screenshot(a, 'features-02-room-settings')
    await settings.getByRole('button', { name: 'Remove Bob' }).click()
    await conversation(b, 'Launch team').waitFor({ state: 'detached' })
    await b.getByText('Pick a conversation, or start a new one.').waitFor()
    await settings.getByRole('button', { name: 'Close' }).click()

    // Carol leaves on her own.
    c.once('dialog', (dialog) => void dialog.accept())
    await c.getByRole('button', { name: 'Conversation settings' }).click()
    await c.getByRole('dialog').getByRole('button', { name: 'Leave room' }).click()
    await conversation(c, 'Launch team').waitFor({ state: 'detached' })
    await a.getByText('1 member', { exact: true }).waitFor()

    // Alice archives it: it stays readable, the composer goes away.
    a.once('dialog', (dialog) => void dialog.accept())
    await a.getByRole('button', { name: 'Conversation settings' }).click()
    await a.getByRole('dialog').getByRole('button', { name: 'Archive room' }).click()
    await a.getByText('This room is archived: it can be read, not written in.').waitFor()
    assert.isFalse(await box(a).isVisible())
    assert.equal(
      await conversation(a, 'Launch team').locator('.room-preview').textContent(),
      'Archived'
    )
    await screenshot(a, 'features-02-archived')
  })

  test('desktop notifications and the title badge for messages out of sight; muted rooms stay quiet', async ({
    assert,
  }) => {
    const { alice, bob, asAlice } = await acme()
    const dm = await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/direct', {
      userId: bob.user.id,
    })
    await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/group', {
      name: 'Chatter',
      memberIds: [bob.user.id],
    })
    const alicePerson = await arrive(browser, alice.token)
    const a = alicePerson.page
    await recordNotifications(a, 'default')
    await a.reload()
    await a.getByText('Connected').waitFor()
    const { page: b } = await arrive(browser, bob.token)

    // Permission is asked only when Alice turns notifications on.
    assert.equal(await a.evaluate(() => (globalThis as any).__permissionAsked), 0)
    await a.getByRole('button', { name: 'Turn on desktop notifications' }).click()
    await a.getByRole('button', { name: 'Turn on desktop notifications' }).waitFor({
      state: 'hidden',
    })
    assert.equal(await a.evaluate(() => (globalThis as any).__permissionAsked), 1)

    // Alice looks at Chatter; Bob writes in the DM.
    await open(a, 'Chatter')
    await open(b, 'Alice')
    await box(b).fill('Are you there?')
    await box(b).press('Enter')
    await conversation(a, 'Bob').getByLabel('1 unread').waitFor()
    assert.equal(await a.title(), '(1) Parley')
    assert.deepEqual(await notifications(a), [{ title: 'Bob', body: 'Are you there?', tag: dm.id }])

    // Reading it clears the badge.
    await open(a, 'Bob')
    await a.waitForFunction(() => (globalThis as any).document.title === 'Parley')

    // A muted room neither notifies nor counts in the title.
    await open(a, 'Chatter')
    await a.getByRole('button', { name: 'Conversation settings' }).click()
    await a.getByRole('dialog').getByLabel('Mute this conversation (no notifications)').check()
    await a.getByRole('dialog').getByRole('button', { name: 'Close' }).click()
    await a.getByText('Muted', { exact: true }).waitFor()
    await open(a, 'Bob')
    await open(b, 'Chatter')
    await box(b).fill('Lunch anyone?')
    await box(b).press('Enter')
    await conversation(a, 'Chatter').getByLabel('1 unread').waitFor()
    assert.equal(await a.title(), 'Parley')
    assert.lengthOf(await notifications(a), 1)
    await screenshot(a, 'features-03-notifications')
  })

  test('the profile page changes the display name (others see it) and the password', async ({
    assert,
  }) => {
    const { alice, bob, asAlice } = await acme()
    await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/direct', { userId: bob.user.id })
    const { page: a } = await arrive(browser, alice.token)
    await a.getByRole('button', { name: 'Profile and settings' }).click()
    const dialog = a.getByRole('dialog')
    await dialog.getByLabel('Display name').fill('Alice Liddell')
    await dialog.getByRole('button', { name: 'Save profile' }).click()
    await a.getByText('Profile saved').waitFor()
    await dialog.getByLabel('Current password').fill(TEST_PASSWORD)
    await dialog.getByLabel('New password').fill('a brand new passphrase')
    await dialog.getByRole('button', { name: 'Change password' }).click()
    await a.getByText('Password changed').waitFor()
    await screenshot(a, 'features-04-profile')

    const { page: b } = await arrive(browser, bob.token)
    await conversation(b, 'Alice Liddell').waitFor()
    const login = await fetch(`${serverUrl()}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'a brand new passphrase' }),
    })
    assert.equal(login.status, 200)
    // The session that changed the password goes on.
    await a.reload()
    await a.getByText('Connected').waitFor()
  })

  test('organization admin: roles change live, members are removed, invites revoked, activity shown', async ({
    assert,
  }) => {
    const { alice, bob, org, asAlice } = await acme()
    await restAs(serverUrl(), asAlice, 'POST', `/organizations/${org.id}/invite`, {
      email: 'carol@example.com',
      role: 'member',
    })
    const { page: a } = await arrive(browser, alice.token)
    const { page: b } = await arrive(browser, bob.token)

    // Bob, a member, cannot create group rooms yet.
    await b.getByRole('button', { name: 'New', exact: true }).click()
    assert.equal(await b.getByRole('form', { name: 'Group room' }).count(), 0)
    await b.keyboard.press('Escape')

    await a.getByRole('button', { name: 'Organization', exact: true }).click()
    const dialog = a.getByRole('dialog')
    await dialog.getByText('carol@example.com (member): pending').waitFor()
    await dialog.locator('dd').first().getByText('2').waitFor()
    await screenshot(a, 'features-05-organization')

    // Alice makes Bob a moderator: his client knows without a reload.
    await dialog.getByLabel('Role of Bob').selectOption('moderator')
    await a.getByText('Bob is now moderator').waitFor()
    await b.getByRole('button', { name: 'New', exact: true }).click()
    await b.getByRole('form', { name: 'Group room' }).waitFor()
    await b.keyboard.press('Escape')

    // The invite is revoked; Bob is removed from Acme.
    await dialog.getByRole('button', { name: 'Revoke the invite of carol@example.com' }).click()
    await dialog.getByText('No pending invites.').waitFor()
    a.once('dialog', (confirmation) => void confirmation.accept())
    await dialog.getByRole('button', { name: 'Remove Bob from Acme' }).click()
    await dialog.getByLabel('Role of Bob').waitFor({ state: 'detached' })
    const members = await restAs<{ userId: string }[]>(
      serverUrl(),
      asAlice,
      'GET',
      `/organizations/${org.id}/members`
    )
    assert.deepEqual(
      members.map((m) => m.userId),
      [alice.user.id]
    )
  })
})
