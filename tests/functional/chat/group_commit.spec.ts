import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import Room from '#models/room'
import { actorFor } from '#services/org_context'
import { insertMessage } from '#domain/messages/message_store'
import { requestHash } from '#domain/messages/message_bodies'
import MessageCipher from '#services/message_cipher'
import { cachedSearchKey, indexTerms } from '#services/blind_index'
import { resetDatabase } from '#tests/helpers/database'
import {
  installCommitTrap,
  largestFailedBatch,
  removeCommitTrap,
  resetCommitTrap,
  trapSend,
} from '#tests/helpers/commit_trap'
import { chatOrg, groupRoom } from './chat_fixtures.js'

/*
 * The group commit (app/domain/messages/group_commit.ts) writes the sends
 * waiting at the same time in ONE transaction. When that transaction fails,
 * each send is retried on its own, so one bad send cannot fail the others.
 * Sends queued in the same tick are guaranteed to share a batch; the commit
 * trap then proves they did (it records how many rows the refused
 * transaction held, which survives the rollback).
 */
test.group('Group commit', (group) => {
  group.setup(async () => {
    await installCommitTrap()
    return () => removeCommitTrap()
  })
  group.each.setup(async () => {
    await resetDatabase()
    await resetCommitTrap()
  })

  test('one send failing at commit fails alone: the others of its batch are stored, seqs gap-free', async ({
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const made = [
      await groupRoom(org, owner, [alice], 'first'),
      await groupRoom(org, owner, [alice], 'second'),
    ]
    const [first, second] = await Room.query()
      .whereIn(
        'id',
        made.map((room) => room.id)
      )
      .orderBy('name')
    const actor = await actorFor(owner.user, org.id)
    const bad = randomUUID()
    await trapSend(bad)
    const sends = [
      { room: first, clientMessageId: randomUUID() },
      { room: second, clientMessageId: randomUUID() },
      { room: first, clientMessageId: bad },
      { room: first, clientMessageId: randomUUID() },
      { room: second, clientMessageId: randomUUID() },
      { room: first, clientMessageId: randomUUID() },
    ]

    // Queued in one tick, so they share one transaction.
    const outcomes = await Promise.allSettled(
      sends.map(({ room, clientMessageId }) => {
        const input = { content: `send ${clientMessageId}`, clientMessageId }
        return insertMessage(actor, room, input, requestHash(input), [])
      })
    )

    assert.equal(await largestFailedBatch(), sends.length)
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']
    )
    const stored = await db
      .from('messages')
      .select('id', 'room_id', 'seq', 'client_message_id')
      .orderBy(['room_id', 'seq'])
    assert.notInclude(
      stored.map((row) => row.client_message_id),
      bad
    )
    for (const room of [first, second]) {
      const seqs = stored.filter((row) => row.room_id === room.id).map((row) => Number(row.seq))
      assert.deepEqual(
        seqs,
        seqs.map((_, i) => i + 1),
        'gap-free seqs'
      )
      const counter = await db.from('rooms').where('id', room.id).firstOrFail()
      assert.equal(Number(counter.last_seq), seqs.length)
    }
    assert.lengthOf(stored, 5)
    // Every send that succeeded was told the id and seq of its stored row.
    outcomes.forEach((outcome, i) => {
      if (outcome.status !== 'fulfilled') return
      const row = stored.find((entry) => entry.client_message_id === sends[i].clientMessageId)
      assert.deepEqual(
        { id: outcome.value.id, seq: outcome.value.seq },
        { id: row?.id, seq: Number(row?.seq) }
      )
    })
  })

  test('each message of a batch is indexed under its own terms', async ({ assert }) => {
    const { org, owner, alice } = await chatOrg()
    const rooms = [
      await groupRoom(org, owner, [alice], 'first'),
      await groupRoom(org, owner, [alice], 'second'),
    ]
    const [first, second] = await Room.query().whereIn(
      'id',
      rooms.map((room) => room.id)
    )
    const actor = await actorFor(owner.user, org.id)
    const contents = ['pangolin river', 'ok', '', 'Quokka marsupial 42', 'river pangolins again']
    // Queued in one tick, so they share one transaction.
    const messages = await Promise.all(
      contents.map((content, i) => {
        const input = { content, clientMessageId: randomUUID() }
        return insertMessage(actor, i % 2 ? second : first, input, requestHash(input), [])
      })
    )

    for (const [i, message] of messages.entries()) {
      const row = await db.from('message_search').where('message_id', message.id).firstOrFail()
      const key = await MessageCipher.keyById(row.key_id)
      assert.sameMembers(row.terms, indexTerms(cachedSearchKey(row.key_id, key), contents[i]))
      assert.lengthOf(row.terms, indexTerms(cachedSearchKey(row.key_id, key), contents[i]).length)
    }
  })
})
