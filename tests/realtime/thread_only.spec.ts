import { test } from '@japa/runner'
import { resetDatabase } from '#tests/helpers/database'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import type { MessageObject } from '#transformers/message_transformer'
import type { SyncResult } from '#realtime/socket_events'
import {
  attachGateway,
  closeSockets,
  connectAs,
  groupRoom,
  nextEvent,
  request,
} from '#tests/helpers/sockets'

/*
 * A thread-only reply still reaches the room's members live and through
 * `sync`, marked `threadOnly`, so that a client with the thread open stays
 * exact and every client can keep it out of its timeline.
 */
test.group('Thread-only replies on sockets', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('arrive as new_message marked threadOnly, then thread_updated, and come back in sync', async ({
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const room = await groupRoom(org, owner.user, [member.user])
    const a = await connectAs({ token: owner.token, organizationId: org.id })
    const b = await connectAs({ token: member.token, organizationId: org.id })
    const rootSeen = nextEvent(b.socket, 'new_message')
    const root = await request<MessageObject>(a.socket, 'send_message', {
      roomId: room.id,
      content: 'root',
    })
    assert.isTrue(root.ok)
    await rootSeen
    const rootId = root.ok ? root.data.id : ''
    const live = nextEvent(b.socket, 'new_message')
    const updated = nextEvent(b.socket, 'thread_updated')

    const sent = await request<MessageObject>(a.socket, 'send_message', {
      roomId: room.id,
      content: 'only in the thread',
      replyToId: rootId,
      threadOnly: true,
    })

    assert.isTrue(sent.ok)
    const reply = sent.ok ? sent.data : null
    assert.isTrue(reply?.threadOnly)
    assert.deepEqual(await live, reply)
    assert.include(await updated, { roomId: room.id, rootId, replyId: reply?.id })
    const sync = await request<SyncResult>(b.socket, 'sync', { rooms: { [room.id]: 0 } })
    assert.isTrue(sync.ok)
    const roomSync = sync.ok ? sync.data.rooms[room.id] : null
    const messages = roomSync?.ok ? roomSync.data.messages : []
    const synced = messages.find((message) => message.id === reply?.id)
    assert.isTrue(synced?.threadOnly)
    assert.equal(synced?.threadRootId, rootId)
  })
})
