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
import { admissionRow } from '#domain/messages/message_batch'
import { positional } from '#services/prepared_statements'
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

  test('the admission and the write are planned for each batch, never from a kept plan', async ({
    assert,
  }) => {
    // Named, PostgreSQL ran them from a generic plan after five batches, made
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
        `SELECT statement FROM pg_prepared_statements
         WHERE statement LIKE '%INSERT INTO messages%' OR statement LIKE '%FOR UPDATE OF r%'`
      )
      assert.deepEqual(kept.rows, [], 'no send statement is kept prepared in the session')
    } finally {
      await trx.rollback()
    }
  })
})
