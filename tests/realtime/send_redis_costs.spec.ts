import { test } from '@japa/runner'
import { Redis } from 'ioredis'
import { createConnection } from 'node:net'
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { RENEW_LEASES } from '#services/redis_leases'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { startServer, type ServerProcess } from '#tests/helpers/server_process'
import { startRedisServer, type RedisServer } from '#tests/helpers/redis_server'
import { createMemberWithToken, createOrgWith, createUserWithToken } from '#tests/helpers/users'
import {
  closeSockets,
  connectAt,
  groupRoom,
  nextEvent,
  request,
  waitUntil,
} from '#tests/helpers/sockets'

/*
 * What one send costs Redis on a clustered node (docs/scaling.md), read with
 * MONITOR on a private redis-server, so nothing else is counted. Every
 * member of the room is online: the notification step asks presence about
 * all of them, which must be one script call whatever the room's size, sent
 * by SHA once Redis knows the script.
 */

const MEMBERS = Number(process.env.SEND_COST_MEMBERS ?? 12)

let redis: RedisServer
let node: ServerProcess

type Seen = { args: string[]; lua: boolean }

/** Redis MONITOR on a plain socket: every command the server runs, with its source. */
async function monitor(url: string) {
  const { hostname, port } = new URL(url)
  const socket = createConnection({ host: hostname, port: Number(port) })
  await once(socket, 'connect')
  const seen: Seen[] = []
  let buffered = ''
  let started: () => void
  const monitoring = new Promise<void>((resolve) => (started = resolve))
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => {
    buffered += chunk
    const lines = buffered.split('\r\n')
    buffered = lines.pop()!
    for (const line of lines) {
      if (line === '+OK') started()
      const parsed = /^\+[\d.]+ \[\d+ ([^\]]+)\] (.*)$/.exec(line)
      if (!parsed) continue
      const args = [...parsed[2].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1])
      seen.push({ args, lua: parsed[1] === 'lua' })
    }
  })
  socket.write('MONITOR\r\n')
  await monitoring
  return {
    seen,
    close: () => {
      socket.destroy()
    },
  }
}

/** A call of the presence store (its keys), not one run from inside a script. */
function isPresence(entry: Seen) {
  return (
    !entry.lua &&
    ['eval', 'evalsha'].includes(entry.args[0].toLowerCase()) &&
    String(entry.args[3]).startsWith('parley:presence:')
  )
}

const RENEW_SHA = createHash('sha1').update(RENEW_LEASES).digest('hex')

/** Lease renewals run on a timer, not per send: left out of the count. */
function isRenewal(entry: Seen) {
  const [name, script] = [entry.args[0].toLowerCase(), String(entry.args[1])]
  if (entry.lua) return name === 'pexpire' || (name === 'zadd' && entry.args[2] === 'XX')
  return script === RENEW_SHA || (name === 'eval' && script.includes("'XX', 'CH'"))
}

/** Commands per name. */
function tally(seen: Seen[]) {
  const counts: Record<string, number> = {}
  for (const { args, lua } of seen) {
    const name = `${lua ? 'lua ' : ''}${args[0].toLowerCase()}`
    counts[name] = (counts[name] ?? 0) + 1
  }
  return counts
}

test.group('Send costs on Redis', (group) => {
  group.setup(async () => {
    redis = await startRedisServer()
    node = await startServer({ REDIS_URL: redis.url })
    return async () => {
      await node.stop()
      await redis.stop()
    }
  })
  group.each.setup(() => resetDatabase())
  group.each.teardown(() => closeSockets())

  test('presence of every recipient of a send is one script call, by SHA', async ({
    assert,
    cleanup,
  }) => {
    const owner = await createUserWithToken()
    const org = await createOrgWith(owner.user)
    const members = []
    for (let i = 1; i < MEMBERS; i++) members.push(await createMemberWithToken(org))
    const room = await groupRoom(
      org,
      owner.user,
      members.map((member) => member.user)
    )
    const auth = (token: string) => ({ token, organizationId: org.id })
    const { socket } = await connectAt(node.url, auth(owner.token))
    const peers = []
    for (const member of members) {
      const peer = await connectAt(node.url, auth(member.token))
      peers.push(peer.socket)
    }
    const marker = new Redis(redis.url)
    cleanup(() => marker.disconnect())
    const log = await monitor(redis.url)
    cleanup(log.close)
    const presenceCalls = () => log.seen.filter(isPresence).length

    /** Index of the log after everything Redis received so far (a marker PING). */
    const settle = async (label: string) => {
      await marker.ping(label)
      await waitUntil(() => log.seen.some((entry) => entry.args.includes(label)))
      return log.seen.findIndex((entry) => entry.args.includes(label)) + 1
    }
    // Two sends warm the node (caches; the presence script, loaded by the
    // first one's NOSCRIPT fallback); each one's notification step runs
    // after its ack, so each is waited for.
    for (const content of ['warm', 'warm again']) {
      const seen = presenceCalls()
      const warm = await request(socket, 'send_message', { roomId: room.id, content })
      assert.isTrue(warm.ok)
      await waitUntil(() => presenceCalls() > seen, 30_000)
    }
    const from = await settle('warmed')
    const delivered = peers.map((peer) => nextEvent(peer, 'new_message', 30_000))
    const sent = await request(socket, 'send_message', { roomId: room.id, content: 'counted' })
    await Promise.all(delivered)
    await waitUntil(() => log.seen.slice(from).some(isPresence), 30_000)
    const to = await settle('counted')
    const counted = log.seen.slice(from, to - 1).filter((entry) => !isRenewal(entry))

    assert.isTrue(sent.ok)
    console.log(
      `redis commands per send into a ${MEMBERS}-member room: ${counted.length} ` +
        `(${counted.filter((e) => !e.lua).length} sent by the node)`,
      JSON.stringify(tally(counted))
    )
    const scripts = counted.filter(isPresence)
    assert.lengthOf(scripts, 1)
    assert.equal(scripts[0].args[0].toLowerCase(), 'evalsha')
    // Presence answered (the first send loaded the script after NOSCRIPT):
    // every member is online, so none of the three sends notified anyone.
    const notified = await db.from('notifications').where('room_id', room.id)
    assert.lengthOf(notified, 0)
  }).timeout(180_000)
})
