import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Thread-only replies: a reply sent with `threadOnly` stays in its thread
 * and is left out of the room's timeline pages and unread counts (as Slack's
 * and Mattermost's replies that are not also sent to the channel). Existing
 * messages are all in the room (`false`); adding a column with a constant
 * default rewrites no row.
 */
export default class extends BaseSchema {
  protected tableName = 'messages'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.boolean('thread_only').notNullable().defaultTo(false)
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('thread_only')
    })
  }
}
