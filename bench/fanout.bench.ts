import {
  closedLoop,
  closeAll,
  connectAll,
  openLoop,
  Recorder,
  sleep,
  type BenchSocket,
  type Sender,
} from './lib/clients.js'
import type { BenchContext, Scenario } from './lib/context.js'
import { startParley, startRelay, type ServerProcess } from './lib/processes.js'
import { connect, ensureDatabase, seedWorld, type World } from './lib/seed.js'
import { percentile, row } from './lib/stats.js'

const ORGS = 10
const USERS_PER_ORG = 100

interface Target {
  name: string
  server: ServerProcess
  sockets: BenchSocket[]
  recorder: Recorder
}

/** Who sends where: every user into its DM, or every user into its org's 100-member room. */
function senders(world: World, target: Target, mode: 'dm' | 'room'): Sender[] {
  return world.users.map((user, i) => ({
    socket: target.sockets[i].socket,
    roomId: mode === 'dm' ? user.dmRoomId! : user.groupRoomId!,
  }))
}

/** One measured phase: closed loop for the maximum, then open loop at `rate` for latency. */
export async function measure(target: Target, list: Sender[], seconds: number, rate?: number) {
  const { recorder, server } = target
  await closedLoop(list, 1000)
  await sleep(300)
  recorder.reset()
  recorder.recording = true
  const cpuBefore = server.cpuMs()
  const max = await closedLoop(list, seconds * 1000)
  await sleep(300)
  recorder.recording = false
  const cpuMs = server.cpuMs() - cpuBefore
  const deliveredPerSecond = recorder.delivered / max.seconds
  const ackedPerSecond = max.acked / max.seconds
  const latencyRate = rate ?? ackedPerSecond / 2
  await sleep(300)
  recorder.reset()
  recorder.recording = true
  const open = await openLoop(list, latencyRate, seconds * 1000)
  await sleep(500)
  recorder.recording = false
  return {
    ackedPerSecond,
    deliveredPerSecond,
    failed: max.failed + open.failed,
    cpuUsPerMessage: max.acked ? (cpuMs * 1000) / max.acked : null,
    latencyRate,
    p50: percentile(recorder.latencies, 50),
    p99: percentile(recorder.latencies, 99),
  }
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

/**
 * Fan-out: 1,000 connected clients (10 organizations of 100 users, each user
 * in one DM and one 100-member room), Parley against a bare Socket.IO relay
 * with the same sockets and rooms.
 */
const fanout: Scenario = {
  name: 'fanout',
  describe: 'send → deliver latency and delivered msgs/s, DMs and 100-member rooms, 1,000 clients',
  async run(context: BenchContext) {
    await ensureDatabase(context.database)
    const parley = await startParley({ port: context.port + 1, database: context.database })
    const relay = await startRelay(context.port + 90)
    const pg = await connect(context.database)
    try {
      const world = await seedWorld(pg, {
        orgs: ORGS,
        usersPerOrg: USERS_PER_ORG,
        dms: true,
        group: true,
      })
      const p = await connectTarget(
        'parley',
        parley,
        world.users.map((u) => ({ userId: u.id, auth: { token: u.token } }))
      )
      const r = await connectTarget(
        'relay',
        relay,
        world.users.map((u) => ({
          userId: u.id,
          auth: { userId: u.id, rooms: [u.dmRoomId, u.groupRoomId] },
        }))
      )
      context.log(`fanout: ${world.users.length} clients connected to each server`)
      const results: Record<
        string,
        {
          parley: Awaited<ReturnType<typeof measure>>
          relay: Awaited<ReturnType<typeof measure>>
        }[]
      > = { dm: [], room: [] }
      for (let run = 0; run < context.runs; run++) {
        for (const mode of ['dm', 'room'] as const) {
          const mine = await measure(p, senders(world, p, mode), context.seconds)
          const theirs = await measure(
            r,
            senders(world, r, mode),
            context.seconds,
            mine.latencyRate
          )
          context.log(
            `fanout ${mode} run ${run + 1}: parley ${Math.round(mine.deliveredPerSecond)}/s (p99 ${mine.p99?.toFixed(1)} ms, ${mine.failed} failed), relay ${Math.round(theirs.deliveredPerSecond)}/s`
          )
          results[mode].push({ parley: mine, relay: theirs })
        }
      }
      await closeAll([...p.sockets, ...r.sockets])
      const rows = []
      for (const mode of ['dm', 'room'] as const) {
        const label = mode === 'dm' ? 'DM' : '100-member room'
        const pick = (
          key: 'deliveredPerSecond' | 'ackedPerSecond' | 'p50' | 'p99' | 'cpuUsPerMessage'
        ) =>
          results[mode].map((entry) => ({ parley: entry.parley[key], baseline: entry.relay[key] }))
        const failed = results[mode].reduce((sum, entry) => sum + entry.parley.failed, 0)
        rows.push(
          row(
            'fanout',
            `${label} delivered/s`,
            'msgs/s',
            'bare Socket.IO relay',
            pick('deliveredPerSecond'),
            failed ? `${failed} Parley sends failed` : undefined
          ),
          row(
            'fanout',
            `${label} acked sends/s`,
            'msgs/s',
            'bare Socket.IO relay',
            pick('ackedPerSecond')
          ),
          row(
            'fanout',
            `${label} p50 at ½ Parley max`,
            'ms',
            'relay, same offered rate',
            pick('p50')
          ),
          row(
            'fanout',
            `${label} p99 at ½ Parley max`,
            'ms',
            'relay, same offered rate',
            pick('p99')
          ),
          row('fanout', `${label} server CPU per send`, 'µs', 'relay', pick('cpuUsPerMessage'))
        )
      }
      return {
        config: {
          clients: world.users.length,
          organizations: ORGS,
          dmRooms: world.dmRooms.length,
          groupRooms: `${world.groupRooms.length} × ${USERS_PER_ORG} members`,
          senders:
            "every client, one send in flight each (closed loop); then open loop at half Parley's max",
          secondsPerPhase: context.seconds,
          runs: context.runs,
        },
        rows,
      }
    } finally {
      await pg.end()
      await parley.stop()
      await relay.stop()
    }
  },
}

export default fanout
