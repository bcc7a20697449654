import { connectAll, Recorder, sleep, type BenchSocket } from './lib/clients.js'
import { ClientPool, CLIENT_PROCS } from './lib/client_pool.js'
import type { BenchContext, Scenario } from './lib/context.js'
import { PgBackendCpu } from './lib/pg_cpu.js'
import { Autovacuum } from './lib/autovacuum.js'
import { startParley, startRelay, type ServerProcess } from './lib/processes.js'
import { connect, ensureDatabase, seedWorld } from './lib/seed.js'
import { pair, percentile, row } from './lib/stats.js'

/** Organizations of 100 users (BENCH_FANOUT_ORGS: fewer for a quick look on a busy machine). */
const ORGS = Number(process.env.BENCH_FANOUT_ORGS ?? 10)
const USERS_PER_ORG = 100

/** An in-process set of sockets on one server (persistence and scale-out use it). */
interface Target {
  name: string
  server: ServerProcess
  sockets: BenchSocket[]
  recorder: Recorder
}

export async function connectTarget(
  name: string,
  server: ServerProcess,
  specs: { userId: string; auth: Record<string, unknown> }[]
): Promise<Target> {
  const recorder = new Recorder()
  const sockets = await connectAll(server.url, specs, recorder)
  return { name, server, sockets, recorder }
}

/** A server driven from the client processes, with what its CPU is counted by. */
interface Driven {
  server: ServerProcess
  clients: ClientPool
  /** PostgreSQL backends of Parley's database (none for the relay). */
  pgCpu?: PgBackendCpu
  /** Its database's upkeep after the warm-up (Parley's: lib/autovacuum.ts). */
  upkeep?: Autovacuum
}

/**
 * One measured phase: a closed loop for the maximum (every socket one send
 * in flight, from all client processes at once), then an open loop at
 * `rate` (default half the maximum) for latency. CPU per send is the
 * server's own and, for Parley, its PostgreSQL backends' over the closed
 * loop; `serverBusy` is the server's CPU over the phase's wall time (1.0 =
 * one core, the ceiling of a single Node process).
 */
async function measure(target: Driven, room: string, seconds: number, rate?: number) {
  const { clients, server } = target
  await clients.closed(1000, room)
  await target.upkeep?.catchUp()
  await sleep(300)
  await clients.record(true, true)
  const cpuBefore = server.cpuMs()
  const clientCpuBefore = clients.cpuMs()
  const stopPg = await target.pgCpu?.start()
  const max = await clients.closed(seconds * 1000, room)
  const pgMs = stopPg ? await stopPg() : null
  const cpuMs = server.cpuMs() - cpuBefore
  const clientCpuMs = clients.cpuMs() - clientCpuBefore
  await sleep(300)
  await clients.record(false)
  const { delivered } = await clients.stats()
  const ackedPerSecond = max.acked / max.seconds
  const latencyRate = rate ?? ackedPerSecond / 2
  await sleep(300)
  await clients.record(true, true)
  const open = await clients.open(latencyRate, seconds * 1000, room)
  await sleep(500)
  await clients.record(false)
  const { latencies } = await clients.stats()
  const perSend = (ms: number | null) => (max.acked && ms !== null ? (ms * 1000) / max.acked : null)
  return {
    ackedPerSecond,
    deliveredPerSecond: delivered / max.seconds,
    failed: max.failed + open.failed,
    nodeUsPerSend: perSend(cpuMs),
    pgUsPerSend: perSend(pgMs),
    totalUsPerSend: perSend(cpuMs + (pgMs ?? 0)),
    serverBusy: cpuMs / (max.seconds * 1000),
    clientBusy: clientCpuMs / (max.seconds * 1000),
    latencyRate,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  }
}

type Measured = Awaited<ReturnType<typeof measure>>

/**
 * Fan-out: 1,000 connected clients (10 organizations of 100 users, each user
 * in one DM and one 100-member room) driven from CLIENT_PROCS client
 * processes, Parley against a bare Socket.IO relay with the same sockets and
 * rooms. Per run and mode, Parley and the relay are measured back to back,
 * the order alternating between runs.
 */
