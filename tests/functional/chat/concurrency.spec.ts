import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { as, chatOrg, groupRoom, member } from './chat_fixtures.js'

test.group('Sending under concurrency', (group) => {
  group.each.setup(() => resetDatabase())

  test('200 concurrent sends from several users get seq 1..200, no gap, no duplicate', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const carol = await member(org)
    const dave = await member(org)
    const senders = [owner, alice, bob, carol, dave]
    const room = await groupRoom(org, owner, [alice, bob, carol, dave])

    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        as(client, senders[i % senders.length], org, 'post', '/chat/messages').json({
          roomId: room.id,
          content: `message ${i}`,
        })
      )
    )
    responses.forEach((response) => response.assertStatus(201))
    const returned = responses.map((r) => r.body().data.seq as number).sort((a, b) => a - b)
    assert.deepEqual(
      returned,
      Array.from({ length: 200 }, (_, i) => i + 1)
    )
    const stored = await db
      .from('messages')
      .where('room_id', room.id)
      .orderBy('seq', 'asc')
      .select('seq', 'version_seq')
    assert.deepEqual(
      stored.map((row) => Number(row.seq)),
      returned
    )
    assert.equal(new Set(stored.map((row) => row.version_seq)).size, 200)
    const counters = await db.from('rooms').where('id', room.id).first()
    assert.equal(Number(counters.last_seq), 200)
    assert.equal(Number(counters.change_seq), 200)
  })

  test('50 concurrent retries of one clientMessageId store one message', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const body = { roomId: room.id, content: 'exactly once', clientMessageId: crypto.randomUUID() }
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => as(client, alice, org, 'post', '/chat/messages').json(body))
    )
    const statuses = responses.map((r) => r.status())
    assert.equal(statuses.filter((s) => s === 201).length, 1)
    assert.equal(statuses.filter((s) => s === 200).length, 49)
    assert.equal(new Set(responses.map((r) => r.body().data.id)).size, 1)
    assert.isTrue(responses.every((r) => r.body().data.content === 'exactly once'))
    const rows = await db.from('messages').where('room_id', room.id)
    assert.lengthOf(rows, 1)
    const counters = await db.from('rooms').where('id', room.id).first()
    assert.equal(Number(counters.last_seq), 1)
    const next = await as(client, alice, org, 'post', '/chat/messages').json({
      roomId: room.id,
      content: 'next',
    })
    assert.equal(next.body().data.seq, 2)
  })
})
