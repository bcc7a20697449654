/*
|--------------------------------------------------------------------------
| npm run test:load — load with faults, then an exact accounting
|--------------------------------------------------------------------------
|
| Clients send (with clientMessageId, retrying until acked) and read for a
| bounded time while a Parley node is killed (-9) and restarted, this
| harness's OWN redis-server is restarted, and every PostgreSQL backend of
| the load database is terminated. Then: every acknowledged message must be
| stored exactly once, every room's seqs gap-free, every client must
| converge to the full seq range of its rooms through `after=` pages, and no
| client may have seen another room's or organization's event. Settings:
| LOAD_SECONDS (default 40), LOAD_NODES (1, or 2 once REDIS_URL fans out
| across nodes), LOAD_PORT (default 3650). Not part of CI.
|
*/
import { spawn, type ChildProcess } from 'node:child_process'
import { io, type Socket } from 'socket.io-client'
import { startParley, type ServerProcess } from '../lib/processes.js'
import { connect, ensureDatabase, seedWorld, type BenchUser } from '../lib/seed.js'
import { sleep } from '../lib/clients.js'

const SECONDS = Number(process.env.LOAD_SECONDS ?? 40)
const NODES = Number(process.env.LOAD_NODES ?? 1)
const PORT = Number(process.env.LOAD_PORT ?? 3650)
const DATABASE = 'parley_bench_load'
const REDIS_PORT = PORT + 9
const REDIS_URL = `redis://127.0.0.1:${REDIS_PORT}/0`

