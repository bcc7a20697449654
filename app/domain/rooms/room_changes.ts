import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * The per-user change feed behind `GET /chat/rooms?after=`. Each user has a
 * counter per organization (`user_sync_state`); a change to a room a user is
 * in (joined, renamed, archived, members changed) or left takes that user's
 * next value under its row lock, so a cursor never skips a commit. Counters
 * are taken in user-id order, so two writers cannot deadlock on them.
 */
export async function recordRoomChanges(
  trx: TransactionClientContract,
  change: { organizationId: string; roomId: string; userIds: string[]; removedUserIds?: string[] }
) {
  const removed = new Set(change.removedUserIds ?? [])
  const userIds = [...new Set([...change.userIds, ...removed])].sort()
  if (!userIds.length) return
  const values = userIds.map(() => '(?::uuid, ?::uuid, 1)').join(', ')
  const bindings = userIds.flatMap((id) => [id, change.organizationId])
  const counters = await trx.rawQuery(
    `INSERT INTO user_sync_state (user_id, organization_id, change_seq) VALUES ${values}
     ON CONFLICT (user_id, organization_id)
     DO UPDATE SET change_seq = user_sync_state.change_seq + 1
     RETURNING user_id, change_seq`,
    bindings
  )
  const rows = counters.rows.map((row: { user_id: string; change_seq: string }) => ({
    user_id: row.user_id,
    room_id: change.roomId,
    organization_id: change.organizationId,
    change_seq: row.change_seq,
    removed: removed.has(row.user_id),
    changed_at: new Date(),
  }))
  await trx
    .knexQuery()
    .table('user_room_changes')
    .insert(rows)
    .onConflict(['user_id', 'room_id'])
    .merge(['change_seq', 'removed', 'changed_at'])
}

/** The actor's room-list cursor now: the value of their change counter. */
export async function currentRoomCursor(
  client: QueryClientContract,
  userId: string,
  organizationId: string
): Promise<number> {
  const row = await client
    .from('user_sync_state')
    .where({ user_id: userId, organization_id: organizationId })
    .select('change_seq')
    .first()
  return Number(row?.change_seq ?? 0)
}

/** The rooms that changed for a user after a cursor, split into still-joined and left. */
export async function roomChangesSince(
  client: QueryClientContract,
  userId: string,
  organizationId: string,
  after: number
) {
  const rows = await client
    .from('user_room_changes')
    .where({ user_id: userId, organization_id: organizationId })
    .where('change_seq', '>', after)
    .orderBy('change_seq', 'asc')
    .select('room_id', 'removed', 'change_seq')
  return {
    changedRoomIds: rows.filter((row) => !row.removed).map((row) => row.room_id as string),
    removedRoomIds: rows.filter((row) => row.removed).map((row) => row.room_id as string),
    lastChange: rows.length ? Number(rows[rows.length - 1].change_seq) : 0,
  }
}
