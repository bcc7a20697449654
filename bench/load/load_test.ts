/*
|--------------------------------------------------------------------------
| npm run test:load — load with faults, then an exact accounting
|--------------------------------------------------------------------------
|
| Clients (one socket per user, spread over LOAD_NODES nodes sharing this
| harness's own redis-server) send at LOAD_RATE messages/s, each with a
| clientMessageId and retried until acked, while faults hit the cluster: a
| node is killed (-9) and restarted, Redis is killed and restarted empty,
| commits are refused (a deferred trigger on marked sends) and every
| PostgreSQL backend is terminated. Each fault must be seen to take effect
| and to end, or the run fails. Then what each client received live, plus
| what its own `sync` calls returned, is checked against the stored rows of
| its rooms: no gap, no live duplicate, no message that is not the stored
| one, nothing missed live outside a fault, and every ack equal to its
| stored row. Settings: bench/load/settings.ts (README). Not part of CI; it
| stops by itself within LOAD_SECONDS + 7 minutes.
|
*/
import { randomUUID } from 'node:crypto'
import type { ChildProcess } from 'node:child_process'
import { startParley, type ServerProcess } from '../lib/processes.js'
import { connect, ensureDatabase, seedWorld } from '../lib/seed.js'
import { sleep } from '../lib/clients.js'
import { LOAD, REDIS_URL } from './settings.js'
import { LoadClient } from './load_client.js'
import { account, judge, type Ack } from './accounting.js'
import {
  bounceRedis,
  CommitTrap,
  healthOf,
  listening,
  startRedis,
  terminateBackends,
  within,
  type FaultRecord,
} from './faults.js'

