/*
|--------------------------------------------------------------------------
| node --import=@poppinss/ts-exec bench/profile/send_cpu.ts
|--------------------------------------------------------------------------
|
| CPU per acknowledged DM send: the Parley node's (from /proc) and the
| PostgreSQL backends' serving its database (sum over their /proc stats),
| at one offered rate (open loop), so two checkouts compare at the same
| work, and the sends per committed transaction (a faster node commits
| smaller batches, which costs PostgreSQL more per send). Prints one JSON
| line per run. Settings: PROFILE_RATE (sends/s,
| default 200), PROFILE_SECONDS (default 8), PROFILE_RUNS (default 3),
| BENCH_DATABASE (default parley_bench_profile), BENCH_PORT (default 3600).
|
*/
import { readFileSync } from 'node:fs'
import os from 'node:os'
import { startParley } from '../lib/processes.js'
import { connect, ensureDatabase, seedWorld } from '../lib/seed.js'
import { closeAll, openLoop, sleep } from '../lib/clients.js'
import { connectTarget } from '../fanout.bench.js'
import { Autovacuum } from '../lib/autovacuum.js'

const rate = Number(process.env.PROFILE_RATE ?? 200)
const seconds = Number(process.env.PROFILE_SECONDS ?? 8)
const runs = Number(process.env.PROFILE_RUNS ?? 3)
const database = process.env.BENCH_DATABASE ?? 'parley_bench_profile'
const port = Number(process.env.BENCH_PORT ?? 3600)

/** User + system CPU of a process so far, in ms (0 once it is gone). */
function cpuMs(pid: number) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return 0
  }
}

await ensureDatabase(database)
const parley = await startParley({ port: port + 1, database })
const pg = await connect(database)
try {
  const world = await seedWorld(pg, { orgs: 2, usersPerOrg: 100, dms: true, group: false })
  const target = await connectTarget(
    'parley',
    parley,
    world.users.map((u) => ({ userId: u.id, auth: { token: u.token } }))
  )
  const senders = world.users.map((u, i) => ({
    socket: target.sockets[i].socket,
    roomId: u.dmRoomId!,
  }))
  const backends = async () => {
    const rows = await pg.query(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database]
    )
    return rows.rows.map((row: { pid: number }) => row.pid)
  }
  /**
   * Transactions committed in the database so far (a batch is one). A
   * backend reports its counts at most once a second, so this waits a
   * second first; what a backend has not reported yet still makes a run's
   * figure approximate (compare medians of several runs).
   */
  const commits = async () => {
    await sleep(1100)
    const rows = await pg.query(
      'SELECT xact_commit::int AS n FROM pg_stat_database WHERE datname = $1',
      [database]
    )
    return rows.rows[0].n as number
  }
  const upkeep = await Autovacuum.of(pg)
  await openLoop(senders, rate, 2000)
  for (let run = 1; run <= runs; run++) {
    await upkeep.catchUp()
    const pids = await backends()
    const pgBefore = pids.map(cpuMs)
    const commitsBefore = await commits()
    const nodeBefore = parley.cpuMs()
    const sent = await openLoop(senders, rate, seconds * 1000)
    const nodeMs = parley.cpuMs() - nodeBefore
    const pgMs = pids.map(cpuMs).reduce((sum, ms, i) => sum + Math.max(0, ms - pgBefore[i]), 0)
    const transactions = (await commits()) - commitsBefore
    console.log(
      JSON.stringify({
        run,
        acked: sent.acked,
        failed: sent.failed,
        nodeUsPerSend: Math.round((nodeMs * 1000) / sent.acked),
        pgUsPerSend: Math.round((pgMs * 1000) / sent.acked),
        sendsPerCommit: Math.round((10 * sent.acked) / Math.max(1, transactions)) / 10,
        load: os.loadavg()[0].toFixed(1),
        ...(upkeep.standIn ? { note: 'VACUUM (ANALYZE) before the run (autovacuum is off)' } : {}),
      })
    )
    await sleep(300)
  }
  await closeAll(target.sockets)
} finally {
  await pg.end()
  await parley.stop()
}
