import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { DEFAULT_PAGE, latestMessagesQuery } from '#actions/messages/list_messages'
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

test.group('Latest messages query plan', (group) => {
  group.each.setup(() => resetDatabase())

  test('reads the latest 50 of a 200k-message room by the (room_id, seq) index, without a sort', async ({
    assert,
  }) => {
    const { org, owner } = await chatOrg()
    const big = await groupRoom(org, owner, [], 'big')
    const small = await groupRoom(org, owner, [], 'small')
    for (const [room, count] of [
      [big, 200_000],
      [small, 5_000],
    ] as const) {
      await db.rawQuery(
        `INSERT INTO messages (id, organization_id, room_id, sender_id, seq, version_seq, body_hash, created_at)
         SELECT gen_random_uuid(), ?, ?, ?, n, n, 'x', now() FROM generate_series(1, ?) AS n`,
        [org.id, room.id, owner.user.id, count]
      )
    }
    await db.rawQuery('ANALYZE messages')

    const sql = latestMessagesQuery(org.id, big.id, DEFAULT_PAGE).toQuery()
    const result = await db.rawQuery(`EXPLAIN (FORMAT JSON) ${sql}`)
    const nodes = flatten(result.rows[0]['QUERY PLAN'][0].Plan)
    const onMessages = nodes.filter((node) => node['Relation Name'] === 'messages')
    assert.lengthOf(onMessages, 1)
    assert.include(['Index Scan', 'Index Only Scan'], onMessages[0]['Node Type'])
    assert.equal(onMessages[0]['Index Name'], 'messages_room_seq_unique')
    assert.notInclude(
      nodes.map((node) => node['Node Type']),
      'Sort'
    )
    assert.notInclude(
      nodes.map((node) => node['Node Type']),
      'Seq Scan'
    )
  }).timeout(120_000)
})
