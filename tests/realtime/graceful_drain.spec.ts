import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { MessageObject } from '#transformers/message_transformer'
import { resetDatabase } from '#tests/helpers/database'
import { startServer, type ServerProcess } from '#tests/helpers/server_process'
import { startRoundRobin } from '#tests/helpers/balancer'
import { eventually, freePort } from '#tests/helpers/processes'
import { flushTestRedis, TEST_REDIS_URL } from '#tests/helpers/redis_server'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import {
  closeSockets,
  connectAt,
  groupRoom,
  openSocketAt,
  request,
  waitUntil,
  type ClientSocket,
} from '#tests/helpers/sockets'

/*
 * The graceful drain (docs/deploy.md, Draining) on two real nodes behind a
 * round-robin balancer, with clients sending all along. A send and a REST
 * request are held in flight on the drained node by a row lock the test
 * owns, so "in flight at SIGTERM" is certain, not a matter of timing.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Resolves at the socket's next connection (after a disconnection when it is connected). */
function reconnected(socket: ClientSocket) {
  return new Promise<void>((resolve) => {
    if (!socket.connected) socket.once('connect', () => resolve())
    else socket.once('disconnect', () => socket.once('connect', () => resolve()))
  })
}

/**
 * A chat client as apps are written against DESIGN.md §4: it sends one
 * message after the other, each with its clientMessageId, retrying the same
 * id until acknowledged (after a lost ack, or E_SERVER_DRAINING once it has
 * reconnected); it keeps what it receives live and, on every reconnection,
 * calls `sync` from its cursor.
 */
class ChatClient {
  socket: ClientSocket
  acked: MessageObject[] = []
  seen = new Map<number, string>()
  /** Ids of every message received live, in any room. */
  live = new Set<string>()
  reconnects = 0
  refusedWhileDraining = 0
  #connects = 0
  #running?: Promise<void>
  #stopped = false
  paused = false

  constructor(
    url: string,
    token: string,
    organizationId: string,
    readonly roomId: string
  ) {
    this.socket = openSocketAt(
      url,
      { token, organizationId },
      { reconnection: true, reconnectionDelay: 50, reconnectionDelayMax: 200 }
    )
    this.socket.on('new_message', (message: MessageObject) => {
      this.live.add(message.id)
      if (message.roomId === roomId) this.seen.set(message.seq, message.id)
    })
    this.socket.on('connect', () => {
      if (this.#connects++ === 0) return
      this.reconnects++
      void this.sync()
    })
  }

  /** The highest seq up to which nothing is missing. */
  cursor() {
    let cursor = 0
    while (this.seen.has(cursor + 1)) cursor++
    return cursor
  }

  async sync() {
    let after = this.cursor()
    for (;;) {
      const answer = await request(this.socket, 'sync', { rooms: { [this.roomId]: after } }).catch(
        () => null
      )
      const room = answer?.ok ? answer.data.rooms[this.roomId] : null
      if (!room?.ok) return
      for (const message of room.data.messages as MessageObject[]) {
        this.seen.set(message.seq, message.id)
      }
      if (!room.data.hasMore) return
      after = room.data.cursor
    }
  }

  /** Sends until acknowledged, always with the same clientMessageId. */
  async send(content: string): Promise<MessageObject> {
    const payload = { roomId: this.roomId, content, clientMessageId: randomUUID() }
    for (;;) {
      if (!this.socket.connected) await reconnected(this.socket)
      const answer = await (this.socket.timeout(15_000) as any)
        .emitWithAck('send_message', payload)
        .catch(() => null)
      if (!answer) continue
      if (answer.ok) {
        this.acked.push(answer.data)
        return answer.data
      }
      if (answer.error.code === 'E_SERVER_DRAINING') {
        this.refusedWhileDraining++
        await reconnected(this.socket)
        continue
      }
      if (answer.error.code === 'E_RATE_LIMITED') {
        await sleep(answer.error.retryAfter * 1000)
        continue
      }
      throw new Error(`send refused: ${answer.error.code}`)
    }
  }

  start(name: string) {
    this.#running = (async () => {
      for (let n = 1; !this.#stopped; n++) {
        if (this.paused) await sleep(20)
        else await this.send(`${name} #${n}`)
      }
    })()
  }

  async stop() {
    this.#stopped = true
    await this.#running
  }
}

/**
 * Backends of this database waiting for a row lock (the held sends). Only
 * row locks count: a job queue's advisory lock, waited on for a moment by a
 * node that just started, is not a send reaching the held room.
 */
