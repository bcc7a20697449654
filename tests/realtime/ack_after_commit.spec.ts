import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { collect, sseClient, waitFor } from '#tests/helpers/sse'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import {
  attachGateway,
  closeSockets,
  connectAs,
  groupRoom,
  record,
  request,
} from '#tests/helpers/sockets'
import {
  installCommitTrap,
  releaseSend,
  removeCommitTrap,
  resetCommitTrap,
  trapSend,
} from '#tests/helpers/commit_trap'

/*
 * DESIGN §4: a message is acknowledged only after it is committed, and fanned
 * out only after commit. The commit itself is made to fail (a deferred
 * constraint trigger, tests/helpers/commit_trap.ts), after the INSERT went
 * through: an implementation that acks or fans out before COMMIT is caught
 * here, because the sender would get `ok` and the others a message that
 * does not exist.
 */

type SseMessage = { event: string; data: any }

/**
 * An owner (sender) and a member sharing a room; both are connected, and the
 * member also listens on the room's SSE channel. Everything the three
 * receive from now on is recorded.
 */
async function watchedRoom(cleanup: (fn: () => void) => void) {
  const owner = await createUserWithToken()
  const org = await createOrgWith(owner.user)
  const member = await createMemberWithToken(org)
  const room = await groupRoom(org, owner.user, [member.user])
  const sender = await connectAs({ token: owner.token })
  const other = await connectAs({ token: member.token, organizationId: org.id })
  const sse = sseClient(member.token)
  cleanup(() => sse.close())
  const subscription = sse.subscription(`orgs/${org.id}/rooms/${room.id}`)
  const sseEvents = collect<SseMessage>(subscription)
  await subscription.create()
  return {
    owner,
    org,
    room,
    sender: sender.socket,
    seenBySender: record(sender.socket, 'new_message'),
    seenByOther: record(other.socket, 'new_message'),
    sseEvents,
  }
}

async function storedWith(clientMessageId: string) {
  return db.from('messages').where('client_message_id', clientMessageId).select('id', 'seq')
}

test.group('Ack after commit', (group) => {
  group.setup(async () => {
    const detach = attachGateway()
    await installCommitTrap()
    return async () => {
      await removeCommitTrap()
      await detach()
    }
  })
  group.each.setup(async () => {
    await resetDatabase()
    await resetCommitTrap()
  })
  group.each.teardown(() => closeSockets())

  test('a send whose commit fails is refused, reaches nobody, and its retry is stored once', async ({
    assert,
    cleanup,
  }) => {
    const { room, sender, seenBySender, seenByOther, sseEvents } = await watchedRoom(cleanup)
    const payload = { roomId: room.id, content: 'doomed at commit', clientMessageId: randomUUID() }
    await trapSend(payload.clientMessageId)

    const refused = await request(sender, 'send_message', payload)

    assert.deepEqual(refused, {
      ok: false,
      error: { code: 'E_INTERNAL', message: 'Internal server error' },
    })
    assert.lengthOf(await storedWith(payload.clientMessageId), 0)

    await releaseSend(payload.clientMessageId)
    const retried = await request(sender, 'send_message', payload)
    const marker = await request(sender, 'send_message', { roomId: room.id, content: 'marker' })
    assert.isTrue(retried.ok && marker.ok)
    const ids = [retried.ok && retried.data.id, marker.ok && marker.data.id]
    await waitFor(
      () => seenByOther.length >= 2 && seenBySender.length >= 2 && sseEvents.length >= 2
    )

    // The first thing anyone received after the refusal is the retry.
    assert.deepEqual(
      seenByOther.map((message) => message.id),
      ids
    )
    assert.deepEqual(
      seenBySender.map((message) => message.id),
      ids
    )
    assert.deepEqual(
      sseEvents.map((message) => [message.event, message.data.id]),
      ids.map((id) => ['new_message', id])
    )
    const stored = await storedWith(payload.clientMessageId)
    assert.lengthOf(stored, 1)
    assert.equal(stored[0].id, retried.ok && retried.data.id)
    assert.equal(Number(stored[0].seq), 1)
    assert.equal(retried.ok && retried.data.seq, 1)
  })

  test('over REST, a send whose commit fails is a 500 that reaches nobody; the retry is a 201 once', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { owner, org, room, seenByOther, sseEvents } = await watchedRoom(cleanup)
    const payload = { roomId: room.id, content: 'doomed at commit', clientMessageId: randomUUID() }
    await trapSend(payload.clientMessageId)
    const send = (body: object) =>
      client
        .post('/chat/messages')
        .bearerToken(owner.token)
        .header('x-organization-id', org.id)
        .json(body)

    const refused = await send(payload)

    refused.assertStatus(500)
    refused.assertBodyContains({
      errors: [{ code: 'E_INTERNAL', message: 'Internal server error' }],
    })
    assert.notMatch(JSON.stringify(refused.body()), /trap|COMMIT/)
    assert.lengthOf(await storedWith(payload.clientMessageId), 0)

    await releaseSend(payload.clientMessageId)
    const retried = await send(payload)
    const again = await send(payload)
    const marker = await send({ roomId: room.id, content: 'marker' })
    retried.assertStatus(201)
    again.assertStatus(200)
    marker.assertStatus(201)
    const ids = [retried.body().data.id, marker.body().data.id]
    await waitFor(() => seenByOther.length >= 2 && sseEvents.length >= 2)

    assert.deepEqual(
      seenByOther.map((message) => message.id),
      ids
    )
    assert.deepEqual(
      sseEvents.map((message) => message.data.id),
      ids
    )
    assert.equal(again.body().data.id, retried.body().data.id)
    assert.lengthOf(await storedWith(payload.clientMessageId), 1)
    assert.equal(retried.body().data.seq, 1)
  })
})
