import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { resetDatabase } from '#tests/helpers/database'
import { chatOrg, groupRoom, send } from './chat_fixtures.js'

interface PgConnection {
  query(text: string): Promise<{ rows: PlanCounts[] }>
}

interface PlanCounts {
  statement: string
  generic_plans: string
  custom_plans: string
}

interface Pool {
  numFree(): number
  numUsed(): number
}

/**
 * Plans of the group commit's admission and write, summed over every open
 * connection of the pool (`pg_prepared_statements` shows a session its own
 * statements only): all of them are taken at once, each asked, all given back.
 */
async function sendPlans() {
  const client = db.connection().getWriteClient().client as unknown as {
    pool: Pool
    acquireConnection(): Promise<PgConnection>
    releaseConnection(connection: PgConnection): Promise<unknown>
  }
  const open = client.pool.numFree() + client.pool.numUsed()
  const connections = await Promise.all(
    Array.from({ length: open }, () => client.acquireConnection())
  )
  const totals = { admission: { generic: 0, custom: 0 }, write: { generic: 0, custom: 0 } }
  try {
    for (const connection of connections) {
      const { rows } = await connection.query(
        'SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements'
      )
      for (const row of rows) {
        const kind = row.statement.startsWith('WITH v AS MATERIALIZED')
          ? 'admission'
          : row.statement.includes('INSERT INTO message_search')
            ? 'write'
            : null
        if (!kind) continue
        totals[kind].generic += Number(row.generic_plans)
        totals[kind].custom += Number(row.custom_plans)
      }
    }
  } finally {
    await Promise.all(connections.map((connection) => client.releaseConnection(connection)))
  }
  return totals
}

/*
 * PostgreSQL keeps custom plans for the send's named admission and write
 * (their array parameters' sizes make each custom plan look cheaper), so a
 * batch of one send paid their planning each time. Small batches run them
 * with their generic plan (app/domain/messages/message_batch.ts).
 */
test.group('Send plans', (group) => {
  group.each.setup(() => resetDatabase())

  test('sends one at a time are admitted and written with generic plans, never re-planned', async ({
    assert,
  }) => {
    const { org, owner, alice } = await chatOrg()
    const room = await groupRoom(org, owner, [alice])
    const before = await sendPlans()
    for (let i = 0; i < 8; i++) await send(org, owner, room.id, `plan ${i}`)
    const after = await sendPlans()

    assert.deepEqual(
      {
        admission: {
          generic: after.admission.generic - before.admission.generic,
          custom: after.admission.custom - before.admission.custom,
        },
        write: {
          generic: after.write.generic - before.write.generic,
          custom: after.write.custom - before.write.custom,
        },
      },
      { admission: { generic: 8, custom: 0 }, write: { generic: 8, custom: 0 } }
    )
  })
})
