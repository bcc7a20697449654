import { closedLoop, closeAll, sleep } from './lib/clients.js'
import type { BenchContext, Scenario } from './lib/context.js'
import { startParley } from './lib/processes.js'
import { connect, ensureDatabase, seedWorld } from './lib/seed.js'
import { pair, row } from './lib/stats.js'
import { PgBackendCpu } from './lib/pg_cpu.js'
import { Autovacuum } from './lib/autovacuum.js'
import { connectTarget } from './fanout.bench.js'

const ORGS = 5
const USERS_PER_ORG = 100

/**
 * Scale-out: delivered DM msgs/s with two Parley nodes on Redis (REDIS_URL,
 * the Socket.IO Redis adapter), every DM's two users on different nodes so
 * each delivery crosses nodes, against one node without Redis. Both nodes
 * share this machine's two cores, so this measures the adapter's cost, not
 * added capacity (docs/scaling.md). The closed loop makes the rate follow
 * whatever the shared machine leaves to the nodes, so the CPU the nodes and
 * the PostgreSQL backends spend per delivered DM in each phase is reported
 * beside it: that figure moves much less with the machine's load.
 */
const scaleout: Scenario = {
  name: 'scaleout',
  describe: 'delivered msgs/s, two Parley nodes on Redis (cross-node DMs) vs one node',
  async run(context: BenchContext) {
    await ensureDatabase(context.database)
    const pg = await connect(context.database)
    const single = await startParley({ port: context.port + 1, database: context.database })
    const a = await startParley({
      port: context.port + 2,
      database: context.database,
      redisUrl: context.redisUrl,
    })
    const b = await startParley({
      port: context.port + 3,
      database: context.database,
      redisUrl: context.redisUrl,
    })
    try {
      const world = await seedWorld(pg, {
        orgs: ORGS,
        usersPerOrg: USERS_PER_ORG,
        dms: true,
        group: false,
      })
      const specs = world.users.map((u) => ({ userId: u.id, auth: { token: u.token } }))
      const one = await connectTarget('one node', single, specs)
      const evens = specs.filter((_, i) => i % 2 === 0)
      const odds = specs.filter((_, i) => i % 2 === 1)
      const onA = await connectTarget('node A', a, evens)
      const onB = await connectTarget('node B', b, odds)
      const twoSockets = world.users.map((_, i) =>
        i % 2 === 0 ? onA.sockets[i / 2] : onB.sockets[(i - 1) / 2]
      )
      const senders = (sockets: typeof one.sockets) =>
        world.users.map((u, i) => ({ socket: sockets[i].socket, roomId: u.dmRoomId! }))
      const recorders = [onA.recorder, onB.recorder]
      const pgCpu = new PgBackendCpu(pg, context.database)
      const upkeep = await Autovacuum.of(pg)
      const runs = []
      const nodeCpu: { parley: number; baseline: number }[] = []
      const dbCpu: { parley: number; baseline: number }[] = []
      let crossAcked = 0
      let crossDelivered = 0
      const oneNode = async () => {
        await closedLoop(senders(one.sockets), 1000)
        await upkeep.catchUp()
        one.recorder.reset()
        one.recorder.recording = true
        const cpuBefore = single.cpuMs()
        const pgPhase = await pgCpu.start()
        const sent = await closedLoop(senders(one.sockets), context.seconds * 1000)
        await sleep(500)
        one.recorder.recording = false
        const delivered = one.recorder.delivered || 1
        return {
          rate: one.recorder.delivered / sent.seconds,
          nodeUs: ((single.cpuMs() - cpuBefore) * 1000) / delivered,
          pgUs: ((await pgPhase()) * 1000) / delivered,
        }
      }
      const twoNodes = async () => {
        await closedLoop(senders(twoSockets), 1000)
        await upkeep.catchUp()
        recorders.forEach((r) => {
          r.reset()
          r.recording = true
        })
        const cpuBefore = a.cpuMs() + b.cpuMs()
        const pgPhase = await pgCpu.start()
        const two = await closedLoop(senders(twoSockets), context.seconds * 1000)
        await sleep(500)
        recorders.forEach((r) => (r.recording = false))
        const delivered = onA.recorder.delivered + onB.recorder.delivered
        crossAcked += two.acked
        crossDelivered += delivered
        return {
          rate: delivered / two.seconds,
          acked: two.acked,
          nodeUs: ((a.cpuMs() + b.cpuMs() - cpuBefore) * 1000) / (delivered || 1),
          pgUs: ((await pgPhase()) * 1000) / (delivered || 1),
        }
      }
      for (let run = 0; run < context.runs; run++) {
        const measured = await pair(run, twoNodes, oneNode)
        const [two, one1] = [measured.parley, measured.baseline]
        context.log(
          `scaleout run ${run + 1}: one node ${Math.round(one1.rate)}/s, two nodes ${Math.round(two.rate)}/s delivered (${two.acked} acked); node CPU per delivered DM ${Math.round(one1.nodeUs)} vs ${Math.round(two.nodeUs)} µs, PostgreSQL ${Math.round(one1.pgUs)} vs ${Math.round(two.pgUs)} µs`
        )
        runs.push({ parley: two.rate, baseline: one1.rate })
        nodeCpu.push({ parley: two.nodeUs, baseline: one1.nodeUs })
        dbCpu.push({ parley: two.pgUs, baseline: one1.pgUs })
      }
      await closeAll([...one.sockets, ...onA.sockets, ...onB.sockets])
      const crossing = crossAcked ? crossDelivered / crossAcked : 0
      const note =
        crossing < 0.5
          ? `not yet meaningful: only ${(crossing * 100).toFixed(0)}% of acked cross-node messages were delivered — this build does not fan out through Redis (REDIS_URL adapter not present)`
          : undefined
      return {
        config: {
          clients: world.users.length,
          rooms: `${world.dmRooms.length} DMs, peers on different nodes`,
          redis: context.redisUrl,
          senders: 'every client, one send in flight (closed loop)',
          crossNodeDeliveryRatio: Number(crossing.toFixed(3)),
          runs: context.runs,
        },
        rows: [
          row(
            'scaleout',
            'two nodes on Redis, DM delivered/s',
            'msgs/s',
            'one node, no Redis',
            runs,
            { note, target: { on: 'ratio', op: '>=', bound: 0.8 } }
          ),
          row('scaleout', 'Parley nodes CPU per delivered DM', 'µs', 'one node, no Redis', nodeCpu),
          row(
            'scaleout',
            'PostgreSQL backends CPU per delivered DM',
            'µs',
            'one node, no Redis',
            dbCpu,
            { note: upkeep.note }
          ),
        ],
      }
    } finally {
      await pg.end()
      await Promise.all([single.stop(), a.stop(), b.stop()])
    }
  },
}

export default scaleout