async function waitingOnLocks() {
  const { rows } = await db.rawQuery(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock'
       AND wait_event IN ('transactionid', 'tuple')`
  )
  return rows[0].n as number
}

/** Opens an SSE stream; resolves with how it ended: closed by the server, or cut. */
async function sseStream(url: string, token: string) {
  const response = await fetch(`${url}/__transmit/events?uid=${randomUUID()}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  const reader = response.body!.getReader()
  const ended = (async () => {
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read());
      return 'ended by the server'
    } catch {
      return 'cut'
    }
  })()
  return { status: response.status, ended }
}

let nodeA: ServerProcess
let nodeB: ServerProcess

test.group('Graceful drain', (group) => {
  group.setup(async () => {
    await flushTestRedis()
    await resetDatabase()
    const settings = {
      REDIS_URL: TEST_REDIS_URL,
      DRAIN_TIMEOUT_MS: '60000',
      SEND_RATE_PER_MINUTE: '100000',
    }
    ;[nodeA, nodeB] = await Promise.all([startServer(settings), startServer(settings)])
    return async () => {
      closeSockets()
      await Promise.all([nodeA.stop(), nodeB.stop()])
      await flushTestRedis()
    }
  })

  test('a node drained under load loses no acknowledged message and every client converges', async ({
    assert,
    cleanup,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const members = [
      owner,
      ...(await Promise.all([1, 2, 3, 4, 5].map(() => createMemberWithToken(org)))),
    ]
    const room = await groupRoom(
      org,
      owner.user,
      members.slice(1).map((member) => member.user)
    )
    const held = await groupRoom(org, owner.user, [members[1].user])
    const balancer = await startRoundRobin([nodeA.port, nodeB.port])
    cleanup(() => balancer.close())

    // Connected one after the other: the balancer alternates, A first.
    const clients: ChatClient[] = []
    for (const member of members) {
      const client = new ChatClient(balancer.url, member.token, org.id, room.id)
      await new Promise((resolve) => client.socket.once('connect', () => resolve(null)))
      clients.push(client)
    }
    const onA = clients.filter((_, index) => index % 2 === 0)
    const onB = clients.filter((_, index) => index % 2 === 1)
    clients.forEach((client, index) => client.start(`client ${index}`))
    await waitUntil(() => clients.every((client) => client.acked.length >= 5), 30_000)

    // Hold one send and one REST request in flight on A behind a row lock.
    for (const client of clients) client.paused = true
    await sleep(200)
    const lock = await db.transaction()
    cleanup(async () => {
      if (!lock.isCompleted) await lock.rollback()
    })
    await lock.rawQuery('SELECT id FROM rooms WHERE id = ? FOR UPDATE', [held.id])
    const rest = fetch(`${nodeA.url}/chat/messages`, {
      method: 'POST',
      headers: {
        'authorization': `Bearer ${members[1].token}`,
        'x-organization-id': org.id,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ roomId: held.id, content: 'REST, in flight at SIGTERM' }),
    })
    await eventually(
      async () => (await waitingOnLocks()) >= 1,
      20_000,
      () => 'the REST send never reached the lock'
    )
    const direct = await connectAt(nodeA.url, { token: owner.token, organizationId: org.id })
    const heldAck = request<MessageObject>(direct.socket, 'send_message', {
      roomId: held.id,
      content: 'socket, in flight at SIGTERM',
    })
    await eventually(
      async () => (await waitingOnLocks()) >= 2,
      20_000,
      () => 'the socket send never reached the lock'
    )
    const sse = await sseStream(nodeA.url, members[2].token)
    const healthResponse = await fetch(`${nodeA.url}/health`)
    const health = (await healthResponse.json()) as any
    const nodeId = health.data.keyring.nodeId as string
    for (const client of clients) client.paused = false

    const exit = nodeA.terminate()
    const ready = await eventually(
      async () => {
        const response = await fetch(`${nodeA.url}/health/ready`)
        return response.status === 503 ? ((await response.json()) as any) : undefined
      },
      20_000,
      () => 'node A never answered 503 on /health/ready'
    )
    const live = await fetch(`${nodeA.url}/health/live`)
    await lock.rollback()

    const answers = { rest: await rest, socket: await heldAck }
    const { code, signal } = await exit
    const ackedBeforeExit = clients.map((client) => client.acked.length)
    await waitUntil(
      () => clients.every((client, index) => client.acked.length >= ackedBeforeExit[index] + 3),
      60_000
    )
    await Promise.all(clients.map((client) => client.stop()))
    const marker = await clients[1].send('marker')
    await waitUntil(
      () => clients.every((client) => client.seen.get(marker.seq) === marker.id),
      30_000
    )

    // The drain itself.
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, nodeA.output())
    assert.equal(
      ready.data.checks.find((check: { name: string }) => check.name === 'drain').status,
      'error'
    )
    assert.equal(live.status, 200)
    assert.equal(answers.rest.status, 201)
    assert.isTrue(answers.socket.ok, 'the send in flight was acknowledged on its first attempt')
    // Their fan-outs went out before A stopped: the member on B got both live.
    const restBody = (await answers.rest.json()) as { data: MessageObject }
    const heldIds = [restBody.data.id, answers.socket.ok ? answers.socket.data.id : '']
    assert.isTrue(
      heldIds.every((id) => clients[1].live.has(id)),
      'held messages reached B live'
    )
    assert.equal(await sse.ended, 'ended by the server')
    assert.lengthOf(await db.from('parley_nodes').where('id', nodeId), 0)
    assert.isTrue(
      onA.every((client) => client.reconnects >= 1),
      'clients of A reconnected'
    )
    assert.isTrue(
      onB.every((client) => client.reconnects === 0),
      'clients of B stayed'
    )

    // No acknowledged message lost, none stored unacknowledged, every client converged.
    const rows = await db
      .from('messages')
      .where('room_id', room.id)
      .orderBy('seq')
      .select('id', 'seq')
    const stored = rows.map((row: { id: string; seq: string }) => ({
      id: row.id,
      seq: Number(row.seq),
    }))
    const acked = clients.flatMap((client) => client.acked.map((message) => message.id))
    assert.sameMembers(
      stored.map((row) => row.id),
      acked
    )
    assert.deepEqual(
      stored.map((row) => row.seq),
      stored.map((_, index) => index + 1)
    )
    for (const [index, client] of clients.entries()) {
      const view = [...client.seen.entries()].sort(([a], [b]) => a - b)
      assert.deepEqual(
        view,
        stored.map((row) => [row.seq, row.id]),
        `client ${index} converged`
      )
    }
    assert.isAbove(stored.length, 40)
  }).timeout(240_000)
})

