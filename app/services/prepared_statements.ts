import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/*
 * Named (prepared) statements for the hottest reads. A statement sent by
 * name is parsed and planned once per pooled connection, then, once
 * PostgreSQL finds its generic plan as good as the custom ones, executed
 * without planning at all: for the history page (a gate, the page and six
 * per-row subqueries) planning was ~0.4 ms of PostgreSQL CPU per page, about
 * as much as running it, and the token lookup of every authenticated request
 * (app/services/access_tokens.ts, four tables joined) spent ~0.45 ms of its
 * ~0.6 ms in parse and plan. Only statements whose text is fixed
 * per shape (the values all travel as parameters) belong here, and their
 * plans must not depend on the values: latest_page_plan.spec.ts checks the
 * page's generic plan. DB_NAMED_STATEMENTS=false sends them
 * unnamed (the embedded database, whose connections share one session, and
 * poolers that cannot keep named statements).
 *
 * No plan is kept for long: a connection prepares a statement again once
 * it has kept it PLAN_LIFETIME_MS. PostgreSQL makes a generic plan after
 * five executions from the statistics of that moment and replaces it only
 * when a table's statistics change (ANALYZE, autovacuum's included): on
 * young tables that plan reads small tables whole, and without an ANALYZE
 * it would keep doing so as they grow. Prepared again, it is planned for
 * the tables' sizes as they are then (the planner scales the last
 * statistics to a table's current size), so a stale plan lives at most a
 * minute, for the cost of one Close and five custom plans a minute
 * per connection and statement.
 *
 * The send's admission is named (its tables grow with members and rooms,
 * not with every message); the write goes unnamed (`{ cachedPlan: false }`),
 * planned for each batch with its real array sizes and `messages` as it is
 * now: named, one generic plan probed clientMessageIds through
 * `messages (sender_id, id)`, reading every earlier message of the sender
 * on each send (docs/scaling.md, the scale-out figures).
 */

interface PgConnection {
  /** node-pg's protocol connection: its record of parsed statements, and Close. */
  connection?: {
    parsedStatements?: Record<string, string>
    close?(message: { type: 'S'; name: string }): void
  }
  query(config: {
    name?: string
    text: string
    values: unknown[]
    types?: typeof RAW_TYPES
  }): Promise<{ rows: unknown[] }>
}

/** Type parsers that leave every value as PostgreSQL's text (`raw: true`). */
const RAW_TYPES = { getTypeParser: () => (value: string) => value }

interface KnexClient {
  acquireConnection(): Promise<PgConnection>
  releaseConnection(connection: PgConnection): Promise<unknown>
}

const named = new Map<string, { name?: string; text: string }>()

/** A knex-style statement (`?` placeholders) in PostgreSQL's `$n` form. */
export function positional(sql: string) {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

/** The statement in PostgreSQL's `$n` form, under a name derived from its text. */
function prepare(sql: string) {
  let statement = named.get(sql)
  if (!statement) {
    const text = positional(sql)
    const name =
      env.get('DB_NAMED_STATEMENTS') === false
        ? undefined
        : `parley_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`
    statement = { name, text }
    named.set(sql, statement)
  }
  return statement
}

/**
 * Runs `sql` (knex-style `?` placeholders, and no other `?` in its text) as
 * a named statement, in `trx` when given (on its connection), else on a
 * pooled connection of the default database connection, and answers its
 * rows. `cachedPlan: false` sends it unnamed: parsed and planned on every
 * execution, never run from a plan made for other data (see above).
 * `raw: true` answers every value as PostgreSQL's text (or null), parsed by
 * the caller as it needs.
 */
export async function preparedRows<Row>(
  sql: string,
  bindings: unknown[],
  trx?: TransactionClientContract,
  { cachedPlan = true, raw = false }: { cachedPlan?: boolean; raw?: boolean } = {}
): Promise<Row[]> {
  const statement = prepare(sql)
  const { text } = statement
  const name = cachedPlan ? statement.name : undefined
  const client = (trx
    ? trx.knexClient
    : (db.connection().getReadClient() as unknown as { client: KnexClient })
  ).client as unknown as KnexClient
  const connection = await client.acquireConnection()
  try {
    if (name) replanIfOld(connection, name)
    const result = await connection.query({
      name,
      text,
      values: bindings,
      ...(raw ? { types: RAW_TYPES } : {}),
    })
    return result.rows as Row[]
  } finally {
    await client.releaseConnection(connection)
  }
}

/** How long a connection keeps a named statement (and its plan) before preparing it again. */
export const PLAN_LIFETIME_MS = 60_000

/** The lifetime in force (tests shorten it to watch a statement prepared again). */
export const planCache = { lifetimeMs: PLAN_LIFETIME_MS }

/** When each connection last prepared each named statement. */
const preparedAt = new WeakMap<PgConnection, Map<string, number>>()

/**
 * Drops `name` from the connection when it was prepared there more than
 * PLAN_LIFETIME_MS ago, so the query about to run parses and plans it
 * afresh: a protocol Close of the statement, written just before that
 * query's own messages (no statement and no round trip of its own; the
 * server answers CloseComplete, which node-pg ignores), and node-pg's record
 * of it, so the query sends its Parse again. A connection whose node-pg
 * keeps no such record keeps its statements (a test fails if node-pg moves it).
 */
function replanIfOld(connection: PgConnection, name: string) {
  const protocol = connection.connection
  const parsed = protocol?.parsedStatements
  if (!parsed || !protocol.close) return
  let byName = preparedAt.get(connection)
  if (!byName) {
    byName = new Map()
    preparedAt.set(connection, byName)
  }
  const now = Date.now()
  const at = byName.get(name)
  if (at === undefined || parsed[name] === undefined) {
    byName.set(name, now)
    return
  }
  if (now - at < planCache.lifetimeMs) return
  protocol.close({ type: 'S', name })
  delete parsed[name]
  byName.set(name, now)
}
