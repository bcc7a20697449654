import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import Message from '#models/message'
import { resetDatabase } from '#tests/helpers/database'
import { startServer, type ServerProcess } from '#tests/helpers/server_process'
import { eventually } from '#tests/helpers/processes'
import { flushTestRedis, TEST_REDIS_URL } from '#tests/helpers/redis_server'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import {
  closeSockets,
  connectAt,
  groupRoom,
  openSocketAt,
  nextEvent,
  request,
  type ClientSocket,
} from '#tests/helpers/sockets'

/*
 * Per-user limits across two real Parley processes on one Redis: one send
 * budget for REST and every socket of a user, and one cap on a user's
 * sockets. Small limits are configured in the nodes' environment, as an
 * operator would. Tables are truncated (STYLE.md trap 4).
 */

const SEND_BUDGET = 6
const SOCKET_CAP = 3
let nodeA: ServerProcess
let nodeB: ServerProcess

function startNode() {
  return startServer({
    REDIS_URL: TEST_REDIS_URL,
    SEND_RATE_PER_MINUTE: String(SEND_BUDGET),
    SOCKETS_PER_USER: String(SOCKET_CAP),
  })
}

async function chat() {
  const owner = await createUserWithToken()
  const org = await createOrgWith(owner.user)
  const member = await createMemberWithToken(org)
  const room = await groupRoom(org, owner.user, [member.user])
  return { owner, org, member, room }
}

function sendOverRest(node: ServerProcess, token: string, roomId: string, content: string) {
  return fetch(`${node.url}/chat/messages`, {
    method: 'POST',
    headers: { 'authorization': `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ roomId, content, clientMessageId: randomUUID() }),
  })
}

async function sendOverSocket(socket: ClientSocket, roomId: string, content: string) {
  return request(socket, 'send_message', { roomId, content })
}

test.group('Per-user limits across two nodes', (group) => {
  group.setup(async () => {
    await flushTestRedis()
    ;[nodeA, nodeB] = await Promise.all([startNode(), startNode()])
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

  test('REST and two sockets of one user on two nodes share one send budget', async ({
    assert,
  }) => {
    const { owner, member, room, org } = await chat()
    const { socket: onA } = await connectAt(nodeA.url, { token: owner.token })
    const { socket: onB } = await connectAt(nodeB.url, { token: owner.token })

    const accepted = [
      await sendOverSocket(onA, room.id, 'a1'),
      await sendOverSocket(onB, room.id, 'b1'),
      await sendOverSocket(onA, room.id, 'a2'),
      await sendOverSocket(onB, room.id, 'b2'),
    ]
    assert.deepEqual(
      accepted.map((answer) => answer.ok),
      [true, true, true, true]
    )
    const overRest = [
      await sendOverRest(nodeA, owner.token, room.id, 'rest A'),
      await sendOverRest(nodeB, owner.token, room.id, 'rest B'),
    ]
    assert.deepEqual(
      overRest.map((response) => response.status),
      [201, 201]
    )

    for (const socket of [onA, onB]) {
      const refused = await sendOverSocket(socket, room.id, 'over')
      assert.isFalse(refused.ok)
      if (refused.ok) return
      assert.equal(refused.error.code, 'E_RATE_LIMITED')
      assert.isAtLeast(refused.error.retryAfter ?? 0, 1)
    }
    for (const node of [nodeA, nodeB]) {
      const response = await sendOverRest(node, owner.token, room.id, 'over')
      assert.equal(response.status, 429)
      assert.isAbove(Number(response.headers.get('retry-after')), 0)
      const body = (await response.json()) as { errors: { code: string }[] }
      assert.equal(body.errors[0].code, 'E_TOO_MANY_REQUESTS')
    }

    const { socket: third } = await connectAt(nodeB.url, { token: owner.token })
    const fromNewSocket = await sendOverSocket(third, room.id, 'new socket')
    assert.isFalse(fromNewSocket.ok)

    const { socket: theirs } = await connectAt(nodeA.url, {
      token: member.token,
      organizationId: org.id,
    })
    const fromMember = await sendOverSocket(theirs, room.id, 'member')
    assert.isTrue(fromMember.ok)
    const stored = await Message.query().where('room_id', room.id).count('* as total')
    assert.equal(Number(stored[0].$extras.total), SEND_BUDGET + 1)
  })

  test('the cap on one user’s sockets holds across nodes, and a closed socket frees its slot', async ({
    assert,
  }) => {
    const { owner, member, org } = await chat()
    const { socket: first } = await connectAt(nodeA.url, { token: owner.token })
    await connectAt(nodeA.url, { token: owner.token })
    await connectAt(nodeB.url, { token: owner.token })

    for (const node of [nodeA, nodeB]) {
      const refused = openSocketAt(node.url, { token: owner.token })
      const error = await nextEvent<Error & { data?: { code: string } }>(refused, 'connect_error')
      assert.equal(error.message, 'E_TOO_MANY_CONNECTIONS')
      assert.equal(error.data?.code, 'E_TOO_MANY_CONNECTIONS')
    }
    await connectAt(nodeB.url, { token: member.token, organizationId: org.id })

    first.disconnect()
    await eventually(
      () => connectAt(nodeB.url, { token: owner.token }).then(() => true),
      5000,
      () => 'a closed socket on node A did not free its slot for node B'
    )
  })
})
