import db from '@adonisjs/lucid/services/db'
import MediaAsset from '#models/media_asset'
import { committedTransaction } from '#services/committed_transaction'
import { deleteAssetFiles } from '#services/media_storage'
import { recordAudit } from '#domain/audit/audit_log'

/** Rows deleted per transaction: bounded locks and memory whatever the backlog. */
export const RETENTION_BATCH = 1000

/** A room under a retention rule, with the days that apply to it. */
interface RoomRule {
  room_id: string
  organization_id: string
  days: number
}

/** What a run did (or, dry, would do) in one organization. */
export interface RetentionCount {
  organizationId: string
  messages: number
  files: number
  rooms: number
}

/** The rooms with a rule (their own, else their organization's), optionally of one organization. */
async function roomRules(organizationId?: string): Promise<RoomRule[]> {
  const query = db
    .from('rooms as r')
    .join('organizations as o', 'o.id', 'r.organization_id')
    .whereRaw('coalesce(r.retention_days, o.retention_days) IS NOT NULL')
    .select('r.id as room_id', 'r.organization_id')
    .select(db.raw('coalesce(r.retention_days, o.retention_days)::int AS days'))
  if (organizationId) query.where('r.organization_id', organizationId)
  return query
}

/** Counts what a rule would delete in a room: messages, and files attached to them. */
async function countExpired(rule: RoomRule) {
  const result = await db.rawQuery(
    `SELECT count(*)::int AS messages,
       (SELECT count(*)::int FROM media_assets a JOIN messages m ON m.id = a.message_id
        WHERE m.room_id = ? AND m.created_at < now() - make_interval(days => ?)) AS files
     FROM messages WHERE room_id = ? AND created_at < now() - make_interval(days => ?)`,
    [rule.room_id, rule.days, rule.room_id, rule.days]
  )
  return result.rows[0] as { messages: number; files: number }
}

/**
 * Deletes one batch of a room's expired messages (oldest first) and the
 * rows hanging off them (cascades), in one transaction; their stored files
 * are deleted once it commits. Answers the numbers deleted.
 */
async function deleteBatch(rule: RoomRule) {
  let assets: MediaAsset[] = []
  const deleted = await committedTransaction(async (trx) => {
    const ids = await trx
      .from('messages')
      .where('room_id', rule.room_id)
      .whereRaw('created_at < now() - make_interval(days => ?)', [rule.days])
      .orderBy('created_at')
      .limit(RETENTION_BATCH)
      .forUpdate()
      .skipLocked()
      .select('id')
    if (!ids.length) return 0
    const messageIds = ids.map((row) => row.id as string)
    assets = await MediaAsset.query({ client: trx }).whereIn('message_id', messageIds)
    await trx.from('messages').whereIn('id', messageIds).delete()
    return messageIds.length
  })
  if (assets.length) await deleteAssetFiles(assets)
  return { messages: deleted, files: assets.length }
}

/**
 * The retention sweep: for every room under a rule, deletes (or, dry,
 * counts) its messages older than the rule's days, with their edits,
 * mentions, reactions, pins, previews, search terms and files, in batches
 * of RETENTION_BATCH. Each organization's totals of a real run are one
 * `retention.run` entry in its audit log.
 */
export async function sweepRetention(options: { organizationId?: string; dryRun: boolean }) {
  const counts = new Map<string, RetentionCount>()
  for (const rule of await roomRules(options.organizationId)) {
    const count = counts.get(rule.organization_id) ?? {
      organizationId: rule.organization_id,
      messages: 0,
      files: 0,
      rooms: 0,
    }
    counts.set(rule.organization_id, count)
    const found = options.dryRun ? await countExpired(rule) : await deleteAll(rule)
    count.messages += found.messages
    count.files += found.files
    if (found.messages) count.rooms += 1
  }
  if (!options.dryRun) {
    for (const count of counts.values()) {
      await recordAudit({
        action: 'retention.run',
        organizationId: count.organizationId,
        targetType: 'organization',
        targetId: count.organizationId,
        details: { messages: count.messages, files: count.files, rooms: count.rooms },
      })
    }
  }
  return [...counts.values()]
}

/** Deletes a room's expired messages batch after batch until none is left. */
async function deleteAll(rule: RoomRule) {
  const total = { messages: 0, files: 0 }
  for (;;) {
    const batch = await deleteBatch(rule)
    total.messages += batch.messages
    total.files += batch.files
    if (batch.messages < RETENTION_BATCH) return total
  }
}
