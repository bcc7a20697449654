import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import db from '@adonisjs/lucid/services/db'
import { committedTransaction } from '#services/committed_transaction'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import MessageCipher from '#services/message_cipher'
import { cachedSearchKey, indexTerms } from '#services/blind_index'
import { keyring } from '#services/keyring'
import { assertKeyringDeployed } from '#services/cluster_nodes'

/** Progress after each batch, for `chatctl key rotate`'s progress bar. */
export type RotationProgress = {
  phase: 'rewrap' | 'reencrypt'
  done: number
  total: number
  roomsDone?: number
  roomsTotal?: number
}

/** Options shared by both rotation steps. */
export type RotationOptions = {
  batchSize?: number
  onProgress?: (progress: RotationProgress) => void
  signal?: AbortSignal
  /** Pause between re-encryption batches, to spare a busy database (`--pause`). */
  pauseMs?: number
}

/** Room keys holding material, per master version and status. */
type KeyCount = { masterVersion: number; status: 'active' | 'retired'; count: number }

/** Sorts before every uuid; also an id no row has. */
const NO_ID = '00000000-0000-0000-0000-000000000000'

/** The two tables whose bodies are encrypted under room keys. */
const BODY_TABLES = {
  messages: {
    select: `SELECT t.id, t.seq AS cursor, t.body_key_id, t.body_ciphertext FROM messages t`,
    room: 't.room_id',
    order: 't.seq',
    start: 0,
  },
  message_edits: {
    select: `SELECT t.id, t.id AS cursor, t.body_key_id, t.body_ciphertext FROM message_edits t
             JOIN messages m ON m.id = t.message_id`,
    room: 'm.room_id',
    order: 't.id',
    start: NO_ID,
  },
} as const
type BodyTable = keyof typeof BODY_TABLES

/** Room keys still to replace: older than the run, or retired with material left. */
const PENDING_KEY = `((k.status = 'active' AND k.created_at < (SELECT started_at FROM key_rotation_runs WHERE id = :run))
  OR (k.status = 'retired' AND k.wrapped_key IS NOT NULL))`

/** Counts a run's finished rooms and moved rows, in the same transaction as the work. */
const RUN_PROGRESS =
  'UPDATE key_rotation_runs SET rooms_done = rooms_done + ?, rows_done = rows_done + ? WHERE id = ?'

/** Destroys a room's retired keys that no body uses any more (the NULL is the destruction). */
const DESTROY_UNUSED = `UPDATE room_keys k SET wrapped_key = NULL
  WHERE k.room_id = ? AND k.status = 'retired' AND k.wrapped_key IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.room_id = k.room_id AND m.body_key_id = k.id)
    AND NOT EXISTS (SELECT 1 FROM message_edits e JOIN messages m ON m.id = e.message_id
                    WHERE m.room_id = k.room_id AND e.body_key_id = k.id)
  RETURNING k.id`

/**
 * Master-key rotation (DESIGN.md §5, `chatctl key rotate`). Every step runs
 * online in short transactions and can be re-run: `rewrap` moves room keys to
 * the current master version; `reencrypt` gives each room a new key, moves
 * its bodies to it in batches and destroys the old key once nothing uses it.
 * Old keys keep decrypting throughout, so reads never fail mid-rotation.
 */
export default class KeyRotation {
  /** Rewraps every room key not yet under the current master version. */
  static async rewrap({ batchSize = 200, onProgress, signal }: RotationOptions = {}) {
    await assertKeyringDeployed()
    const ring = keyring()
    const version = ring.currentVersion
    const total = await this.count(
      'SELECT count(*) FROM room_keys WHERE master_version <> ? AND wrapped_key IS NOT NULL',
      [version]
    )
    let done = 0
    let after = NO_ID
    while (!signal?.aborted) {
      const ids = await committedTransaction(async (trx) => {
        const { rows } = await trx.rawQuery(
          `SELECT id, room_id, wrapped_key, master_version FROM room_keys
           WHERE master_version <> ? AND wrapped_key IS NOT NULL AND id > ?
           ORDER BY id LIMIT ? FOR NO KEY UPDATE`,
          [version, after, batchSize]
        )
        const wrapped = rows.map(
          (row: { room_id: string; wrapped_key: string; master_version: number }) =>
            ring.wrap(ring.unwrap(row.wrapped_key, row.master_version, row.room_id), row.room_id)
              .wrapped
        )
        await trx.rawQuery(
          `UPDATE room_keys SET wrapped_key = u.wrapped, master_version = ?
           FROM unnest(?::uuid[], ?::text[]) AS u(id, wrapped) WHERE room_keys.id = u.id`,
          [version, rows.map((row: { id: string }) => row.id), wrapped]
        )
        return rows.map((row: { id: string }) => row.id) as string[]
      })
      if (!ids.length) break
      after = ids.at(-1)!
      done += ids.length
      onProgress?.({ phase: 'rewrap', done, total })
    }
    return { currentVersion: version, rewrapped: done, aborted: Boolean(signal?.aborted) }
  }