const t0 = performance.now()
const log = (line: string) =>
  console.error(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${line}`)

const nodes: ServerProcess[] = []
let redis: ChildProcess | undefined
// The per-user send budget is raised so that it does not shape the offered load.
const startNode = (n: number) =>
  startParley({
    port: LOAD.port + n,
    database: LOAD.database,
    redisUrl: REDIS_URL,
    extraEnv: { SEND_RATE_PER_MINUTE: '100000' },
    timeoutMs: 180_000,
  })

async function stopAll() {
  await Promise.all(nodes.map((node) => node.stop()))
  redis?.kill('SIGTERM')
}

const watchdog = setTimeout(
  () => {
    console.log('load test: FAILED (did not finish in time)')
    void stopAll().finally(() => process.exit(1))
  },
  (LOAD.seconds + 420) * 1000
)

const counts = { sent: 0, acknowledged: 0, ackedInWindow: 0, retries: 0, skipped: 0 }
const acks = new Map<string, Ack>()
let ackChanged = 0
/** The load phase: sends are offered while `loading`; retries go on 30 s after `endedAt`. */
const phase = { loading: false, startedAt: 0, endedAt: performance.now() }
/** Failed attempts by error code (`no_ack` when the connection dropped first). */
const failedAttempts: Record<string, number> = {}

/** Sends one message until it is acked, with the same clientMessageId on every retry. */
async function sendUntilAcked(client: LoadClient, roomId: string, trap: CommitTrap) {
  const clientMessageId = randomUUID()
  counts.sent += 1
  client.outstanding += 1
  if (trap.shouldTrap()) await trap.trap(clientMessageId)
  for (let attempt = 0; phase.loading || performance.now() < phase.endedAt + 30_000; attempt++) {
    if (attempt) counts.retries += 1
    const answer = await client.send(roomId, clientMessageId)
    if (answer?.ok) {
      const ack = { roomId, id: answer.data.id, seq: answer.data.seq, at: Date.now() }
      const before = acks.get(clientMessageId)
      if (before && (before.id !== ack.id || before.seq !== ack.seq)) ackChanged += 1
      if (!before) {
        counts.acknowledged += 1
        if (phase.loading) counts.ackedInWindow += 1
        acks.set(clientMessageId, ack)
      }
      break
    }
    const code = answer ? answer.error.code : 'no_ack'
    failedAttempts[code] = (failedAttempts[code] ?? 0) + 1
    if (answer && trap.isTrapped(clientMessageId)) trap.refused += 1
    await sleep(200)
  }
  client.outstanding -= 1
}

/**
 * Open loop: LOAD_RATE sends/s over the clients in turn for LOAD_SECONDS,
 * and on until 3 s after the last fault ended (on a slow machine faults take
 * longer, and each must hit a loaded cluster).
 */
async function offerLoad(clients: LoadClient[], trap: CommitTrap, faultsOver: () => number) {
  const pending: Promise<void>[] = []
  const start = performance.now()
  let due = 0
  let turn = 0
  let last = 0
  const progress = setInterval(() => {
    log(
      `acked ${counts.acknowledged - last} in 5 s, failed attempts ${JSON.stringify(failedAttempts)}`
    )
    last = counts.acknowledged
  }, 5000)
  phase.loading = true
  phase.startedAt = start
  const minEnd = start + LOAD.seconds * 1000
  while (performance.now() < Math.max(minEnd, faultsOver() + 3000)) {
    const target = Math.floor(((performance.now() - start) / 1000) * LOAD.rate)
    for (; due < target; due++) {
      const client = clients[turn++ % clients.length]
      if (client.outstanding >= 8) {
        counts.skipped += 1
        continue
      }
      const group = Math.random() < LOAD.groupShare
      const roomId = group ? client.user.groupRoomId! : client.user.dmRoomId!
      pending.push(sendUntilAcked(client, roomId, trap))
    }
    await sleep(5)
  }
  clearInterval(progress)
  phase.loading = false
  phase.endedAt = performance.now()
  await Promise.all(pending)
}

/** Kills node 0 (-9) and restarts it; proof: it died, came back, and its clients reconnected. */
async function bounceNode(clients: LoadClient[]): Promise<FaultRecord> {
  const from = Date.now()
  const problems: string[] = []
  const old = nodes[0]
  const mine = clients.filter((client) => client.nodeIndex === 0)
  const connectsBefore = mine.map((client) => client.connects)
  await old.stop('SIGKILL')
  if (old.child.signalCode !== 'SIGKILL') problems.push(`node 0 ended with ${old.child.signalCode}`)
  if (await listening(LOAD.port)) problems.push('node 0 port still answers after kill -9')
  await sleep(1000)
  try {
    nodes[0] = await startNode(0)
  } catch (error) {
    problems.push(`node 0 did not come back: ${String(error).slice(0, 200)}`)
    return { name: 'node down and back', from, to: Date.now(), problems, evidence: 'no restart' }
  }
  if (!(await within(30_000, async () => (await healthOf(nodes[0].url)) === 200)))
    problems.push('restarted node 0 is not healthy')
  const back = await within(30_000, async () =>
    mine.every((client, i) => client.connects > connectsBefore[i])
  )
  if (!back) problems.push('not every client of node 0 reconnected')
  return {
    name: 'node down and back',
    from,
    to: Date.now(),
    problems,
    evidence: `pid ${old.pid} killed, pid ${nodes[0].pid} started; ${mine.length} clients reconnected: ${back}`,
  }
}

async function faults(
  clients: LoadClient[],
  trap: CommitTrap,
  pgClient: Parameters<typeof terminateBackends>[0]
) {
  const start = performance.now()
  const at = (fraction: number) =>
    sleep(Math.max(0, start + fraction * LOAD.seconds * 1000 - performance.now()))
  const records: FaultRecord[] = []
  await at(0.15)
  log('fault: kill -9 node 0')
  records.push(await bounceNode(clients))
  await at(0.4)
  log('fault: kill -9 redis-server')
  const bounced = await bounceRedis(
    redis!,
    nodes.map((node) => node.url)
  )
  redis = bounced.redis
  records.push(bounced.record)
  await at(0.6)
  log('fault: commits refused for marked sends')
  records.push(await trap.run(3, 15_000))
  await at(0.8)
  log('fault: terminate every PostgreSQL backend')
  records.push(await terminateBackends(pgClient, LOAD.database, nodes.length))
  for (const record of records) log(`  ${record.name}: ${record.evidence}`)
  return records
}

await ensureDatabase(LOAD.database)
redis = await startRedis()
for (let n = 0; n < LOAD.nodes; n++) nodes.push(await startNode(n))
const pgClient = await connect(LOAD.database)
const trap = new CommitTrap(pgClient)
let exitCode = 1
try {
  const world = await seedWorld(pgClient, {
    orgs: LOAD.orgs,
    usersPerOrg: LOAD.usersPerOrg,
    dms: true,
    group: true,
  })
  await trap.install()
  const users = world.users.filter((user) => user.dmRoomId)
  const clients = users.map(
    (user, i) =>
      new LoadClient(
        user,
        [user.dmRoomId!, user.groupRoomId!],
        i % LOAD.nodes,
        nodes[i % LOAD.nodes].url
      )
  )
  await Promise.all(clients.map((client) => client.ready()))
  // One acked send per client first, so the nodes are warm when the load starts.
  await Promise.all(clients.map((client) => sendUntilAcked(client, client.user.dmRoomId!, trap)))
  log(
    `${clients.length} clients on ${LOAD.nodes} node(s); ${LOAD.rate} sends/s offered for ${LOAD.seconds}s (${Math.round(LOAD.groupShare * 100)}% to group rooms)`
  )
  let faultsOver = Number.POSITIVE_INFINITY
  const [, records] = await Promise.all([
    offerLoad(clients, trap, () => faultsOver),
    faults(clients, trap, pgClient).then((done) => {
      faultsOver = performance.now()
      return done
    }),
  ])
  log('load over; every client syncs from what it holds')
  await sleep(2000)
  await Promise.all(clients.map((client) => client.sync()))
  for (let retry = 0; retry < 2; retry++)
    await Promise.all(clients.filter((c) => !c.syncedOk).map((client) => client.sync()))
  const accounting = await account(pgClient, clients, acks, records, LOAD.graceMs)
  const loadSeconds = (phase.endedAt - phase.startedAt) / 1000
  const rate = counts.ackedInWindow / loadSeconds
  const report = {
    loadSeconds: Math.round(loadSeconds),
    offeredRate: LOAD.rate,
    ackedRate: Math.round(rate),
    ...counts,
    unacknowledged: counts.sent - counts.acknowledged,
    ackChanged,
    ...accounting,
    reconnects: clients.reduce((sum, client) => sum + client.connects - 1, 0),
    failedSyncCalls: clients.reduce((sum, client) => sum + client.syncFailures, 0),
    failedAttempts: JSON.stringify(failedAttempts),
    trappedSendsRefused: trap.refused,
  }
  for (const [key, value] of Object.entries(report)) console.log(`${key}: ${value}`)
  const failures = [
    ...judge(accounting),
    ...records.flatMap((record) => record.problems.map((problem) => `${record.name}: ${problem}`)),
  ]
  failures.push(...trap.refusals())
  if (report.unacknowledged) failures.push(`${report.unacknowledged} send(s) never acknowledged`)
  if (ackChanged) failures.push(`${ackChanged} send(s) acked twice with different messages`)
  if (rate < LOAD.rate * LOAD.minRateShare)
    failures.push(
      `acked ${Math.round(rate)}/s, below ${LOAD.minRateShare} of the offered ${LOAD.rate}/s`
    )
  for (const failure of failures) console.log(`FAILED: ${failure}`)
  console.log(failures.length ? 'load test: FAILED' : 'load test: PASSED')
  exitCode = failures.length ? 1 : 0
  clients.forEach((client) => client.socket.disconnect())
} finally {
  await trap.uninstall().catch(() => {})
  await pgClient.end().catch(() => {})
  await stopAll()
  clearTimeout(watchdog)
}
process.exit(exitCode)
