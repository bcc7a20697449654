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
 * The send's admission and write go through here too, but unnamed
 * (`{ cachedPlan: false }`): planned for each batch with its real array
 * sizes and the tables as they are now. Named, PostgreSQL switched them to
 * a generic plan after five batches, made from the statistics of that
 * moment and kept for the connection's life; on a young, fast-growing
 * `messages` table one such plan probed clientMessageIds through
 * `messages (sender_id, id)`, reading every earlier message of the sender
 * on each send, so PostgreSQL's CPU per send grew run after run
 * (docs/scaling.md, the scale-out figures).
 */

interface PgConnection {
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
