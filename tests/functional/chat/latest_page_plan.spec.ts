import { test } from '@japa/runner'
import pg from 'pg'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import { resetDatabase } from '#tests/helpers/database'
import { DEFAULT_PAGE } from '#queries/message_pages'
import { pageStatement, type PageCursor } from '#domain/messages/message_pages'
import { positional } from '#services/prepared_statements'
import { seedTenantMessages } from '../../../bench/lib/tenants.js'
import { chatOrg, groupRoom, otherOrg } from './chat_fixtures.js'

interface PlanNode {
  'Node Type': string
  'Relation Name'?: string
  'Alias'?: string
  'Index Name'?: string
  'Scan Direction'?: string
  'Plan Rows': number
  'Actual Rows': number
  'Actual Loops': number
  'Plans'?: PlanNode[]
}

function flatten(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(flatten)]
}

const BIG_ROOM = 20_000
const ORGS = 60

/**
 * The data the planner meets in production (bench/lib/tenants.ts): many
 * organizations, each with rooms of very different sizes, messages
 * interleaved in the heap, one room of 20,000 messages, fresh statistics.
 */
async function multiTenantDatabase() {
  const { org, owner } = await chatOrg()
  const big = await groupRoom(org, owner, [], 'big')
  await db.rawQuery(
    `WITH o AS (
       INSERT INTO organizations (id, name, slug, created_at, updated_at)
       SELECT gen_random_uuid(), 'tenant ' || n, 'tenant-' || n, now(), now()
       FROM generate_series(1, ?::int) AS n RETURNING id, slug
     ), u AS (
       INSERT INTO users (id, email, username, password, created_at, updated_at)
       SELECT gen_random_uuid(), o.slug || '@tenants.test', o.slug, 'x', now(), now() FROM o
       RETURNING id, username
     )
     INSERT INTO memberships (id, organization_id, user_id, role, created_at, updated_at)
     SELECT gen_random_uuid(), o.id, u.id, 'owner', now(), now() FROM o JOIN u ON u.username = o.slug`,
    [ORGS]
  )
  const client = new pg.Client({
    host: env.get('DB_HOST'),
    port: env.get('DB_PORT'),
    user: env.get('DB_USER'),
    password: env.get('DB_PASSWORD') || undefined,
    database: env.get('DB_DATABASE'),
  })
  await client.connect()
  try {
    await seedTenantMessages(
      client,
      { roomsPerOrg: 8, base: 400, bigRoom: BIG_ROOM },
      { roomId: big.id, body: { hash: 'x', ciphertext: null, keyId: null } }
    )
  } finally {
    await client.end()
  }
  return { org, owner, big }
}

async function explain(statement: { sql: string; bindings: unknown[] } | null) {
  if (!statement) throw new Error('no statement')
  const result = await db.rawQuery(
    `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${statement.sql}`,
    statement.bindings
  )
  return flatten(result.rows[0]['QUERY PLAN'][0].Plan)
}

/**
 * The plan PostgreSQL settles on for the page as a named statement
 * (app/services/prepared_statements.ts): the generic one, planned without
 * the values, forced here so the test sees it on the first execution.
 */
async function explainGeneric(statement: { sql: string; bindings: unknown[] } | null) {
  if (!statement) throw new Error('no statement')
  return db.transaction(async (trx) => {
    await trx.rawQuery('SET LOCAL plan_cache_mode = force_generic_plan')
    await trx.rawQuery(`PREPARE generic_page AS ${positional(statement.sql)}`)
    try {
      // Ids, numbers and nulls only, as literals: a utility statement takes no bind parameters.
      const values = statement.bindings
        .map((value) =>
          value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${String(value)}'`
        )
        .join(', ')
      const result = await trx.rawQuery(
        `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) EXECUTE generic_page(${values})`
      )
      return flatten(result.rows[0]['QUERY PLAN'][0].Plan)
    } finally {
      await trx.rawQuery('DEALLOCATE generic_page')
    }
  })
}

/**
 * The sorts that read the page's own scan: a plan that reads the room whole
 * sorts it. The extras' aggregates may sort the few rows they group.
 */
function sortsOfMessages(nodes: PlanNode[]) {
  return nodes.filter(
    (node) => node['Node Type'] === 'Sort' && onMessages(flatten(node)).length > 0
  )
}

