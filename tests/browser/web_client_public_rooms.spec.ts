import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import { resetDatabase } from '#tests/helpers/database'
import { attachGateway, serverUrl } from '#tests/helpers/sockets'
import { closeBrowser, launchBrowser, restAs, screenshot } from '#tests/helpers/browser'
import { acme, arrive, box, conversation, messages, open } from '#tests/helpers/web_client'

/*
 * Public rooms: created public or made public by the room's admin, found by
 * anyone in the organization in the New conversation dialog, joined with one
 * click; private rooms never show there.
 */
test.group('Web client public rooms in Chromium', (group) => {
  let browser: Browser
  group.setup(() => attachGateway())
  group.setup(async () => {
    browser = await launchBrowser()
    return () => closeBrowser(browser)
  })
  group.each.setup(() => resetDatabase())

  test('a member finds a public room, joins it and talks there; private rooms stay hidden until opened', async ({
    assert,
  }) => {
    const { alice, bob, asAlice } = await acme()
    const secret = await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/group', {
      name: 'Secret',
      memberIds: [],
    })
    const { page: a } = await arrive(browser, alice.token)
    const { page: b } = await arrive(browser, bob.token)

    // Alice creates a public room and writes in it.
    await a.getByRole('button', { name: 'New', exact: true }).click()
    const groupForm = a.getByRole('form', { name: 'Group room' })
    await groupForm.getByLabel('Name').fill('Announcements')
    await groupForm.getByLabel('Public: everyone in the organization can find and join it').check()
    await groupForm.getByRole('button', { name: 'Create group' }).click()
    await a.getByRole('heading', { name: 'Announcements' }).waitFor()
    await box(a).fill('Welcome, everyone')
    await box(a).press('Enter')
    await messages(a).getByText('Welcome, everyone').waitFor()

    // Bob browses: Announcements is there, Secret is not.
    await b.getByRole('button', { name: 'New', exact: true }).click()
    const rooms = b.getByRole('list', { name: 'Public rooms' })
    await rooms.getByText('Announcements').waitFor()
    assert.deepEqual(await rooms.locator('strong').allTextContents(), ['Announcements'])
    await screenshot(b, 'public-rooms-01-browse')
    await b.getByRole('button', { name: 'Join Announcements' }).click()
    await b.getByRole('heading', { name: 'Announcements' }).waitFor()
    await messages(b).getByText('Welcome, everyone').waitFor()
    assert.equal(await b.getByRole('dialog').count(), 0)

    // Alice sees him arrive; they talk.
    await a.getByText('2 members', { exact: true }).waitFor()
    await box(b).fill('Glad to be here')
    await box(b).press('Enter')
    await messages(a).getByText('Glad to be here').waitFor()

    // Alice opens Secret to the organization from its settings; Bob then finds it.
    await open(a, 'Secret')
    await a.getByRole('button', { name: 'Conversation settings' }).click()
    await a
      .getByRole('dialog')
      .getByLabel('Public: everyone in the organization can find and join it')
      .check()
    await a.getByText('The room is public now').waitFor()
    await b.getByRole('button', { name: 'New', exact: true }).click()
    await b.getByRole('button', { name: 'Open Announcements' }).waitFor()
    await b.getByRole('dialog').getByLabel('Filter public rooms by name').fill('sec')
    await b.getByRole('button', { name: 'Join Secret' }).click()
    await b.getByRole('heading', { name: 'Secret' }).waitFor()
    await conversation(b, 'Secret').waitFor()
    const room = await restAs(serverUrl(), asAlice, 'GET', `/chat/rooms/${secret.id}`)
    assert.equal(room.memberCount, 2)
    await screenshot(b, 'public-rooms-02-joined')
  })
})
