import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { addMember, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { botWithKey } from '#tests/functional/integrations/integration_fixtures'
import {
  attachGateway,
  closeSockets,
  connectAs,
  groupRoom,
  nextEvent,
  refusedConnection,
  request,
} from '#tests/helpers/sockets'

/*
 * A bot on Socket.IO with its API key: it joins its rooms like a member,
 * sends through the same `send_message` door, and its socket closes the
 * moment an admin revokes the key (the one revocation).
 */
test.group('Bots on Socket.IO', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('a bot connects with its API key, receives and sends in its rooms', async ({ assert }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const bot = await botWithKey(org, owner)
    const room = await groupRoom(org, owner.user, [bot.user])
    const botSocket = await connectAs({ token: bot.token })
    const ownerSocket = await connectAs({ token: owner.token, organizationId: org.id })

    const botHears = nextEvent(botSocket.socket, 'new_message')
    const sent = await request(ownerSocket.socket, 'send_message', {
      roomId: room.id,
      content: 'status?',
    })
    assert.isTrue(sent.ok)
    const heardByBot = await botHears
    assert.equal(heardByBot.content, 'status?')

    const ownerHears = nextEvent(ownerSocket.socket, 'new_message')
    const reply = await request(botSocket.socket, 'send_message', {
      roomId: room.id,
      content: 'all green',
    })
    assert.isTrue(reply.ok)
    const heard = await ownerHears
    assert.equal(heard.senderId, bot.user.id)
    assert.equal(heard.content, 'all green')
  })

  test('revoking the key disconnects the bot’s socket and refuses the key', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const bot = await botWithKey(org, owner)
    const { socket } = await connectAs({ token: bot.token })
    const gone = nextEvent<string>(socket, 'disconnect')
    const response = await client
      .delete(`/organizations/${org.id}/bots/${bot.user.id}/keys/${bot.keyId}`)
      .bearerToken(owner.token)
    response.assertStatus(204)
    assert.equal(await gone, 'io server disconnect')
    const refused = await refusedConnection({ token: bot.token })
    assert.equal(refused.message, 'E_UNAUTHORIZED')
  })

  test('a bot key cannot open a socket in another organization, even one it was added to', async ({
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const otherOwner = await createUserWithToken()
    const other = await createOrgWith(otherOwner.user)
    const bot = await botWithKey(org, owner)
    await addMember(other, bot.user)
    const refused = await refusedConnection({ token: bot.token, organizationId: other.id })
    assert.equal(refused.message, 'E_NOT_FOUND')
    const own = await connectAs({ token: bot.token, organizationId: org.id })
    assert.equal(own.context.organizationId, org.id)
  })
})
