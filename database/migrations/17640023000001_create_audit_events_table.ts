import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The audit log (issue #19): one row per security- or admin-relevant action,
 * written in the same transaction as the action where the action writes.
 * Append-only like the e2e key log: a trigger refuses every UPDATE and
 * DELETE. Unlike the key log there is no cascade to let through: the rows
 * carry no foreign keys, so the trail of an organization or an account
 * outlives them (an org's deletion is itself an entry).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('audit_events', (table) => {
      table.bigIncrements('id').primary()
      table.uuid('organization_id').nullable()
      table.uuid('actor_user_id').nullable()
      table.string('door', 16).notNullable()
      table.string('action', 64).notNullable()
      table.string('target_type', 32).nullable()
      table.string('target_id', 64).nullable()
      table.string('ip', 45).nullable()
      table.jsonb('details').notNullable().defaultTo('{}')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.raw('now()'))
      table.index(['organization_id', 'id'])
      table.index(['action', 'id'])
      table.index(['actor_user_id', 'id'])
    })
    this.schema.raw(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'restrict_violation';
      END $$ LANGUAGE plpgsql`)
    this.schema.raw(`CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`)
  }

  async down() {
    this.schema.dropTable('audit_events')
    this.schema.raw('DROP FUNCTION IF EXISTS audit_events_append_only()')
  }
}
