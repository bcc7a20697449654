import type { BenchContext, Scenario } from './lib/context.js'
import { startParley } from './lib/processes.js'
import { connect, ensureDatabase, issueTokens, pool, resetData, seedWorld } from './lib/seed.js'
import { percentile, row } from './lib/stats.js'

const MESSAGES = 1_000_000
const CONCURRENCY = 4
const ROOM_NAME = 'room 0'

type Pg = Awaited<ReturnType<typeof connect>>

/** The messages queries of GET /chat/rooms/:id/messages (list_messages.ts), by hand. */
const LATEST_SQL =
  'select * from "messages" where "organization_id" = $1 and "room_id" = $2 order by "seq" desc limit $3'
const AFTER_SQL =
  'select * from "messages" where "organization_id" = $1 and "room_id" = $2 and "version_seq" > $3 order by "version_seq" asc limit $4'

/** EXPLAIN ANALYZE of a query, as text: shows it stays an index scan at 1,000,000 rows. */
async function plan(db: ReturnType<typeof pool>, text: string, params: unknown[]) {
  const result = await db.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${text}`, params)
  return result.rows.map((line: Record<string, string>) => line['QUERY PLAN']).join('\n')
}

/**
 * A room of MESSAGES messages, seeded in SQL: one real message is sent
 * through the API (so its body is real ciphertext under the room key), then
 * generate_series copies it into every seq. Kept between runs in its own
 * database, since seeding takes a while.
 */
async function prepare(pg: Pg, url: string) {
  const found = await pg.query(
    `SELECT r.id, r.organization_id, m.user_id FROM rooms r JOIN room_members m ON m.room_id = r.id
     WHERE r.name = $1 AND r.last_seq >= $2 LIMIT 1`,
    [ROOM_NAME, MESSAGES]
  )
  if (found.rowCount) {
    const user = {
      id: found.rows[0].user_id,
      index: 0,
      organizationId: found.rows[0].organization_id,
      token: '',
    }
    await issueTokens(pg, [user])
    return {
      roomId: found.rows[0].id as string,
      organizationId: user.organizationId,
      token: user.token,
      seeded: false,
    }
  }
  await resetData(pg)
  const world = await seedWorld(pg, { orgs: 1, usersPerOrg: 2, dms: false, group: true })
  const [user] = world.users
  const roomId = world.groupRooms[0]
  const response = await fetch(`${url}/chat/messages`, {
    method: 'POST',
    headers: { 'authorization': `Bearer ${user.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      roomId,
      content: 'A history message of ordinary length, for the bench.',
    }),
  })
  if (response.status !== 201)
    throw new Error(`seed send failed: ${response.status} ${await response.text()}`)
  await pg.query(
    `INSERT INTO messages (id, organization_id, room_id, sender_id, seq, version_seq, body_hash,
       body_ciphertext, body_key_id, created_at)
     SELECT gen_random_uuid(), m.organization_id, m.room_id, m.sender_id, n, n, m.body_hash,
       m.body_ciphertext, m.body_key_id, now() - make_interval(secs => $2::int - n)
     FROM messages m, generate_series(2, $2::int) AS n WHERE m.room_id = $1 AND m.seq = 1`,
    [roomId, MESSAGES]
  )
  await pg.query('UPDATE rooms SET last_seq = $2, change_seq = $2 WHERE id = $1', [
    roomId,
    MESSAGES,
  ])
  await pg.query('ANALYZE')
  return { roomId, organizationId: user.organizationId, token: user.token, seeded: true }
}

/** Runs `once` CONCURRENCY at a time for `ms`: requests/s and latency percentiles. */
async function drive(ms: number, once: () => Promise<void>) {
  const latencies: number[] = []
  const end = performance.now() + ms
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const at = performance.now()
        await once()
        latencies.push(performance.now() - at)
      }
    })
  )
  return {
    perSecond: latencies.length / ((performance.now() - started) / 1000),
    p50: percentile(latencies, 50),
  }
}

/**
 * History: the latest-50 page and an `after=` sync of the newest 50 changes
 * on a 1,000,000-message room, over REST (auth, org scope, membership check,
 * decryption, JSON) against the same message query run by hand with `pg`.
 */
