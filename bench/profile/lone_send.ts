/*
|--------------------------------------------------------------------------
| node --import=@poppinss/ts-exec bench/profile/lone_send.ts
|--------------------------------------------------------------------------
|
| Latency of a lone send on a quiet node: one socket sends a DM every
| LONE_INTERVAL_MS (default 50) to one connected reader, nothing else
| running, so every send is its own batch (the senders take turns, 20
| users in 10 DMs, so no one's send budget runs out). Prints, per run, the ack and the
| delivery latency (p50, p99, ms) as one JSON line; two checkouts compare
| run against run. Settings: LONE_SENDS per run (default 400), LONE_RUNS
| (default 3), BENCH_DATABASE (default parley_bench_profile), BENCH_PORT
| (default 3600).
|
*/
import { startParley } from '../lib/processes.js'
import { connect, ensureDatabase, seedWorld } from '../lib/seed.js'
import { closeAll, now, sleep } from '../lib/clients.js'
import { connectTarget } from '../fanout.bench.js'
import { Autovacuum } from '../lib/autovacuum.js'
import { percentile } from '../lib/stats.js'

const interval = Number(process.env.LONE_INTERVAL_MS ?? 50)
const sends = Number(process.env.LONE_SENDS ?? 400)
const runs = Number(process.env.LONE_RUNS ?? 3)
const database = process.env.BENCH_DATABASE ?? 'parley_bench_profile'
const port = Number(process.env.BENCH_PORT ?? 3600)

await ensureDatabase(database)
const parley = await startParley({ port: port + 1, database })
const pg = await connect(database)
try {
  const world = await seedWorld(pg, { orgs: 1, usersPerOrg: 20, dms: true, group: false })
  const target = await connectTarget(
    'parley',
    parley,
    world.users.map((u) => ({ userId: u.id, auth: { token: u.token } }))
  )
  let turn = 0
  const upkeep = await Autovacuum.of(pg)
  const sendOne = () =>
    new Promise<number>((resolve, reject) => {
      const sender = turn++ % target.sockets.length
      const roomId = world.users[sender].dmRoomId!
      const started = now()
      target.sockets[sender].socket
        .timeout(10_000)
        .emit(
          'send_message',
          { roomId, content: `t:${now()}:lone`, clientMessageId: crypto.randomUUID() },
          (error: unknown, response: { ok: boolean }) =>
            error || !response?.ok ? reject(error ?? response) : resolve(now() - started)
        )
    })
  for (let i = 0; i < 20; i++) await sendOne()
  for (let run = 1; run <= runs; run++) {
    await upkeep.catchUp()
    target.recorder.reset()
    target.recorder.recording = true
    const acks: number[] = []
    for (let i = 0; i < sends; i++) {
      acks.push(await sendOne())
      await sleep(interval)
    }
    target.recorder.recording = false
    const delivered = target.recorder.latencies
    console.log(
      JSON.stringify({
        run,
        ackP50: percentile(acks, 50)?.toFixed(2),
        ackP99: percentile(acks, 99)?.toFixed(2),
        deliveredP50: percentile(delivered, 50)?.toFixed(2),
        deliveredP99: percentile(delivered, 99)?.toFixed(2),
        delivered: delivered.length,
      })
    )
  }
  await closeAll(target.sockets)
} finally {
  await pg.end()
  await parley.stop()
}
