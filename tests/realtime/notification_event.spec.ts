import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { listenOnChannel } from '#tests/helpers/sse'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import {
  attachGateway,
  closeSockets,
  connectAs,
  groupRoom,
  nextEvent,
  record,
  request,
} from '#tests/helpers/sockets'

test.group('The notification event', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('a mention reaches the mentioned user as a notification, on sockets and SSE', async ({
    client,
    assert,
    cleanup,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const bystander = await createMemberWithToken(org)
    const room = await groupRoom(org, owner.user, [member.user, bystander.user])
    const sender = await connectAs({ token: owner.token })
    const listener = await connectAs({ token: member.token, organizationId: org.id })
    const other = await connectAs({ token: bystander.token, organizationId: org.id })
    const othersNotifications = record(other.socket, 'notification')
    const sse = await listenOnChannel(member.token, `users/${member.user.id}`, cleanup)

    const notified = nextEvent(listener.socket, 'notification')
    const sent = await request(sender.socket, 'send_message', {
      roomId: room.id,
      content: `look @${member.user.username}`,
    })
    assert.isTrue(sent.ok)

    const notification = await notified
    assert.include(notification, { type: 'mention', roomId: room.id, actorId: owner.user.id })
    const listed = await client
      .get('/notifications')
      .bearerToken(member.token)
      .header('x-organization-id', org.id)
    assert.deepEqual(listed.body().data[0], notification)
    assert.deepEqual(await sse.first('notification'), notification)
    assert.deepEqual(othersNotifications, [])
  })
})