  /**
   * Replaces every room key and re-encrypts bodies under the new ones. A run
   * killed or aborted half-way is resumed by the next call: its cutoff is
   * persisted, and rows still under retired keys show what is left.
   */
  static async reencrypt({ batchSize = 500, onProgress, signal, pauseMs }: RotationOptions = {}) {
    await assertKeyringDeployed()
    const run = await this.openRun()
    const bindings = { run: run.id }
    const roomsTotal = await this.count(
      `SELECT count(DISTINCT k.room_id) FROM room_keys k WHERE ${PENDING_KEY}`,
      bindings
    )
    const total = await this.pendingRows(bindings)
    const progress = { phase: 'reencrypt' as const, done: 0, total, roomsDone: 0, roomsTotal }
    const onBatch = (rowCount: number) => {
      progress.done += rowCount
      onProgress?.({ ...progress })
    }
    let after = NO_ID
    for (;;) {
      const { rows } = await db.rawQuery(
        `SELECT DISTINCT k.room_id FROM room_keys k WHERE ${PENDING_KEY} AND k.room_id > :after
         ORDER BY k.room_id LIMIT 100`,
        { ...bindings, after }
      )
      for (const { room_id: roomId } of rows) {
        const finished = await this.rotateRoom(
          roomId,
          run.id,
          { batchSize, signal, pauseMs },
          onBatch
        )
        if (!finished) return { runId: run.id, resumed: run.resumed, aborted: true, ...progress }
        progress.roomsDone++
        onProgress?.({ ...progress })
      }
      if (!rows.length) break
      after = rows.at(-1).room_id
    }
    await db
      .from('key_rotation_runs')
      .where('id', run.id)
      .update({ finished_at: db.raw('now()') })
    return { runId: run.id, resumed: run.resumed, aborted: false, ...progress }
  }

  /**
   * What an operator needs before and after a rotation: keyring versions,
   * room keys per master version, versions in use but not configured, and
   * bodies still waiting for re-encryption.
   */
  static async status() {
    const ring = keyring()
    const { rows: keys } = await db.rawQuery(
      `SELECT master_version AS "masterVersion", status, count(*)::int AS count FROM room_keys
       WHERE wrapped_key IS NOT NULL GROUP BY master_version, status ORDER BY master_version`
    )
    const run = await db
      .from('key_rotation_runs')
      .select('id', 'started_at as startedAt', 'finished_at as finishedAt')
      .select('rooms_done as roomsDone', db.raw('rows_done::float8 AS "rowsDone"'))
      .orderBy('started_at', 'desc')
      .first()
    const versionsInUse = [...new Set<number>(keys.map((row: KeyCount) => row.masterVersion))]
    return {
      currentVersion: ring.currentVersion,
      configuredVersions: ring.versions,
      versionsInUse,
      missingVersions: versionsInUse.filter((version) => !ring.has(version)),
      keysByMasterVersion: keys as KeyCount[],
      keysPendingRewrap: keys
        .filter((row: KeyCount) => row.masterVersion !== ring.currentVersion)
        .reduce((sum: number, row: KeyCount) => sum + row.count, 0),
      rowsPendingReencryption: await this.pendingRows({
        run: run && !run.finishedAt ? run.id : NO_ID,
      }),
      lastRun: run ?? null,
    }
  }

  /** Retires the room's old key, moves its bodies, then destroys unused keys. */
  private static async rotateRoom(
    roomId: string,
    runId: string,
    options: { batchSize: number; signal?: AbortSignal; pauseMs?: number },
    onBatch: (rowCount: number) => void
  ) {
    await committedTransaction((trx) => this.retireActiveKey(trx, roomId, runId))
    for (const table of Object.keys(BODY_TABLES) as BodyTable[]) {
      let cursor: string | number = BODY_TABLES[table].start
      for (;;) {
        if (options.signal?.aborted) return false
        const batch = await committedTransaction(async (trx) => {
          const result = await this.reencryptBatch(trx, table, roomId, cursor, options.batchSize)
          await trx.rawQuery(RUN_PROGRESS, [0, result.count, runId])
          return result
        })
        if (!batch.count) break
        cursor = batch.cursor
        onBatch(batch.count)
        if (options.pauseMs)
          await sleep(options.pauseMs, undefined, { signal: options.signal }).catch(() => {})
      }
    }
    const { rows: destroyed } = await db.rawQuery(DESTROY_UNUSED, [roomId])
    MessageCipher.forget(destroyed.map((row: { id: string }) => row.id))
    await db.rawQuery(RUN_PROGRESS, [1, 0, runId])
    return true
  }

