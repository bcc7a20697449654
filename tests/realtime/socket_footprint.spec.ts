import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { attachGateway, closeSockets, connectAs, groupRoom, request } from '#tests/helpers/sockets'
import accessCache from '#services/access_cache'
import { socketHandlers } from '#realtime/gateway'
import { clientEvents } from '#openapi/events/client_events'

/*
 * What an idle socket holds (docs/scaling.md, memory per idle socket): no
 * per-socket closure per event (one handler table serves every socket) and
 * no cached actor until the socket sends.
 */
test.group('Socket footprint', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('the shared handler table serves every client event of the contract', ({ assert }) => {
    assert.sameMembers(Object.keys(socketHandlers), Object.keys(clientEvents))
  })

  test('a socket that has not sent keeps no actor; its first send caches one', async ({
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const room = await groupRoom(org, owner.user, [member.user])
    const { socket } = await connectAs({ token: owner.token, organizationId: org.id })
    assert.isUndefined(accessCache.actor(owner.user.id, org.id))

    const sent = await request(socket, 'send_message', { roomId: room.id, content: 'first' })

    assert.isTrue(sent.ok)
    assert.equal(accessCache.actor(owner.user.id, org.id)?.membership.role, 'owner')
  })
})
