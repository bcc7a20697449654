import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { resetDatabase } from '#tests/helpers/database'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import {
  attachGateway,
  closeSockets,
  connectAs,
  groupRoom,
  nextEvent,
  request,
} from '#tests/helpers/sockets'
import { recordStatements } from '#tests/helpers/query_counter'
import db from '@adonisjs/lucid/services/db'
import MessageTransformer from '#transformers/message_transformer'
import { fanoutSettled } from '#listeners/realtime_fanout_listener'
import { threadsSettled } from '#listeners/thread_listener'
import { notificationsSettled } from '#listeners/notification_listener'

/*
 * What one send costs PostgreSQL, counted in statements at the `pg` client
 * (docs/scaling.md). The recipient is online, so no notification is written;
 * the first send warms the node's caches, the second is the common case.
 * The blind search index row is written by the send's own write statement:
 * nothing of the send runs after its COMMIT.
 */
test.group('Send costs', (group) => {
  group.setup(() => attachGateway())
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('a socket send into a room already used costs BEGIN, admission, write with its index row, COMMIT, and nothing after', async ({
    assert,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const room = await groupRoom(org, owner.user, [member.user])
    const { socket } = await connectAs({ token: owner.token, organizationId: org.id })
    await connectAs({ token: member.token, organizationId: org.id })
    const warm = await request(socket, 'send_message', { roomId: room.id, content: 'warm' })
    assert.isTrue(warm.ok)
    await fanoutSettled()

    const stop = recordStatements()
    const sent = await request(socket, 'send_message', {
      roomId: room.id,
      content: 'counted words',
      clientMessageId: randomUUID(),
    })
    // Whatever listeners of message:created start after the ack is counted too.
    await fanoutSettled()
    await threadsSettled()
    await notificationsSettled()
    const statements = stop()

    assert.isTrue(sent.ok)
    console.log(`statements per send: ${statements.length}\n  ${statements.join('\n  ')}`)
    // Four statements, the search index included: it used to be a transaction of five more
    // after COMMIT (lock the room, lock and read the message, upsert the row, COMMIT).
    assert.deepEqual(statements.length, 4, statements.join('\n'))
    assert.equal(statements[0], 'BEGIN;')
    assert.include(statements[2], 'INSERT INTO message_search')
    assert.equal(statements[3], 'COMMIT;')
    const indexed = await db.from('message_search').where('message_id', sent.ok ? sent.data.id : '')
    assert.lengthOf(indexed, 1)
    assert.isAbove(indexed[0].terms.length, 1)
  })

  test('a send is shaped once for the ack, the room broadcast and the mention', async ({
    assert,
    cleanup,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const member = await createMemberWithToken(org)
    const room = await groupRoom(org, owner.user, [member.user])
    const { socket } = await connectAs({ token: owner.token, organizationId: org.id })
    const peer = await connectAs({ token: member.token, organizationId: org.id })
    const original = MessageTransformer.prototype.toObject
    let shaped = 0
    MessageTransformer.prototype.toObject = function (this: MessageTransformer) {
      shaped += 1
      return original.call(this)
    }
    cleanup(() => {
      MessageTransformer.prototype.toObject = original
    })
    const broadcast = nextEvent(peer.socket, 'new_message')
    const mentioned = nextEvent(peer.socket, 'mentioned')

    const sent = await request(socket, 'send_message', {
      roomId: room.id,
      content: `hello @${member.user.username}`,
    })

    assert.isTrue(sent.ok)
    assert.deepEqual(await broadcast, sent.ok ? sent.data : null)
    const { message } = await mentioned
    assert.deepEqual(message, sent.ok ? sent.data : null)
    assert.equal(shaped, 1)
  })
})
