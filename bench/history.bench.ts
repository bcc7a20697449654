import type { BenchContext, Scenario } from './lib/context.js'
import { PG, startParley } from './lib/processes.js'
import { PgBackendCpu } from './lib/pg_cpu.js'
import { connect, ensureDatabase, issueTokens, pool, resetData, seedWorld } from './lib/seed.js'
import { pair, percentile, row } from './lib/stats.js'
import { seedTenantMessages, type TenantShape } from './lib/tenants.js'
import { startWireCounter } from './lib/wire_counter.js'
import { httpClient } from './lib/http_client.js'

/** Bump when the seed changes, so a database seeded the old way is seeded again. */
const SEED_MARK = 'history seed v3'
const ORGS = 200
const USERS_PER_ORG = 2
const SHAPE: TenantShape = { roomsPerOrg: 9, base: 1000, bigRoom: 20_000 }
const CONCURRENCY = 4
/** Pages per statement count (sequential, after a warm-up page). */
const COUNTED_PAGES = 40

type Pg = Awaited<ReturnType<typeof connect>>

/**
 * The messages queries of GET /chat/rooms/:id/messages, as one would write
 * them by hand for the rows only: by room, newest first, one extra row (no
 * auth, no membership, no mentions or extras, no decryption, no JSON). The
 * same columns and filter as Parley's page (app/domain/messages/message_pages.ts),
 * so neither side reads a column the other does not.
 */
const COLUMNS = `id, room_id, sender_id, seq, version_seq, reply_to_id, thread_only, client_message_id,
  body_ciphertext, body_key_id, encrypted_payload, edited_at, deleted_at, created_at`
const LATEST_SQL = `select ${COLUMNS} from "messages" where "room_id" = $1 and not "thread_only"
  order by "seq" desc limit $2`
const AFTER_SQL = `select ${COLUMNS} from "messages" where "room_id" = $1 and "version_seq" > $2
  order by "version_seq" asc limit $3`
const BEFORE_SQL = `select ${COLUMNS} from "messages" where "room_id" = $1 and not "thread_only"
  and "seq" < $2 order by "seq" desc limit $3`

/**
 * Paging back: the `before=` cursors of every page of the measured room,
 * newest first, walked round and round. More pages than a node keeps
 * (app/domain/messages/message_pages.ts, `RecentPages` and `RecentRecords`),
 * so each page is read and made afresh: the cost of a page no one read
 * lately, beside the latest page, which is answered again while the room
 * is unchanged.
 */
function backCursors(lastSeq: number) {
  const cursors: number[] = []
  for (let before = lastSeq + 1; before > 51; before -= 50) cursors.push(before)
  return cursors
}

