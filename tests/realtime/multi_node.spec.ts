import { test } from '@japa/runner'
import { Redis } from 'ioredis'
import type { MessageObject } from '#transformers/message_transformer'
import { RedisPresenceStore } from '#services/redis_presence_store'
import { resetDatabase } from '#tests/helpers/database'
import { startServer, type ServerProcess } from '#tests/helpers/server_process'
import { startBalancer } from '#tests/helpers/balancer'
import { eventually } from '#tests/helpers/processes'
import { flushTestRedis, TEST_REDIS_URL } from '#tests/helpers/redis_server'
import { collect, sseClient, waitFor } from '#tests/helpers/sse'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import {
  closeSockets,
  connectAt,
  groupRoom,
  nextEvent,
  record,
  request,
  waitUntil,
  type ClientSocket,
} from '#tests/helpers/sockets'

/*
 * Two real Parley processes on one Redis database and the test PostgreSQL
 * database (DESIGN.md §6, many nodes). The suite truncates tables instead of
 * using test transactions: the nodes have their own connections (STYLE.md
 * trap 4).
 */

let nodeA: ServerProcess
let nodeB: ServerProcess
const nodes: ServerProcess[] = []

async function startNode() {
  const node = await startServer({ REDIS_URL: TEST_REDIS_URL })
  nodes.push(node)
  return node
}

/** An owner and a member sharing a room. */
async function chat() {
  const owner = await createUserWithToken()
  const org = await createOrgWith(owner.user)
  const member = await createMemberWithToken(org)
  const room = await groupRoom(org, owner.user, [member.user])
  return { owner, org, member, room }
}

/** Sends a message and returns it as acknowledged (the ack must be ok). */
async function send(socket: ClientSocket, roomId: string, content: string) {
  const answer = await request<MessageObject>(socket, 'send_message', { roomId, content })
  if (!answer.ok) throw new Error(`send failed: ${answer.error.code}`)
  return answer.data
}

/** Presence as the nodes see it, read from the same Redis. */
function presenceReader() {
  const client = new Redis(TEST_REDIS_URL)
  client.on('error', () => {})
  return { store: new RedisPresenceStore(client), close: () => client.disconnect() }
}

