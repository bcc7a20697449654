import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * `messages.extra_kinds`: which kinds of rows the message may have beside
 * it (a bit each: 1 mentions, 2 reactions, 4 a pin, 8 thread replies under
 * it, 16 a link preview; app/domain/messages/message_extras.ts). A history
 * page probes a table only for the messages whose bit is set, instead of
 * looking every message of the page up in every table. The writers set the
 * bit in the transaction that adds the row; it is never cleared (a bit left
 * set only costs a probe). Filled here from the rows already stored (run
 * again on a database that has the column, it only fills).
 */
const KINDS = [
  { bit: 1, ids: 'SELECT message_id FROM message_mentions' },
  { bit: 2, ids: 'SELECT message_id FROM message_reactions' },
  { bit: 4, ids: 'SELECT message_id FROM message_pins' },
  { bit: 8, ids: 'SELECT root_id FROM thread_replies' },
  { bit: 16, ids: 'SELECT message_id FROM message_previews' },
]

export default class extends BaseSchema {
  async up() {
    this.schema.raw(
      'ALTER TABLE messages ADD COLUMN IF NOT EXISTS extra_kinds smallint NOT NULL DEFAULT 0'
    )
    for (const { bit, ids } of KINDS) {
      this.schema.raw(`UPDATE messages SET extra_kinds = extra_kinds | ${bit} WHERE id IN (${ids})`)
    }
  }

  async down() {
    this.schema.alterTable('messages', (table) => {
      table.dropColumn('extra_kinds')
    })
  }
}
