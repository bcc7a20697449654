import { test } from '@japa/runner'
import type { MessageObject } from '#transformers/message_transformer'
import { resetDatabase } from '#tests/helpers/database'
import { startServer, type ServerProcess } from '#tests/helpers/server_process'
import { eventually } from '#tests/helpers/processes'
import { startRedisServer, type RedisServer } from '#tests/helpers/redis_server'
import { startBalancer } from '#tests/helpers/balancer'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import {
  closeSockets,
  connectAt,
  groupRoom,
  request,
  waitUntil,
  type ClientSocket,
} from '#tests/helpers/sockets'

/*
 * Two Parley nodes on a private redis-server that the tests kill, restart
 * and pause (the machine's shared Redis is never touched). A Redis outage
 * may delay cross-node delivery; it must never lose an acknowledged
 * message, deliver one twice after `sync`, or take a node down.
 */

let redis: RedisServer
let nodes: ServerProcess[] = []

/**
 * What a chat client keeps: the messages by seq, every live delivery in
 * order, and a `sync` from the first gap, as a client does when it notices
 * one or reconnects.
 */
class ClientLog {
  bySeq = new Map<number, MessageObject>()
  live: MessageObject[] = []

  constructor(
    readonly socket: ClientSocket,
    readonly roomId: string
  ) {
    socket.on('new_message', (message: MessageObject) => {
      this.live.push(message)
      this.bySeq.set(message.seq, message)
    })
  }

  has(id: string) {
    return [...this.bySeq.values()].some((message) => message.id === id)
  }

  /** The last seq before the first missing one. */
  contiguous() {
    let seq = 0
    while (this.bySeq.has(seq + 1)) seq += 1
    return seq
  }

  async sync() {
    for (;;) {
      const cursor = this.contiguous()
      const answer = await request(this.socket, 'sync', { rooms: { [this.roomId]: cursor } })
      const room = answer.ok ? answer.data.rooms[this.roomId] : undefined
      if (!room?.ok) throw new Error('sync failed')
      for (const message of room.data.messages as MessageObject[]) {
        this.bySeq.set(message.seq, message)
      }
      if (!room.data.hasMore) return
    }
  }
}

async function send(socket: ClientSocket, roomId: string, content: string) {
  const answer = await request<MessageObject>(socket, 'send_message', { roomId, content })
  if (!answer.ok) throw new Error(`send failed: ${answer.error.code}`)
  return answer.data
}

/** Sends probes from one client until one reaches the other (both probes count as sent). */
async function deliversAgain(from: ClientLog, to: ClientLog, acked: MessageObject[]) {
  await eventually(
    async () => {
      const probe = await send(from.socket, from.roomId, 'probe')
      acked.push(probe)
      await waitUntil(() => to.has(probe.id), 1000)
      return true
    },
    30_000,
    () => 'cross-node delivery did not resume after Redis came back'
  )
}

async function chatAcrossNodes() {
  const owner = await createUserWithToken()
  const org = await createOrgWith(owner.user)
  const member = await createMemberWithToken(org)
  const room = await groupRoom(org, owner.user, [member.user])
  const a = await connectAt(nodes[0].url, { token: owner.token })
  const b = await connectAt(nodes[1].url, { token: member.token, organizationId: org.id })
  const balancer = await startBalancer(nodes[1].port)
  await connectAt(balancer.url, { token: member.token, organizationId: org.id })
  return {
    owner,
    org,
    room,
    balancer,
    a: new ClientLog(a.socket, room.id),
    b: new ClientLog(b.socket, room.id),
  }
}

function assertNodesAlive() {
  for (const node of nodes) {
    if (!node.alive()) throw new Error(`node ${node.port} died:\n${node.output()}`)
  }
}

test.group('Redis faults', (group) => {
  group.setup(async () => {
    redis = await startRedisServer()
    nodes = await Promise.all([
      startServer({ REDIS_URL: redis.url }),
      startServer({ REDIS_URL: redis.url }),
    ])
    return async () => {
      await Promise.all(nodes.map((node) => node.stop()))
      await redis.stop()
    }
  })
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('a Redis restart loses no acknowledged message and both nodes deliver again', async ({
    assert,
    cleanup,
  }) => {
    const { room, a, b, balancer } = await chatAcrossNodes()
    cleanup(() => balancer.close())
    const acked: MessageObject[] = []
    for (const [client, text] of [
      [a, 'a1'],
      [b, 'b1'],
      [a, 'a2'],
      [b, 'b2'],
    ] as const) {
      acked.push(await send(client.socket, room.id, text))
    }
    await waitUntil(() => a.bySeq.size === 4 && b.bySeq.size === 4)

    await redis.kill()
    balancer.dropAll()
    for (let i = 0; i < 3; i++) {
      acked.push(await send(a.socket, room.id, `a-down-${i}`))
      acked.push(await send(b.socket, room.id, `b-down-${i}`))
    }
    assertNodesAlive()
    await redis.start()
    await deliversAgain(a, b, acked)
    await deliversAgain(b, a, acked)

    await a.sync()
    await b.sync()
    const synced = { a: a.live.length, b: b.live.length }
    const finals = [
      await send(a.socket, room.id, 'final a'),
      await send(b.socket, room.id, 'final b'),
    ]
    acked.push(...finals)
    await waitUntil(() => finals.every((m) => a.has(m.id) && b.has(m.id)), 10_000)

    const expected = acked.map((message) => message.id).sort()
    for (const client of [a, b]) {
      const held = [...client.bySeq.values()]
      assert.deepEqual(held.map((message) => message.id).sort(), expected)
      assert.equal(client.contiguous(), acked.length)
      const liveIds = client.live.map((message) => message.id)
      assert.equal(new Set(liveIds).size, liveIds.length, 'a message was delivered twice')
    }
    const finalIds = finals.map((message) => message.id).sort()
    assert.deepEqual(
      a.live
        .slice(synced.a)
        .map((m) => m.id)
        .sort(),
      finalIds
    )
    assert.deepEqual(
      b.live
        .slice(synced.b)
        .map((m) => m.id)
        .sort(),
      finalIds
    )
    assertNodesAlive()
  }).timeout(90_000)

  test('a Redis stall slows the nodes down without killing them', async ({ assert, cleanup }) => {
    const { room, a, b, owner, org, balancer } = await chatAcrossNodes()
    cleanup(() => balancer.close())
    const acked: MessageObject[] = []

    redis.pause()
    try {
      balancer.dropAll()
      acked.push(await send(a.socket, room.id, 'during stall'))
      const rest = await fetch(`${nodes[1].url}/chat/messages`, {
        method: 'POST',
        headers: {
          'authorization': `Bearer ${owner.token}`,
          'x-organization-id': org.id,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ roomId: room.id, content: 'over REST during stall' }),
      })
      assert.equal(rest.status, 201)
      acked.push(((await rest.json()) as { data: MessageObject }).data)
      const health = await fetch(`${nodes[0].url}/health`)
      assert.equal(health.status, 503)
      assertNodesAlive()
    } finally {
      redis.resume()
    }
    await deliversAgain(a, b, acked)
    await deliversAgain(b, a, acked)
    await a.sync()
    await b.sync()

    for (const log of [a, b]) {
      assert.isTrue(acked.every((message) => log.has(message.id)))
    }
    assertNodesAlive()
  }).timeout(90_000)
})