test.group('Readiness with Redis configured but down', () => {
  test('the node is live but not ready', async ({ assert, cleanup }) => {
    const nowhere = await freePort()
    const node = await startServer({ REDIS_URL: `redis://127.0.0.1:${nowhere}/0` })
    cleanup(() => node.stop())

    const ready = await fetch(`${node.url}/health/ready`)
    const report = (await ready.json()) as any
    const live = await fetch(`${node.url}/health/live`)

    assert.equal(ready.status, 503)
    const redis = report.data.checks.find((check: { name: string }) => check.name === 'redis')
    assert.equal(redis.status, 'error')
    assert.equal(live.status, 200)
  }).timeout(120_000)
})

test.group('Drain deadline', (group) => {
  group.each.setup(() => resetDatabase())

  test('a drain that cannot finish ends at DRAIN_TIMEOUT_MS with exit code 1', async ({
    assert,
    cleanup,
  }) => {
    const node = await startServer({ DRAIN_TIMEOUT_MS: '4000' })
    cleanup(() => node.kill())
    // Started, not just listening: a node stopped before its providers are
    // ready has no drain to run, only the hard exit.
    await eventually(
      async () => {
        const ready = await fetch(`${node.url}/health/ready`)
        return ready.status === 200
      },
      30_000,
      () => `the node never became ready:\n${node.output()}`
    )
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const room = await groupRoom(org, owner.user)
    const lock = await db.transaction()
    cleanup(async () => {
      if (!lock.isCompleted) await lock.rollback()
    })
    await lock.rawQuery('SELECT id FROM rooms WHERE id = ? FOR UPDATE', [room.id])
    const { socket } = await connectAt(node.url, { token: owner.token, organizationId: org.id })
    const stuck = request(socket, 'send_message', { roomId: room.id, content: 'never commits' })
    stuck.catch(() => {})
    await eventually(
      async () => (await waitingOnLocks()) >= 1,
      20_000,
      () => 'the send never reached the lock'
    )

    const exit = await node.terminate()
    const stillHeld = !lock.isCompleted

    assert.deepEqual(exit, { code: 1, signal: null })
    assert.isTrue(stillHeld)
    // The hard exit's own line names the steps that gave up (written
    // synchronously, so the exit cannot lose it as it can the transport's).
    const lastLine = node
      .output()
      .split('\n')
      .map((line) => {
        try {
          return JSON.parse(line) as { msg?: string; incomplete?: string[] }
        } catch {
          return {}
        }
      })
      .find((line) => line.msg?.includes('not stopped within DRAIN_TIMEOUT_MS'))
    assert.exists(lastLine, node.output())
    assert.include(lastLine!.incomplete, 'socket events in flight', node.output())
  }).timeout(240_000)
})