const history: Scenario = {
  name: 'history',
  describe: 'latest-50 page and after= sync on a 1,000,000-message room vs the same SQL by hand',
  async run(context: BenchContext) {
    const database = `${context.database}_history`
    await ensureDatabase(database)
    const parley = await startParley({ port: context.port + 5, database })
    const pg = await connect(database)
    const db = pool(database, CONCURRENCY)
    try {
      const seedStart = performance.now()
      const room = await prepare(pg, parley.url)
      if (room.seeded)
        context.log(
          `history: seeded ${MESSAGES} messages in ${((performance.now() - seedStart) / 1000).toFixed(0)} s`
        )
      const headers = { authorization: `Bearer ${room.token}` }
      const base = `${parley.url}/chat/rooms/${room.roomId}/messages`
      const after = MESSAGES - 50
      const get = (query: string) => async () => {
        const response = await fetch(`${base}${query}`, { headers })
        const body = (await response.json()) as { data: unknown[] }
        if (response.status !== 200 || body.data.length !== 50)
          throw new Error(`history GET ${query}: ${response.status}`)
      }
      const sql = (text: string, params: unknown[]) => async () => {
        const result = await db.query(text, params)
        if (result.rowCount !== 51 && result.rowCount !== 50)
          throw new Error(`history SQL: ${result.rowCount} rows`)
      }
      const latestSql = sql(LATEST_SQL, [room.organizationId, room.roomId, 51])
      const afterSql = sql(AFTER_SQL, [room.organizationId, room.roomId, after, 51])
      const plans = {
        latest: await plan(db, LATEST_SQL, [room.organizationId, room.roomId, 51]),
        after: await plan(db, AFTER_SQL, [room.organizationId, room.roomId, after, 51]),
      }
      context.log(`history: latest-50 plan on ${MESSAGES} rows:\n${plans.latest}`)
      context.log(`history: after= plan on ${MESSAGES} rows:\n${plans.after}`)
      await drive(1000, get(''))
      await drive(500, latestSql)
      const runs: Record<string, { parley: number | null; baseline: number | null }[]> = {
        latestRate: [],
        latestP50: [],
        afterRate: [],
        afterP50: [],
      }
      for (let run = 0; run < context.runs; run++) {
        const ms = context.seconds * 1000
        const [latest, latestBase] = [await drive(ms, get('')), await drive(ms, latestSql)]
        const [sync, syncBase] = [
          await drive(ms, get(`?after=${after}`)),
          await drive(ms, afterSql),
        ]
        context.log(
          `history run ${run + 1}: latest ${Math.round(latest.perSecond)}/s vs sql ${Math.round(latestBase.perSecond)}/s; after ${Math.round(sync.perSecond)}/s vs sql ${Math.round(syncBase.perSecond)}/s`
        )
        runs.latestRate.push({ parley: latest.perSecond, baseline: latestBase.perSecond })
        runs.latestP50.push({ parley: latest.p50, baseline: latestBase.p50 })
        runs.afterRate.push({ parley: sync.perSecond, baseline: syncBase.perSecond })
        runs.afterP50.push({ parley: sync.p50, baseline: syncBase.p50 })
      }
      return {
        config: {
          messages: MESSAGES,
          concurrency: CONCURRENCY,
          parley:
            'GET /chat/rooms/:id/messages (latest 50) and ?after=<newest − 50>, bearer token, keep-alive',
          baseline:
            'the same messages query through pg (4 connections), no mentions preload, no decryption',
          secondsPerPhase: context.seconds,
          runs: context.runs,
          plans,
        },
        rows: [
          row('history', 'latest-50 pages/s', 'req/s', 'same SQL by hand', runs.latestRate),
          row('history', 'latest-50 p50', 'ms', 'same SQL by hand', runs.latestP50),
          row('history', 'after= sync pages/s', 'req/s', 'same SQL by hand', runs.afterRate),
          row('history', 'after= sync p50', 'ms', 'same SQL by hand', runs.afterP50),
        ],
      }
    } finally {
      await db.end()
      await pg.end()
      await parley.stop()
    }
  },
}

export default history
