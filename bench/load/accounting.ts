import type pg from 'pg'
import type { LoadClient } from './load_client.js'

/** One stored message, as the database holds it at the end of the run. */
interface StoredRow {
  id: string
  roomId: string
  seq: number
  versionSeq: number
  clientMessageId: string | null
  createdAt: number
}

/** What a sender learned from its acks: the message it was told is stored. */
export interface Ack {
  roomId: string
  id: string
  seq: number
  /** When the ack arrived (Date.now): the message was fanned out before it. */
  at: number
}

/** The counts the run is judged on (printed as they are). */
export interface Accounting {
  stored: number
  expectedDeliveries: number
  delivered: number
  missedLiveRecoveredBySync: number
  missedLiveOutsideFaults: number
  gaps: number
  liveDuplicates: number
  wrongMessages: number
  lost: number
  storedTwice: number
  ackMismatches: number
  roomsWithSeqGaps: number
  changeCursorNotSeq: number
  foreignEvents: number
  clientsNotSynced: number
}

async function storedRows(client: pg.Client) {
  const result = await client.query(
    `SELECT id, room_id, seq, version_seq, client_message_id, created_at FROM messages`
  )
  return result.rows.map((row): StoredRow => ({
    id: row.id,
    roomId: row.room_id,
    seq: Number(row.seq),
    versionSeq: Number(row.version_seq),
    clientMessageId: row.client_message_id,
    createdAt: new Date(row.created_at).getTime(),
  }))
}

/**
 * Whether a client may have missed a message live: between its creation and
 * its ack (the fan-out happens in between) a fault was in effect or this
 * client was away, each widened by `graceMs`, so only `sync` could bring it.
 */
function excused(
  client: LoadClient,
  span: { from: number; to: number },
  faults: { from: number; to: number }[],
  graceMs: number
) {
  const overlaps = (window: { from: number; to?: number }) =>
    span.to >= window.from - graceMs &&
    span.from <= (window.to ?? Number.POSITIVE_INFINITY) + graceMs
  return faults.some(overlaps) || client.offline.some(overlaps)
}

/**
 * Checks what every client holds (live arrivals plus its `sync` answers)
 * against the stored rows of its rooms, and every ack against the stored
 * row of its clientMessageId. Nothing is read through the API here.
 */
export async function account(
  pgClient: pg.Client,
  clients: LoadClient[],
  acks: Map<string, Ack>,
  faults: { from: number; to: number }[],
  graceMs: number
): Promise<Accounting> {
  const rows = await storedRows(pgClient)
  const byRoom = new Map<string, Map<number, StoredRow>>()
  const byClientId = new Map<string, StoredRow[]>()
  let changeCursorNotSeq = 0
  for (const row of rows) {
    const room = byRoom.get(row.roomId) ?? new Map<number, StoredRow>()
    room.set(row.seq, row)
    byRoom.set(row.roomId, room)
    if (row.clientMessageId)
      byClientId.set(row.clientMessageId, [...(byClientId.get(row.clientMessageId) ?? []), row])
    if (row.versionSeq !== row.seq) changeCursorNotSeq += 1
  }
  const counters = await pgClient.query('SELECT id, last_seq FROM rooms')
  let roomsWithSeqGaps = 0
  for (const room of counters.rows) {
    const seqs = byRoom.get(room.id) ?? new Map()
    const last = Number(room.last_seq)
    let complete = seqs.size === last
    for (let seq = 1; complete && seq <= last; seq++) complete = seqs.has(seq)
    if (!complete) roomsWithSeqGaps += 1
  }

  const result: Accounting = {
    stored: rows.length,
    expectedDeliveries: 0,
    delivered: 0,
    missedLiveRecoveredBySync: 0,
    missedLiveOutsideFaults: 0,
    gaps: 0,
    liveDuplicates: 0,
    wrongMessages: 0,
    lost: 0,
    storedTwice: 0,
    ackMismatches: 0,
    roomsWithSeqGaps,
    changeCursorNotSeq,
    foreignEvents: 0,
    clientsNotSynced: 0,
  }
  for (const client of clients) {
    result.foreignEvents += client.foreign
    if (!client.syncedOk) result.clientsNotSynced += 1
    for (const roomId of client.rooms) {
      const stored = byRoom.get(roomId) ?? new Map<number, StoredRow>()
      const live = client.live.get(roomId) ?? new Map()
      const synced = client.synced.get(roomId) ?? new Map()
      for (const [seq, row] of stored) {
        result.expectedDeliveries += 1
        const arrived = live.get(seq)
        if (arrived) {
          result.delivered += 1
          result.liveDuplicates += arrived.count - 1
        } else if (synced.has(seq)) {
          result.missedLiveRecoveredBySync += 1
          const ackedAt = row.clientMessageId ? acks.get(row.clientMessageId)?.at : undefined
          const span = { from: row.createdAt, to: ackedAt ?? row.createdAt }
          if (!excused(client, span, faults, graceMs)) result.missedLiveOutsideFaults += 1
        } else {
          result.gaps += 1
        }
      }
      // A message received (live or synced) that is not the stored row of its seq.
      for (const held of [live, synced]) {
        for (const [seq, arrivals] of held) {
          const row = stored.get(seq)
          if (!row || [...arrivals.ids].some((id) => id !== row.id)) result.wrongMessages += 1
        }
      }
    }
  }
  for (const [clientMessageId, ack] of acks) {
    const found = byClientId.get(clientMessageId) ?? []
    if (!found.length) result.lost += 1
    const row = found[0]
    if (row && (row.id !== ack.id || row.seq !== ack.seq || row.roomId !== ack.roomId))
      result.ackMismatches += 1
  }
  for (const [, found] of byClientId) if (found.length > 1) result.storedTwice += 1
  return result
}

/** The failures of an accounting: every count that must be zero, and live delivery. */
export function judge(counts: Accounting) {
  const mustBeZero: (keyof Accounting)[] = [
    'missedLiveOutsideFaults',
    'gaps',
    'liveDuplicates',
    'wrongMessages',
    'lost',
    'storedTwice',
    'ackMismatches',
    'roomsWithSeqGaps',
    'changeCursorNotSeq',
    'foreignEvents',
    'clientsNotSynced',
  ]
  const failures = mustBeZero
    .filter((key) => counts[key] !== 0)
    .map((key) => `${key} = ${counts[key]}`)
  const accounted = counts.delivered + counts.missedLiveRecoveredBySync + counts.gaps
  if (accounted !== counts.expectedDeliveries)
    failures.push(
      `delivered + recovered + gaps = ${accounted} ≠ expected ${counts.expectedDeliveries}`
    )
  if (counts.delivered === 0) failures.push('nothing was delivered live')
  return failures
}