  /**
   * Swaps the room's active key for a new one if it predates the run. The
   * FOR UPDATE lock waits for senders holding the old key (FOR KEY SHARE), so
   * no row is written under a key after it is retired.
   */
  private static async retireActiveKey(
    trx: TransactionClientContract,
    roomId: string,
    runId: string
  ) {
    const { rows } = await trx.rawQuery(
      `SELECT k.id, k.organization_id FROM room_keys k
       WHERE k.room_id = :room AND k.status = 'active'
         AND k.created_at < (SELECT started_at FROM key_rotation_runs WHERE id = :run)
       FOR UPDATE`,
      { room: roomId, run: runId }
    )
    if (!rows.length) return
    await trx.rawQuery("UPDATE room_keys SET status = 'retired', retired_at = now() WHERE id = ?", [
      rows[0].id,
    ])
    await MessageCipher.insertKey(trx, roomId, rows[0].organization_id)
  }

  /** Re-encrypts one batch of a room's rows still under a retired key, in key order. */
  private static async reencryptBatch(
    trx: TransactionClientContract,
    table: BodyTable,
    roomId: string,
    cursor: string | number,
    limit: number
  ) {
    const spec = BODY_TABLES[table]
    const { rows } = await trx.rawQuery(
      `${spec.select} JOIN room_keys k ON k.id = t.body_key_id
       WHERE ${spec.room} = :room AND k.status = 'retired' AND ${spec.order} > :cursor
       ORDER BY ${spec.order} LIMIT :limit FOR UPDATE OF t`,
      { room: roomId, cursor, limit }
    )
    if (!rows.length) return { count: 0, cursor }
    const active = await MessageCipher.currentKey(trx, roomId, true)
    const bodies: (string | null)[] = []
    const plaintexts: (string | null)[] = []
    for (const row of rows) {
      const text = row.body_ciphertext
        ? MessageCipher.openBody(
            row.body_key_id,
            await MessageCipher.keyById(row.body_key_id, trx),
            row.body_ciphertext
          )
        : null
      plaintexts.push(text)
      bodies.push(text === null ? null : MessageCipher.sealBody(active.id, active.key, text))
    }
    await trx.rawQuery(
      `UPDATE ${table} SET body_ciphertext = u.body, body_key_id = ?
       FROM unnest(?::uuid[], ?::text[]) AS u(id, body) WHERE ${table}.id = u.id`,
      [active.id, rows.map((row: { id: string }) => row.id), bodies]
    )
    if (table === 'messages') await reindex(trx, active, rows, plaintexts)
    return { count: rows.length, cursor: rows.at(-1).cursor }
  }

  /** The unfinished run to resume, or a new one whose start is the cutoff. */
  private static async openRun() {
    const open = await db
      .from('key_rotation_runs')
      .whereNull('finished_at')
      .orderBy('started_at')
      .first()
    if (open) return { id: open.id as string, resumed: true }
    const id = randomUUID()
    await db.table('key_rotation_runs').insert({ id })
    return { id, resumed: false }
  }

  /** Bodies under keys still to replace (for an open run, or retired ones only). */
  private static pendingRows(bindings: { run: string }) {
    return this.count(
      `SELECT count(*) FROM (SELECT body_key_id FROM messages
         UNION ALL SELECT body_key_id FROM message_edits) t
       JOIN room_keys k ON k.id = t.body_key_id WHERE ${PENDING_KEY}`,
      bindings
    )
  }

  private static async count(sql: string, bindings: RawQueryBindings) {
    const { rows } = await db.rawQuery(sql, bindings)
    return Number(rows[0].count)
  }
}

/**
 * Moves the blind index rows of re-encrypted messages to the new room key:
 * their terms are hashed again under its search key, so search keeps
 * finding them and the old key can be destroyed (app/services/blind_index.ts).
 * Messages that had no index row get none.
 */
async function reindex(
  trx: TransactionClientContract,
  active: { id: string; key: Buffer },
  rows: { id: string }[],
  texts: (string | null)[]
) {
  const key = cachedSearchKey(active.id, active.key)
  const entries = rows.flatMap((row, index) => {
    const text = texts[index]
    return text === null ? [] : [{ id: row.id, terms: indexTerms(key, text) }]
  })
  if (!entries.length) return
  await trx.rawQuery(
    `UPDATE message_search s SET key_id = ?, terms = u.terms
     FROM jsonb_to_recordset(?::jsonb) AS u(id uuid, terms text[]) WHERE s.message_id = u.id`,
    [active.id, JSON.stringify(entries)]
  )
}
