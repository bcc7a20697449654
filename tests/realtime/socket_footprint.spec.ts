import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import { attachGateway, closeSockets, connectAs, groupRoom, request } from '#tests/helpers/sockets'
import accessCache from '#services/access_cache'

/*
 * What an idle socket holds (docs/scaling.md, memory per idle socket): no
 * cached actor until the socket sends (the shared handler table is checked
 * against the contract by tests/functional/system/asyncapi_coverage.spec.ts).
 */
test.group('Socket footprint', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

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