const fanout: Scenario = {
  name: 'fanout',
  describe: `send → deliver latency, delivered msgs/s and CPU per send, DMs and 100-member rooms, ${(ORGS * USERS_PER_ORG).toLocaleString('en-US')} clients from ${CLIENT_PROCS} processes`,
  async run(context: BenchContext) {
    await ensureDatabase(context.database)
    const parley = await startParley({ port: context.port + 1, database: context.database })
    const relay = await startRelay(context.port + 90)
    const pg = await connect(context.database)
    const pools: ClientPool[] = []
    try {
      const world = await seedWorld(pg, {
        orgs: ORGS,
        usersPerOrg: USERS_PER_ORG,
        dms: true,
        group: true,
      })
      const rooms = (u: (typeof world.users)[number]) => ({ dm: u.dmRoomId, room: u.groupRoomId })
      const p: Driven = {
        server: parley,
        clients: await ClientPool.connect(
          parley.url,
          world.users.map((u) => ({ userId: u.id, auth: { token: u.token }, rooms: rooms(u) }))
        ),
        pgCpu: new PgBackendCpu(pg, context.database),
        upkeep: await Autovacuum.of(pg),
      }
      pools.push(p.clients)
      const r: Driven = {
        server: relay,
        clients: await ClientPool.connect(
          relay.url,
          world.users.map((u) => ({
            userId: u.id,
            auth: { userId: u.id, rooms: [u.dmRoomId, u.groupRoomId] },
            rooms: rooms(u),
          }))
        ),
      }
      pools.push(r.clients)
      context.log(`fanout: ${world.users.length} clients connected to each server`)
      const results: Record<'dm' | 'room', { parley: Measured; relay: Measured }[]> = {
        dm: [],
        room: [],
      }
      for (let run = 0; run < context.runs; run++) {
        for (const mode of ['dm', 'room'] as const) {
          let mine: Measured | undefined
          const measured = await pair(
            run,
            async () => (mine = await measure(p, mode, context.seconds)),
            async () => measure(r, mode, context.seconds, mine?.latencyRate)
          )
          // In odd runs the relay goes first, at its own half-maximum: measure its latency again at Parley's.
          const relayAtParleyRate =
            mine && run % 2 === 1
              ? {
                  ...measured.baseline,
                  ...(await latencyAt(r, mode, context.seconds, mine.latencyRate)),
                }
              : measured.baseline
          const entry = { parley: measured.parley, relay: relayAtParleyRate }
          context.log(
            `fanout ${mode} run ${run + 1}: parley ${Math.round(entry.parley.deliveredPerSecond)}/s delivered, ${Math.round(entry.parley.ackedPerSecond)}/s acked (p99 ${entry.parley.p99?.toFixed(1)} ms, node ${entry.parley.nodeUsPerSend?.toFixed(0)} + pg ${entry.parley.pgUsPerSend?.toFixed(0)} µs/send, ${entry.parley.failed} failed); relay ${Math.round(entry.relay.deliveredPerSecond)}/s delivered (busy ${(entry.relay.serverBusy * 100).toFixed(0)}% of a core, clients ${(entry.relay.clientBusy * 100).toFixed(0)}%)`
          )
          results[mode].push(entry)
        }
      }
      return {
        config: {
          clients: world.users.length,
          clientProcesses: CLIENT_PROCS,
          organizations: ORGS,
          dmRooms: world.dmRooms.length,
          groupRooms: `${world.groupRooms.length} × ${USERS_PER_ORG} members`,
          senders:
            "every client, one send in flight each (closed loop); then open loop at half Parley's max",
          secondsPerPhase: context.seconds,
          runs: context.runs,
        },
        rows: rowsOf(results, p.upkeep!.note),
      }
    } finally {
      await Promise.all(pools.map((pool) => pool.close()))
      await pg.end()
      await parley.stop()
      await relay.stop()
    }
  },
}

