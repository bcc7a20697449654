import { setTimeout as sleep } from 'node:timers/promises'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { committedTransaction } from '#services/committed_transaction'
import MessageCipher from '#services/message_cipher'
import { DecryptionError } from '#services/keyring'
import { cachedSearchKey, indexTerms } from '#services/blind_index'
import jobs, { type QueueDefinition } from '#services/jobs'
import type { Job } from 'pg-boss'

/** The queue of backfills run by the server's workers (`chatctl search backfill --background`). */
export const SEARCH_BACKFILL_QUEUE = 'search.backfill'

/** A queued backfill's settings. */
export type BackfillJob = { batchSize?: number; pauseMs?: number }

/** Progress after each batch, for `chatctl search backfill`'s progress bar. */
export type BackfillProgress = { phase: 'index'; done: number; total: number }

/** Options of a backfill run. */
export type BackfillOptions = {
  batchSize?: number
  onProgress?: (progress: BackfillProgress) => void
  signal?: AbortSignal
  /** Pause between batches, to spare a busy database (`--pause`). */
  pauseMs?: number
}

/** Sorts before every uuid. */
const NO_ID = '00000000-0000-0000-0000-000000000000'

/**
 * Messages the blind index should hold and does not: live plaintext bodies
 * (not deleted, not end-to-end payloads) under a key that still exists, with
 * no index row. Messages sent before search existed are the usual ones.
 */
const PENDING = `FROM messages m JOIN room_keys k ON k.id = m.body_key_id
  WHERE m.deleted_at IS NULL AND m.body_ciphertext IS NOT NULL AND k.wrapped_key IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM message_search s WHERE s.message_id = m.id)`

type PendingRow = { id: string; body_key_id: string; body_ciphertext: string }

/**
 * Indexes the messages that have no blind index row (README, Search), in
 * short transactions of `batchSize` messages taken in id order. The work
 * left is read from the tables themselves, so a run that is interrupted
 * (Ctrl-C, kill, lost connection, `signal`) is resumed by the next one, and
 * running it twice, or beside sends and edits, is harmless: each batch locks
 * its messages FOR UPDATE (an edit or a re-encryption of one of them waits,
 * then writes its own row), and never overwrites a row written meanwhile.
 */
export default class SearchBackfill {
  static async run({ batchSize = 500, onProgress, signal, pauseMs = 0 }: BackfillOptions = {}) {
    const total = await this.pending()
    let done = 0
    let after = NO_ID
    onProgress?.({ phase: 'index', done, total })
    while (!signal?.aborted) {
      const batch = await committedTransaction(async (trx) => {
        const { rows } = await trx.rawQuery(
          `SELECT m.id, m.body_key_id, m.body_ciphertext ${PENDING} AND m.id > ?
           ORDER BY m.id LIMIT ? FOR UPDATE OF m`,
          [after, batchSize]
        )
        const entries: { id: string; terms: string[] }[] = []
        for (const row of rows as PendingRow[]) {
          const terms = await this.terms(row, trx)
          if (terms) entries.push({ id: row.id, terms })
        }
        if (entries.length) {
          await trx.rawQuery(
            `INSERT INTO message_search (message_id, organization_id, room_id, key_id, terms)
             SELECT m.id, m.organization_id, m.room_id, m.body_key_id, u.terms
             FROM jsonb_to_recordset(?::jsonb) AS u(id uuid, terms text[])
             JOIN messages m ON m.id = u.id
             ON CONFLICT (message_id) DO NOTHING`,
            [JSON.stringify(entries)]
          )
        }
        return { last: (rows as PendingRow[]).at(-1)?.id, count: rows.length as number }
      })
      if (!batch.last) break
      after = batch.last
      done += batch.count
      onProgress?.({ phase: 'index', done, total: Math.max(total, done) })
      if (pauseMs) await sleep(pauseMs)
    }
    return {
      indexed: done,
      total,
      remaining: await this.pending(),
      aborted: Boolean(signal?.aborted),
    }
  }

  /** How many messages the index still lacks. */
  static async pending() {
    const { rows } = await db.rawQuery(`SELECT count(*) ${PENDING}`)
    return Number(rows[0].count)
  }

  /** A body's terms; a body that no longer opens (a key destroyed meanwhile) has none. */
  private static async terms(row: PendingRow, trx: Parameters<typeof MessageCipher.keyById>[1]) {
    try {
      const key = await MessageCipher.keyById(row.body_key_id, trx)
      const text = MessageCipher.openBody(row.body_key_id, key, row.body_ciphertext)
      return indexTerms(cachedSearchKey(row.body_key_id, key), text)
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error
      logger.warn({ messageId: row.id }, 'a message under an unusable key is not indexed')
      return null
    }
  }
}

/**
 * The backfill as a job: a worker of any node runs it whole, logging its
 * progress. A job that fails or expires is retried, and the retry resumes
 * where the work stopped (the work left is read from the tables); two runs
 * at once only wait for each other's row locks.
 */
export function searchBackfillQueue(): QueueDefinition<BackfillJob> {
  return {
    name: SEARCH_BACKFILL_QUEUE,
    queue: { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 6 * 3600 },
    worker: {
      options: { batchSize: 1, pollingIntervalSeconds: 2 },
      handler: async (batch: Job<BackfillJob>[]) => {
        for (const job of batch) {
          let logged = 0
          const result = await SearchBackfill.run({
            ...job.data,
            onProgress: ({ done, total }) => {
              if (done - logged < 10_000 && done < total) return
              logged = done
              logger.info({ jobId: job.id, done, total }, 'search backfill progress')
            },
          })
          logger.info({ jobId: job.id, ...result }, 'search backfill finished')
        }
      },
    },
  }
}

/** Queues a backfill for the server's workers; answers the work left now. */
export async function enqueueSearchBackfill(settings: BackfillJob) {
  await jobs.insert<BackfillJob>(SEARCH_BACKFILL_QUEUE, [{ data: settings }])
  return SearchBackfill.pending()
}
