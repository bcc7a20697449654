import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import pg from 'pg'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { resetDatabase } from '#tests/helpers/database'
import {
  writeNumberedRows,
  writeStatement,
  type UnnumberedRow,
} from '#domain/messages/message_rows'
import { ADMIT, admissionRow } from '#domain/messages/message_batch'
import { PLAN_LIFETIME_MS, planCache, positional } from '#services/prepared_statements'
import { chatOrg, groupRoom } from './chat_fixtures.js'

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Index Name'?: string
  'Plans'?: PlanNode[]
}

function flatten(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)]
}

/** Messages already stored in the room: the size where hashing them all looked cheap. */
const STORED = 5000
/** A large group-commit batch (the bench's batches average about a hundred sends). */
const BATCH = 129

/*
 * The send's write statement checks each row's clientMessageId against the
 * messages already stored. Written as `OR NOT EXISTS`, PostgreSQL planned
 * that check for a large batch as one hashed scan of the whole `messages`
 * table per batch (the bench found it: 27,136 sequential scans reading
 * 627 M rows in one run). It must stay a per-row probe of the unique index.
 */
test.group('The send write plan', (group) => {
  group.each.setup(() => resetDatabase())

  test('a large batch probes the clientMessageId index per row, never scans messages', async ({
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [], 'busy')
    await db.rawQuery(
      `INSERT INTO messages (id, organization_id, room_id, sender_id, client_message_id, seq,
         version_seq, body_hash, created_at)
       SELECT gen_random_uuid(), ?, ?, ?, gen_random_uuid(), n, n, 'x', now()
       FROM generate_series(1, ?::int) AS n`,
      [org.id, room.id, owner.user.id, STORED]
    )
    await db.rawQuery('ANALYZE messages')
    const rows: UnnumberedRow[] = Array.from({ length: BATCH }, () => ({
      id: randomUUID(),
      organization_id: org.id,
      room_id: room.id,
      sender_id: owner.user.id,
      reply_to_id: null,
      client_message_id: randomUUID(),
      body_hash: 'x',
      body_ciphertext: null,
      body_key_id: null,
      encrypted_payload: null,
      thread_only: false,
      extra_kinds: 0,
      created_at: new Date(),
    }))
    const { sql, bindings } = writeStatement(rows, [])
    const client = new pg.Client({
      host: env.get('DB_HOST'),
      port: env.get('DB_PORT'),
      user: env.get('DB_USER'),
      password: env.get('DB_PASSWORD') || undefined,
      database: env.get('DB_DATABASE'),
    })
    await client.connect()
    try {
      const result = await client.query({
        text: `EXPLAIN (FORMAT JSON) ${positional(sql)}`,
        values: bindings,
      })
      const nodes = flatten(result.rows[0]['QUERY PLAN'][0].Plan)
      const onMessages = nodes.filter((node) => node['Relation Name'] === 'messages')
      assert.notInclude(
        onMessages.map((node) => node['Node Type']),
        'Seq Scan',
        'no scan of all stored messages'
      )
      assert.include(
        nodes.map((node) => node['Index Name']),
        'messages_room_sender_client_id_unique'
      )
    } finally {
      await client.end()
    }
  })

  test('the write is planned for each batch, never from a kept plan', async ({ assert }) => {
    // Named, PostgreSQL ran it from a generic plan after five batches, made
    // from the statistics of that moment: on a young, growing table it probed
    // clientMessageIds through messages (sender_id, id), reading every earlier
    // message of the sender on each send (the scale-out bench's PostgreSQL CPU
    // per send grew run after run). Unnamed, no plan outlives its batch.
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [], 'busy')
    const trx = await db.transaction()
    try {
      for (let batch = 0; batch < 8; batch++) {
        await admissionRow(trx, [room.id], [owner.user.id], [null])
        const row: UnnumberedRow = {
          id: randomUUID(),
          organization_id: org.id,
          room_id: room.id,
          sender_id: owner.user.id,
          reply_to_id: null,
          client_message_id: randomUUID(),
          body_hash: 'x',
          body_ciphertext: null,
          body_key_id: null,
          encrypted_payload: null,
          thread_only: false,
          extra_kinds: 0,
          created_at: new Date(),
        }
        const written = await writeNumberedRows(trx, [row], [], [])
        assert.equal(written.get(row.id)?.seq, batch + 1)
      }
      const kept = await trx.rawQuery(
        `SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%INSERT INTO messages%'`
      )
      assert.deepEqual(kept.rows, [], 'the write is not kept prepared in the session')
    } finally {
      await trx.rollback()
    }
  })

  test('the admission is kept prepared, and prepared again once its plan is a minute old', async ({
    assert,
    cleanup,
  }) => {
    // A generic plan made on young tables reads them whole; PostgreSQL would
    // keep it until an ANALYZE. Prepared again, it is planned for the tables
    // as they are by then.
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [], 'young')
    const trx = await db.transaction()
    cleanup(async () => {
      planCache.lifetimeMs = PLAN_LIFETIME_MS
      if (!trx.isCompleted) await trx.rollback()
    })
    const admission = async () => {
      const found = await trx.rawQuery(
        `SELECT name, prepare_time, generic_plans + custom_plans AS runs
         FROM pg_prepared_statements WHERE statement LIKE '%FOR UPDATE OF r%'`
      )
      assert.lengthOf(found.rows, 1, 'one admission statement in the session')
      return found.rows[0] as { name: string; prepare_time: Date; runs: string }
    }
    const admit = () => admissionRow(trx, [room.id], [owner.user.id], [null])

    // A pooled connection may hold the statement from earlier tests: start it afresh.
    planCache.lifetimeMs = 1
    await new Promise((resolve) => setTimeout(resolve, 5))
    await admit()
    planCache.lifetimeMs = PLAN_LIFETIME_MS
    for (let batch = 1; batch < 7; batch++) await admit()
    const first = await admission()
    assert.equal(Number(first.runs), 7, 'kept: every batch ran the one prepared statement')

    planCache.lifetimeMs = 1
    await new Promise((resolve) => setTimeout(resolve, 20))
    // Preparing it again adds no statement: a page or a batch that crosses the lifetime costs what it did.
    const query = pg.Client.prototype.query
    let statements = 0
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      statements++
      return (query as (...a: unknown[]) => unknown).apply(this, args)
    } as typeof query
    const admitted = await admit().finally(() => (pg.Client.prototype.query = query))
    assert.equal(statements, 1, 'one statement: the admission itself')
    assert.deepEqual(
      admitted.live.map((row) => row.user_id),
      [owner.user.id],
      'the statement prepared again answers as before'
    )
    const again = await admission()
    assert.equal(again.name, first.name)
    assert.equal(Number(again.runs), 1, 'prepared afresh: its plan counts start over')
    assert.isAbove(new Date(again.prepare_time).getTime(), new Date(first.prepare_time).getTime())

    planCache.lifetimeMs = PLAN_LIFETIME_MS
    for (let batch = 0; batch < 3; batch++) await admit()
    const kept = await admission()
    assert.equal(Number(kept.runs), 4, 'kept again for the lifetime')
  })

  test('the admission kept prepared reaches every table by an index on a large multi-tenant database', async ({
    assert,
  }) => {
    // The plan a connection keeps is PostgreSQL's generic one, made without
    // the batch's values. On the database a deployment grows into (60
    // organizations of 50 members, 8 rooms each with every member, a session
    // token per member, fresh statistics), it must look each row up.
    const { org, owner } = await chatOrg()
    const room = await groupRoom(org, owner, [], 'busy')
    await db.rawQuery(
      `INSERT INTO organizations (id, name, slug, created_at, updated_at)
       SELECT gen_random_uuid(), 'tenant ' || n, 'tenant-' || n, now(), now()
       FROM generate_series(1, 60) AS n`
    )
    const tenants = `SELECT id, slug FROM organizations WHERE slug LIKE 'tenant-%'`
    await db.rawQuery(
      `INSERT INTO users (id, email, username, password, created_at, updated_at)
       SELECT gen_random_uuid(), o.slug || '.' || k || '@tenants.test', o.slug || '.' || k, 'x',
         now(), now()
       FROM (${tenants}) o, generate_series(1, 50) AS k`
    )
    await db.rawQuery(
      `INSERT INTO memberships (id, organization_id, user_id, role, created_at, updated_at)
       SELECT gen_random_uuid(), o.id, u.id, 'member', now(), now()
       FROM (${tenants}) o JOIN users u ON u.username LIKE o.slug || '.%'`
    )
    await db.rawQuery(
      `INSERT INTO rooms (id, organization_id, type, name, created_at, updated_at)
       SELECT gen_random_uuid(), o.id, 'group', 'room ' || k, now(), now()
       FROM (${tenants}) o, generate_series(1, 8) AS k`
    )
    await db.rawQuery(
      `INSERT INTO room_members (id, organization_id, room_id, user_id, joined_at)
       SELECT gen_random_uuid(), r.organization_id, r.id, m.user_id, now()
       FROM rooms r JOIN memberships m ON m.organization_id = r.organization_id
       WHERE r.name LIKE 'room %'`
    )
    await db.rawQuery(
      `INSERT INTO room_keys (id, organization_id, room_id, master_version, wrapped_key)
       SELECT gen_random_uuid(), organization_id, id, 1, 'x' FROM rooms WHERE name LIKE 'room %'`
    )
    await db.rawQuery(
      `INSERT INTO auth_access_tokens (tokenable_id, type, hash, abilities, created_at, updated_at)
       SELECT id, 'auth_token', md5(id::text), '["*"]', now(), now() FROM users`
    )
    await db.rawQuery('ANALYZE')
    const members = await db.rawQuery('SELECT count(*)::int AS n FROM room_members')
    assert.isAbove(members.rows[0].n, 20_000)

    const token = await db.rawQuery(
      'SELECT id FROM auth_access_tokens WHERE tokenable_id = ? LIMIT 1',
      [owner.user.id]
    )
    const tokenId = token.rows[0]?.id ?? 'NULL'
    const trx = await db.transaction()
    try {
      await trx.rawQuery('SET LOCAL plan_cache_mode = force_generic_plan')
      await trx.rawQuery(`PREPARE generic_admission AS ${positional(ADMIT)}`)
      // EXECUTE takes no bind parameters: the ids are ones the test made.
      const result = await trx.rawQuery(
        `EXPLAIN (FORMAT JSON) EXECUTE generic_admission('{${room.id}}', '{${owner.user.id}}', '{${tokenId}}')`
      )
      await trx.rawQuery('DEALLOCATE generic_admission')
      const scans = flatten(result.rows[0]['QUERY PLAN'][0].Plan).filter(
        (node) => node['Relation Name']
      )
      assert.includeMembers(
        scans.map((node) => node['Relation Name']),
        ['room_members', 'memberships', 'users', 'auth_access_tokens', 'rooms', 'room_keys']
      )
      assert.deepEqual(
        scans
          .filter((node) => !/Index/.test(node['Node Type']))
          .map((node) => `${node['Node Type']} on ${node['Relation Name']}`),
        [],
        'no table is read whole'
      )
    } finally {
      await trx.rollback()
    }
  })
})