const log = (line: string) =>
  console.error(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${line}`)
const t0 = performance.now()

function startRedis(): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' }
  )
  return sleep(300).then(() => child)
}

interface Client {
  user: BenchUser
  rooms: Set<string>
  socket: Socket
  seen: Map<string, Set<number>>
  foreign: number
}

const counts = { sent: 0, acknowledged: 0, retries: 0, delivered: 0 }
const acked = new Map<string, { roomId: string; seq: number }>()

function openClient(user: BenchUser, url: string): Client {
  const rooms = new Set([user.dmRoomId!, user.groupRoomId!])
  const socket = io(url, {
    auth: { token: user.token },
    transports: ['websocket'],
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
  })
  const client: Client = { user, rooms, socket, seen: new Map(), foreign: 0 }
  socket.on('new_message', (message: { roomId: string; seq: number }) => {
    if (!rooms.has(message.roomId)) return void (client.foreign += 1)
    counts.delivered += 1
    const seqs = client.seen.get(message.roomId) ?? new Set()
    seqs.add(message.seq)
    client.seen.set(message.roomId, seqs)
  })
  socket.onAny((event: string, payload: { organizationId?: string; roomId?: string }) => {
    if (payload?.organizationId && payload.organizationId !== user.organizationId)
      client.foreign += 1
    if (event !== 'new_message' && payload?.roomId && !rooms.has(payload.roomId))
      client.foreign += 1
  })
  return client
}

/** Sends one message until it is acked (same clientMessageId on every retry). */
async function sendUntilAcked(client: Client, roomId: string, deadline: number) {
  const clientMessageId = crypto.randomUUID()
  counts.sent += 1
  for (let attempt = 0; performance.now() < deadline + 30_000; attempt++) {
    if (attempt) counts.retries += 1
    const response = await client.socket
      .timeout(3000)
      .emitWithAck('send_message', { roomId, content: `load ${clientMessageId}`, clientMessageId })
      .catch(() => null)
    if (response?.ok) {
      if (!acked.has(clientMessageId)) counts.acknowledged += 1
      acked.set(clientMessageId, { roomId, seq: response.data.seq })
      return
    }
    await sleep(200)
  }
}

/** Reads a room's whole history through `after=` pages: its seqs in change order. */
async function syncRoom(url: string, token: string, roomId: string) {
  const seqs: number[] = []
  let after = 0
  for (;;) {
    const response = await fetch(`${url}/chat/rooms/${roomId}/messages?after=${after}&limit=100`, {
      headers: { authorization: `Bearer ${token}` },
    })
    if (response.status !== 200) throw new Error(`sync ${roomId}: ${response.status}`)
    const body = (await response.json()) as {
      data: { seq: number; roomId: string }[]
      meta: { hasMore: boolean; cursor: number }
    }
    for (const message of body.data) seqs.push(message.seq)
    if (!body.meta.hasMore) return seqs
    after = body.meta.cursor
  }
}

await ensureDatabase(DATABASE)
let redis = await startRedis()
const nodes: ServerProcess[] = []
for (let n = 0; n < NODES; n++)
  nodes.push(await startParley({ port: PORT + n, database: DATABASE, redisUrl: REDIS_URL }))
const pg = await connect(DATABASE)
let exitCode = 1
try {
  const world = await seedWorld(pg, { orgs: 2, usersPerOrg: 20, dms: true, group: true })
  const clients = world.users.map((user, i) => openClient(user, nodes[i % NODES].url))
  await Promise.all(
    clients.map((c) => new Promise((resolve) => c.socket.once('connected', resolve)))
  )
  log(`${clients.length} clients connected to ${NODES} node(s); load for ${SECONDS}s with faults`)
  const deadline = performance.now() + SECONDS * 1000
  const senders = clients.map(async (client) => {
    while (performance.now() < deadline) {
      const roomId = [...client.rooms][Math.floor(Math.random() * client.rooms.size)]
      await sendUntilAcked(client, roomId, deadline)
      await sleep(100 + Math.random() * 100)
    }
  })
  const faults = (async () => {
    const start = performance.now() - t0
    const atFraction = (f: number) =>
      sleep(Math.max(0, start + f * SECONDS * 1000 - (performance.now() - t0)))
    await atFraction(0.2)
    log(`fault: kill -9 ${nodes[0].name}`)
    await nodes[0].stop('SIGKILL')
    await sleep(1000)
    nodes[0] = await startParley({ port: PORT, database: DATABASE, redisUrl: REDIS_URL })
    log(`fault: ${nodes[0].name} restarted`)
    await atFraction(0.45)
    log('fault: restart redis-server')
    redis.kill('SIGKILL')
    await sleep(1000)
    redis = await startRedis()
    await atFraction(0.7)
    const cut = await pg.query(
      'SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [DATABASE]
    )
    log(`fault: terminated ${cut.rows[0].n} PostgreSQL backend(s)`)
  })()
  await Promise.all([...senders, faults])
  log('load over; waiting for stragglers, then syncing every client')
  await sleep(2000)

  const stored = await pg.query('SELECT client_message_id, room_id, seq FROM messages')
  const storedBy = new Map<string, number>()
  for (const row of stored.rows)
    storedBy.set(row.client_message_id, (storedBy.get(row.client_message_id) ?? 0) + 1)
  let lost = 0
  let storedTwice = 0
  for (const [id] of acked) if (!storedBy.has(id)) lost += 1
  for (const [, n] of storedBy) if (n > 1) storedTwice += 1
  const rooms = await pg.query('SELECT id, last_seq FROM rooms')
  const lastSeq = new Map<string, number>(rooms.rows.map((r) => [r.id, Number(r.last_seq)]))
  const gaps = await pg.query(
    `SELECT r.id FROM rooms r LEFT JOIN messages m ON m.room_id = r.id GROUP BY r.id, r.last_seq
     HAVING count(m.id) <> r.last_seq OR coalesce(max(m.seq), 0) <> r.last_seq`
  )
  let duplicatesAfterSync = 0
  let unconverged = 0
  const liveOnly = { missing: 0 }
  for (const client of clients) {
    for (const roomId of client.rooms) {
      const seqs = await syncRoom(nodes[0].url, client.user.token, roomId)
      const unique = new Set(seqs)
      duplicatesAfterSync += seqs.length - unique.size
      const expected = lastSeq.get(roomId) ?? 0
      const complete = unique.size === expected && [...unique].every((s) => s >= 1 && s <= expected)
      if (!complete) unconverged += 1
      for (let s = 1; s <= expected; s++)
        if (!client.seen.get(roomId)?.has(s)) liveOnly.missing += 1
    }
  }
  const foreign = clients.reduce((sum, c) => sum + c.foreign, 0)
  const report = {
    sent: counts.sent,
    acknowledged: counts.acknowledged,
    retries: counts.retries,
    stored: stored.rowCount,
    delivered: counts.delivered,
    missedLiveThenSynced: liveOnly.missing,
    lost,
    storedTwice,
    roomsWithSeqGaps: gaps.rowCount,
    clientsRoomsNotConverged: unconverged,
    duplicatesAfterSync,
    foreignEvents: foreign,
  }
  console.log(JSON.stringify(report, null, 2))
  const ok =
    lost === 0 &&
    storedTwice === 0 &&
    gaps.rowCount === 0 &&
    unconverged === 0 &&
    duplicatesAfterSync === 0 &&
    foreign === 0 &&
    counts.acknowledged === counts.sent
  console.log(ok ? 'load test: PASSED' : 'load test: FAILED')
  exitCode = ok ? 0 : 1
  clients.forEach((c) => c.socket.disconnect())
} finally {
  await pg.end().catch(() => {})
  await Promise.all(nodes.map((node) => node.stop()))
  redis.kill('SIGTERM')
}
process.exit(exitCode)
