import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * e2e-keys: device public keys, the per-user hash-chained key log, and room
 * key versions with their per-device envelopes (DESIGN.md §5). Distinct from
 * core's `room_keys`, which hold the at-rest data keys. The server stores
 * public keys and wrapped keys only. The log and the envelopes are
 * append-only, and a version row may only be marked stale, enforced by
 * triggers (a cascade from a deleted user or room still removes them).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('e2e_devices', (table) => {
      table.uuid('id').primary()
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('encryption_algorithm', 16).notNullable()
      table.text('encryption_key').notNullable()
      table.string('encryption_fingerprint', 64).notNullable()
      table.string('signing_algorithm', 16).notNullable()
      table.text('signing_key').notNullable()
      table.string('signing_fingerprint', 64).notNullable()
      table.text('signature').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.index(['user_id'])
    })

    this.schema.createTable('e2e_key_log', (table) => {
      table.uuid('id').primary()
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.integer('seq').notNullable()
      table.string('action', 8).notNullable()
      table.uuid('device_id').notNullable()
      table.string('encryption_algorithm', 16).notNullable()
      table.string('encryption_fingerprint', 64).notNullable()
      table.string('signing_algorithm', 16).notNullable()
      table.string('signing_fingerprint', 64).notNullable()
      table.text('signature').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.string('prev_hash', 64).notNullable()
      table.string('hash', 64).notNullable()
      table.unique(['user_id', 'seq'], { indexName: 'e2e_key_log_user_seq_unique' })
    })

    this.schema.createTable('e2e_room_key_versions', (table) => {
      table.uuid('id').primary()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.uuid('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table.integer('version').notNullable()
      table.uuid('created_by_id').nullable().references('id').inTable('users').onDelete('SET NULL')
      table.uuid('created_by_device_id').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('stale_at', { useTz: true }).nullable()
      table.unique(['room_id', 'version'], { indexName: 'e2e_room_key_versions_room_unique' })
    })

    this.schema.createTable('e2e_room_key_envelopes', (table) => {
      table.uuid('id').primary()
      table
        .uuid('organization_id')
        .notNullable()
        .references('id')
        .inTable('organizations')
        .onDelete('CASCADE')
      table.uuid('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table
        .uuid('version_id')
        .notNullable()
        .references('id')
        .inTable('e2e_room_key_versions')
        .onDelete('CASCADE')
      table.integer('version').notNullable()
      table.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.uuid('device_id').notNullable()
      table.uuid('sender_user_id').nullable()
      table.uuid('sender_device_id').notNullable()
      table.text('wrapped_key').notNullable()
      table.text('signature').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['version_id', 'device_id'], {
        indexName: 'e2e_envelopes_version_device_unique',
      })
      table.index(['room_id', 'user_id'])
    })

    this.schema.raw(`
      CREATE FUNCTION e2e_append_only() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN RETURN OLD; END IF;
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
      END $$ LANGUAGE plpgsql`)
    this.schema.raw(`
      CREATE FUNCTION e2e_version_immutable() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN RETURN OLD; END IF;
        IF TG_OP = 'UPDATE' AND OLD.stale_at IS NULL AND NEW.stale_at IS NOT NULL
          AND (NEW.id, NEW.organization_id, NEW.room_id, NEW.version, NEW.created_by_device_id, NEW.created_at)
            IS NOT DISTINCT FROM
              (OLD.id, OLD.organization_id, OLD.room_id, OLD.version, OLD.created_by_device_id, OLD.created_at)
        THEN RETURN NEW; END IF;
        IF TG_OP = 'UPDATE' AND NEW.created_by_id IS NULL AND OLD.created_by_id IS NOT NULL
          AND pg_trigger_depth() > 1 THEN RETURN NEW; END IF;
        RAISE EXCEPTION 'room key versions are immutable' USING ERRCODE = 'restrict_violation';
      END $$ LANGUAGE plpgsql`)
    for (const table of ['e2e_key_log', 'e2e_room_key_envelopes']) {
      this.schema.raw(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION e2e_append_only()`)
    }
    this.schema.raw(`CREATE TRIGGER e2e_room_key_versions_immutable BEFORE UPDATE OR DELETE
      ON e2e_room_key_versions FOR EACH ROW EXECUTE FUNCTION e2e_version_immutable()`)
  }

  async down() {
    this.schema.dropTable('e2e_room_key_envelopes')
    this.schema.dropTable('e2e_room_key_versions')
    this.schema.dropTable('e2e_key_log')
    this.schema.dropTable('e2e_devices')
    this.schema.raw('DROP FUNCTION IF EXISTS e2e_version_immutable()')
    this.schema.raw('DROP FUNCTION IF EXISTS e2e_append_only()')
  }
}
