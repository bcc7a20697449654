import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { requestHash } from '#domain/messages/message_bodies'
import type { MessageObject } from '#transformers/message_transformer'
import { resetDatabase } from '#tests/helpers/database'
import { startServer, type ServerProcess } from '#tests/helpers/server_process'
import { flushTestRedis, TEST_REDIS_URL } from '#tests/helpers/redis_server'
import { doors, scene, type Scene } from '#tests/helpers/revocation'
import { createMemberWithToken, type UserWithToken } from '#tests/helpers/users'
import {
  closeSockets,
  connectAt,
  nextEvent,
  record,
  request,
  waitUntil,
  type ClientSocket,
} from '#tests/helpers/sockets'

/*
 * Sends read no access state before they queue: a node keeps the socket's
 * actor and each room with its member ids (app/services/access_cache.ts).
 * Two real nodes on one Redis prove what that must never cost: a change
 * made through node A applies to the very next send on node B. Refusals are
 * decided inside the write (membership, account, token, archive, re-checked
 * under the room lock); member lists for mentions and notifications follow
 * the changes because node A drops node B's entries (over Redis) before the
 * change's client events go out. The nodes re-check sessions once an hour,
 * so the safety net cannot be what makes these pass.
 */

const HOUR = '3600'
let nodeA: ServerProcess
let nodeB: ServerProcess

async function call(url: string, method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'authorization': `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  await response.body?.cancel()
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}`)
}

/** A socket of `who` on `node`, in the scene's organization. */
async function socketOn(node: ServerProcess, s: Scene, who: UserWithToken) {
  const { socket } = await connectAt(node.url, { token: who.token, organizationId: s.org.id })
  return socket
}

/** Sends on `socket`; the ack, whatever it says. */
function send(socket: ClientSocket, roomId: string, content: string) {
  return request<MessageObject>(socket, 'send_message', { roomId, content })
}

/** A send that must be refused: the error code, or "disconnected" if the session ended first. */
async function refusal(socket: ClientSocket, roomId: string, content: string) {
  // The revocation may already have closed the socket (it races the HTTP
  // answer that ended the caller's await): its disconnect event is gone.
  if (!socket.connected) return 'disconnected'
  const disconnected = nextEvent(socket, 'disconnect', 10_000).then(() => 'disconnected')
  disconnected.catch(() => {})
  const answer = request<MessageObject>(socket, 'send_message', { roomId, content }).then(
    (ack) => (ack.ok ? 'stored' : ack.error.code),
    () => 'no answer'
  )
  const first = await Promise.race([answer, disconnected])
  if (first !== 'no answer') return first
  return socket.connected ? await disconnected : 'disconnected'
}

/** How many stored messages carry this body (bodies are sealed: compared by request hash). */
async function stored(content: string) {
  const rows = await db.from('messages').where('body_hash', requestHash({ content }))
  return rows.length
}

/** Sends on `socket` and requires the send to be stored. */
async function sendOk(socket: ClientSocket, roomId: string, content: string) {
  const answer = await send(socket, roomId, content)
  if (!answer.ok) throw new Error(`send failed: ${answer.error.code}`)
  return answer.data
}

