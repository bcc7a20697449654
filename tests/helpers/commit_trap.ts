import db from '@adonisjs/lucid/services/db'

/*
 * A fault the tests put in their own database: a DEFERRABLE INITIALLY
 * DEFERRED constraint trigger on `messages` that raises at COMMIT for every
 * row whose clientMessageId is trapped, so the transaction of that send
 * fails after its INSERT succeeded, at the very last step. It lives in its
 * own schema, which resetDatabase() does not truncate. Since sequences are
 * not transactional, the trigger can also leave a trace that survives the
 * rollback: the most rows one failed transaction had inserted into
 * `messages` (the size of the batch the trapped send was part of).
 */

const SCHEMA = 'commit_trap'

/** Creates the trap (idempotent); call in the group's setup. */
export async function installCommitTrap() {
  await db.rawQuery(`
    CREATE SCHEMA IF NOT EXISTS ${SCHEMA};
    CREATE TABLE IF NOT EXISTS ${SCHEMA}.trapped (client_message_id uuid PRIMARY KEY);
    CREATE SEQUENCE IF NOT EXISTS ${SCHEMA}.largest_failed_batch MINVALUE 0;
    CREATE OR REPLACE FUNCTION ${SCHEMA}.refuse() RETURNS trigger AS $$
    DECLARE inserted bigint;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM ${SCHEMA}.trapped t
                     WHERE t.client_message_id = NEW.client_message_id) THEN
        RETURN NULL;
      END IF;
      SELECT count(*) INTO inserted FROM messages
        WHERE xmin::text = (txid_current() % 4294967296)::text;
      IF inserted > (SELECT last_value FROM ${SCHEMA}.largest_failed_batch) THEN
        PERFORM setval('${SCHEMA}.largest_failed_batch', inserted);
      END IF;
      RAISE EXCEPTION 'commit refused by the test trap';
    END $$ LANGUAGE plpgsql;
    DROP TRIGGER IF EXISTS commit_trap ON messages;
    CREATE CONSTRAINT TRIGGER commit_trap AFTER INSERT ON messages
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${SCHEMA}.refuse();`)
  await resetCommitTrap()
}

/** Removes the trap and its schema; call in the group's teardown. */
export async function removeCommitTrap() {
  await db.rawQuery(`DROP TRIGGER IF EXISTS commit_trap ON messages;
    DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`)
}

/** Lifts every trap and forgets the batch sizes seen. */
export async function resetCommitTrap() {
  await db.rawQuery(`TRUNCATE ${SCHEMA}.trapped`)
  await db.rawQuery(`SELECT setval('${SCHEMA}.largest_failed_batch', 0)`)
}

/** Makes the commit of any transaction inserting a message with this clientMessageId fail. */
export async function trapSend(clientMessageId: string) {
  await db.rawQuery(`INSERT INTO ${SCHEMA}.trapped VALUES (?)`, [clientMessageId])
}

/** Lets sends with this clientMessageId commit again. */
export async function releaseSend(clientMessageId: string) {
  await db.rawQuery(`DELETE FROM ${SCHEMA}.trapped WHERE client_message_id = ?`, [clientMessageId])
}

/** The most messages a transaction refused by the trap had inserted. */
export async function largestFailedBatch(): Promise<number> {
  const result = await db.rawQuery(`SELECT last_value FROM ${SCHEMA}.largest_failed_batch`)
  return Number(result.rows[0].last_value)
}

/**
 * Makes the COMMIT of every transaction that inserted into `table` fail, with
 * the same deferred constraint trigger (in the trap's own schema, so
 * resetDatabase() leaves it alone). For writes other than message sends;
 * undo with allowCommitsOn().
 */
export async function refuseCommitsOn(table: string) {
  await db.rawQuery(`
    CREATE SCHEMA IF NOT EXISTS ${SCHEMA};
    CREATE OR REPLACE FUNCTION ${SCHEMA}.refuse_always() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION 'commit refused by the test trap';
    END $$ LANGUAGE plpgsql;
    DROP TRIGGER IF EXISTS commit_trap_always ON ${table};
    CREATE CONSTRAINT TRIGGER commit_trap_always AFTER INSERT ON ${table}
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${SCHEMA}.refuse_always();`)
}

/** Removes the trap refuseCommitsOn() put on `table`. */
export async function allowCommitsOn(table: string) {
  await db.rawQuery(`DROP TRIGGER IF EXISTS commit_trap_always ON ${table}`)
}
