import { closeAll, connectAll, Recorder, sleep } from './lib/clients.js'
import type { BenchContext, Scenario } from './lib/context.js'
import { startParley, startRelay, type ServerProcess } from './lib/processes.js'
import { connect, ensureDatabase, seedWorld } from './lib/seed.js'
import { pair, row } from './lib/stats.js'

const ORGS = 50
const USERS_PER_ORG = 100
const WARM = 200

type Spec = { userId: string; auth: Record<string, unknown> }

/**
 * RSS growth of a server per idle socket: warm the code paths with a few
 * sockets, close them, read RSS, open every socket, let the server settle,
 * read RSS again.
 */
async function perSocket(server: ServerProcess, specs: Spec[]) {
  const recorder = new Recorder()
  await closeAll(await connectAll(server.url, specs.slice(0, WARM), recorder))
  await sleep(1000)
  const before = server.rssBytes()
  const sockets = await connectAll(server.url, specs, recorder, 100)
  await sleep(2000)
  const after = server.rssBytes()
  await closeAll(sockets)
  await sleep(1000)
  return (after - before) / specs.length / 1024
}

/**
 * Connections: server memory per idle authenticated socket with 5,000
 * sockets (50 organizations of 100 users, each in its org's room) against a
 * bare Socket.IO server holding the same sockets in the same rooms.
 */
const connections: Scenario = {
  name: 'connections',
  describe: 'memory per idle authenticated socket at 5,000 sockets vs a bare Socket.IO server',
  async run(context: BenchContext) {
    await ensureDatabase(context.database)
    const pg = await connect(context.database)
    const parleyBoot = await startParley({ port: context.port + 1, database: context.database })
    await parleyBoot.stop()
    try {
      const world = await seedWorld(pg, {
        orgs: ORGS,
        usersPerOrg: USERS_PER_ORG,
        dms: false,
        group: true,
      })
      const parleySpecs = world.users.map((u) => ({ userId: u.id, auth: { token: u.token } }))
      const relaySpecs = world.users.map((u) => ({
        userId: u.id,
        auth: { userId: u.id, rooms: [u.groupRoomId] },
      }))
      const runs = []
      for (let run = 0; run < context.runs; run++) {
        const parley = await startParley({ port: context.port + 1, database: context.database })
        const relay = await startRelay(context.port + 90)
        try {
          const measured = await pair(
            run,
            () => perSocket(parley, parleySpecs),
            () => perSocket(relay, relaySpecs)
          )
          const [mine, theirs] = [measured.parley, measured.baseline]
          context.log(
            `connections run ${run + 1}: parley ${mine.toFixed(1)} KiB/socket, bare ${theirs.toFixed(1)} KiB/socket`
          )
          runs.push({ parley: mine, baseline: theirs })
        } finally {
          await parley.stop()
          await relay.stop()
        }
      }
      return {
        config: {
          sockets: world.users.length,
          organizations: ORGS,
          rooms: `${world.groupRooms.length} × ${USERS_PER_ORG} members`,
          measure:
            'server VmRSS after − before opening the sockets (warmed with 200), divided by sockets',
          runs: context.runs,
        },
        rows: [
          row('connections', 'memory per idle socket', 'KiB', 'bare Socket.IO server', runs, {
            target: { on: 'ratio', op: '<=', bound: 1.2 },
          }),
        ],
      }
    } finally {
      await pg.end()
    }
  },
}

export default connections