test.group('Send access across two nodes', (group) => {
  group.setup(async () => {
    await flushTestRedis()
    const env = { REDIS_URL: TEST_REDIS_URL, SESSION_REVALIDATE_SECONDS: HOUR }
    ;[nodeA, nodeB] = await Promise.all([startServer(env), startServer(env)])
    return async () => {
      await Promise.all([nodeA.stop(), nodeB.stop()])
      await flushTestRedis()
    }
  })
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => {
    closeSockets()
    for (const node of [nodeA, nodeB]) {
      if (!node.alive()) throw new Error(`node ${node.port} died:\n${node.output()}`)
    }
  })

  test('removed from a room through node A, the next send on node B is E_NOT_FOUND', async ({
    assert,
  }) => {
    const s = await scene()
    const socket = await socketOn(nodeB, s, s.member)
    await sendOk(socket, s.room.id, 'before')

    await call(
      nodeA.url,
      'DELETE',
      `/chat/rooms/${s.room.id}/members/${s.member.user.id}`,
      s.owner.token
    )

    assert.equal(await refusal(socket, s.room.id, 'after removal'), 'E_NOT_FOUND')
    assert.equal(await stored('after removal'), 0)
  })

  for (const door of ['admin API deactivation', 'REST logout'] as const) {
    test(`${door} through node A: the next send on node B is not stored`, async ({ assert }) => {
      const s = await scene()
      const socket = await socketOn(nodeB, s, s.member)
      await sendOk(socket, s.room.id, 'before')

      await doors[door].run(nodeA.url, s, s.member.token)

      assert.oneOf(await refusal(socket, s.room.id, 'after'), ['E_UNAUTHORIZED', 'disconnected'])
      assert.equal(await stored('after'), 0)
    })
  }

  test('an account deactivated in SQL (no event at all) cannot send on node B', async ({
    assert,
  }) => {
    const s = await scene()
    const socket = await socketOn(nodeB, s, s.member)
    await sendOk(socket, s.room.id, 'before')

    await User.query().where('id', s.member.user.id).update({ deactivated_at: new Date() })

    assert.equal(await refusal(socket, s.room.id, 'after'), 'E_UNAUTHORIZED')
    await waitUntil(() => !socket.connected)
    assert.equal(await stored('after'), 0)
  })

  test('a token deleted in SQL (no event at all) cannot send on node B', async ({ assert }) => {
    const s = await scene()
    const socket = await socketOn(nodeB, s, s.member)
    await sendOk(socket, s.room.id, 'before')

    await db.from('auth_access_tokens').where('tokenable_id', s.member.user.id).delete()

    assert.equal(await refusal(socket, s.room.id, 'after'), 'E_UNAUTHORIZED')
    assert.equal(await stored('after'), 0)
  })

  test('an organization membership deleted in SQL cannot send on node B', async ({ assert }) => {
    const s = await scene()
    const socket = await socketOn(nodeB, s, s.member)
    await sendOk(socket, s.room.id, 'before')

    await db
      .from('memberships')
      .where('organization_id', s.org.id)
      .where('user_id', s.member.user.id)
      .delete()

    assert.equal(await refusal(socket, s.room.id, 'after'), 'E_NOT_FOUND')
    assert.equal(await stored('after'), 0)
  })

  test('a member added through node A is mentioned by @all in the next send on node B', async ({
    assert,
  }) => {
    const s = await scene()
    const newcomer = await createMemberWithToken(s.org)
    const sender = await socketOn(nodeB, s, s.owner)
    const joiner = await socketOn(nodeB, s, newcomer)
    await sendOk(sender, s.room.id, 'node B caches the room')
    const added = nextEvent(joiner, 'room_member_added')

    await call(nodeA.url, 'POST', `/chat/rooms/${s.room.id}/members`, s.owner.token, {
      userIds: [newcomer.user.id],
    })
    await added

    const mentioned = nextEvent<{ message: MessageObject }>(joiner, 'mentioned')
    const sent = await sendOk(sender, s.room.id, '@all welcome')
    const { message } = await mentioned
    assert.equal(message.id, sent.id)
  })

  test('a member removed through node A is not mentioned by @all on node B', async ({ assert }) => {
    const s = await scene()
    const other = await createMemberWithToken(s.org)
    await call(nodeA.url, 'POST', `/chat/rooms/${s.room.id}/members`, s.owner.token, {
      userIds: [other.user.id],
    })
    const sender = await socketOn(nodeB, s, s.owner)
    const leaver = await socketOn(nodeB, s, s.member)
    const stayer = await socketOn(nodeB, s, other)
    await sendOk(sender, s.room.id, 'node B caches the room')
    const leaverMentions = record<{ message: MessageObject }>(leaver, 'mentioned')
    const removed = nextEvent(leaver, 'room_member_removed')

    await call(
      nodeA.url,
      'DELETE',
      `/chat/rooms/${s.room.id}/members/${s.member.user.id}`,
      s.owner.token
    )
    await removed

    const stayerMentions = record<{ message: MessageObject }>(stayer, 'mentioned')
    const sent = await sendOk(sender, s.room.id, '@all goodbye')
    await waitUntil(() => stayerMentions.length === 1)
    const rows = await db.from('message_mentions').where('message_id', sent.id)
    assert.sameMembers(
      rows.map((row) => row.user_id),
      [other.user.id]
    )
    assert.lengthOf(leaverMentions, 0)
  })
})
