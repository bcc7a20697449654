import { closedLoop, closeAll, sendOnce, sleep, type Sender } from './lib/clients.js'
import type { BenchContext, Scenario } from './lib/context.js'
import { PG, startParley } from './lib/processes.js'
import { connect, ensureDatabase, seedWorld } from './lib/seed.js'
import { row } from './lib/stats.js'
import { startWireCounter, type WireCounter } from './lib/wire_counter.js'
import { connectTarget } from './fanout.bench.js'

const USERS = 100
const LONE_SENDS = 30

/** Counts over a phase, less what the node sends by itself in as long a quiet spell. */
async function counted(counters: WireCounter[], phase: () => Promise<number>) {
  counters.forEach((counter) => counter.reset())
  const started = performance.now()
  const sends = await phase()
  await sleep(300)
  const elapsed = performance.now() - started
  const busy = counters.map((counter) => counter.counts())
  counters.forEach((counter) => counter.reset())
  await sleep(elapsed)
  const idle = counters.map((counter) => counter.counts())
  return busy.map((b, i) => {
    const byName: Record<string, number> = {}
    for (const [name, n] of Object.entries(b.byName)) {
      const net = (n - (idle[i].byName[name] ?? 0)) / sends
      if (net > 0.01) byName[name] = Number(net.toFixed(2))
    }
    return { perSend: (b.total - idle[i].total) / sends, byName }
  })
}

/**
 * What one send asks of PostgreSQL and Redis, read on the wire: a Parley
 * node with REDIS_URL talks to both through counting proxies. Lone sends
 * (one at a time: every send its own batch) into a DM and into a
 * 100-member room, then 100 concurrent DM senders (group commit batches
 * them). Every room has sent before counting starts (the bench seeds rooms
 * in SQL, without the data key a room gets at creation). The baseline is a floor for comparison, not a goal: one statement
 * per send, one Redis publish per broadcast.
 */
const wire: Scenario = {
  name: 'wire',
  describe: 'PostgreSQL statements and Redis commands per send, counted on the wire',
  async run(context: BenchContext) {
    const database = context.database
    await ensureDatabase(database)
    const pgCounter = await startWireCounter({
      kind: 'postgres',
      targetHost: PG.host,
      targetPort: PG.port,
    })
    const redis = new URL(context.redisUrl)
    const redisCounter = await startWireCounter({
      kind: 'redis',
      targetHost: redis.hostname,
      targetPort: Number(redis.port || 6379),
    })
    const pg = await connect(database)
    const node = await startParley({
      port: context.port + 7,
      database,
      redisUrl: `redis://127.0.0.1:${redisCounter.port}${redis.pathname}`,
      extraEnv: { DB_HOST: '127.0.0.1', DB_PORT: String(pgCounter.port) },
    })
    try {
      const world = await seedWorld(pg, { orgs: 1, usersPerOrg: USERS, dms: true, group: true })
      const target = await connectTarget(
        'parley',
        node,
        world.users.map((u) => ({ userId: u.id, auth: { token: u.token } }))
      )
      const sender = (i: number, room: 'dm' | 'group'): Sender => ({
        socket: target.sockets[i].socket,
        roomId: room === 'dm' ? world.users[i].dmRoomId! : world.users[i].groupRoomId!,
      })
      const lone = (room: 'dm' | 'group') => async () => {
        for (let i = 0; i < LONE_SENDS; i++) {
          if (!(await sendOnce(sender(i % 4, room)))) throw new Error(`wire: ${room} send failed`)
        }
        return LONE_SENDS
      }
      const all = world.users.map((_, i) => sender(i, 'dm'))
      await lone('dm')()
      await lone('group')()
      await closedLoop(all, 1000)
      const counters = [pgCounter, redisCounter]
      const [dmPg, dmRedis] = await counted(counters, lone('dm'))
      const [roomPg, roomRedis] = await counted(counters, lone('group'))
      const [manyPg, manyRedis] = await counted(counters, async () => {
        const result = await closedLoop(all, 3000)
        return result.acked
      })
      await closeAll(target.sockets)
      const measured = {
        loneDm: { postgres: dmPg, redis: dmRedis },
        loneRoom: { postgres: roomPg, redis: roomRedis },
        concurrentDm: { postgres: manyPg, redis: manyRedis },
      }
      context.log(`wire: ${JSON.stringify(measured)}`)
      const one = (parley: number) => [{ parley, baseline: 1 }]
      return {
        config: {
          users: USERS,
          loneSends: LONE_SENDS,
          concurrentSenders: all.length,
          measured,
        },
        rows: [
          row('wire', 'statements per lone DM send', 'stmts', 'one INSERT', one(dmPg.perSend)),
          row(
            'wire',
            'statements per lone 100-member room send',
            'stmts',
            'one INSERT',
            one(roomPg.perSend)
          ),
          row(
            'wire',
            `statements per DM send, ${all.length} senders`,
            'stmts',
            'one INSERT',
            one(manyPg.perSend)
          ),
          row(
            'wire',
            'Redis commands per lone DM send',
            'cmds',
            'one PUBLISH',
            one(dmRedis.perSend)
          ),
          row(
            'wire',
            'Redis commands per lone 100-member room send',
            'cmds',
            'one PUBLISH',
            one(roomRedis.perSend)
          ),
          row(
            'wire',
            `Redis commands per DM send, ${all.length} senders`,
            'cmds',
            'one PUBLISH',
            one(manyRedis.perSend)
          ),
        ],
      }
    } finally {
      await pg.end()
      await node.stop()
      await pgCounter.close()
      await redisCounter.close()
    }
  },
}

export default wire