test.group('Two nodes', (group) => {
  group.setup(async () => {
    await flushTestRedis()
    ;[nodeA, nodeB] = await Promise.all([startNode(), startNode()])
    return async () => {
      await Promise.all(nodes.map((node) => node.stop()))
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

  test('a message sent on node A reaches sockets and SSE streams on node B', async ({
    assert,
    cleanup,
  }) => {
    const { owner, org, member, room } = await chat()
    const a = await connectAt(nodeA.url, { token: owner.token })
    const b = await connectAt(nodeB.url, { token: member.token, organizationId: org.id })
    const sse = sseClient(member.token, nodeB.url)
    cleanup(() => sse.close())
    const sub = sse.subscription(`orgs/${org.id}/rooms/${room.id}`)
    const streamed = collect<{ event: string; data: MessageObject }>(sub)
    await sub.create()
    const received = nextEvent<MessageObject>(b.socket, 'new_message')

    const message = await send(a.socket, room.id, 'across nodes')

    assert.deepEqual(await received, message)
    await waitFor(() => streamed.length === 1)
    assert.deepEqual(streamed[0], { event: 'new_message', data: message })
  })

  test('presence and typing cross nodes', async ({ assert, cleanup }) => {
    const { owner, org, member, room } = await chat()
    const presence = presenceReader()
    cleanup(() => presence.close())
    const watcher = await connectAt(nodeA.url, { token: owner.token })
    const online = record(watcher.socket, 'user_online')
    const offline = record(watcher.socket, 'user_offline')
    const mine = (events: { userId: string }[]) => events.filter((e) => e.userId === member.user.id)

    const phone = await connectAt(nodeB.url, { token: member.token, organizationId: org.id })
    await waitUntil(() => mine(online).length === 1)
    const typing = nextEvent(watcher.socket, 'user_typing')
    await request(phone.socket, 'typing_start', { roomId: room.id })
    assert.deepEqual(await typing, { roomId: room.id, userId: member.user.id })
    const stopped = nextEvent(watcher.socket, 'user_stopped_typing')
    await request(phone.socket, 'typing_stop', { roomId: room.id })
    assert.deepEqual(await stopped, { roomId: room.id, userId: member.user.id })

    const laptop = await connectAt(nodeA.url, { token: member.token, organizationId: org.id })
    assert.equal(await presence.store.count(org.id, member.user.id), 2)
    phone.socket.disconnect()
    await eventually(
      async () => (await presence.store.count(org.id, member.user.id)) === 1,
      5000,
      () => 'node B did not drop the socket'
    )
    assert.isFalse(await presence.store.inGrace(org.id, member.user.id))
    laptop.socket.disconnect()
    await waitUntil(() => mine(offline).length === 1)

    assert.lengthOf(mine(online), 1)
    assert.include(mine(offline)[0], { organizationId: org.id, userId: member.user.id })
  })

  test('a typist whose node dies stops typing: another node expires the state', async ({
    assert,
  }) => {
    const { owner, org, member, room } = await chat()
    const doomed = await startNode()
    const watcher = await connectAt(nodeA.url, { token: owner.token })
    const typist = await connectAt(doomed.url, { token: member.token, organizationId: org.id })
    const typing = nextEvent(watcher.socket, 'user_typing')
    await request(typist.socket, 'typing_start', { roomId: room.id })
    await typing
    const stopped = nextEvent(watcher.socket, 'user_stopped_typing', 10_000)

    await doomed.kill()

    assert.deepEqual(await stopped, { roomId: room.id, userId: member.user.id })
  })

  test('a client that reconnects to the other node gets every missed message once by sync', async ({
    assert,
    cleanup,
  }) => {
    const { owner, org, member, room } = await chat()
    const presence = presenceReader()
    cleanup(() => presence.close())
    const balancer = await startBalancer(nodeB.port)
    cleanup(() => balancer.close())
    const a = await connectAt(nodeA.url, { token: owner.token })
    const b = await connectAt(balancer.url, { token: member.token, organizationId: org.id })
    const seen = record<MessageObject>(b.socket, 'new_message')
    const first = await send(a.socket, room.id, 'before')
    await waitUntil(() => seen.length === 1)
    const cursor = seen[0].versionSeq

    balancer.dropAll()
    await eventually(
      () => presence.store.inGrace(org.id, member.user.id),
      5000,
      () => 'node B did not notice the dropped connection'
    )
    const missed = [
      await send(a.socket, room.id, 'missed 1'),
      await send(a.socket, room.id, 'missed 2'),
    ]
    balancer.routeTo(nodeA.port)
    const connected = nextEvent(b.socket, 'connected')
    b.socket.connect()
    await connected
    const sync = await request(b.socket, 'sync', { rooms: { [room.id]: cursor } })
    const latest = await send(a.socket, room.id, 'latest')
    await waitUntil(() => seen.length === 2)

    assert.notOk(b.socket.recovered)
    const synced = sync.ok && sync.data.rooms[room.id].ok ? sync.data.rooms[room.id].data : null
    assert.deepEqual(
      synced?.messages.map((message: MessageObject) => message.id),
      missed.map((message) => message.id)
    )
    assert.deepEqual(
      seen.map((message) => message.id),
      [first.id, latest.id]
    )
  })

  test('a client that restarts on the other node gets what it missed through sync', async ({
    assert,
  }) => {
    const { owner, org, member, room } = await chat()
    const a = await connectAt(nodeA.url, { token: owner.token })
    const before = await connectAt(nodeB.url, { token: member.token, organizationId: org.id })
    const received = nextEvent<MessageObject>(before.socket, 'new_message')
    const first = await send(a.socket, room.id, 'before')
    const { seq: cursor } = await received
    before.socket.disconnect()

    const missed = [
      await send(a.socket, room.id, 'missed 1'),
      await send(a.socket, room.id, 'missed 2'),
    ]
    const after = await connectAt(nodeA.url, { token: member.token, organizationId: org.id })
    const live = record<MessageObject>(after.socket, 'new_message')
    const sync = await request(after.socket, 'sync', { rooms: { [room.id]: cursor } })
    const latest = await send(a.socket, room.id, 'latest')
    await waitUntil(() => live.length === 1)

    assert.equal(cursor, first.seq)
    assert.notOk(after.socket.recovered)
    const synced = sync.ok && sync.data.rooms[room.id].ok ? sync.data.rooms[room.id] : null
    assert.deepEqual(
      synced && synced.ok && synced.data.messages.map((message: MessageObject) => message.id),
      missed.map((message) => message.id)
    )
    assert.deepEqual(
      live.map((message) => message.id),
      [latest.id]
    )
  })

  test('a member removed on node A stops receiving the room on node B at once', async ({
    assert,
    cleanup,
  }) => {
    const { owner, org, member, room } = await chat()
    const b = await connectAt(nodeB.url, { token: member.token, organizationId: org.id })
    const sse = sseClient(member.token, nodeB.url)
    cleanup(() => sse.close())
    const roomSub = sse.subscription(`orgs/${org.id}/rooms/${room.id}`)
    const userSub = sse.subscription(`users/${member.user.id}`)
    const streamed = collect<{ event: string; data: any }>(roomSub)
    const personal = collect<{ event: string; data: any }>(userSub)
    await roomSub.create()
    await userSub.create()
    const socketSeen = record<MessageObject>(b.socket, 'new_message')
    const a = await connectAt(nodeA.url, { token: owner.token })
    await send(a.socket, room.id, 'before')
    await waitFor(() => streamed.length === 1 && socketSeen.length === 1)

    const headers = {
      'authorization': `Bearer ${owner.token}`,
      'x-organization-id': org.id,
      'content-type': 'application/json',
    }
    const removed = await fetch(`${nodeA.url}/chat/rooms/${room.id}/members/${member.user.id}`, {
      method: 'DELETE',
      headers,
    })
    assert.equal(removed.status, 204)
    await send(a.socket, room.id, 'after')
    const created = await fetch(`${nodeA.url}/chat/rooms/group`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'marker', memberIds: [member.user.id] }),
    })
    const marker = ((await created.json()) as { data: { id: string } }).data
    await waitFor(() => personal.some((message) => message.data.roomId === marker.id))

    assert.deepEqual(
      streamed.map((message) => message.event),
      ['new_message']
    )
    assert.deepEqual(
      socketSeen.map((message) => message.content),
      ['before']
    )
    assert.include(
      personal.map((message) => message.event),
      'room_member_removed'
    )
  })
})