/** Open-loop latency alone, at a given offered rate. */
async function latencyAt(target: Driven, room: string, seconds: number, rate: number) {
  await target.clients.record(true, true)
  await target.clients.open(rate, seconds * 1000, room)
  await sleep(500)
  await target.clients.record(false)
  const { latencies } = await target.clients.stats()
  return { latencyRate: rate, p50: percentile(latencies, 50), p99: percentile(latencies, 99) }
}

function rowsOf(
  results: Record<'dm' | 'room', { parley: Measured; relay: Measured }[]>,
  maintenance: string
) {
  const pick = (mode: 'dm' | 'room', key: keyof Measured, relayKey: keyof Measured = key) =>
    results[mode].map((entry) => ({
      parley: entry.parley[key] as number | null,
      baseline: entry.relay[relayKey] as number | null,
    }))
  const failed = (mode: 'dm' | 'room') =>
    results[mode].reduce((sum, entry) => sum + entry.parley.failed, 0)
  const busy = (mode: 'dm' | 'room') => {
    const values = results[mode].map((entry) => entry.relay.serverBusy * 100)
    return `the relay used ${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}% of one core during its max phases (a Node process's ceiling is 100%): ${Math.max(...values) >= 90 ? 'at its own ceiling, not capped by the clients' : 'below its own ceiling, so the client processes or the machine capped it'}`
  }
  const note = (mode: 'dm' | 'room') =>
    [busy(mode), failed(mode) ? `${failed(mode)} Parley sends failed` : '']
      .filter(Boolean)
      .join('; ')
  return [
    row(
      'fanout',
      'DM persisted, acked sends/s',
      'msgs/s',
      'bare Socket.IO relay',
      pick('dm', 'ackedPerSecond'),
      {
        target: { on: 'ratio', op: '>=', bound: 0.2 },
        note: note('dm'),
      }
    ),
    row(
      'fanout',
      'DM delivered/s',
      'msgs/s',
      'bare Socket.IO relay',
      pick('dm', 'deliveredPerSecond')
    ),
    row('fanout', 'DM p50 at ½ Parley max', 'ms', 'relay, same offered rate', pick('dm', 'p50')),
    row('fanout', 'DM p99 at ½ Parley max', 'ms', 'relay, same offered rate', pick('dm', 'p99'), {
      target: { on: 'value', op: '<', bound: 50 },
    }),
    row(
      'fanout',
      'DM CPU per send, node + PostgreSQL',
      'µs',
      'relay (no database)',
      pick('dm', 'totalUsPerSend', 'nodeUsPerSend'),
      {
        target: { on: 'value', op: '<=', bound: 300 },
        note: maintenance,
      }
    ),
    row('fanout', 'DM CPU per send, node only', 'µs', 'relay', pick('dm', 'nodeUsPerSend')),
    row(
      'fanout',
      'DM CPU per send, PostgreSQL backends',
      'µs',
      'relay (no database)',
      pick('dm', 'pgUsPerSend', 'pgUsPerSend')
    ),
    row(
      'fanout',
      '100-member room delivered/s',
      'msgs/s',
      'bare Socket.IO relay',
      pick('room', 'deliveredPerSecond'),
      {
        target: { on: 'ratio', op: '>=', bound: 0.6 },
        note: note('room'),
      }
    ),
    row(
      'fanout',
      '100-member room acked sends/s',
      'msgs/s',
      'bare Socket.IO relay',
      pick('room', 'ackedPerSecond')
    ),
    row(
      'fanout',
      '100-member room p99 at ½ Parley max',
      'ms',
      'relay, same offered rate',
      pick('room', 'p99'),
      {
        target: { on: 'ratio', op: '<=', bound: 2 },
      }
    ),
    row(
      'fanout',
      '100-member room CPU per send, node + PostgreSQL',
      'µs',
      'relay (no database)',
      pick('room', 'totalUsPerSend', 'nodeUsPerSend')
    ),
  ]
}

export default fanout