/** EXPLAIN ANALYZE of a query, as text, to show the plan each side gets on this data. */
async function plan(db: ReturnType<typeof pool>, text: string, params: unknown[]) {
  const result = await db.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${text}`, params)
  return result.rows.map((line: Record<string, string>) => line['QUERY PLAN']).join('\n')
}

/**
 * The multi-tenant distribution of bench/lib/tenants.ts: ORGS organizations
 * of USERS_PER_ORG users, ten rooms each of varied sizes, and the measured
 * room of 20,000 messages (one sent through the API, so every body is real
 * ciphertext under the room's key; one in ten mentions the other member).
 * Kept between runs in its own database, since seeding takes a while.
 */
async function prepare(pg: Pg, url: string) {
  const found = await pg.query(
    `SELECT r.id, r.organization_id, r.last_seq, m.user_id FROM rooms r
     JOIN room_members m ON m.room_id = r.id AND m.role = 'admin'
     WHERE r.description = $1 LIMIT 1`,
    [SEED_MARK]
  )
  if (found.rowCount) {
    const seeded = found.rows[0]
    const user = { id: seeded.user_id, index: 0, organizationId: seeded.organization_id, token: '' }
    await issueTokens(pg, [user])
    await pg.query('ANALYZE')
    const total = await pg.query('SELECT reltuples::bigint AS n FROM pg_class WHERE relname = $1', [
      'messages',
    ])
    return {
      roomId: seeded.id as string,
      organizationId: user.organizationId,
      token: user.token,
      lastSeq: Number(seeded.last_seq),
      total: Number(total.rows[0].n),
      seeded: false,
    }
  }
  await resetData(pg)
  const world = await seedWorld(pg, {
    orgs: ORGS,
    usersPerOrg: USERS_PER_ORG,
    dms: false,
    group: true,
  })
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
  const sent = await pg.query(
    'SELECT body_hash, body_ciphertext, body_key_id FROM messages WHERE room_id = $1 AND seq = 1',
    [roomId]
  )
  const body = sent.rows[0]
  const total = await seedTenantMessages(pg, SHAPE, {
    roomId,
    body: { hash: body.body_hash, ciphertext: body.body_ciphertext, keyId: body.body_key_id },
  })
  await pg.query(
    `INSERT INTO message_mentions (message_id, user_id, organization_id, kind)
     SELECT m.id, rm.user_id, m.organization_id, 'user' FROM messages m
     JOIN room_members rm ON rm.room_id = m.room_id AND rm.user_id <> m.sender_id
     WHERE m.room_id = $1 AND m.seq % 10 = 0`,
    [roomId]
  )
  // As the send path does for a message stored with mentions (messages.extra_kinds).
  await pg.query(
    'UPDATE messages SET extra_kinds = extra_kinds | 1 WHERE room_id = $1 AND seq % 10 = 0',
    [roomId]
  )
  await pg.query('UPDATE rooms SET description = $2 WHERE id = $1', [roomId, SEED_MARK])
  await pg.query('ANALYZE')
  return {
    roomId,
    organizationId: user.organizationId,
    token: user.token,
    lastSeq: SHAPE.bigRoom,
    total: total + 1,
    seeded: true,
  }
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
    count: latencies.length,
    perSecond: latencies.length / ((performance.now() - started) / 1000),
    p50: percentile(latencies, 50),
  }
}

/**
 * Statements per page, read off the wire: a second Parley node talks to
 * PostgreSQL through a counting proxy and serves COUNTED_PAGES pages one at
 * a time after a warm-up page (room key cached, as on a live node) and a
 * pause for the node's own start-up work (job queue). What the node sends on
 * its own (heartbeats) in as long a quiet spell is subtracted.
 */
async function countStatements(
  context: BenchContext,
  database: string,
  queries: Record<string, string>,
  path: string,
  token: string
) {
  const counter = await startWireCounter({
    kind: 'postgres',
    targetHost: PG.host,
    targetPort: PG.port,
  })
  const node = await startParley({
    port: context.port + 6,
    database,
    extraEnv: { DB_HOST: '127.0.0.1', DB_PORT: String(counter.port) },
  })
  try {
    const perPage: Record<string, { statements: number; byName: Record<string, number> }> = {}
    for (const [name, query] of Object.entries(queries)) {
      const get = async () => {
        const response = await fetch(`${node.url}${path}${query}`, {
          headers: { authorization: `Bearer ${token}` },
        })
        await response.arrayBuffer()
        if (response.status !== 200) throw new Error(`count ${name}: ${response.status}`)
      }
      await get()
      await new Promise((resolve) => setTimeout(resolve, 3000))
      counter.reset()
      const started = performance.now()
      for (let i = 0; i < COUNTED_PAGES; i++) await get()
      const elapsed = performance.now() - started
      const busy = counter.counts()
      counter.reset()
      await new Promise((resolve) => setTimeout(resolve, elapsed))
      const idle = counter.counts()
      const byName: Record<string, number> = {}
      for (const [kind, n] of Object.entries(busy.byName)) {
        const net = (n - (idle.byName[kind] ?? 0)) / COUNTED_PAGES
        if (net > 0) byName[kind] = net
      }
      perPage[name] = { statements: (busy.total - idle.total) / COUNTED_PAGES, byName }
    }
    return perPage
  } finally {
    await node.stop()
    await counter.close()
  }
}

/**
 * History: the latest-50 page and an `after=` sync of the newest 50 changes
 * of a 20,000-message room in a multi-tenant database, over REST (auth, org
 * scope, membership check, mentions, decryption, JSON) against the bare
 * message query run by hand with `pg`; then paging back through the whole
 * room, pages no node read lately. Also: PostgreSQL backend CPU per page on
 * both sides, and statements per page counted on the wire.
 */
const history: Scenario = {
  name: 'history',
  describe:
    'latest-50 page, after= sync and paging back through a 20,000-message room among ~2,000 rooms of 200 orgs vs the same rows by hand',
  async run(context: BenchContext) {
    const database = `${context.database}_history`
    await ensureDatabase(database)
    const parley = await startParley({ port: context.port + 5, database })
    const pg = await connect(database)
    const db = pool(database, CONCURRENCY)
    const pgCpu = new PgBackendCpu(pg, database)
    const client = httpClient(CONCURRENCY)
    try {
      const seedStart = performance.now()
      const room = await prepare(pg, parley.url)
      if (room.seeded)
        context.log(
          `history: seeded ${room.total} messages in ${((performance.now() - seedStart) / 1000).toFixed(0)} s`
        )
      const path = `/chat/rooms/${room.roomId}/messages`
      const after = room.lastSeq - 50
      const headers = { authorization: `Bearer ${room.token}` }
      const get = (query: string | (() => string)) => async () => {
        const url = `${parley.url}${path}${typeof query === 'string' ? query : query()}`
        const { status, body } = await client.getJson(url, headers)
        if (status !== 200 || body.data?.length !== 50)
          throw new Error(`history GET ${url}: ${status}`)
      }
      // Named, as Parley's page is: each side plans once per connection.
      const sql = (name: string, text: string, params: unknown[]) => async () => {
        const result = await db.query({ name, text, values: params })
        if (result.rowCount !== 51 && result.rowCount !== 50)
          throw new Error(`history SQL: ${result.rowCount} rows`)
      }
      const cursors = backCursors(room.lastSeq)
      const round = () => {
        let next = 0
        return () => cursors[next++ % cursors.length]
      }
      const getBack = (cursor = round()) => get(() => `?before=${cursor()}`)
      const backSql =
        (cursor = round()) =>
        async () => {
          const result = await db.query({
            name: 'history_before',
            text: BEFORE_SQL,
            values: [room.roomId, cursor(), 51],
          })
          if (result.rowCount !== 51) throw new Error(`history SQL: ${result.rowCount} rows`)
        }
      const latestSql = sql('history_latest', LATEST_SQL, [room.roomId, 51])
      const afterSql = sql('history_after', AFTER_SQL, [room.roomId, after, 51])
      const plans = {
        latest: await plan(db, LATEST_SQL, [room.roomId, 51]),
        after: await plan(db, AFTER_SQL, [room.roomId, after, 51]),
        latestWithTenant: await plan(
          db,
          'select * from "messages" where "organization_id" = $1 and "room_id" = $2 order by "seq" desc limit $3',
          [room.organizationId, room.roomId, 51]
        ),
      }
      context.log(`history: two-predicate latest plan:\n${plans.latestWithTenant}`)
      const statements = await countStatements(
        context,
        database,
        { latest: '', after: `?after=${after}` },
        path,
        room.token
      )
      context.log(`history: statements per page ${JSON.stringify(statements)}`)
      await drive(1000, get(''))
      await drive(500, latestSql)
      /** One phase with the database backends' CPU per request. */
      const phase = async (once: () => Promise<void>, server?: typeof parley) => {
        const stop = await pgCpu.start()
        const nodeBefore = server?.cpuMs() ?? 0
        const result = await drive(context.seconds * 1000, once)
        const cpuMs = await stop()
        const nodeMs = server ? server.cpuMs() - nodeBefore : null
        return {
          ...result,
          pgUs: result.count ? (cpuMs * 1000) / result.count : null,
          nodeUs: result.count && nodeMs !== null ? (nodeMs * 1000) / result.count : null,
        }
      }
      type Phase = Awaited<ReturnType<typeof phase>>
      const runs: Record<'latest' | 'after' | 'back', { parley: Phase; baseline: Phase }[]> = {
        latest: [],
        after: [],
        back: [],
      }
      for (let run = 0; run < context.runs; run++) {
        const latest = await pair(
          run,
          () => phase(get(''), parley),
          () => phase(latestSql)
        )
        const sync = await pair(
          run,
          () => phase(get(`?after=${after}`), parley),
          () => phase(afterSql)
        )
        const back = await pair(
          run,
          () => phase(getBack(), parley),
          () => phase(backSql())
        )
        context.log(
          `history run ${run + 1}: latest ${Math.round(latest.parley.perSecond)}/s vs sql ${Math.round(latest.baseline.perSecond)}/s; after ${Math.round(sync.parley.perSecond)}/s vs sql ${Math.round(sync.baseline.perSecond)}/s; paging back ${Math.round(back.parley.perSecond)}/s vs sql ${Math.round(back.baseline.perSecond)}/s`
        )
        runs.latest.push(latest)
        runs.after.push(sync)
        runs.back.push(back)
      }
      const pick = (
        kind: 'latest' | 'after' | 'back',
        key: 'perSecond' | 'p50' | 'pgUs' | 'nodeUs'
      ) => runs[kind].map((r) => ({ parley: r.parley[key], baseline: r.baseline[key] }))
      const perStatement = (kind: 'latest' | 'after') => [
        { parley: statements[kind].statements, baseline: 1 },
      ]
      return {
        config: {
          messages: room.total,
          organizations: ORGS,
          measuredRoom: `${room.lastSeq} messages, one in ten with a mention`,
          concurrency: CONCURRENCY,
          parley:
            'GET /chat/rooms/:id/messages (latest 50), ?after=<newest − 50> and ?before=<each page of the room in turn>, bearer token, node:http keep-alive, body parsed; the room does not change during a phase, so the latest and after= pages are answered again from the page known (RecentPages), the paging-back ones are read afresh',
          baseline: `the message query by room, same columns, as a named statement through pg (${CONCURRENCY} connections): no auth, no mentions or extras, no decryption`,
          secondsPerPhase: context.seconds,
          runs: context.runs,
          statements,
          plans,
        },
        rows: [
          row(
            'history',
            'latest-50 pages/s',
            'req/s',
            'same rows by hand (SQL)',
            pick('latest', 'perSecond'),
            {
              target: { on: 'ratio', op: '>=', bound: 0.3 },
            }
          ),
          row('history', 'latest-50 p50', 'ms', 'same rows by hand (SQL)', pick('latest', 'p50')),
          row(
            'history',
            'latest-50 PostgreSQL CPU per page',
            'µs',
            'same rows by hand (SQL)',
            pick('latest', 'pgUs')
          ),
          row(
            'history',
            'latest-50 Parley node CPU per page',
            'µs',
            'none (the hand query has no server)',
            runs.latest.map((r) => ({ parley: r.parley.nodeUs, baseline: null }))
          ),
          row(
            'history',
            'latest-50 statements per page',
            'stmts',
            'the one hand query',
            perStatement('latest')
          ),
          row(
            'history',
            'after= sync pages/s',
            'req/s',
            'same rows by hand (SQL)',
            pick('after', 'perSecond'),
            {
              target: { on: 'ratio', op: '>=', bound: 0.3 },
            }
          ),
          row('history', 'after= sync p50', 'ms', 'same rows by hand (SQL)', pick('after', 'p50')),
          row(
            'history',
            'paging back (pages not read lately) pages/s',
            'req/s',
            'same rows by hand (SQL)',
            pick('back', 'perSecond')
          ),
          row(
            'history',
            'paging back PostgreSQL CPU per page',
            'µs',
            'same rows by hand (SQL)',
            pick('back', 'pgUs')
          ),
          row(
            'history',
            'paging back Parley node CPU per page',
            'µs',
            'none (the hand query has no server)',
            runs.back.map((r) => ({ parley: r.parley.nodeUs, baseline: null }))
          ),
          row(
            'history',
            'after= statements per page',
            'stmts',
            'the one hand query',
            perStatement('after')
          ),
        ],
      }
    } finally {
      client.close()
      await db.end()
      await pg.end()
      await parley.stop()
    }
  },
}

export default history
