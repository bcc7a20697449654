import { test } from '@japa/runner'
import type { Browser } from 'playwright-core'
import { resetDatabase } from '#tests/helpers/database'
import { attachGateway, serverUrl } from '#tests/helpers/sockets'
import { closeBrowser, launchBrowser, restAs } from '#tests/helpers/browser'
import { acme, arrive, box, messages, open } from '#tests/helpers/web_client'
import { LOOPBACK_ONLY, startEndpoint } from '#tests/helpers/http_endpoint'
import { outbound } from '#domain/webhooks/outbound'
import { actorFor } from '#services/org_context'
import CreateBot from '#actions/bots/create_bot'
import CreateCommand from '#actions/commands/create_command'
import AddRoomMembers from '#actions/rooms/add_room_members'

/*
 * The composer routes `/name args` to the slash command door, not to a
 * message: an ephemeral answer shows to the one who ran it, an in-channel
 * answer arrives as the bot's message for everyone, and a refused command
 * says why and gives the text back.
 */
test.group('Web client slash commands in Chromium', (group) => {
  let browser: Browser
  group.setup(() => attachGateway())
  group.setup(async () => {
    browser = await launchBrowser()
    return () => closeBrowser(browser)
  })
  group.each.setup(() => resetDatabase())
  group.each.setup(() => {
    outbound.allowAddress = LOOPBACK_ONLY
    return () => {
      outbound.allowAddress = undefined
    }
  })

  test('a /command from the composer runs it; a message is never stored for it', async ({
    assert,
    cleanup,
  }) => {
    const endpoint = await startEndpoint((_n, request) => {
      const { args } = JSON.parse(request.body)
      return args === 'loud'
        ? { status: 200, json: { text: 'Deploy started for everyone', responseType: 'in_channel' } }
        : { status: 200, json: { text: `Only you see ${args}` } }
    })
    cleanup(() => endpoint.close())
    const { alice, bob, org, asAlice } = await acme()
    const room = await restAs(serverUrl(), asAlice, 'POST', '/chat/rooms/group', {
      name: 'Ops',
      memberIds: [bob.user.id],
    })
    const admin = await actorFor(alice.user, org.id)
    const bot = await CreateBot.handle(admin, { username: 'deploy-bot', displayName: 'Deploy' })
    await AddRoomMembers.handle(admin, room.id, { userIds: [bot.id] })
    await CreateCommand.handle(admin, { name: 'deploy', url: endpoint.url, botId: bot.id })

    const { page: a } = await arrive(browser, alice.token)
    const { page: b } = await arrive(browser, bob.token)
    await open(a, 'Ops')
    await open(b, 'Ops')

    await box(a).fill('/deploy quietly')
    await box(a).press('Enter')
    await a.locator('#toast').getByText('/deploy: Only you see quietly').waitFor()
    assert.equal(await box(a).inputValue(), '')

    await box(a).fill('/deploy loud')
    await box(a).press('Enter')
    await messages(a).getByText('Deploy started for everyone').waitFor()
    await messages(b).getByText('Deploy started for everyone').waitFor()

    await box(a).fill('/nope at all')
    await box(a).press('Enter')
    await a.locator('#toast').getByText('There is no /nope command in this room').waitFor()
    assert.equal(await box(a).inputValue(), '/nope at all')

    assert.equal(await messages(b).getByText('quietly').count(), 0)
    const stored = await restAs(serverUrl(), asAlice, 'GET', `/chat/rooms/${room.id}/messages`)
    assert.deepEqual(
      stored.map((m: { content: string }) => m.content),
      ['Deploy started for everyone']
    )
  })
})
