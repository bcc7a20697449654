import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import {
  forgetRecentReads,
  recentPagesKept,
  recentRecordsKept,
} from '#domain/messages/message_pages'
import MessageCipher from '#services/message_cipher'
import { resetDatabase } from '#tests/helpers/database'
import { expectStatus } from '#tests/helpers/requests'
import { as, chatOrg, groupRoom, send, watchOpenedBodies } from './chat_fixtures.js'

/*
 * A history page reuses the record (and the JSON bytes) of a row it read
 * before only when the row reads exactly the same again
 * (app/domain/messages/message_pages.ts, `RecentRecords`). Some changes move
 * no version: those must still show on the next page.
 */

test.group('History page records read before', (group) => {
  group.each.setup(() => resetDatabase())

  test('a column changed without a new version is read again, not answered from before', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const message = await send(org, owner, room.id, 'hello')
    const page = async () => {
      const response = await expectStatus(
        as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`),
        200
      )
      return response.body().data[0]
    }
    for (let read = 0; read < 2; read++) {
      const before = await page()
      assert.equal(before.senderId, owner.user.id)
    }
    // What deleting the sender's account does to the row (ON DELETE SET NULL): no new version.
    await db.from('messages').where('id', message.id).update({ sender_id: null })
    const after = await page()
    assert.isNull(after.senderId)
    assert.equal(after.versionSeq, message.versionSeq)
  })

  test('each reader sees their own reaction flag, in any order of reads', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    const message = await send(org, owner, room.id, 'react to me')
    await expectStatus(
      as(client, alice, org, 'post', `/chat/messages/${message.id}/reactions`).json({
        emoji: '👍',
      }),
      200
    )
    const reactionsOf = async (who: typeof alice) => {
      const response = await expectStatus(
        as(client, who, org, 'get', `/chat/rooms/${room.id}/messages`),
        200
      )
      return response.body().data[0].reactions
    }
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(await reactionsOf(bob), [{ emoji: '👍', count: 1, me: false }])
      assert.deepEqual(await reactionsOf(alice), [{ emoji: '👍', count: 1, me: true }])
    }
  })

  test('a page reused from before is byte for byte the page read afresh, sent as JSON', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    for (let i = 1; i <= 3; i++) await send(org, owner, room.id, `m${i} "quoted" ✓`)
    const read = () =>
      expectStatus(as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`), 200)
    forgetRecentReads()
    const fresh = await read()
    const again = await read()
    assert.equal(again.header('content-type'), 'application/json; charset=utf-8')
    assert.equal(again.text(), fresh.text())
    assert.equal(again.text(), JSON.stringify(again.body()))
    assert.deepEqual(
      again.body().data.map((m: { content: string }) => m.content),
      ['m1 "quoted" ✓', 'm2 "quoted" ✓', 'm3 "quoted" ✓']
    )
  })

  test('a room key leaving the cache takes the records and pages it opened with it', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const rooms = [await groupRoom(org, owner, [alice]), await groupRoom(org, owner, [alice])]
    for (const room of rooms) await send(org, owner, room.id, `secret of ${room.id}`)
    forgetRecentReads()
    for (const room of rooms)
      await expectStatus(as(client, alice, org, 'get', `/chat/rooms/${room.id}/messages`), 200)
    const [gone, kept] = await Promise.all(
      rooms.map((room) =>
        db.from('room_keys').where('room_id', room.id).where('status', 'active').firstOrFail()
      )
    )
    assert.equal(recentRecordsKept(gone.id), 1)
    assert.equal(recentRecordsKept(kept.id), 1)

    assert.equal(recentPagesKept(), 2)

    MessageCipher.forget([gone.id])
    assert.equal(recentRecordsKept(gone.id), 0)
    assert.equal(recentRecordsKept(kept.id), 1)
    assert.equal(recentPagesKept(), 1, 'the page of the other room stays')

    MessageCipher.forget()
    assert.equal(recentRecordsKept(), 0)
    assert.equal(recentPagesKept(), 0)
  })

  test('a record or page is not served once its key has outlived its time in the cache', async ({
    client,
    assert,
  }) => {
    const { org, owner, alice, bob } = await chatOrg()
    const room = await groupRoom(org, owner, [alice, bob])
    for (let i = 1; i <= 2; i++) await send(org, owner, room.id, `m${i}`)
    const now = Date.now
    const { opened, restore } = watchOpenedBodies()
    const read = async (who: typeof alice) => {
      opened.length = 0
      const page = await expectStatus(
        as(client, who, org, 'get', `/chat/rooms/${room.id}/messages`),
        200
      )
      return page.body().data.map((m: { content: string }) => m.content)
    }
    try {
      MessageCipher.forget()
      assert.deepEqual(await read(alice), ['m1', 'm2'])
      assert.deepEqual(await read(alice), ['m1', 'm2'])
      assert.deepEqual(opened, [], 'read before, under the same cached key')
      // Past the cached key's time limit (ten minutes) the key is unwrapped
      // again, and Alice's known page, made under the expired key, is not
      // served (the pages' key check)...
      const later = now() + 11 * 60 * 1000
      Date.now = () => later
      assert.deepEqual(await read(alice), ['m1', 'm2'])
      assert.sameMembers(opened, ['m1', 'm2'])
      // ...nor, ten minutes on again, the records made under it to Bob, who
      // has no page known (the records' key check).
      Date.now = () => later + 11 * 60 * 1000
      assert.deepEqual(await read(bob), ['m1', 'm2'])
      assert.sameMembers(opened, ['m1', 'm2'])
    } finally {
      restore()
      Date.now = now
    }
  })
})
