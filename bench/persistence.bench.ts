import { randomBytes, randomUUID } from 'node:crypto'
import { closedLoop, closeAll, sleep } from './lib/clients.js'
import type { BenchContext, Scenario } from './lib/context.js'
import { startParley } from './lib/processes.js'
import { connect, ensureDatabase, pool, seedWorld, type World } from './lib/seed.js'
import { pair, row } from './lib/stats.js'
import { Autovacuum } from './lib/autovacuum.js'
import { connectTarget } from './fanout.bench.js'

const ORGS = 5
const USERS_PER_ORG = 100
const WORKERS = 10

type Pool = ReturnType<typeof pool>

/** A message row like the ones Parley writes (ciphertext of a 50-character body). */
function messageRow(world: World, i: number) {
  const user = world.users[i % world.users.length]
  return [
    randomUUID(),
    user.organizationId,
    user.dmRoomId!,
    user.id,
    randomUUID(),
    randomBytes(32).toString('hex'),
    `v1:${randomBytes(12).toString('base64')}:${randomBytes(16).toString('base64')}:${randomBytes(50).toString('base64')}`,
  ]
}

/** Runs `work` on WORKERS pool clients for `ms`; returns operations per second. */
async function saturate(
  db: Pool,
  ms: number,
  work: (client: import('pg').PoolClient, n: number) => Promise<number>
) {
  let done = 0
  let n = 0
  const end = performance.now() + ms
  const started = performance.now()
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      const client = await db.connect()
      try {
        while (performance.now() < end) done += await work(client, n++)
      } finally {
        client.release()
      }
    })
  )
  return done / ((performance.now() - started) / 1000)
}

const INSERT = `INSERT INTO messages (id, organization_id, room_id, sender_id, seq, version_seq,
  client_message_id, body_hash, body_ciphertext, created_at) VALUES ($1, $2, $3, $4, $8, $9, $5, $6, $7, now())`

/** One transaction per message: bump the room counter, insert, commit (Parley's unbatched write). */
async function perMessageTransactions(db: Pool, world: World, ms: number) {
  return saturate(db, ms, async (client, n) => {
    const values = messageRow(world, n)
    await client.query('BEGIN')
    const bumped = await client.query(
      `UPDATE rooms SET last_seq = last_seq + 1, change_seq = change_seq + 1, last_message_at = now()
       WHERE id = $1 RETURNING last_seq, change_seq`,
      [values[2]]
    )
    await client.query(INSERT, [...values, bumped.rows[0].last_seq, bumped.rows[0].change_seq])
    await client.query('COMMIT')
    return 1
  })
}

let rawSeq = 1_000_000_000

/** Plain autocommitted single-row inserts of the same rows (no counter). */
async function plainInserts(db: Pool, world: World, ms: number) {
  return saturate(db, ms, async (client, n) => {
    const seq = rawSeq++
    await client.query(INSERT, [...messageRow(world, n), seq, seq])
    return 1
  })
}

/** 100-row multi-insert statements (what batching can reach). */
async function batchedInserts(db: Pool, world: World, ms: number) {
  return saturate(db, ms, async (client, n) => {
    const rows = Array.from({ length: 100 }, (_, k) => [
      ...messageRow(world, n * 100 + k),
      rawSeq,
      rawSeq++,
    ])
    const columns = rows[0].map((_, c) => rows.map((r) => r[c]))
    await client.query(
      `INSERT INTO messages (id, organization_id, room_id, sender_id, client_message_id, body_hash,
         body_ciphertext, seq, version_seq, created_at)
       SELECT a, b, c, d, e, f, g, h, i, now() FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[],
         $5::uuid[], $6::text[], $7::text[], $8::bigint[], $9::bigint[]) AS t(a, b, c, d, e, f, g, h, i)`,
      columns
    )
    return 100
  })
}

/**
 * Persistence: acknowledged sends/s through Parley (socket send_message, one
 * in flight per client, each into its DM) against the same rows written by
 * hand with `pg`: 100-row batches (the headline: what batching can reach),
 * then one transaction per message with the counter bump and plain inserts.
 * Parley and the baselines alternate which goes first from run to run.
 */
const persistence: Scenario = {
  name: 'persistence',
  describe: 'sustained acknowledged sends/s against raw pg writes of the same rows',
  async run(context: BenchContext) {
    await ensureDatabase(context.database)
    const parley = await startParley({ port: context.port + 1, database: context.database })
    const pg = await connect(context.database)
    const db = pool(context.database, WORKERS)
    try {
      const world = await seedWorld(pg, {
        orgs: ORGS,
        usersPerOrg: USERS_PER_ORG,
        dms: true,
        group: false,
      })
      const target = await connectTarget(
        'parley',
        parley,
        world.users.map((u) => ({ userId: u.id, auth: { token: u.token } }))
      )
      const senders = world.users.map((u, i) => ({
        socket: target.sockets[i].socket,
        roomId: u.dmRoomId!,
      }))
      const runs: Record<string, { parley: number; baseline: number }[]> = {
        tx: [],
        plain: [],
        batch: [],
      }
      const upkeep = await Autovacuum.of(pg)
      await closedLoop(senders, 1000)
      for (let run = 0; run < context.runs; run++) {
        const ms = context.seconds * 1000
        await upkeep.catchUp()
        const measured = await pair(
          run,
          async () => {
            const sent = await closedLoop(senders, ms)
            await sleep(300)
            return sent
          },
          async () => ({
            batch: await batchedInserts(db, world, ms),
            tx: await perMessageTransactions(db, world, ms),
            plain: await plainInserts(db, world, ms),
          })
        )
        const sent = measured.parley
        const parleyRate = sent.acked / sent.seconds
        const { batch, tx, plain } = measured.baseline
        context.log(
          `persistence run ${run + 1}: parley ${Math.round(parleyRate)}/s (${sent.failed} failed), batched ${Math.round(batch)}/s, 1 tx/msg ${Math.round(tx)}/s, plain ${Math.round(plain)}/s`
        )
        runs.tx.push({ parley: parleyRate, baseline: tx })
        runs.plain.push({ parley: parleyRate, baseline: plain })
        runs.batch.push({ parley: parleyRate, baseline: batch })
      }
      await closeAll(target.sockets)
      return {
        config: {
          clients: world.users.length,
          rooms: `${world.dmRooms.length} DMs`,
          parley: 'socket send_message, one in flight per client, ack after commit',
          baselines: `${WORKERS} pg connections: BEGIN/UPDATE counter/INSERT/COMMIT; plain INSERT; 100-row INSERT … SELECT unnest`,
          secondsPerPhase: context.seconds,
          runs: context.runs,
        },
        rows: [
          row(
            'persistence',
            'acked sends/s vs batched inserts',
            'msgs/s',
            'pg: 100-row INSERT (the ceiling)',
            runs.batch,
            { target: { on: 'ratio', op: '>=', bound: 0.6 }, note: upkeep.note }
          ),
          row(
            'persistence',
            'acked sends/s vs 1 tx per message',
            'msgs/s',
            'pg: counter + insert, 1 tx each',
            runs.tx
          ),
          row(
            'persistence',
            'acked sends/s vs plain inserts',
            'msgs/s',
            'pg: single-row INSERT',
            runs.plain
          ),
        ],
      }
    } finally {
      await db.end()
      await pg.end()
      await parley.stop()
    }
  },
}

export default persistence
