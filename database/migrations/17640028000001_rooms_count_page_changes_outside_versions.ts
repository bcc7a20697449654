import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * `room_page_epochs`: a per-room counter of the changes to what a history
 * page shows that give no message a new version (`rooms.change_seq` counts
 * those that do: sends, edits, deletes, reactions, pins, thread replies,
 * previews). They are the database's own: rows deleted for good (the
 * retention sweep, a cascade), and the foreign keys' SET NULL and CASCADE
 * when an account goes (its messages lose their sender, its reactions,
 * mentions and pins go). Triggers count them in the transaction that makes
 * them, whichever code path that is (and any change of a shown message
 * column that gives no new version), so `(change_seq, epoch)` unchanged means
 * the room's pages are unchanged (app/domain/messages/message_pages.ts,
 * `RecentPages`). Kept apart from `rooms`, whose row every send locks
 * FOR UPDATE, and with no foreign key to it either (its check would take a
 * KEY SHARE lock on the room row): an account's deletion holds the user's
 * row, an in-flight send holds the room's and waits for the user's (its
 * message's sender_id), so the deletion's count must not wait for the room.
 * A room's row goes with the room (`rooms_gone_drop_page_epochs`).
 */
const ROOM_SOURCES = [
  'messages',
  'message_reactions',
  'message_pins',
  'message_previews',
  'thread_replies',
]

export default class extends BaseSchema {
  async up() {
    this.schema.raw(`CREATE TABLE IF NOT EXISTS room_page_epochs (
      room_id uuid PRIMARY KEY,
      epoch bigint NOT NULL DEFAULT 0
    )`)
    // Rooms deleted in the same statement (a room's or an organization's
    // deletion cascading to its messages) are not visible here any more and
    // are skipped: their pages are gone with them.
    this.schema
      .raw(`CREATE OR REPLACE FUNCTION room_pages_changed(room_ids uuid[]) RETURNS void AS $$
      INSERT INTO room_page_epochs AS e (room_id, epoch)
      SELECT r.id, 1 FROM rooms r WHERE r.id = ANY (room_ids) ORDER BY r.id
      ON CONFLICT (room_id) DO UPDATE SET epoch = e.epoch + 1
      $$ LANGUAGE sql`)
    this.schema.raw(`CREATE OR REPLACE FUNCTION rooms_gone() RETURNS trigger AS $$
      BEGIN
        DELETE FROM room_page_epochs WHERE room_id IN (SELECT id FROM gone);
        RETURN NULL;
      END $$ LANGUAGE plpgsql`)
    this.schema.raw('DROP TRIGGER IF EXISTS rooms_gone_drop_page_epochs ON rooms')
    this.schema.raw(`CREATE TRIGGER rooms_gone_drop_page_epochs AFTER DELETE ON rooms
      REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION rooms_gone()`)
    this.schema.raw(`CREATE OR REPLACE FUNCTION room_rows_gone() RETURNS trigger AS $$
      BEGIN
        PERFORM room_pages_changed(ARRAY(SELECT DISTINCT room_id FROM gone));
        RETURN NULL;
      END $$ LANGUAGE plpgsql`)
    this.schema.raw(`CREATE OR REPLACE FUNCTION message_mentions_gone() RETURNS trigger AS $$
      BEGIN
        PERFORM room_pages_changed(ARRAY(SELECT DISTINCT m.room_id FROM gone
          JOIN messages m ON m.id = gone.message_id));
        RETURN NULL;
      END $$ LANGUAGE plpgsql`)
    this.schema.raw(`CREATE OR REPLACE FUNCTION room_row_relinked() RETURNS trigger AS $$
      BEGIN
        PERFORM room_pages_changed(ARRAY[NEW.room_id]);
        RETURN NULL;
      END $$ LANGUAGE plpgsql`)
    for (const table of ROOM_SOURCES) {
      this.schema.raw(`DROP TRIGGER IF EXISTS ${table}_gone_change_pages ON ${table}`)
      this.schema.raw(`CREATE TRIGGER ${table}_gone_change_pages AFTER DELETE ON ${table}
        REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION room_rows_gone()`)
    }
    this.schema.raw('DROP TRIGGER IF EXISTS message_mentions_gone_change_pages ON message_mentions')
    this.schema
      .raw(`CREATE TRIGGER message_mentions_gone_change_pages AFTER DELETE ON message_mentions
      REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION message_mentions_gone()`)
    // A shown column changed without a new version: a foreign key's SET NULL
    // (sender_id, reply_to_id), or any other writer. A body sealed again
    // under another key (same text) and extra_kinds (a hint) are not shown.
    this.schema.raw('DROP TRIGGER IF EXISTS messages_relinked_change_pages ON messages')
    this.schema.raw(`CREATE TRIGGER messages_relinked_change_pages
      AFTER UPDATE ON messages FOR EACH ROW
      WHEN (OLD.version_seq = NEW.version_seq AND (OLD.room_id, OLD.sender_id, OLD.seq,
        OLD.reply_to_id, OLD.thread_only, OLD.client_message_id, OLD.encrypted_payload,
        OLD.edited_at, OLD.deleted_at, OLD.created_at) IS DISTINCT FROM (NEW.room_id,
        NEW.sender_id, NEW.seq, NEW.reply_to_id, NEW.thread_only, NEW.client_message_id,
        NEW.encrypted_payload, NEW.edited_at, NEW.deleted_at, NEW.created_at))
      EXECUTE FUNCTION room_row_relinked()`)
    this.schema.raw('DROP TRIGGER IF EXISTS message_pins_relinked_change_pages ON message_pins')
    this.schema.raw(`CREATE TRIGGER message_pins_relinked_change_pages
      AFTER UPDATE OF pinned_by_id ON message_pins FOR EACH ROW
      WHEN (OLD.pinned_by_id IS DISTINCT FROM NEW.pinned_by_id)
      EXECUTE FUNCTION room_row_relinked()`)
  }

  async down() {
    for (const table of ROOM_SOURCES) {
      this.schema.raw(`DROP TRIGGER IF EXISTS ${table}_gone_change_pages ON ${table}`)
    }
    this.schema.raw('DROP TRIGGER IF EXISTS message_mentions_gone_change_pages ON message_mentions')
    this.schema.raw('DROP TRIGGER IF EXISTS messages_relinked_change_pages ON messages')
    this.schema.raw('DROP TRIGGER IF EXISTS message_pins_relinked_change_pages ON message_pins')
    this.schema.raw('DROP TRIGGER IF EXISTS rooms_gone_drop_page_epochs ON rooms')
    this.schema.raw('DROP FUNCTION IF EXISTS rooms_gone()')
    this.schema.raw('DROP FUNCTION IF EXISTS room_row_relinked()')
    this.schema.raw('DROP FUNCTION IF EXISTS message_mentions_gone()')
    this.schema.raw('DROP FUNCTION IF EXISTS room_rows_gone()')
    this.schema.raw('DROP FUNCTION IF EXISTS room_pages_changed(uuid[])')
    this.schema.raw('DROP TABLE IF EXISTS room_page_epochs')
  }
}