function onMessages(nodes: PlanNode[]) {
  // The page's own scan; the extras' thread summary reads replies by primary key under alias m.
  return nodes.filter((node) => node['Relation Name'] === 'messages' && node.Alias !== 'm')
}

test.group('History page plan on a multi-tenant database', (group) => {
  group.each.setup(() => resetDatabase())

  test('walks (room_id, seq) and (room_id, version_seq) for one page, reads nothing without access', async ({
    assert,
  }) => {
    const { org, owner, big } = await multiTenantDatabase()
    const seeker = { userId: owner.user.id, organizationId: org.id }
    const page = (cursor: PageCursor) => pageStatement(seeker, big.id, DEFAULT_PAGE, cursor)

    for (const cursor of [{}, { before: BIG_ROOM - 500 }] as PageCursor[]) {
      const nodes = await explain(page(cursor))
      const scans = onMessages(nodes)
      assert.lengthOf(scans, 1, JSON.stringify(cursor))
      assert.equal(scans[0]['Node Type'], 'Index Scan')
      assert.equal(scans[0]['Index Name'], 'messages_room_seq_unique')
      assert.equal(scans[0]['Scan Direction'], 'Backward')
      assert.equal(scans[0]['Actual Rows'], DEFAULT_PAGE + 1)
      assert.lengthOf(sortsOfMessages(nodes), 0)
    }

    // Many changes since the cursor: the (room_id, version_seq) index walked for one page.
    const behind = onMessages(await explain(page({ after: BIG_ROOM - 5000 })))
    assert.lengthOf(behind, 1)
    assert.equal(behind[0]['Node Type'], 'Index Scan')
    assert.equal(behind[0]['Index Name'], 'messages_room_version_seq_index')
    assert.equal(behind[0]['Actual Rows'], DEFAULT_PAGE + 1)

    // A few changes since the cursor: the planner may fetch them by bitmap and
    // sort, but through the same index and never more than the changed rows.
    const nearly = onMessages(await explain(page({ after: BIG_ROOM - 200 })))
    assert.lengthOf(nearly, 1)
    const index =
      nearly[0]['Index Name'] ??
      nearly[0].Plans?.find((node) => node['Node Type'] === 'Bitmap Index Scan')?.['Index Name']
    assert.equal(index, 'messages_room_version_seq_index')
    assert.isAtMost(nearly[0]['Actual Rows'], 200)

    // The same walks in the generic plan a named statement settles on.
    for (const [cursor, wanted] of [
      [{}, 'messages_room_seq_unique'],
      [{ before: BIG_ROOM - 500 }, 'messages_room_seq_unique'],
      [{ after: BIG_ROOM - 5000 }, 'messages_room_version_seq_index'],
    ] as [PageCursor, string][]) {
      const nodes = await explainGeneric(page(cursor))
      const scans = onMessages(nodes)
      assert.lengthOf(scans, 1, JSON.stringify(cursor))
      assert.equal(scans[0]['Node Type'], 'Index Scan', JSON.stringify(cursor))
      assert.equal(scans[0]['Index Name'], wanted)
      assert.equal(scans[0]['Actual Rows'], DEFAULT_PAGE + 1)
      assert.lengthOf(sortsOfMessages(nodes), 0)
    }

    const { stranger } = await otherOrg()
    for (const outsider of [
      { userId: stranger.user.id, organizationId: org.id },
      { userId: owner.user.id, organizationId: crypto.randomUUID() },
    ]) {
      const denied = onMessages(await explain(pageStatement(outsider, big.id, DEFAULT_PAGE, {})))
      assert.lengthOf(denied, 1)
      assert.equal(denied[0]['Actual Loops'], 0, 'no message row is read without access')
    }
  }).timeout(300_000)

  test('estimates a room at its size even when filtered by organization too', async ({
    assert,
  }) => {
    const { org, big } = await multiTenantDatabase()
    const nodes = await explain({
      sql: 'SELECT * FROM messages WHERE organization_id = ? AND room_id = ?',
      bindings: [org.id, big.id],
    })
    const [scan] = onMessages(nodes)
    assert.isAbove(scan['Plan Rows'], BIG_ROOM / 2)
  }).timeout(300_000)
})
